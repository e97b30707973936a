"""Calendar files for a session, a series and all upcoming sessions, read back with icalendar."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from tests.factories.programs import SessionPageFactory, build_series

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")


def read_calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar):
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_session_calendar_has_time_zone_location_url_and_stable_uid(site_root, client):
    made = build_series(site_root, sessions=0)
    session = SessionPageFactory(
        parent=made["series"],
        title="The Power of Student Organizing",
        start=datetime(2027, 9, 17, 13, 0, tzinfo=NEW_YORK),
        end=datetime(2027, 9, 17, 15, 0, tzinfo=NEW_YORK),
    )
    calendar = read_calendar(client, session.url + "calendar.ics")
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == "The Power of Student Organizing"
    assert event.decoded("dtstart") == datetime(2027, 9, 17, 13, 0, tzinfo=NEW_YORK)
    assert event["dtstart"].params["TZID"] == "America/New_York"
    assert event.decoded("dtend") == datetime(2027, 9, 17, 15, 0, tzinfo=NEW_YORK)
    assert str(event["location"]) == "Online"
    assert str(event["url"]) == "http://testserver" + session.url
    assert str(event["status"]) == "CONFIRMED"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    uid = str(event["uid"])
    session.title = "Renamed"
    session.save_revision().publish()
    again = read_calendar(client, session.url + "calendar.ics").walk("VEVENT")[0]
    assert str(again["uid"]) == uid


def test_cancelled_session_is_marked_cancelled(site_root, client):
    made = build_series(site_root, sessions=2)
    cancelled = made["sessions"][0]
    cancelled.status = "cancelled"
    cancelled.save_revision().publish()
    calendar = read_calendar(client, made["series"].url + "calendar.ics")
    by_uid = {str(event["uid"]): event for event in calendar.walk("VEVENT")}
    assert len(by_uid) == 2
    statuses = sorted(str(event["status"]) for event in by_uid.values())
    assert statuses == ["CANCELLED", "CONFIRMED"]
    cancelled_event = next(e for e in by_uid.values() if str(e["status"]) == "CANCELLED")
    assert str(cancelled_event["summary"]).startswith("Cancelled:")


def test_in_person_location_is_the_venue(site_root, client):
    made = build_series(site_root, sessions=1)
    session = made["sessions"][0]
    session.format = "in_person"
    session.venue_name = "Vallombrosa Retreat Center"
    session.venue_address = "250 Oak Grove Ave, Menlo Park, CA"
    session.save_revision().publish()
    (event,) = read_calendar(client, session.url + "calendar.ics").walk("VEVENT")
    assert str(event["location"]) == "Vallombrosa Retreat Center, 250 Oak Grove Ave, Menlo Park, CA"


def test_month_only_session_is_an_all_day_span(site_root, client):
    made = build_series(site_root, sessions=0)
    session = SessionPageFactory(
        parent=made["series"], start=datetime(2023, 5, 1, tzinfo=NEW_YORK), end=None, date_precision="month"
    )
    (event,) = read_calendar(client, session.url + "calendar.ics").walk("VEVENT")
    assert event.decoded("dtstart") == datetime(2023, 5, 1).date()
    assert event.decoded("dtend") == datetime(2023, 6, 1).date()


def test_all_upcoming_calendar_spans_series_and_leaves_out_past_and_hidden(site_root, client):
    first = build_series(site_root, sessions=2, past=1)
    second = build_series(site_root, sessions=2)
    draft, unpublished = first["sessions"][:2]
    draft.live = False
    draft.save()
    unpublished.unpublish()
    private = second["sessions"][0]
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    calendar = read_calendar(client, "/trainings/calendar.ics")
    titles = set(events(calendar))
    assert titles == {second["sessions"][1].title}
    assert client.get(private.url + "calendar.ics").status_code == 302


def test_series_calendar_leaves_out_hidden_sessions(site_root, client):
    made = build_series(site_root, sessions=2, past=1)
    made["sessions"][0].unpublish()
    titles = set(events(read_calendar(client, made["series"].url + "calendar.ics")))
    assert titles == {made["sessions"][1].title, made["sessions"][2].title}


def test_draft_session_calendar_is_not_served(site_root, client):
    made = build_series(site_root, sessions=1)
    session = made["sessions"][0]
    session.unpublish()
    assert client.get(session.url + "calendar.ics").status_code == 404


def test_google_calendar_link_carries_utc_times_and_zone(site_root):
    made = build_series(site_root, sessions=0)
    start = timezone.now().replace(microsecond=0) + timedelta(days=2)
    session = SessionPageFactory(parent=made["series"], start=start, end=start + timedelta(hours=2))
    url = session.google_calendar_url()
    assert url.startswith("https://calendar.google.com/calendar/render?action=TEMPLATE")
    assert start.astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%M%SZ") in url
    assert "ctz=America%2FNew_York" in url
