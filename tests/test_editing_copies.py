"""Copies that plan the next run: a copy's slug from its new title, "Copy as next session" and
"Plan the next run of this series"."""

import html
import zoneinfo
from datetime import date, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from home.models import Topic
from programs.editing.copying import Interval, interval_from_cadence
from programs.models import Registration, SessionPage, Status, TrainingSeriesPage
from programs.models.choices import Format, RegistrationMethod, RegistrationStatus
from tests.factories.programs import build_series

pytestmark = pytest.mark.django_db

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user, "django.contrib.auth.backends.ModelBackend")
    return user


@pytest.fixture
def made(site_root):
    made = build_series(site_root, sessions=2)
    series = made["series"]
    series.start_date, series.end_date = date(2031, 1, 31), date(2031, 3, 31)
    series.registration_deadline = date(2031, 1, 15)
    series.cadence = "Every other Tuesday, two hours"
    series.save()
    for number, session in enumerate(made["sessions"]):
        session.start = datetime(2031, 3, 4 + 14 * number, 18, 0, tzinfo=CHICAGO)
        session.end = session.start + timedelta(hours=2)
        session.time_zone = "America/Chicago"
        session.registration_deadline = session.start - timedelta(days=2)
        session.venue_name = "Union hall"
        session.recording_url = "https://www.youtube.com/watch?v=last-time"
        session.save()
        session.topics.add(
            Topic.objects.create(name=f"Power mapping {number}", slug=f"power-mapping-{number}")
        )
        session.save_revision().publish()
    return made


@pytest.mark.parametrize(
    "cadence, interval",
    [
        ("Weekly, 90 minutes", Interval(days=7)),
        ("Every Tuesday evening", Interval(days=7)),
        ("Every other Tuesday, two hours", Interval(days=14)),
        ("Bi-weekly", Interval(days=14)),
        ("Every 3 weeks", Interval(days=21)),
        ("Every two months", Interval(months=2)),
        ("Monthly", Interval(months=1)),
        ("Bi-monthly, two hours", None),
        ("", None),
    ],
)
def test_the_cadence_says_how_far_apart_sessions_are(cadence, interval):
    assert interval_from_cadence(cadence) == interval


def test_moving_dates_keeps_the_day_of_the_month_and_the_time_of_day():
    assert Interval(months=1).after(date(2031, 1, 31)) == date(2031, 2, 28)
    assert Interval(months=12).after(date(2031, 6, 1)) == date(2032, 6, 1)
    # Across the change to daylight saving time, 6 pm stays 6 pm in Chicago.
    before = datetime(2031, 3, 4, 18, 0, tzinfo=CHICAGO)
    after = Interval(days=14).after(before)
    assert (after.date(), after.hour, after.utcoffset()) == (date(2031, 3, 18), 18, timedelta(hours=-5))


def test_a_copy_proposes_its_slug_from_the_new_title(client, editor, made):
    session = made["sessions"][0]
    url = reverse("wagtailadmin_pages:copy", args=[session.pk])
    form = client.get(url).context["form"]
    assert form["new_slug"].value() in ("", None)

    response = client.post(
        url, {"new_title": "Power mapping, again", "new_slug": "", "new_parent_page": session.get_parent().pk}
    )

    assert response.status_code == 302
    copy = SessionPage.objects.get(title="Power mapping, again")
    assert copy.slug == "power-mapping-again"


def test_a_copy_with_the_same_title_gets_a_free_slug(client, editor, made):
    session = made["sessions"][0]
    client.post(
        reverse("wagtailadmin_pages:copy", args=[session.pk]),
        {"new_title": session.title, "new_slug": "", "new_parent_page": session.get_parent().pk},
    )
    slugs = set(
        SessionPage.objects.child_of(made["series"])
        .filter(title=session.title)
        .values_list("slug", flat=True)
    )
    assert slugs == {session.slug, f"{session.slug}-2"}


