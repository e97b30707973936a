"""Seats and the waitlist of the site's own registration: who is confirmed, who waits, who moves up
when someone cancels, and a page's "Full" status following its seats."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from programs.models import RegistrationMethod, RegistrationStatus, SessionPage, Status
from programs.registrations.services import RegistrationError, availability, cancel, register
from tests.factories.programs import SessionPageFactory, TrainingIndexPageFactory, TrainingSeriesPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(site_root):
    return TrainingSeriesPageFactory(parent=TrainingIndexPageFactory(parent=site_root))


def on_site_session(series, **fields):
    start = timezone.now() + timedelta(days=10)
    values = {
        "registration_method": RegistrationMethod.ON_SITE,
        "capacity": 2,
        "start": start,
        "end": start + timedelta(hours=2),
        **fields,
    }
    return SessionPageFactory(parent=series, **values)


def sign_up(page, who):
    return register(page, name=who.title(), email=f"{who}@example.org")


def test_seats_go_to_the_first_people_and_the_rest_wait(series, django_capture_on_commit_callbacks):
    session = on_site_session(series)
    with django_capture_on_commit_callbacks(execute=True):
        first, _ = sign_up(session, "ana")
        second, _ = sign_up(session, "ben")
        third, _ = sign_up(session, "cai")
    assert [first.status, second.status, third.status] == ["confirmed", "confirmed", "waitlisted"]
    where = availability(session)
    assert (where.state, where.seats_left, where.waitlisted) == ("waitlist", 0, 1)
    assert SessionPage.objects.get(pk=session.pk).status == Status.FULL
    assert [message.to for message in mail.outbox] == [
        ["ana@example.org"],
        ["ben@example.org"],
        ["cai@example.org"],
    ]


def test_a_cancelled_seat_goes_to_the_first_person_waiting(series, django_capture_on_commit_callbacks):
    session = on_site_session(series)
    people = [sign_up(session, who)[0] for who in ["ana", "ben", "cai", "dee"]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = cancel(people[0])
    assert promoted.pk == people[2].pk
    statuses = {r.email: r.status for r in type(promoted).objects.filter(page=session)}
    assert statuses == {
        "ana@example.org": RegistrationStatus.CANCELLED,
        "ben@example.org": RegistrationStatus.CONFIRMED,
        "cai@example.org": RegistrationStatus.CONFIRMED,
        "dee@example.org": RegistrationStatus.WAITLISTED,
    }
    assert sorted(message.to[0] for message in mail.outbox) == ["ana@example.org", "cai@example.org"]
    # Still full: the seat went to the waitlist.
    assert SessionPage.objects.get(pk=session.pk).status == Status.FULL


def test_full_clears_itself_when_a_seat_frees_up(series):
    session = on_site_session(series, waitlist=False)
    ana, _ = sign_up(session, "ana")
    sign_up(session, "ben")
    assert SessionPage.objects.get(pk=session.pk).status == Status.FULL
    with pytest.raises(RegistrationError, match="no waitlist"):
        sign_up(session, "cai")
    cancel(ana)
    assert SessionPage.objects.get(pk=session.pk).status == Status.SCHEDULED
    assert availability(session).seats_left == 1


def test_the_same_address_finds_its_registration(series):
    session = on_site_session(series)
    first, created = register(session, name="Ana", email="Ana@Example.org")
    again, created_again = register(session, name="Ana P.", email=" ana@example.org ")
    assert (created, created_again, again.pk) == (True, False, first.pk)
    assert availability(session).confirmed == 1


def test_closed_cancelled_and_not_yet_open_pages_take_no_sign_ups(series):
    now = timezone.now()
    cases = {
        "closed": on_site_session(series, registration_deadline=now - timedelta(hours=1)),
        "cancelled": on_site_session(series, status=Status.CANCELLED),
        "not_yet": on_site_session(series, registration_opens=now + timedelta(days=1)),
    }
    for state, session in cases.items():
        assert availability(session).state == state
        with pytest.raises(RegistrationError):
            sign_up(session, "ana")


def test_one_sign_up_covers_a_whole_series(series):
    series.registration_method = RegistrationMethod.ON_SITE
    series.capacity = 1
    series.start_date = (timezone.now() + timedelta(days=5)).date()
    series.save()
    sign_up(series, "ana")
    assert availability(series).state == "waitlist"


def test_a_sign_up_clears_the_cached_pages_once_and_marking_attendance_not_at_all(series, monkeypatch):
    from home import page_cache

    session = on_site_session(series)
    cleared = []
    monkeypatch.setattr(page_cache, "start_generation", lambda: cleared.append(1))
    ana, _ = sign_up(session, "ana")
    # Once now and once more when the transaction commits (home.page_cache.clear_page_cache).
    assert len(cleared) <= 2
    cleared.clear()
    ana.attended = True
    ana.save()
    assert cleared == []


def test_signing_up_again_after_cancelling_keeps_nothing_from_before(series):
    session = on_site_session(series)
    first, _ = register(
        session,
        name="Ana",
        email="ana@example.org",
        organization="Youth United",
        role="student",
        consented=True,
    )
    old_token = first.token
    cancel(first)
    again, created = register(session, name="Ana P.", email="ana@example.org")
    again.refresh_from_db()
    assert created and again.pk == first.pk and again.status == RegistrationStatus.CONFIRMED
    assert (again.name, again.organization, again.role, again.consented) == ("Ana P.", "", "", False)
    assert again.token != old_token
