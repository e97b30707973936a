"""iCalendar files and “add to Google Calendar” links for sessions."""

from datetime import UTC, timedelta
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

from home.site_url import site_origin
from programs.models.choices import Status

ICS_STATUS = {
    Status.SCHEDULED: "CONFIRMED",
    Status.FULL: "CONFIRMED",
    Status.POSTPONED: "TENTATIVE",
    Status.CANCELLED: "CANCELLED",
}


def uid_domain():
    return urlsplit(site_origin()).hostname or "trainings.invalid"


def session_uid(session):
    """Stable for the life of the page: its translation key never changes, even if it moves."""
    return f"session-{session.translation_key}@{uid_domain()}"


def event_title(session):
    if session.status != Status.SCHEDULED:
        return f"{session.get_status_display()}: {session.title}"
    if session.date_to_be_confirmed:
        return f"Date to be confirmed: {session.title}"
    return session.title


def event_status(session):
    """An unconfirmed date is TENTATIVE, unless the session is cancelled altogether."""
    status = ICS_STATUS.get(session.status, "CONFIRMED")
    if session.date_to_be_confirmed and status == "CONFIRMED":
        return "TENTATIVE"
    return status


def event_description(session, url):
    lines = [session.summary] if session.summary else []
    if session.presenter_names:
        lines.append("With " + ", ".join(session.presenter_names))
    if session.registration_open:
        # Registration on this site: the form next to the session's own address.
        register = session.registration_url
        if session.takes_registrations_here:
            register = session.registration_form_url()
        if register:
            lines.append(f"Register: {register}")
    if url:
        lines.append(url)
    return "\n\n".join(lines)


def organizer(session):
    """The session's first host as ORGANIZER (the property holds one address): named by its
    website, else by the series' contact e-mail; None when neither is known."""
    hosts = session.hosts()
    if not hosts:
        return None
    series = session.series
    if hosts[0].website:
        address = hosts[0].website
    elif series is not None and series.contact_email:
        address = f"mailto:{series.contact_email}"
    else:
        return None
    value = vCalAddress(address)
    value.params["cn"] = hosts[0].name
    return value


def session_event(session, request=None):
    event = Event()
    url = session.get_full_url(request)
    event.add("uid", session_uid(session))
    event.add("dtstamp", session.last_published_at or timezone.now())
    event.add("summary", event_title(session))
    if session.is_all_day:
        # No published time: whole days (VALUE=DATE), the end being the day after the last one.
        event.add("dtstart", session.local_start.date())
        event.add("dtend", session.local_end.date() + timedelta(days=1))
    else:
        event.add("dtstart", session.local_start)
        event.add("dtend", session.local_end)
    event.add("status", event_status(session))
    if session.location_display:
        event.add("location", session.location_display)
    if url:
        event.add("url", url)
    host = organizer(session)
    if host is not None:
        event.add("organizer", host)
    description = event_description(session, url)
    if description:
        event.add("description", description)
    return event


def build_calendar(sessions, request=None, name=""):
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//Training sessions//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    from programs.models.querysets import attach_organizers

    sessions = list(sessions)
    attach_organizers(sessions)
    for session in sessions:
        calendar.add_component(session_event(session, request))
    calendar.add_missing_timezones()
    return calendar


def calendar_response(sessions, request, name, filename):
    response = HttpResponse(
        build_calendar(sessions, request, name).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def google_calendar_url(session):
    """A link that opens Google Calendar with the session filled in."""
    if session.is_all_day:
        start = session.local_start.date().strftime("%Y%m%d")
        end = (session.local_end.date() + timedelta(days=1)).strftime("%Y%m%d")
    else:
        start = session.start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        end = session.local_end.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    details = session.summary or ""
    url = session.full_url
    if url:
        details = f"{details}\n\n{url}".strip()
    query = {
        "action": "TEMPLATE",
        "text": event_title(session),
        "dates": f"{start}/{end}",
        "details": details,
        "location": session.location_display,
        "ctz": session.time_zone,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query)
