"""The reminder e-mail, sent once to each confirmed registrant of a training that starts within
REGISTRATION_REMINDER_HOURS hours.

"Once" holds even when two schedulers, or the scheduler and someone running
`manage.py send_registration_reminders`, work at the same moment: each registration is first
claimed with a conditional UPDATE (reminder_sent_at from empty to now), which only one of them can
win, and a run sends only what it claimed. A mail the server refuses gives its claim back, so the
next run tries again. Promotion from the waitlist and signing up again clear reminder_sent_at
(programs.registrations.services), so those people are reminded too.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from programs.models import (
    DatePrecision,
    Registration,
    RegistrationMethod,
    RegistrationStatus,
    SessionPage,
    Status,
    TrainingSeriesPage,
)
from programs.registrations import mail
from programs.registrations.services import is_called_off, starts_at

logger = logging.getLogger(__name__)


def waiting_for_reminder():
    """Registrations that hold a seat and have not been reminded."""
    return Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED, reminder_sent_at__isnull=True, erased_at__isnull=True
    )


def pages_starting_soon(now, horizon):
    """Live sessions and series taking sign-ups here, going ahead, whose start is after `now` and no
    later than `horizon`, with someone still to remind. A start that is not a fact (a date to be
    confirmed, or only a month) gets no reminder: the mail would claim it is soon."""
    pending = waiting_for_reminder().values("page_id")
    sessions = (
        SessionPage.objects.live()
        .filter(pk__in=pending, registration_method=RegistrationMethod.ON_SITE)
        .filter(start__gt=now, start__lte=horizon, date_to_be_confirmed=False)
        .exclude(date_precision=DatePrecision.MONTH)
        .exclude(status__in=[Status.CANCELLED, Status.POSTPONED])
    )
    series = (
        TrainingSeriesPage.objects.live()
        .filter(pk__in=pending, registration_method=RegistrationMethod.ON_SITE)
        .with_session_span()
    )
    due = list(sessions)
    for page in series:
        start = starts_at(page)
        if start is not None and now < start <= horizon and not is_called_off(page):
            due.append(page)
    return due


def claim(registration_id, now):
    """Take the registration's reminder for this run: True only for the one run that set it."""
    claimed = waiting_for_reminder().filter(pk=registration_id).update(reminder_sent_at=now)
    return claimed == 1


def give_back(registration_id, claimed_at):
    Registration.objects.filter(pk=registration_id, reminder_sent_at=claimed_at).update(reminder_sent_at=None)


def send_reminders(now=None):
    """Send every reminder that is due. Returns how many were sent."""
    hours = settings.REGISTRATION_REMINDER_HOURS
    if hours <= 0:
        return 0
    now = now or timezone.now()
    sent = 0
    for page in pages_starting_soon(now, now + timedelta(hours=hours)):
        candidates = list(waiting_for_reminder().filter(page_id=page.pk).values_list("pk", flat=True))
        for registration_id in candidates:
            if not claim(registration_id, now):
                continue  # another run has it
            delivered = False
            try:
                registration = Registration.objects.get(pk=registration_id)
                registration.page = page
                delivered = mail.send(registration, "reminder")
            except Exception:
                logger.exception("The reminder for registration %s could not be prepared", registration_id)
            if delivered:
                sent += 1
            else:
                give_back(registration_id, now)
    return sent
