"""The registration jobs the site's scheduler (home/scheduler.py) runs on every round, also run by
hand with `manage.py send_registration_reminders` and `manage.py erase_old_registrations`."""

import logging

from programs.registrations.reminders import send_reminders
from programs.registrations.retention import erase_old_registrations

logger = logging.getLogger(__name__)


def send_registration_reminders():
    """Remind confirmed registrants of trainings starting within REGISTRATION_REMINDER_HOURS."""
    sent = send_reminders()
    if sent:
        logger.info("Sent %s registration reminder(s).", sent)


def erase_expired_registrations():
    """Erase registrants' personal data REGISTRATION_RETENTION_DAYS after their training."""
    erased = erase_old_registrations()
    if erased:
        logger.info("Erased the personal data of %s registration(s).", erased)


SCHEDULED = [send_registration_reminders, erase_expired_registrations]
