"""Registrants' personal data is kept only as long as needed: REGISTRATION_RETENTION_DAYS days
after the training ends, their name, e-mail address and answers are erased.

The row stays, with its status and attendance, so that the counts of who registered, waited and
came survive. Its key is replaced by a fresh random one, so the links in old e-mails lead nowhere.
Running it again changes nothing: an erased registration is not touched twice.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from programs.models import Registration, SessionPage, TrainingSeriesPage
from programs.models.registrations import new_token

ERASED = {
    "name": "",
    "email": "",
    "organization": "",
    "role": "",
    "access_needs": [],
    "access_needs_other": "",
    "consented": False,
}


def not_erased():
    return Registration.objects.filter(erased_at__isnull=True)


def pages_past_retention(now):
    """Ids of the sessions and series with personal data left whose training ended more than the
    retention period before `now`. A session whose date is still to be confirmed has not ended; a
    series ends with its last session or its last day, and one with neither has not ended."""
    cutoff = now - timedelta(days=settings.REGISTRATION_RETENTION_DAYS)
    pending = not_erased().values("page_id")
    sessions = SessionPage.objects.filter(pk__in=pending, end__lt=cutoff, date_to_be_confirmed=False)
    ids = list(sessions.values_list("pk", flat=True))
    for series in TrainingSeriesPage.objects.filter(pk__in=pending).with_session_span():
        ends = series.ends_at
        if ends is not None and ends < cutoff:
            ids.append(series.pk)
    return ids


def erase(registration_id, now):
    """Blank one registration's personal data; False if it was already erased."""
    return not_erased().filter(pk=registration_id).update(**ERASED, token=new_token(), erased_at=now) == 1


def erase_old_registrations(now=None):
    """Erase the personal data of every registration past its retention period. Returns how many
    registrations were erased."""
    now = now or timezone.now()
    erased = 0
    pages = pages_past_retention(now)
    for registration_id in not_erased().filter(page_id__in=pages).values_list("pk", flat=True):
        erased += erase(registration_id, now)
    return erased
