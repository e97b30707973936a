"""Dates only as precise as they were given (exact, date only, month only, to be confirmed), formats
only when stated, and series that say by themselves when they have finished or closed."""

import json
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from programs.models import SessionPage
from tests.factories.programs import (
    OrganizationFactory,
    PresenterPageFactory,
    SessionOrganizationFactory,
    SessionPageFactory,
    SessionPresenterFactory,
    build_series,
)
from tests.helpers import counts, search

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
# A clock time as the site writes one (“1:00 p.m.”), or as a machine does (“13:00”).
CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
# Far enough ahead to be upcoming whenever the tests run; September 17 of it is a weekday we name.
YEAR = timezone.now().year + 2


def at(month, day, hour=0, minute=0, year=YEAR):
    return datetime(year, month, day, hour, minute, tzinfo=NEW_YORK)


def weekday(month, day, year=YEAR):
    return date(year, month, day).strftime("%A")


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def main(html):
    """The visible page, without the head's structured data."""
    return html[html.index("<main") : html.index("</main>")]


def card(html, title):
    """The card (or past-session entry) in a listing that links to `title`."""
    for found in re.finditer(r"<article\b.*?</article>", html, re.S):
        if f">{title}</a>" in found.group(0):
            return found.group(0)
    raise AssertionError(f"No card for {title!r}")


def json_ld(html):
    head = html[: html.index("</head>")]
    return [json.loads(found) for found in JSON_LD.findall(head)]


@pytest.fixture
def series(site_root):
    """A series with one session of each precision, all ahead, in New York time."""
    made = build_series(site_root, sessions=0)
    parent = made["series"]
    made["exact"] = SessionPageFactory(
        parent=parent, title="Exact session", start=at(9, 17, 13), end=at(9, 17, 15)
    )
    # The editor typed a time by habit; a date-only session keeps only the day.
    made["date"] = SessionPageFactory(
        parent=parent, title="Date only session", start=at(9, 20, 19, 30), end=None, date_precision="date"
    )
    made["month"] = SessionPageFactory(
        parent=parent, title="Month only session", start=at(10, 1), end=None, date_precision="month"
    )
    made["tbc"] = SessionPageFactory(
        parent=parent,
        title="Unconfirmed session",
        start=at(10, 22),
        end=at(10, 24),
        date_precision="date",
        date_to_be_confirmed=True,
    )
    return made


# --- The model ------------------------------------------------------------------------------------


def test_a_date_only_session_runs_to_the_end_of_its_last_day_and_keeps_no_time(series):
    session = SessionPage.objects.get(pk=series["date"].pk)
    assert session.local_start == at(9, 20)
    assert session.local_end.date() == date(YEAR, 9, 20)
    assert session.date_display == f"{weekday(9, 20)}, September 20, {YEAR}"
    assert session.time_display == ""
    # Upcoming through the whole of its day in New York, past a moment after midnight.
    late = at(9, 20, 23, 59) + timedelta(seconds=59)
    assert session in SessionPage.objects.upcoming(now=late)
    assert session not in SessionPage.objects.past(now=late)
    assert session in SessionPage.objects.past(now=at(9, 21) + timedelta(seconds=1))
    tbc = series["tbc"]
    assert (tbc.local_start, tbc.local_end.date()) == (at(10, 22), date(YEAR, 10, 24))


def test_a_date_only_session_ends_at_midnight_even_on_a_day_the_clocks_change(site_root):
    made = build_series(site_root, sessions=0)
    # New York's clocks went back an hour that night: the day had 25 hours.
    session = SessionPageFactory(
        parent=made["series"], start=at(11, 1, 9, year=2026), end=None, date_precision="date"
    )
    assert session.end.astimezone(NEW_YORK).strftime("%Y-%m-%d %H:%M") == "2026-11-01 23:59"
    assert session.date_display == "Sunday, November 1, 2026"


def test_display_for_each_precision(series):
    assert series["exact"].date_display == f"{weekday(9, 17)}, September 17, {YEAR}"
    assert series["exact"].time_display.startswith("1:00 p.m.–3:00 p.m. ED")
    assert series["month"].date_display == f"October {YEAR}"
    assert series["month"].time_display == ""
    assert series["tbc"].date_display == f"Date to be confirmed (tentatively October 22–24, {YEAR})"
    assert series["tbc"].time_display == ""


