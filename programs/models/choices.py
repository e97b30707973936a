"""Choices and time-zone helpers shared by series and sessions."""

import zoneinfo
from datetime import datetime, time

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


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"“{value}” is not a time zone we know. Choose one from the list.")


def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class Format(models.TextChoices):
    VIRTUAL = "virtual", "Virtual"
    IN_PERSON = "in_person", "In person"
    HYBRID = "hybrid", "Hybrid"


# The field's choices: a format left blank is one the announcement did not state, and pages say nothing
# about it rather than guess.
FORMAT_CHOICES = [("", "Not stated"), *Format.choices]


class Status(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"
    POSTPONED = "postponed", "Postponed"
    FULL = "full", "Full"


class DatePrecision(models.TextChoices):
    EXACT = "exact", "Exact date and time"
    DATE = "date", "Date only (the day is known, the time was not published)"
    MONTH = "month", "Month only (for past sessions whose exact date is unknown)"


class RegistrationMethod(models.TextChoices):
    EXTERNAL = "external", "A link to a registration page on another website"
    NONE = "none", "No registration needed"


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