def test_copy_as_next_session_is_offered_on_a_session(client, editor, made):
    session = made["sessions"][1]
    html = client.get(reverse("wagtailadmin_pages:edit", args=[session.pk])).content.decode()
    assert reverse("editing_copy_next_session", args=[session.pk]) in html
    assert "Copy as next session" in html
    series_html = client.get(reverse("wagtailadmin_pages:edit", args=[made["series"].pk])).content.decode()
    assert "Copy as next session" not in series_html
    assert "Plan the next run of this series" in series_html


def test_copy_as_next_session_makes_a_draft_one_cadence_later(client, editor, made):
    session = made["sessions"][1]
    session.status = Status.FULL
    session.save_revision().publish()
    url = reverse("editing_copy_next_session", args=[session.pk])

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Tuesday 1 April 2031, 6 p.m." in confirm.content.decode()

    response = client.post(url)

    copy = SessionPage.objects.child_of(made["series"]).exclude(pk__in=[s.pk for s in made["sessions"]]).get()
    assert response.url == reverse("wagtailadmin_pages:edit", args=[copy.pk])
    assert not copy.live
    assert copy.local_start == datetime(2031, 4, 1, 18, 0, tzinfo=CHICAGO)
    assert copy.local_end == datetime(2031, 4, 1, 20, 0, tzinfo=CHICAGO)
    assert copy.registration_deadline == copy.start - timedelta(days=2)
    assert copy.slug == f"{session.slug}-2031-04-01"
    assert copy.status == Status.SCHEDULED
    assert copy.venue_name == "Union hall"
    assert copy.registration_url == session.registration_url
    assert copy.recording_url == ""
    original = [p.presenter_id for p in session.session_presenters.all()]
    assert [p.presenter_id for p in copy.session_presenters.all()] == original
    assert copy.session_organizations.count() == 2
    assert [t.name for t in copy.topics.all()] == ["Power mapping 1"]
    # The editor opens the copy with its new dates.
    latest = copy.get_latest_revision_as_object()
    assert latest.start == copy.start


def test_without_a_cadence_the_next_session_is_a_week_later(client, editor, made):
    series = made["series"]
    series.cadence = ""
    series.save()
    session = made["sessions"][0]

    client.post(reverse("editing_copy_next_session", args=[session.pk]))

    copy = SessionPage.objects.child_of(series).order_by("-pk").first()
    assert copy.local_start == datetime(2031, 3, 11, 18, 0, tzinfo=CHICAGO)


def test_the_planning_actions_answer_404_for_other_pages(client, editor, made, site_root):
    assert client.get(reverse("editing_copy_next_session", args=[made["series"].pk])).status_code == 404
    assert client.get(reverse("editing_plan_next_run", args=[made["sessions"][0].pk])).status_code == 404
    assert client.get(reverse("editing_plan_next_run", args=[999999])).status_code == 404


def test_plan_the_next_run_copies_the_series_and_sessions_a_year_on(client, editor, made):
    series = made["series"]
    url = reverse("editing_plan_next_run", args=[series.pk])
    assert client.get(url).status_code == 200

    response = client.post(url, {"title": "Organizing for Health 2032", "interval": "12m"})

    copy = TrainingSeriesPage.objects.get(title="Organizing for Health 2032")
    assert response.url == reverse("wagtailadmin_pages:edit", args=[copy.pk])
    assert not copy.live
    assert copy.slug == "organizing-for-health-2032"
    assert (copy.start_date, copy.end_date, copy.registration_deadline) == (
        date(2032, 1, 31),
        date(2032, 3, 31),
        date(2032, 1, 15),
    )
    assert [link.organization_id for link in copy.series_organizations.all()] == [made["host"].pk]
    sessions = list(SessionPage.objects.child_of(copy).order_by("start"))
    assert [s.local_start for s in sessions] == [
        datetime(2032, 3, 4, 18, 0, tzinfo=CHICAGO),
        datetime(2032, 3, 18, 18, 0, tzinfo=CHICAGO),
    ]
    assert not any(s.live for s in sessions)
    assert all(s.get_latest_revision_as_object().start == s.start for s in sessions)
    # The original is untouched.
    assert [s.local_start.year for s in SessionPage.objects.child_of(series)] == [2031, 2031]