def pending_institute(series):
    """A date-only session whose tentative dates (February 2020) have gone by, still unconfirmed."""
    return SessionPageFactory(
        parent=series,
        title="Pending institute",
        start=at(2, 21, year=2020),
        end=at(2, 23, year=2020),
        date_precision="date",
        date_to_be_confirmed=True,
    )


def test_an_unconfirmed_date_that_has_gone_by_is_never_past(site_root):
    made = build_series(site_root, sessions=0, past=1)
    gone = pending_institute(made["series"])
    assert not gone.is_upcoming and not gone.is_past
    assert gone.status_label == "Date to be confirmed"
    assert gone not in SessionPage.objects.past()
    assert gone not in SessionPage.objects.upcoming()
    upcoming, unconfirmed, past = made["series"].split_sessions()
    assert (upcoming, unconfirmed, past) == ([], [gone], [made["sessions"][0]])


def test_editors_type_a_date_only_session_over_several_days_in_the_admin(site_root, admin_client):
    made = build_series(site_root, sessions=0)
    data = nested_form_data(
        {
            "title": "Retreat",
            "slug": "retreat",
            "body": streamfield([]),
            "resource_links": streamfield([]),
            # The last day's time is earlier than the first day's: only the days count.
            "start": "2027-09-09 09:00",
            "end": "2027-09-11 08:00",
            "time_zone": "America/Los_Angeles",
            "date_precision": "date",
            "status": "scheduled",
            "format": "in_person",
            "registration_method": "none",
            "session_presenters": inline_formset([]),
            "session_organizations": inline_formset([]),
            "session_documents": inline_formset([]),
        }
    )
    response = admin_client.post(f"/admin/pages/add/programs/sessionpage/{made['series'].pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    session = SessionPage.objects.get(slug="retreat")
    assert session.date_display == "September 9–11, 2027"
    los_angeles = ZoneInfo("America/Los_Angeles")
    assert session.start == datetime(2027, 9, 9, tzinfo=los_angeles)
    assert session.end.astimezone(los_angeles).date() == date(2027, 9, 11)


# --- Pages and listings ---------------------------------------------------------------------------


def test_session_pages_show_a_time_only_when_one_was_published(series, client):
    exact = main(html_of(client, series["exact"].url))
    assert f"{weekday(9, 17)}, September 17, {YEAR}" in exact
    assert "1:00 p.m.–3:00 p.m." in exact
    assert f'datetime="{series["exact"].local_start.isoformat()}"' in exact

    date_only = main(html_of(client, series["date"].url))
    assert f'<time datetime="{YEAR}-09-20">{weekday(9, 20)}, September 20, {YEAR}</time>' in date_only
    assert "<dt>Time</dt><dd>Not published</dd>" in date_only
    assert not CLOCK.search(date_only), CLOCK.search(date_only)
    google = re.search(r'href="(https://calendar\.google\.com[^"]+)"', date_only).group(1)
    assert f"dates={YEAR}0920%2F{YEAR}0921" in google

    month = main(html_of(client, series["month"].url))
    assert f'<time datetime="{YEAR}-10">October {YEAR}</time>' in month
    assert "<dt>Time</dt>" not in month
    assert not CLOCK.search(month)

    unconfirmed = main(html_of(client, series["tbc"].url))
    assert f"Date to be confirmed (tentatively October 22–24, {YEAR})" in unconfirmed
    assert "The date is not confirmed yet." in unconfirmed
    assert "<dt>Status</dt><dd>Date to be confirmed</dd>" in unconfirmed
    assert "<time" not in unconfirmed.split("Session details")[0], "no machine-readable date claimed"
    assert not CLOCK.search(unconfirmed)


@pytest.mark.parametrize("url", ["series", "/trainings/", "/"])
def test_listings_show_each_session_as_precisely_as_it_is_known(series, client, url):
    html = main(html_of(client, series["series"].url if url == "series" else url))
    exact = card(html, "Exact session")
    assert f"September 17, {YEAR}" in exact and "1:00 p.m.–3:00 p.m." in exact
    date_only = card(html, "Date only session")
    assert f"{weekday(9, 20)}, September 20, {YEAR}" in date_only
    assert not CLOCK.search(date_only)
    if url != "/":  # the home page lists the next three only
        month = card(html, "Month only session")
        assert f"October {YEAR}" in month and not CLOCK.search(month)
        unconfirmed = card(html, "Unconfirmed session")
        assert f"Date to be confirmed (tentatively October 22–24, {YEAR})" in unconfirmed
        assert not CLOCK.search(unconfirmed)


def test_presenter_and_organization_pages_list_date_only_sessions_without_a_time(series, client):
    session = series["date"]
    presenter = PresenterPageFactory(parent=series["presenters"])
    SessionPresenterFactory(page=session, presenter=presenter)
    organization = OrganizationFactory()
    SessionOrganizationFactory(page=session, organization=organization)
    for url in (presenter.url, f"/trainings/organizations/{organization.slug}/"):
        shown = card(main(html_of(client, url)), "Date only session")
        assert f"September 20, {YEAR}" in shown
        assert not CLOCK.search(shown), url


def test_search_results_show_the_date_only_and_an_unconfirmed_date_as_such(series, client):
    response = search(client, q="session", type="session")
    html = main(response.content.decode())
    found = {result.title: result for result in response.context["results"]}
    assert found["Date only session"].date == f"{weekday(9, 20)}, September 20, {YEAR}"
    assert found["Unconfirmed session"].date_iso == ""
    assert f"Date to be confirmed (tentatively October 22–24, {YEAR})" in html
    assert "1:00 p.m." not in html


def test_a_series_page_keeps_gone_by_unconfirmed_sessions_apart_from_past_ones(site_root, client):
    made = build_series(site_root, sessions=1, past=1)
    pending = pending_institute(made["series"])
    html = main(html_of(client, made["series"].url))
    group = html[html.index("Dates to be confirmed") : html.index("Past sessions")]
    assert "Pending institute" in group
    assert "Date to be confirmed (tentatively February 21–23, 2020)" in group
    assert "Pending institute" not in html[html.index("Past sessions") :]
    page = main(html_of(client, pending.url))
    assert "Took place" not in page and "Past" not in page


def test_search_never_files_an_unconfirmed_date_under_past(site_root, client):
    made = build_series(site_root, sessions=0)
    SessionPageFactory(
        parent=made["series"],
        title="Walrus institute",
        start=at(2, 21, year=2020),
        end=at(2, 23, year=2020),
        date_precision="date",
        date_to_be_confirmed=True,
    )
    SessionPageFactory(
        parent=made["series"],
        title="Walrus retreat",
        start=at(1, 13, year=2020),
        end=None,
        date_precision="date",
    )
    assert counts(search(client, q="walrus", type="session"), "when") == {"Past": 1}
    past = search(client, q="walrus", when="past")
    assert [result.title for result in past.context["results"]] == ["Walrus retreat"]


# --- Calendars, structured data and the API ----------------------------------------------------------


def test_calendar_files_hold_all_day_events_for_dates_without_a_time(series, client):
    response = client.get(series["series"].url + "calendar.ics")
    text = response.content.decode()
    events = {str(event["summary"]): event for event in Calendar.from_ical(response.content).walk("VEVENT")}
    exact = events["Exact session"]
    assert exact.decoded("dtstart") == at(9, 17, 13)
    assert str(exact["status"]) == "CONFIRMED"
    date_only = events["Date only session"]
    assert date_only.decoded("dtstart") == date(YEAR, 9, 20)
    assert date_only.decoded("dtend") == date(YEAR, 9, 21)
    assert f"DTSTART;VALUE=DATE:{YEAR}0920" in text and f"DTEND;VALUE=DATE:{YEAR}0921" in text
    month = events["Month only session"]
    assert (month.decoded("dtstart"), month.decoded("dtend")) == (date(YEAR, 10, 1), date(YEAR, 11, 1))
    unconfirmed = events["Date to be confirmed: Unconfirmed session"]
    assert str(unconfirmed["status"]) == "TENTATIVE"
    assert (unconfirmed.decoded("dtstart"), unconfirmed.decoded("dtend")) == (
        date(YEAR, 10, 22),
        date(YEAR, 10, 25),
    )
    assert f"DTSTART;VALUE=DATE:{YEAR}1022" in text
    single = Calendar.from_ical(client.get(series["date"].url + "calendar.ics").content)
    (event,) = single.walk("VEVENT")
    assert event.decoded("dtstart") == date(YEAR, 9, 20)
    assert "T" not in event["dtstart"].to_ical().decode()


def test_structured_data_is_only_as_precise_as_the_date_and_leaves_out_unconfirmed_ones(series, client):
    (exact,) = json_ld(html_of(client, series["exact"].url))
    assert exact["startDate"] == at(9, 17, 13).isoformat()
    (date_only,) = json_ld(html_of(client, series["date"].url))
    assert (date_only["startDate"], date_only["endDate"]) == (f"{YEAR}-09-20", f"{YEAR}-09-20")
    assert date_only["eventStatus"] == "https://schema.org/EventScheduled"
    (month,) = json_ld(html_of(client, series["month"].url))
    assert month["startDate"] == f"{YEAR}-10"
    assert json_ld(html_of(client, series["tbc"].url)) == []
    (course,) = json_ld(html_of(client, series["series"].url))
    instances = {item["name"]: item for item in course["hasCourseInstance"]}
    assert set(instances) == {"Exact session", "Date only session", "Month only session"}
    assert instances["Date only session"]["startDate"] == f"{YEAR}-09-20"


def test_the_api_reports_each_precision_and_no_time_where_none_is_known(series, client):
    response = client.get(
        "/api/v2/pages/",
        {
            "type": "programs.SessionPage",
            "fields": "date_precision,date_to_be_confirmed,date_display,time_display",
        },
    )
    assert response.status_code == 200
    items = {item["title"]: item for item in response.json()["items"]}
    assert items["Exact session"]["date_precision"] == "exact"
    assert items["Exact session"]["time_display"].startswith("1:00 p.m.")
    assert items["Date only session"]["date_precision"] == "date"
    assert items["Date only session"]["time_display"] == ""
    assert items["Date only session"]["date_display"] == f"{weekday(9, 20)}, September 20, {YEAR}"
    assert items["Month only session"]["date_precision"] == "month"
    assert items["Month only session"]["time_display"] == ""
    assert items["Unconfirmed session"]["date_to_be_confirmed"] is True
    assert items["Unconfirmed session"]["date_display"].startswith("Date to be confirmed")
    assert items["Exact session"]["date_to_be_confirmed"] is False


# --- Formats not stated ---------------------------------------------------------------------------


def test_a_session_whose_format_is_not_stated_says_nothing_about_it(site_root, client):
    made = build_series(site_root, sessions=0)
    made["series"].format = ""
    made["series"].save_revision().publish()
    session = SessionPageFactory(parent=made["series"], title="Power Analysis", format="")
    page = main(html_of(client, session.url))
    for words in ("Online", "Virtual", "In person", "<dt>Format</dt>", "<dt>Where</dt>", "Not stated"):
        assert words not in page, words
    (event,) = Calendar.from_ical(client.get(session.url + "calendar.ics").content).walk("VEVENT")
    assert "location" not in event
    (data,) = json_ld(html_of(client, session.url))
    assert "eventAttendanceMode" not in data and "location" not in data
    listing = main(html_of(client, "/trainings/"))
    assert "Not stated" not in listing
    assert "Virtual" not in card(listing, made["series"].title)
    # Once a venue is known, it is shown, still without guessing how people take part.
    session.venue_name = "Mercy Retreat Center"
    session.save_revision().publish()
    page = main(html_of(client, session.url))
    assert "<dt>Where</dt><dd>Mercy Retreat Center" in page and "In person" not in page


def test_search_does_not_offer_a_format_nobody_stated(site_root, client):
    made = build_series(site_root, sessions=0)
    SessionPageFactory(parent=made["series"], title="Walrus basics", format="")
    SessionPageFactory(parent=made["series"], title="Walrus advanced", format="virtual")
    response = search(client, q="walrus", type="session")
    assert len(response.context["results"]) == 2
    assert counts(response, "format") == {"Virtual": 1}


# --- Series that follow the calendar --------------------------------------------------------------


def test_a_finished_series_says_so_and_hides_every_call_to_sign_up(site_root, client):
    made = build_series(site_root, sessions=0)
    series = made["series"]
    series.registration_url = "https://example.org/apply"
    series.open_call = "Now accepting applications."
    series.registration_deadline = date(2020, 8, 16)
    series.start_date = series.end_date = None
    series.save_revision().publish()
    for month, day in ((9, 9), (11, 14)):
        SessionPageFactory(
            parent=series,
            start=at(month, day, year=2019),
            end=None,
            date_precision="date",
            format="in_person",
        )
    page = main(html_of(client, series.url))
    assert "Ran September–November 2019 · finished" in page
    for hidden in (
        "Register or apply",
        "example.org/apply",
        "Now accepting applications",
        "<dt>Deadline</dt>",
        "Applications closed",
        "Upcoming sessions",
        "No sessions are scheduled right now",
    ):
        assert hidden not in page, hidden
    assert "Past sessions" in page
    listing = card(main(html_of(client, "/trainings/")), series.title)
    assert "Ran September–November 2019 · finished" in listing


def test_a_series_ends_on_its_last_day_when_it_lists_no_sessions(site_root, client):
    made = build_series(site_root, sessions=0)
    series = made["series"]
    series.date_label = "2021-22 school year"
    series.start_date, series.end_date = date(2021, 9, 1), date(2022, 6, 30)
    series.save_revision().publish()
    page = main(html_of(client, series.url))
    assert "Ran 2021-22 school year · finished" in page
    assert "No sessions are scheduled right now" not in page
    # A series still running with nothing scheduled keeps its invitation to hear about the next ones.
    series.end_date = timezone.localdate() + timedelta(days=30)
    series.save_revision().publish()
    page = main(html_of(client, series.url))
    assert "finished" not in page
    assert "No sessions are scheduled right now" in page


def test_a_passed_deadline_closes_applications_on_a_running_series(site_root, client):
    made = build_series(site_root, sessions=2)
    series = made["series"]
    series.registration_url = "https://example.org/apply"
    series.open_call = "Now accepting applications."
    series.registration_deadline = timezone.localdate() + timedelta(days=1)
    series.save_revision().publish()
    page = main(html_of(client, series.url))
    assert "Now accepting applications." in page
    assert "Register or apply" in page and "<dt>Deadline</dt>" in page
    deadline = timezone.localdate() - timedelta(days=1)
    series.registration_deadline = deadline
    series.save_revision().publish()
    page = main(html_of(client, series.url))
    assert f"Applications closed on {deadline.strftime('%A, %B')} {deadline.day}, {deadline.year}" in page
    for hidden in (
        "Now accepting applications",
        "Register or apply",
        "example.org/apply",
        "<dt>Deadline</dt>",
    ):
        assert hidden not in page, hidden
    assert "Upcoming sessions" in page and "finished" not in page


def test_an_unconfirmed_session_still_ahead_keeps_its_series_running(site_root, client):
    made = build_series(site_root, sessions=0, past=1)
    series = made["series"]
    assert series.is_finished
    SessionPageFactory(
        parent=series, start=at(3, 27), end=at(3, 29), date_precision="date", date_to_be_confirmed=True
    )
    page = main(html_of(client, series.url))
    assert "finished" not in page
    assert f"Date to be confirmed (tentatively March 27–29, {YEAR})" in page


def test_a_series_card_on_the_home_page_shows_its_finished_state(site_root, client):
    from programs.models import HomePageFeaturedSeries

    made = build_series(site_root, sessions=0, past=2)
    HomePageFeaturedSeries.objects.create(page=site_root, series=made["series"], sort_order=0)
    listing = card(main(html_of(client, "/")), made["series"].title)
    assert "· finished" in listing


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.org", "pw"))
    return client
