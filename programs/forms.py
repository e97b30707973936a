"""Admin forms for program pages."""

import zoneinfo

from django import forms
from django.conf import settings
from django.utils import dateformat, timezone
from wagtail.admin.forms import WagtailAdminPageForm

from programs.models.choices import (
    DatePrecision,
    RegistrationMethod,
    end_of_day,
    start_of_day,
    time_zone_choices,
)


def use_time_zone_picker(form):
    current = form.initial.get("time_zone") or form.instance.time_zone
    form.fields["time_zone"].widget = forms.Select(choices=time_zone_choices(current))


def zone_named(name):
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def moment_in_words(value, zone):
    local = value.astimezone(zone)
    return f"{dateformat.format(local, 'l, F j, Y, g:i a')} {local.tzname()}"


def day_in_words(value):
    return dateformat.format(value, "l, F j, Y")


class RegistrationChecks:
    """What the Registration tab must hold together when people register on this site: no link to
    another website, and a form that opens before it closes and before the training starts."""

    def check_on_site_registration(self, cleaned, *, closes, closes_text, starts, starts_text):
        if cleaned.get("registration_method") != RegistrationMethod.ON_SITE:
            return
        if cleaned.get("registration_url"):
            self.add_error(
                "registration_url",
                "People register on this site, so this link would never be used. Clear it, or choose "
                "“A link to a registration page on another website” above.",
            )
        opens = cleaned.get("registration_opens")
        if not opens:
            return
        if closes is not None and opens >= closes:
            self.add_error(
                "registration_opens",
                f"The form would open after registration closes ({closes_text}). Choose an opening "
                "time before the deadline, or move the deadline.",
            )
        elif starts is not None and opens >= starts:
            self.add_error(
                "registration_opens",
                f"The form would open only once the training has started ({starts_text}). Choose an "
                "opening time before the start.",
            )


def show_in_zone(form, names, zone):
    """Show the stored moments `names` as the wall time of `zone`, as editors typed them."""
    for name in names:
        value = getattr(form.instance, name, None)
        if zone and value:
            form.initial[name] = value.astimezone(zone).replace(tzinfo=None)


def read_in_zone(cleaned, names, zone):
    """The fields read the typed times in the editor's time zone; read them again in `zone`."""
    for name in names:
        value = cleaned.get(name)
        if value:
            wall_time = timezone.localtime(value).replace(tzinfo=None)
            cleaned[name] = timezone.make_aware(wall_time, zone)


class SeriesPageForm(RegistrationChecks, WagtailAdminPageForm):
    """A series' time zone is picked from the common US zones first, then any other. The time the
    form opens is typed in the series' time zone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_in_zone(self, ["registration_opens"], zone_named(self.instance.time_zone))
        if "time_zone" in self.fields:
            use_time_zone_picker(self)

    def clean(self):
        cleaned = super().clean()
        zone = zone_named(cleaned.get("time_zone")) or zoneinfo.ZoneInfo(settings.TIME_ZONE)
        read_in_zone(cleaned, ["registration_opens"], zone)
        deadline, first_day = cleaned.get("registration_deadline"), cleaned.get("start_date")
        self.check_on_site_registration(
            cleaned,
            # A series' deadline is a day: registration stays open until that day ends.
            closes=end_of_day(deadline, zone) if deadline else None,
            closes_text=f"at the end of {day_in_words(deadline)}" if deadline else "",
            starts=start_of_day(first_day, zone) if first_day else None,
            starts_text=f"on {day_in_words(first_day)}" if first_day else "",
        )
        return cleaned


class SessionPageForm(RegistrationChecks, WagtailAdminPageForm):
    """Editors type start and end, the registration deadline and the time the form opens as the
    local time of the session's own time zone."""

    MOMENTS = ("start", "end", "registration_deadline", "registration_opens")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_in_zone(self, self.MOMENTS, self._zone(self.instance.time_zone))
        if "time_zone" in self.fields:
            if self.instance.pk is None and not self.is_bound:
                # A new session starts in its series' time zone.
                series_zone = getattr(getattr(self.parent_page, "specific", None), "time_zone", None)
                if series_zone:
                    self.initial["time_zone"] = series_zone
            use_time_zone_picker(self)

    @staticmethod
    def _zone(name):
        return zone_named(name)

    def clean(self):
        cleaned = super().clean()
        zone = self._zone(cleaned.get("time_zone"))
        if zone is None:
            return cleaned
        read_in_zone(cleaned, self.MOMENTS, zone)
        start, end = cleaned.get("start"), cleaned.get("end")
        if cleaned.get("date_precision") == DatePrecision.DATE and start and end:
            # Only the days count: their times are not kept.
            start, end = start.date(), end.date()
        if start and end and end < start:
            self.add_error("end", "The session cannot end before it starts.")
        self._check_registration(cleaned, zone)
        return cleaned

    def _check_registration(self, cleaned, zone):
        start, deadline = cleaned.get("start"), cleaned.get("registration_deadline")
        if start and cleaned.get("date_precision") in (DatePrecision.DATE, DatePrecision.MONTH):
            # No clock time is known: the training starts with its first day.
            start = start_of_day(start.astimezone(zone).date(), zone)
            starts_text = f"on {day_in_words(start)}"
        else:
            starts_text = f"on {moment_in_words(start, zone)}" if start else ""
        self.check_on_site_registration(
            cleaned,
            closes=deadline,
            closes_text=f"on {moment_in_words(deadline, zone)}" if deadline else "",
            starts=start,
            starts_text=starts_text,
        )


class FrameworkLevelPageForm(WagtailAdminPageForm):
    """A level's title must name its number, so that browser tabs, links and search say which level
    it is. Checked here, where the editor can fix it, rather than on every save of older pages."""

    def clean(self):
        cleaned = super().clean()
        title, number = cleaned.get("title"), cleaned.get("number")
        if title and number is not None and not self.instance.names_its_number(title, number):
            self.add_error(
                "title",
                f"Start the title with the level's number, e.g. “Level {number}: {title}”, so that "
                "visitors and search see which level this is.",
            )
        return cleaned
