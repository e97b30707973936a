"""The scheduler's registration jobs: one reminder per confirmed registrant before the training,
never twice, never to people without a seat, never after the start; and registrants' personal data
erased once the retention period after the training has passed, keeping the counts."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from bench.proxy_stack import ProxyStack
from home import scheduler
from programs.models import Registration, RegistrationMethod, RegistrationStatus, Status
from programs.registrations import jobs
from programs.registrations.links import manage_path as manage_path_of
from programs.registrations.reminders import claim, send_reminders
from programs.registrations.retention import erase_old_registrations
from programs.registrations.services import cancel, counts, register
from tests.conftest import ScratchDatabase, free_port
from tests.factories.programs import SessionPageFactory, TrainingIndexPageFactory, TrainingSeriesPageFactory
from tests.smtp_mailbox import calendar_of, events, smtp_server, text

pytestmark = pytest.mark.django_db

JOIN_URL = "https://meet.example.org/j/8675309"
CONFIRMED, WAITLISTED, CANCELLED = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.CANCELLED,
)


@pytest.fixture
def mailbox(settings):
    settings.REGISTRATION_REMINDER_HOURS = 24
    settings.REGISTRATION_RETENTION_DAYS = 180
    with smtp_server(settings) as box:
        yield box


@pytest.fixture
def series(site_root):
    return TrainingSeriesPageFactory(parent=TrainingIndexPageFactory(parent=site_root))


def session_starting_in(series, delay, **fields):
    # On the minute, as editors enter times (and as calendar files keep them).
    start = (timezone.now() + delay).replace(second=0, microsecond=0)
    values = {
        "title": "Organizing for just schools",
        "registration_method": RegistrationMethod.ON_SITE,
        "start": start,
        "end": start + timedelta(hours=2),
        "join_url": JOIN_URL,
        **fields,
    }
    return SessionPageFactory(parent=series, **values)


def seat(page, who, status=CONFIRMED, **fields):
    """A registration as the form leaves it, made directly (also on pages no longer taking any)."""
    return Registration.objects.create(
        page=page,
        name=who.title(),
        email=f"{who}@example.org",
        status=status,
        status_changed_at=timezone.now(),
        **fields,
    )


def reminders(mailbox):
    """{address: number of reminders received}"""
    found = {}
    for recipients, message in mailbox.messages:
        if message["Subject"].startswith("Reminder: "):
            for address in recipients:
                found[address] = found.get(address, 0) + 1
    return found


# Reminders


def test_each_confirmed_registrant_is_reminded_once_however_often_the_job_runs(series, mailbox):
    session = session_starting_in(series, timedelta(hours=5))
    seat(session, "ana")
    seat(session, "ben")
    seat(session, "cai", WAITLISTED)
    seat(session, "dee", CANCELLED)

    assert send_reminders() == 2
    assert send_reminders() == 0
    call_command("send_registration_reminders", stdout=StringIO())

    assert reminders(mailbox) == {"ana@example.org": 1, "ben@example.org": 1}
    [(_, message)] = [item for item in mailbox.messages if item[0] == ["ana@example.org"]]
    assert message["Subject"] == "Reminder: Organizing for just schools"
    body = text(message)
    assert f"When: {session.date_display}, {session.time_display}" in body
    assert f"Join link: {JOIN_URL}" in body
    [event] = events(calendar_of(message))
    assert event.decoded("dtstart") == session.local_start
    assert Registration.objects.filter(page=session, reminder_sent_at__isnull=False).count() == 2


def test_no_reminder_before_the_window_opens_or_once_the_training_has_started(series, mailbox, settings):
    later = session_starting_in(series, timedelta(days=3))
    started = session_starting_in(series, timedelta(hours=-1))
    seat(later, "ana")
    seat(started, "ben")

    assert send_reminders() == 0
    assert reminders(mailbox) == {}

    # With reminders three and a half days ahead, the later session's time has come.
    settings.REGISTRATION_REMINDER_HOURS = 84
    assert send_reminders() == 1
    assert reminders(mailbox) == {"ana@example.org": 1}


def test_trainings_called_off_or_without_a_confirmed_date_get_no_reminder(series, mailbox):
    for who, fields in {
        "ana": {"status": Status.CANCELLED},
        "ben": {"status": Status.POSTPONED},
        "cai": {"date_to_be_confirmed": True},
        "dee": {"registration_method": RegistrationMethod.EXTERNAL},
    }.items():
        seat(session_starting_in(series, timedelta(hours=5), **fields), who)
    assert send_reminders() == 0
    assert reminders(mailbox) == {}


def test_a_registration_another_run_has_claimed_is_left_to_it(series, mailbox):
    session = session_starting_in(series, timedelta(hours=5))
    ana, _ben = seat(session, "ana"), seat(session, "ben")
    # Another scheduler took Ana's reminder a moment ago; the second claim of it fails.
    assert claim(ana.pk, timezone.now()) is True
    assert claim(ana.pk, timezone.now()) is False

    assert send_reminders() == 1
    assert reminders(mailbox) == {"ben@example.org": 1}


def test_a_reminder_the_mail_server_did_not_take_is_tried_again_next_round(series, mailbox, settings):
    session = session_starting_in(series, timedelta(hours=5))
    ana = seat(session, "ana")
    working_port, settings.EMAIL_PORT = settings.EMAIL_PORT, free_port()

    assert send_reminders() == 0
    ana.refresh_from_db()
    assert ana.reminder_sent_at is None

    settings.EMAIL_PORT = working_port
    assert send_reminders() == 1
    assert reminders(mailbox) == {"ana@example.org": 1}


def test_someone_promoted_after_the_reminders_went_out_is_reminded_too(series, mailbox):
    session = session_starting_in(series, timedelta(hours=5), capacity=2)
    ana, _ = register(session, name="Ana", email="ana@example.org")
    register(session, name="Ben", email="ben@example.org")
    cai, _ = register(session, name="Cai", email="cai@example.org")
    assert cai.status == WAITLISTED
    assert send_reminders() == 2

    assert cancel(ana).pk == cai.pk
    assert send_reminders() == 1
    assert reminders(mailbox) == {"ana@example.org": 1, "ben@example.org": 1, "cai@example.org": 1}


def test_a_series_registration_is_reminded_before_its_first_session(site_root, mailbox):
    series = TrainingSeriesPageFactory(
        parent=TrainingIndexPageFactory(parent=site_root),
        title="Leaders for Just Schools",
        registration_method=RegistrationMethod.ON_SITE,
        join_url=JOIN_URL,
    )
    first = session_starting_in(series, timedelta(hours=5), registration_method=RegistrationMethod.NONE)
    session_starting_in(series, timedelta(days=30), registration_method=RegistrationMethod.NONE)
    seat(series, "ana")

    assert send_reminders() == 1
    [(_, message)] = mailbox.messages
    assert message["Subject"] == "Reminder: Leaders for Just Schools"
    assert f"Join link: {JOIN_URL}" in text(message)
    starts = sorted(event.decoded("dtstart") for event in events(calendar_of(message)))
    assert len(starts) == 2 and starts[0] == first.local_start


def test_two_runs_at_the_same_moment_send_each_reminder_once(transactional_db, series, mailbox, tmp_path):
    """Two schedulers (or the scheduler and the command run by hand), each a process of its own with
    its own database connection, racing over the same registrations: on SQLite over a database file,
    on PostgreSQL over a scratch database, both copies of the test database."""
    session = session_starting_in(series, timedelta(hours=5))
    people = [f"person{number}" for number in range(30)]
    for who in people:
        seat(session, who)
    database = ScratchDatabase(tmp_path)
    try:
        smtp = {
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(settings.EMAIL_PORT),
            "DEFAULT_FROM_EMAIL": settings.DEFAULT_FROM_EMAIL,
            "WAGTAILADMIN_BASE_URL": settings.WAGTAILADMIN_BASE_URL,
        }
        processes = ProxyStack(tmp_path, database_url=database.url, env=smtp)
        outputs = processes.manage_together(
            ("send_registration_reminders",), ("send_registration_reminders",)
        )
    finally:
        database.drop()

    sent = [int(re.search(r"Sent (\d+) reminder", output).group(1)) for output in outputs]
    assert sum(sent) == len(people)
    assert reminders(mailbox) == {f"{who}@example.org": 1 for who in people}


# Retention


def session_ended_days_ago(series, days, **fields):
    end = timezone.now() - timedelta(days=days)
    return SessionPageFactory(
        parent=series,
        registration_method=RegistrationMethod.ON_SITE,
        start=end - timedelta(hours=2),
        end=end,
        **fields,
    )


def test_personal_data_is_erased_after_the_retention_period_and_the_counts_stay(series, mailbox, client):
    old = session_ended_days_ago(series, 181)
    recent = session_ended_days_ago(series, 179)
    ana = seat(
        old,
        "ana",
        attended=True,
        organization="Youth United",
        role="student",
        access_needs=["captions", "asl"],
        access_needs_other="Large print",
        consented=True,
    )
    seat(old, "ben", WAITLISTED)
    seat(old, "cai", CANCELLED)
    dee = seat(recent, "dee")
    old_link = manage_path_of(ana)
    assert client.get(old_link).status_code == 200
    before = counts(old)

    assert erase_old_registrations() == 3

    ana.refresh_from_db()
    assert (ana.name, ana.email, ana.organization, ana.role) == ("", "", "", "")
    assert (ana.access_needs, ana.access_needs_other, ana.consented) == ([], "", False)
    assert ana.erased_at is not None
    # What the counts need stays.
    assert (ana.status, ana.attended) == (CONFIRMED, True)
    assert counts(old) == before == (1, 1)
    assert Registration.objects.filter(page=old, erased_at__isnull=False).count() == 3
    assert not Registration.objects.filter(page=old).exclude(email="").exists()
    # The link in Ana's old e-mails leads nowhere; her key is new and unguessable.
    assert client.get(old_link).status_code == 404
    assert ana.token not in old_link and len(ana.token) >= 40
    # A session that ended within the period keeps its registrants.
    dee.refresh_from_db()
    assert (dee.email, dee.erased_at) == ("dee@example.org", None)
    assert client.get(manage_path_of(dee)).status_code == 200

    # Again: nothing left to do, and nothing changes.
    erased_at, token = ana.erased_at, ana.token
    assert erase_old_registrations() == 0
    ana.refresh_from_db()
    assert (ana.erased_at, ana.token) == (erased_at, token)


def test_the_retention_period_is_a_setting(series, mailbox, settings):
    session = session_ended_days_ago(series, 40)
    seat(session, "ana")
    assert erase_old_registrations() == 0
    settings.REGISTRATION_RETENTION_DAYS = 30
    assert erase_old_registrations() == 1


def test_a_series_keeps_its_registrants_until_the_period_after_its_last_session(site_root, mailbox):
    index = TrainingIndexPageFactory(parent=site_root)
    finished = TrainingSeriesPageFactory(parent=index, registration_method=RegistrationMethod.ON_SITE)
    session_ended_days_ago(finished, 400)
    session_ended_days_ago(finished, 200)
    running = TrainingSeriesPageFactory(parent=index, registration_method=RegistrationMethod.ON_SITE)
    session_ended_days_ago(running, 400)
    session_starting_in(running, timedelta(days=30))
    unconfirmed = session_ended_days_ago(finished, 300, date_to_be_confirmed=True)
    ana, ben, cai = seat(finished, "ana"), seat(running, "ben"), seat(unconfirmed, "cai")

    assert erase_old_registrations() == 1
    for registration in (ana, ben, cai):
        registration.refresh_from_db()
    assert ana.erased_at is not None and ana.email == ""
    # A series still running, and a session whose date was never confirmed, have not ended.
    assert ben.erased_at is None and cai.erased_at is None


def test_the_command_erases_and_says_how_many(series, mailbox):
    seat(session_ended_days_ago(series, 365), "ana")
    output = StringIO()
    call_command("erase_old_registrations", stdout=output)
    assert "Erased the personal data of 1 registration(s)" in output.getvalue()


# The scheduler


def test_the_scheduler_runs_the_registration_jobs_every_round(transactional_db, series, mailbox):
    assert jobs.send_registration_reminders in scheduler.JOBS
    assert jobs.erase_expired_registrations in scheduler.JOBS
    soon = session_starting_in(series, timedelta(hours=5))
    seat(soon, "ana")
    old = seat(session_ended_days_ago(series, 365), "ben")

    assert scheduler.run_round() is True
    assert reminders(mailbox) == {"ana@example.org": 1}
    old.refresh_from_db()
    assert old.erased_at is not None

    assert scheduler.run_round() is True
    assert reminders(mailbox) == {"ana@example.org": 1}
