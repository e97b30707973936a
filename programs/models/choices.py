"""Choices and time-zone helpers shared by series and sessions."""

import zoneinfo
from datetime import datetime, time
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


def default_time_zone():
    """The site's own time zone, used for new sessions."""
    return settings.TIME_ZONE


def start_of_day(day, zone):
    return datetime.combine(day, time.min, tzinfo=zone)


def end_of_day(day, zone):
    """The last moment of `day` in `zone`: something that ends that day is still on until then."""
    return datetime.combine(day, time.max, tzinfo=zone)


@cache
def known_time_zones():
    """Every zone name the system's time-zone database holds. Listing them walks that database's
    folders (4-8 ms each time, more on a cold disk), and every session saved and every time-zone
    picker asks, so it is done once per process; the database changes only with a new release,
    which comes with a restart."""
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value):
    if value not in known_time_zones():
        raise ValidationError(f"“{value}” is not a time zone we know. Choose one from the list.")


# The zones most programs meet in, named as people say them, offered first.
COMMON_TIME_ZONES = [
    ("America/New_York", "Eastern Time — New York"),
    ("America/Chicago", "Central Time — Chicago"),
    ("America/Denver", "Mountain Time — Denver"),
    ("America/Phoenix", "Mountain Time, no daylight saving — Phoenix"),
    ("America/Los_Angeles", "Pacific Time — Los Angeles"),
    ("America/Anchorage", "Alaska Time — Anchorage"),
    ("Pacific/Honolulu", "Hawaii Time — Honolulu"),
    ("America/Puerto_Rico", "Atlantic Time — Puerto Rico"),
]
# Every place-named zone is listed; older aliases (US/Central, CST6CDT, EST, Etc/GMT+6) repeat
# them under other names, so they are left out of the list but still accepted.
LISTED_AREAS = {
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
}


def time_zone_label(name):
    return name.replace("_", " ")


def time_zone_choices(current=None):
    """The time-zone picker: the common US zones in plain words, then every other zone by name.

    A zone that is valid but unlisted (an older alias) is offered when it is the current value, so
    that saving a page never changes it silently.
    """
    common = dict(COMMON_TIME_ZONES)
    others = sorted(
        name
        for name in known_time_zones()
        if name not in common and (name == "UTC" or name.split("/")[0] in LISTED_AREAS)
    )
    choices = [
        ("Common in the United States", COMMON_TIME_ZONES),
        ("All time zones", [(name, time_zone_label(name)) for name in others]),
    ]
    if current and current not in common and current not in others:
        choices.insert(0, (current, time_zone_label(current)))
    return choices


class Format(models.TextChoices):
    VIRTUAL = "virtual", "Virtual"
    IN_PERSON = "in_person", "In person"
    HYBRID = "hybrid", "Hybrid"


# The field's choices: a format left blank is one the announcement did not state, and pages say nothing
# about it rather than guess.
FORMAT_CHOICES = [("", "Not stated"), *Format.choices]


class Status(models.TextChoices):
    # "Confirmed" rather than "Scheduled", which Wagtail uses for pages waiting to go live.
    SCHEDULED = "scheduled", "Confirmed"
    CANCELLED = "cancelled", "Cancelled"
    POSTPONED = "postponed", "Postponed"
    FULL = "full", "Full"


class DatePrecision(models.TextChoices):
    EXACT = "exact", "Exact date and time"
    DATE = "date", "Date only (the day is known, the time was not published)"
    MONTH = "month", "Month only (for past sessions whose exact date is unknown)"


class RegistrationMethod(models.TextChoices):
    EXTERNAL = "external", "A link to a registration page on another website"
    ON_SITE = "site", "On this site: the site's own form, with seats and a waitlist"
    NONE = "none", "No registration needed"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    WAITLISTED = "waitlisted", "On the waitlist"
    CANCELLED = "cancelled", "Cancelled"


class RegistrantRole(models.TextChoices):
    """The fixed answers to the optional question "What is your role?"."""

    STUDENT = "student", "Student"
    PARENT = "parent", "Parent or caregiver"
    EDUCATOR = "educator", "Educator"
    BOARD_MEMBER = "board_member", "School board member"
    HEALTH_WORKER = "health_worker", "Health worker"
    OTHER = "other", "Other"


class AccessNeed(models.TextChoices):
    """The fixed answers to the optional question on accessibility and language needs."""

    CAPTIONS = "captions", "Captions"
    ASL = "asl", "ASL interpretation"
    SPANISH = "spanish", "Spanish interpretation"
    CHILDCARE = "childcare", "Childcare"


class OrganizationRole(models.TextChoices):
    HOST = "host", "Host"
    PARTNER = "partner", "Partner"


class BrandColour(models.TextChoices):
    """Colours an organization's programs are drawn in where there is no photograph.

    Each is dark enough to carry white text at more than 4.5:1; static/css/site.css defines them
    as ``.tone--<value>``.
    """

    BLUE = "blue", "Blue"
    TEAL = "teal", "Teal"
    GREEN = "green", "Green"
    OLIVE = "olive", "Olive"
    BRICK = "brick", "Brick red"
    CRIMSON = "crimson", "Crimson"
    PURPLE = "purple", "Purple"
    SLATE = "slate", "Slate"