def test_plan_the_next_run_explains_a_bad_choice(client, editor, made):
    url = reverse("editing_plan_next_run", args=[made["series"].pk])
    response = client.post(url, {"title": "", "interval": "forever"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "interval"}


def on_site_registration(session):
    """`session` takes registrations on this site, one person has signed up, and it is full."""
    session.registration_method = RegistrationMethod.ON_SITE
    session.registration_url = ""
    session.capacity = 20
    session.waitlist = False
    session.ask_role = True
    session.ask_access_needs = True
    session.join_url = "https://zoom.example.org/j/123"
    session.registration_opens = datetime(2031, 2, 1, 9, 0, tzinfo=CHICAGO)
    session.status = Status.FULL
    session.format = Format.HYBRID
    session.save_revision().publish()
    Registration.objects.create(
        page=session,
        status=RegistrationStatus.CONFIRMED,
        name="Ana Díaz",
        email="ana@example.org",
        status_changed_at=timezone.now(),
    )
    return SessionPage.objects.get(pk=session.pk)


def test_plan_the_next_run_starts_registration_afresh(client, editor, made):
    series = made["series"]
    series.registration_url = "https://register.example.org/fall-2031"
    series.save_revision().publish()
    signed_up = on_site_registration(made["sessions"][0])
    linked = made["sessions"][1]
    url = reverse("editing_plan_next_run", args=[series.pk])

    confirm = client.get(url).content.decode()
    assert "The registration link of this run is not copied" in confirm
    assert f"“{series.title}” and “{linked.title}”" in confirm

    response = client.post(url, {"title": "Organizing for Health 2032", "interval": "12m"}, follow=True)

    assert "Add the new run's registration link under Registration" in html.unescape(
        response.content.decode()
    )
    copy = TrainingSeriesPage.objects.get(title="Organizing for Health 2032")
    first, second = SessionPage.objects.child_of(copy).order_by("start")
    assert copy.registration_url == "" and second.registration_url == ""
    assert copy.get_latest_revision_as_object().registration_url == ""
    assert first.status == Status.SCHEDULED and first.get_status_display() == "Confirmed"
    # The site's own form keeps its settings and opens a year later.
    assert (first.registration_method, first.capacity, first.waitlist) == (
        RegistrationMethod.ON_SITE,
        20,
        False,
    )
    assert (first.ask_role, first.ask_access_needs, first.format) == (True, True, Format.HYBRID)
    assert first.registration_opens == datetime(2032, 2, 1, 9, 0, tzinfo=CHICAGO)
    assert not Registration.objects.filter(page__in=[copy, first, second]).exists()
    # The old run keeps its people, its link and its status.
    assert Registration.objects.filter(page=signed_up).count() == 1
    assert SessionPage.objects.get(pk=signed_up.pk).status == Status.FULL
    assert SessionPage.objects.get(pk=linked.pk).registration_url == linked.registration_url


def test_a_run_without_registration_links_has_nothing_to_say_about_them(client, editor, made):
    series = made["series"]
    TrainingSeriesPage.objects.filter(pk=series.pk).update(registration_url="")
    SessionPage.objects.child_of(series).update(registration_url="")
    confirm = client.get(reverse("editing_plan_next_run", args=[series.pk])).content.decode()
    assert "Registration starts afresh" in confirm
    assert "The registration link of this run is not copied" not in confirm


def test_copy_as_next_session_keeps_format_and_the_sites_registration_settings(client, editor, made):
    session = on_site_registration(made["sessions"][1])

    client.post(reverse("editing_copy_next_session", args=[session.pk]))

    copy = SessionPage.objects.child_of(made["series"]).order_by("-pk").first()
    assert copy.pk != session.pk
    assert copy.format == Format.HYBRID
    assert (copy.registration_method, copy.capacity, copy.waitlist) == (RegistrationMethod.ON_SITE, 20, False)
    assert (copy.ask_role, copy.ask_access_needs, copy.join_url) == (True, True, session.join_url)
    # The form opens one step of the cadence (two weeks) later, as the session does.
    assert copy.registration_opens == datetime(2031, 2, 15, 9, 0, tzinfo=CHICAGO)
    assert copy.status == Status.SCHEDULED
    assert not Registration.objects.filter(page=copy).exists()
