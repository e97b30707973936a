"""Copies that plan the next run: the next session of a series, or a whole series again.

Wagtail's copy keeps a session's presenters, partners, topics, format, venue and registration
settings, and leaves last time's recording and documents behind (`exclude_fields_in_copy`). Here
the copy is also a draft, dated one interval later, with its own slug.

Registrations (`programs.Registration`) point at their page with a plain foreign key, not as the
page's child objects, so Wagtail's copy never takes them along: a copy starts with no sign-ups.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from home.slugs import unique_slug
from programs.models import SessionPage, Status

WORDS_FOR_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True)
class Interval:
    """A step between two runs: whole months (kept to the same day of the month) plus days."""

    months: int = 0
    days: int = 0

    def __str__(self):
        parts = []
        if self.months:
            parts.append(f"{self.months} month{'s' if self.months != 1 else ''}")
        if self.days:
            weeks, days = divmod(self.days, 7)
            if weeks and not days:
                parts.append(f"{weeks} week{'s' if weeks != 1 else ''}")
            else:
                parts.append(f"{self.days} day{'s' if self.days != 1 else ''}")
        return " and ".join(parts) or "no time"

    def after(self, value):
        """`value` (a date, or a datetime kept at the same wall-clock time in its own zone) moved on."""
        if value is None:
            return None
        if isinstance(value, datetime):
            zone = value.tzinfo
            wall = value.replace(tzinfo=None)
            moved = datetime.combine(self.after(wall.date()), wall.time())
            return moved.replace(tzinfo=zone) if zone is None else timezone.make_aware(moved, zone)
        month_index = value.month - 1 + self.months
        year, month = value.year + month_index // 12, month_index % 12 + 1
        day = min(value.day, calendar.monthrange(year, month)[1])
        return date(year, month, day) + timedelta(days=self.days)


ONE_WEEK = Interval(days=7)


def interval_from_cadence(cadence):
    """How far apart a series' sessions are, read from its cadence ("Weekly", "Every other
    Tuesday", "Monthly", "Every 3 weeks"), or None when the words do not say."""
    text = (cadence or "").lower()
    count = r"(\d+|" + "|".join(WORDS_FOR_NUMBERS) + r")"
    if match := re.search(rf"every {count} (week|month|day)s?", text):
        number = match.group(1)
        number = int(number) if number.isdigit() else WORDS_FOR_NUMBERS[number]
        unit = match.group(2)
        return (
            Interval(months=number)
            if unit == "month"
            else Interval(days=number * (7 if unit == "week" else 1))
        )
    if re.search(r"every other|bi-?weekly|fortnight", text):
        return Interval(days=14)
    if re.search(
        r"\bweekly\b|every week|each week|every (monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
        text,
    ):
        return ONE_WEEK
    if (
        re.search(r"\bmonthly\b|every month|each month", text)
        and "bi-monthly" not in text
        and "bimonthly" not in text
    ):
        return Interval(months=1)
    if re.search(r"\bdaily\b|every day", text):
        return Interval(days=1)
    return None


def next_session_interval(session):
    series = session.get_parent().specific
    return interval_from_cadence(getattr(series, "cadence", "")) or ONE_WEEK


def move_session(session, interval):
    """Every date of `session` moved on by `interval`, in the session's own time zone."""
    zone = session.zone
    for name in ("start", "end", "registration_deadline", "registration_opens"):
        value = getattr(session, name)
        if value is not None:
            setattr(session, name, interval.after(value.astimezone(zone)))


@transaction.atomic
def copy_as_next_session(session, user):
    """A draft of the session one interval later, beside it in the same series."""
    session = session.specific
    interval = next_session_interval(session)
    start = interval.after(session.start.astimezone(session.zone))
    siblings = session.get_parent().get_children()
    slug = unique_slug(f"{session.title} {start:%Y-%m-%d}", siblings, fallback="session")
    copy = session.copy(
        update_attrs={"slug": slug, "status": Status.SCHEDULED},
        keep_live=False,
        user=user,
        log_action="wagtail.copy",
    ).specific
    move_session(copy, interval)
    copy.save()
    copy.save_revision(user=user)
    return copy


def registration_links(series):
    """The series and its sessions that link to a registration page elsewhere: that page signs up
    people for this run, so the copies for the next run do not keep it."""
    sessions = SessionPage.objects.child_of(series).exclude(registration_url="").order_by("start")
    return [page for page in [series, *sessions] if page.registration_url]


@transaction.atomic
def plan_next_run(series, interval, title, user):
    """The series and all its sessions copied as drafts, every date moved on by `interval`, and
    registration reset: no sign-ups (see above), no "Full" session, no link to the old run's
    registration page. The site's own registration settings stay, opening `interval` later."""
    series = series.specific
    siblings = series.get_parent().get_children()
    start = interval.after(series.start_date) if series.start_date else None
    # The slug names the new run's year, unless the title already does.
    named = f"{title} {start.year}" if start and str(start.year) not in title else title
    slug = unique_slug(named, siblings, fallback="series")
    copy = series.copy(
        recursive=True,
        update_attrs={"title": title, "slug": slug},
        keep_live=False,
        user=user,
        log_action="wagtail.copy",
    ).specific
    for name in ("start_date", "end_date", "registration_deadline"):
        setattr(copy, name, interval.after(getattr(copy, name)))
    if copy.registration_opens is not None:
        copy.registration_opens = interval.after(timezone.localtime(copy.registration_opens, copy.zone))
    copy.registration_url = ""
    copy.date_label = ""
    copy.save()
    copy.save_revision(user=user)
    for session in SessionPage.objects.child_of(copy).specific():
        move_session(session, interval)
        session.status = Status.SCHEDULED
        session.registration_url = ""
        session.save()
        session.save_revision(user=user)
    return copy
