"""Send the reminders that are due now (the scheduler does this on every round)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from programs.registrations.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "E-mails a reminder to each confirmed registrant of a training that starts within "
        "REGISTRATION_REMINDER_HOURS hours, once: people already reminded are not reminded again, "
        "even if the scheduler runs at the same time."
    )

    def handle(self, *args, **options):
        hours = settings.REGISTRATION_REMINDER_HOURS
        if hours <= 0:
            self.stdout.write("Reminders are off (REGISTRATION_REMINDER_HOURS is 0).")
            return
        sent = send_reminders()
        self.stdout.write(f"Sent {sent} reminder(s) for trainings starting within {hours} hours.")
