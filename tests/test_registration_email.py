"""The e-mails registrants get, read back from a real SMTP server: what each says, the calendar file
that comes with a seat, the join link only for people holding one, and the manage link that opens
their registration. A mail server that is down never undoes a registration."""

import logging
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from programs.models import Registration, RegistrationMethod, RegistrationStatus
from programs.registrations.services import cancel, register
from tests.conftest import free_port
from tests.factories.programs import (
    OrganizationFactory,
    SeriesOrganizationFactory,
    SessionPageFactory,
    TrainingIndexPageFactory,
    TrainingSeriesPageFactory,
)
from tests.smtp_mailbox import SENDER, calendar_of, events, html, manage_path, smtp_server, text

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
JOIN_URL = "https://meet.example.org/j/8675309"
PASSCODE = "Passcode: 4521"
# A clock time as the site writes one ("6:00 p.m.") or as a machine would ("18:00").
CLOCK_TIME = re.compile(r"\b\d{1,2}:\d{2}\b|\b[ap]\.m\.")


@pytest.fixture
def mailbox(settings):
    with smtp_server(settings) as box:
        yield box


@pytest.fixture
def series(site_root):
    series = TrainingSeriesPageFactory(
        parent=TrainingIndexPageFactory(parent=site_root),
        title="Training Series 2.0",
        contact_email="programs@example.org",
    )
    SeriesOrganizationFactory(page=series, organization=OrganizationFactory(name="Youth United for Schools"))
    return series


def evening_in_ten_days():
    day = (timezone.now().astimezone(NEW_YORK) + timedelta(days=10)).date()
    return datetime.combine(day, time(18, 0), tzinfo=NEW_YORK)


def online_session(series, **fields):
    start = evening_in_ten_days()
    values = {
        "title": "Organizing for just schools",
        "registration_method": RegistrationMethod.ON_SITE,
        "capacity": 1,
        "start": start,
        "end": start + timedelta(hours=2),
        "time_zone": "America/New_York",
        "format": "virtual",
        "join_url": JOIN_URL,
        "joining_instructions": PASSCODE,
        **fields,
    }
    return SessionPageFactory(parent=series, **values)


@pytest.fixture
def sign_up(django_capture_on_commit_callbacks):
    def sign_up(page, who):
        with django_capture_on_commit_callbacks(execute=True):
            registration, _created = register(page, name=who.title(), email=f"{who}@example.org")
        return registration

    return sign_up


def assert_no_way_in(message):
    for body in (text(message), html(message)):
        assert JOIN_URL not in body
        assert PASSCODE not in body
    assert calendar_of(message) is None


def test_a_confirmation_says_what_where_and_when_and_carries_the_calendar_and_join_link(
    series, mailbox, sign_up
):
    session = online_session(series)
    sign_up(session, "ana")

    [message] = mailbox.to("ana@example.org")
    assert message["From"] == SENDER
    assert message["Subject"] == "You are registered: Organizing for just schools"
    assert message["Reply-To"] == "programs@example.org"
    body = text(message)
    assert "Hello Ana," in body
    assert f"When: {session.date_display}, {session.time_display}" in body
    assert "6:00 p.m.–8:00 p.m." in session.time_display
    assert "Where: Online" in body
    assert "Hosted by: Youth United for Schools" in body
    assert f"Join link: {JOIN_URL}" in body and PASSCODE in body
    assert session.full_url in body
    # The HTML alternative says the same.
    assert JOIN_URL in html(message) and "Youth United for Schools" in html(message)

    [event] = events(calendar_of(message))
    assert event.decoded("dtstart") == session.local_start
    assert event.decoded("dtstart").hour == 18
    assert str(event["summary"]) == "Organizing for just schools"


def test_a_date_only_session_is_mailed_without_a_clock_time(series, mailbox, sign_up):
    day = (timezone.now() + timedelta(days=20)).date()
    session = online_session(
        series,
        start=datetime.combine(day, time(9, 30), tzinfo=NEW_YORK),
        end=None,
        date_precision="date",
        format="in_person",
        venue_name="Mercy Retreat Center",
        venue_address="2300 Adeline Dr, Burlingame, CA",
        join_url="",
        joining_instructions="",
    )
    sign_up(session, "ana")

    [message] = mailbox.to("ana@example.org")
    body = text(message)
    assert f"When: {session.date_display}\n" in body
    assert day.strftime("%B") in body
    assert "Where: Mercy Retreat Center, 2300 Adeline Dr, Burlingame, CA" in body
    assert not CLOCK_TIME.search(body), body
    assert not CLOCK_TIME.search(html(message))
    [event] = events(calendar_of(message))
    # A whole day in calendars, never a time nobody published.
    start = event.decoded("dtstart")
    assert type(start) is date and start == day


