"""Admin forms for program pages."""

import zoneinfo

from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm

from programs.models.choices import DatePrecision, time_zone_choices


def use_time_zone_picker(form):
    current = form.initial.get("time_zone") or form.instance.time_zone
    form.fields["time_zone"].widget = forms.Select(choices=time_zone_choices(current))


class SeriesPageForm(WagtailAdminPageForm):
    """A series' time zone is picked from the common US zones first, then any other."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "time_zone" in self.fields:
            use_time_zone_picker(self)


class SessionPageForm(WagtailAdminPageForm):
    """Editors type start and end as the local time of the session's own time zone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = self._zone(self.instance.time_zone)
        for name in ("start", "end"):
            value = getattr(self.instance, name, None)
            if zone and value:
                self.initial[name] = value.astimezone(zone).replace(tzinfo=None)
        if "time_zone" in self.fields:
            if self.instance.pk is None and not self.is_bound:
                # A new session starts in its series' time zone.
                series_zone = getattr(getattr(self.parent_page, "specific", None), "time_zone", None)
                if series_zone:
                    self.initial["time_zone"] = series_zone
            use_time_zone_picker(self)

    @staticmethod
    def _zone(name):
        try:
            return zoneinfo.ZoneInfo(name) if name else None
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return None

    def clean(self):
        cleaned = super().clean()
        zone = self._zone(cleaned.get("time_zone"))
        if zone is None:
            return cleaned
        for name in ("start", "end"):
            value = cleaned.get(name)
            if value:
                # The field read the typed time in the editor's time zone; re-read it in the session's.
                wall_time = timezone.localtime(value).replace(tzinfo=None)
                cleaned[name] = timezone.make_aware(wall_time, zone)
        start, end = cleaned.get("start"), cleaned.get("end")
        if cleaned.get("date_precision") == DatePrecision.DATE and start and end:
            # Only the days count: their times are not kept.
            start, end = start.date(), end.date()
        if start and end and end < start:
            self.add_error("end", "The session cannot end before it starts.")
        return cleaned


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
