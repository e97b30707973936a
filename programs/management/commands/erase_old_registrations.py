"""Erase registrants' personal data past the retention period (the scheduler does this on every
round)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from programs.registrations.retention import erase_old_registrations


class Command(BaseCommand):
    help = (
        "Erases the names, e-mail addresses and answers of registrations for trainings that ended more "
        "than REGISTRATION_RETENTION_DAYS days ago, keeping their status and attendance for the counts. "
        "Safe to run again."
    )

    def handle(self, *args, **options):
        erased = erase_old_registrations()
        days = settings.REGISTRATION_RETENTION_DAYS
        self.stdout.write(
            f"Erased the personal data of {erased} registration(s) for trainings that ended more than "
            f"{days} days ago."
        )