def test_the_waitlisted_get_neither_the_join_link_nor_a_calendar(series, mailbox, sign_up):
    session = online_session(series)
    sign_up(session, "ana")
    sign_up(session, "ben")

    [message] = mailbox.to("ben@example.org")
    assert message["Subject"] == "You are on the waitlist: Organizing for just schools"
    assert "on the waitlist" in text(message)
    assert f"When: {session.date_display}" in text(message)
    assert_no_way_in(message)


def test_a_cancelled_seat_goes_to_the_first_waiting_who_is_told_with_the_join_link(
    series, mailbox, sign_up, django_capture_on_commit_callbacks
):
    session = online_session(series)
    ana = sign_up(session, "ana")
    sign_up(session, "ben")
    mailbox.messages.clear()

    with django_capture_on_commit_callbacks(execute=True):
        promoted = cancel(ana)
    assert promoted.email == "ben@example.org"

    [cancelled] = mailbox.to("ana@example.org")
    assert cancelled["Subject"] == "Your registration is cancelled: Organizing for just schools"
    assert_no_way_in(cancelled)

    [seat] = mailbox.to("ben@example.org")
    assert seat["Subject"] == "A seat opened up: you are registered for Organizing for just schools"
    assert f"Join link: {JOIN_URL}" in text(seat)
    [event] = events(calendar_of(seat))
    assert event.decoded("dtstart") == session.local_start


def test_the_manage_link_in_each_mail_opens_that_registration(series, mailbox, sign_up, client):
    session = online_session(series)
    for who in ("ana", "ben"):
        sign_up(session, who)
        [message] = mailbox.to(f"{who}@example.org")
        response = client.get(manage_path(message))
        assert response.status_code == 200
        page = response.content.decode()
        assert who.title() in page and "Organizing for just schools" in page


def test_a_series_registration_lists_its_sessions_and_attaches_them_all(site_root, mailbox, sign_up):
    series = TrainingSeriesPageFactory(
        parent=TrainingIndexPageFactory(parent=site_root),
        title="Leaders for Just Schools",
        registration_method=RegistrationMethod.ON_SITE,
        capacity=25,
        format="hybrid",
        join_url=JOIN_URL,
    )
    first_start = evening_in_ten_days()
    first = SessionPageFactory(
        parent=series, title="Self exposure", start=first_start, end=first_start + timedelta(hours=3)
    )
    second = SessionPageFactory(
        parent=series,
        title="Team growth",
        start=first_start + timedelta(days=90),
        end=None,
        date_precision="date",
    )
    sign_up(series, "ana")

    [message] = mailbox.to("ana@example.org")
    body = text(message)
    assert message["Subject"] == "You are registered: Leaders for Just Schools"
    assert f"- Self exposure: {first.date_display}, {first.time_display}" in body
    assert f"- Team growth: {second.date_display} (Online)\n" in body
    assert f"Join link: {JOIN_URL}" in body
    found = {str(event["summary"]): event.decoded("dtstart") for event in events(calendar_of(message))}
    assert found == {"Self exposure": first.local_start, "Team growth": second.local_start.date()}


def test_the_html_mail_escapes_what_editors_typed(series, mailbox, sign_up):
    session = online_session(series, title="Schools & <Communities>", slug="schools-and-communities")
    sign_up(session, "ana")
    [message] = mailbox.to("ana@example.org")
    assert "Schools &amp; &lt;Communities&gt;" in html(message)
    assert "<Communities>" not in html(message)
    assert "Schools & <Communities>" in text(message)


def test_a_mail_server_that_is_down_is_logged_and_the_registration_stands(series, settings, sign_up, caplog):
    with smtp_server(settings):
        pass  # the site's settings point at a server ...
    settings.EMAIL_PORT = free_port()  # ... and nothing listens there any more
    session = online_session(series)

    with caplog.at_level(logging.ERROR, logger="programs.registrations.mail"):
        registration = sign_up(session, "ana")

    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.CONFIRMED
    assert "confirmed e-mail for registration" in caplog.text
    assert "could not be sent" in caplog.text
