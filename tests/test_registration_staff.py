"""Registrations in the admin: the Registration tab's checks, the counts staff see, each page's
registrations (search, status, attendance, cancelling them all), the CSV export and its history
entry, who may see what, and deleting pages that have registrations."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, PageLogEntry
from wagtail.test.utils.form_data import querydict_from_html

from programs.models import Registration, RegistrationMethod, RegistrationStatus, SessionPage
from programs.registrations.services import register
from tests.factories.programs import SessionPageFactory, TrainingIndexPageFactory, TrainingSeriesPageFactory

pytestmark = pytest.mark.django_db

BACKEND = "django.contrib.auth.backends.ModelBackend"


def log_in(client, group=None, superuser=False):
    User = get_user_model()
    if superuser:
        user = User.objects.create_superuser("boss", "boss@example.org", "pw")
    else:
        user = User.objects.create_user(f"{group.lower().replace(' ', '-')}-member", password="pw")
        user.groups.add(Group.objects.get(name=group))
    client.force_login(user, BACKEND)
    return user


@pytest.fixture
def series(site_root):
    return TrainingSeriesPageFactory(
        parent=TrainingIndexPageFactory(parent=site_root), title="Organizing for Health"
    )


def on_site_session(series, **fields):
    start = timezone.now() + timedelta(days=10)
    values = {
        "title": "Digital Security",
        "registration_method": RegistrationMethod.ON_SITE,
        "registration_url": "",
        "capacity": 2,
        "start": start,
        "end": start + timedelta(hours=2),
        "ask_organization": True,
        **fields,
    }
    return SessionPageFactory(parent=series, **values)


@pytest.fixture
def session(series):
    return on_site_session(series)


@pytest.fixture
def people(session):
    """Ana and Ben take the two seats, Cai waits, Dee cancelled."""
    ana, _ = register(session, name="Ana Ruiz", email="ana@example.org", organization="Parents United")
    ben, _ = register(session, name="Ben Okafor", email="ben@example.org")
    cai, _ = register(session, name="Cai Lin", email="cai@example.org")
    dee, _ = register(session, name="Dee Marsh", email="dee@example.org")
    Registration.objects.filter(pk=dee.pk).update(status=RegistrationStatus.CANCELLED)
    mail.outbox.clear()
    return {"ana": ana, "ben": ben, "cai": cai, "dee": dee}


def page_url(page, query=""):
    return reverse("registrations_page", args=[page.pk]) + query


def export_url(page, query=""):
    return reverse("registrations_export", args=[page.pk]) + query


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


# The Registration tab


def edit_form(client, page):
    url = f"/admin/pages/{page.pk}/edit/"
    data = querydict_from_html(html(client.get(url)), form_id="page-edit-form")
    # Stream fields are drawn by the browser; an empty one posts only its count.
    streams = ["body", "resource_links"] if isinstance(page, SessionPage) else ["body", "participation"]
    for name in streams:
        data[f"{name}-count"] = "0"
    return url, data


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def test_the_registration_tab_reads_as_an_editor_thinks(client, session):
    log_in(client, "Editors")
    page = html(client.get(f"/admin/pages/{session.pk}/edit/"))
    for words in [
        "On this site: when and how many",
        "On this site: only for people who registered",
        "On this site: questions on the form",
        "Only for online or hybrid trainings",
        "Name and e-mail are always asked.",
    ]:
        assert words in page


def test_on_site_registration_saves_without_a_link_elsewhere(client, session):
    log_in(client, superuser=True)
    url, data = edit_form(client, session)
    data["registration_url"] = ""
    data["registration_opens"] = local(timezone.now() + timedelta(days=1))
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


def test_the_opening_time_and_deadline_are_typed_in_the_sessions_own_time_zone(client, series):
    session = on_site_session(
        series,
        time_zone="America/Los_Angeles",
        start=datetime(2030, 3, 20, 17, 0, tzinfo=UTC),
        end=datetime(2030, 3, 20, 19, 0, tzinfo=UTC),
    )
    log_in(client, superuser=True)
    url, data = edit_form(client, session)
    assert data["start"] == "2030-03-20 10:00"
    data["registration_opens"] = "2030-03-01 09:00"
    data["registration_deadline"] = "2030-03-19 17:00"
    assert client.post(url, data).status_code == 302
    saved = SessionPage.objects.get(pk=session.pk).get_latest_revision_as_object()
    assert saved.registration_opens == datetime(2030, 3, 1, 17, 0, tzinfo=UTC)  # PST
    assert saved.registration_deadline == datetime(2030, 3, 20, 0, 0, tzinfo=UTC)  # PDT
    _url, again = edit_form(client, session)
    assert (again["registration_opens"], again["registration_deadline"]) == (
        "2030-03-01 09:00",
        "2030-03-19 17:00",
    )


@pytest.mark.parametrize(
    "change, field, words",
    [
        ({"registration_url": "https://elsewhere.example.org"}, "registration_url", "never be used"),
        (
            {"registration_deadline": 2, "registration_opens": 3},
            "registration_opens",
            "would open after registration closes",
        ),
        ({"registration_opens": 11}, "registration_opens", "would open only once the training has started"),
    ],
)
def test_the_tab_refuses_settings_that_cannot_work(client, session, change, field, words):
    log_in(client, superuser=True)
    url, data = edit_form(client, session)
    for name, value in change.items():
        data[name] = local(timezone.now() + timedelta(days=value)) if isinstance(value, int) else value
    response = client.post(url, data)
    page = html(response)
    assert words in page
    assert SessionPage.objects.get(pk=session.pk).registration_opens is None


def test_a_series_form_that_opens_after_its_last_day_to_register_is_refused(client, series):
    series.registration_method = RegistrationMethod.ON_SITE
    series.registration_url = ""
    series.save_revision().publish()
    log_in(client, superuser=True)
    url, data = edit_form(client, series)
    data["registration_deadline"] = (timezone.localdate() + timedelta(days=5)).isoformat()
    data["registration_opens"] = local(timezone.now() + timedelta(days=6))
    page = html(client.post(url, data))
    assert "would open after registration closes (at the end of" in page


# Counts and the overview


def test_the_sessions_listing_and_the_overview_show_the_counts(client, series, session, people):
    other = on_site_session(series, title="Power Mapping", capacity=None)
    register(other, name="Eve", email="eve@example.org")
    SessionPageFactory(parent=series, title="Linked Elsewhere")
    log_in(client, "Editors")

    listing = html(client.get("/admin/programs/sessionpage/"))
    assert "2 of 2 registered · 1 waiting" in listing
    assert "1 registered" in listing

    overview = html(client.get(reverse("registrations_overview")))
    assert "Digital Security" in overview and "Power Mapping" in overview
    assert "Linked Elsewhere" not in overview
    assert "2 of 2 registered · 1 waiting" in overview


def test_the_page_header_links_to_the_registrations_with_counts(client, session, people):
    log_in(client, "Editors")
    page = html(client.get(f"/admin/pages/{session.pk}/edit/"))
    assert "Registrations: 2 of 2 registered · 1 waiting" in page
    assert page_url(session) in page


@pytest.mark.parametrize("pages", [2, 8])
def test_the_overview_takes_a_bounded_number_of_queries(client, series, django_assert_max_num_queries, pages):
    log_in(client, "Program staff")
    for number in range(pages):
        page = on_site_session(series, title=f"Session {number}")
        register(page, name="Ana", email="ana@example.org")
        register(page, name="Ben", email="ben@example.org")
    url = reverse("registrations_overview")
    client.get(url)
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("people", [3, 40])
def test_a_pages_registrations_take_a_bounded_number_of_queries(
    client, series, django_assert_max_num_queries, people
):
    session = on_site_session(series, capacity=None)
    for number in range(people):
        register(session, name=f"Person {number}", email=f"p{number}@example.org")
    log_in(client, "Program staff")
    for url in [page_url(session), export_url(session)]:
        client.get(url)
        with django_assert_max_num_queries(20):
            assert client.get(url).status_code == 200


# Who sees what


def test_anonymous_visitors_are_sent_to_log_in(client, session, people):
    for url in [page_url(session), export_url(session), reverse("registrations_overview")]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_editors_see_counts_only_and_cannot_export(client, session, people):
    log_in(client, "Editors")
    page = html(client.get(page_url(session)))
    assert "<dt>Confirmed</dt><dd>2 of 2 seats</dd>" in page
    assert "shown only to Program staff" in page
    for private in ["Ana Ruiz", "ana@example.org", "Parents United", "Download"]:
        assert private not in page
    assert client.get(export_url(session)).status_code == 403
    attended = reverse("registrations_attended", args=[session.pk])
    assert client.post(attended, {"registration": people["ana"].pk, "attended": "on"}).status_code == 403
    cancel_all = reverse("registrations_cancel_all", args=[session.pk])
    assert client.post(cancel_all, {"confirm": "3"}).status_code == 403
    assert Registration.objects.filter(page=session).active().count() == 3
    assert not PageLogEntry.objects.filter(action="programs.registrations_export").exists()


def test_someone_who_may_not_edit_the_page_sees_nothing(client, session, people):
    user = get_user_model().objects.create_user("reader", password="pw")
    user.user_permissions.add(*Group.objects.get(name="Editors").permissions.filter(codename="access_admin"))
    client.force_login(user, BACKEND)
    assert client.get(page_url(session)).status_code == 403
    assert client.get(reverse("registrations_overview")).status_code == 403


@pytest.mark.parametrize("who", ["Program staff", "superuser"])
def test_program_staff_and_superusers_see_everyone(client, session, people, who):
    log_in(client, who if who != "superuser" else None, superuser=who == "superuser")
    page = html(client.get(page_url(session)))
    for shown in ["Ana Ruiz", "ana@example.org", "Organization: Parents United", "Cai Lin", "Dee Marsh"]:
        assert shown in page


# The registrations view


def test_search_by_name_or_address_and_filter_by_status(client, session, people):
    log_in(client, "Program staff")
    page = html(client.get(page_url(session, "?q=okafor")))
    assert "Ben Okafor" in page and "Ana Ruiz" not in page
    page = html(client.get(page_url(session, "?q=CAI@EXAMPLE")))
    assert "Cai Lin" in page and "Ben Okafor" not in page
    page = html(client.get(page_url(session, "?status=waitlisted")))
    assert "Cai Lin" in page and "Ana Ruiz" not in page and "Dee Marsh" not in page
    page = html(client.get(page_url(session, "?status=cancelled&q=dee")))
    assert "Dee Marsh" in page
    page = html(client.get(page_url(session, "?q=nobody")))
    assert "No registration matches" in page


@pytest.mark.parametrize(
    "query", ["?status=bogus", "?p=999", "?p=abc", "?q=" + "x" * 5000, "?q=%00%27%22<script>", "?p=-1"]
)
def test_odd_addresses_get_a_page_not_an_error(client, session, people, query):
    log_in(client, "Program staff")
    assert client.get(page_url(session, query)).status_code == 200
    assert client.get(export_url(session, query)).status_code == 200


def test_an_unknown_page_is_not_found(client):
    log_in(client, "Program staff")
    assert client.get(page_url(Page(pk=999999))).status_code == 404
    assert client.get("/admin/registrations/99999999999999999999999/").status_code == 404


@pytest.mark.parametrize(
    "posted",
    [
        {"registration": "99999999999999999999999", "attended": "on"},
        {"registration": "-3"},
        {"registration": ""},
        {"back": "q=\x00"},
    ],
)
def test_forged_attendance_posts_change_nothing(client, session, people, posted):
    log_in(client, "Program staff")
    response = client.post(reverse("registrations_attended", args=[session.pk]), posted)
    assert response.status_code in (302, 404)
    assert not Registration.objects.filter(attended=True).exists()


def test_a_search_with_a_nul_character_marks_attendance_and_returns_to_the_list(client, session, people):
    log_in(client, "Program staff")
    url = reverse("registrations_attended", args=[session.pk])
    response = client.post(url, {"registration": people["ana"].pk, "attended": "on", "back": "q=ana%00"})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_the_listing_is_paginated(client, series):
    session = on_site_session(series, capacity=None)
    for number in range(55):
        register(session, name=f"Person {number:02}", email=f"p{number}@example.org")
    log_in(client, "Program staff")
    first = html(client.get(page_url(session)))
    assert "Person 00" in first and "Person 54" not in first
    assert "page 1 of 2" in first
    second = html(client.get(page_url(session, "?p=2")))
    assert "Person 54" in second and "Person 00" not in second


def test_mark_attended_and_undo(client, session, people):
    log_in(client, "Program staff")
    url = reverse("registrations_attended", args=[session.pk])
    ana = people["ana"]
    assert client.get(url).status_code == 405

    response = client.post(url, {"registration": ana.pk, "attended": "on", "back": "status=confirmed&p=1"})
    assert response.status_code == 302
    assert response["Location"] == page_url(session, "?status=confirmed&p=1")
    ana.refresh_from_db()
    assert ana.attended
    assert "<dt>Marked as attended</dt><dd>1</dd>" in html(client.get(page_url(session)))

    client.post(url, {"registration": ana.pk})
    ana.refresh_from_db()
    assert not ana.attended


def test_marking_attendance_on_another_pages_registration_or_with_bad_input_changes_nothing(
    client, series, session, people
):
    log_in(client, "Program staff")
    other = on_site_session(series, title="Another")
    url = reverse("registrations_attended", args=[other.pk])
    assert client.post(url, {"registration": people["ana"].pk, "attended": "on"}).status_code == 404
    assert client.post(url, {"registration": "nonsense"}).status_code == 302
    assert client.post(url, {"registration": people["ana"].pk, "back": "https://evil.example"})
    assert not Registration.objects.filter(attended=True).exists()


def test_a_post_without_its_csrf_token_is_refused(session, people):
    client = Client(enforce_csrf_checks=True)
    log_in(client, "Program staff")
    url = reverse("registrations_attended", args=[session.pk])
    assert client.post(url, {"registration": people["ana"].pk, "attended": "on"}).status_code == 403
    assert not Registration.objects.filter(attended=True).exists()


def test_erased_registrations_show_no_personal_data(client, session, people):
    Registration.objects.filter(pk=people["ben"].pk).update(
        name="", email="", organization="", erased_at=timezone.now()
    )
    people["ben"].refresh_from_db()
    log_in(client, "Program staff")
    page = html(client.get(page_url(session)))
    assert "Erased" in page and "Ben Okafor" not in page
    rows = read_csv(client.get(export_url(session)))
    erased = [row for row in rows if row[0] == "Erased"]
    assert len(erased) == 1 and erased[0][1] == "" and erased[0][2] == "Confirmed"


# The export


def test_the_export_holds_every_registration_and_is_logged(client, session, people):
    staff = log_in(client, "Program staff")
    response = client.get(export_url(session))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    today = timezone.localdate().isoformat()
    assert (
        response["Content-Disposition"] == f'attachment; filename="registrations-{session.slug}-{today}.csv"'
    )
    rows = read_csv(response)
    assert rows[0][:3] == ["Name", "E-mail", "Status"]
    by_email = {row[1]: row for row in rows[1:]}
    assert set(by_email) == {"ana@example.org", "ben@example.org", "cai@example.org", "dee@example.org"}
    assert by_email["ana@example.org"][0] == "Ana Ruiz"
    assert by_email["ana@example.org"][3] == "Parents United"
    assert by_email["cai@example.org"][2] == "On the waitlist"

    entry = PageLogEntry.objects.get(page=session, action="programs.registrations_export")
    assert entry.user == staff
    assert entry.data["rows"] == 4
    history = html(client.get(reverse("wagtailadmin_pages:history", args=[session.pk])))
    assert "Exported 4 registrations as a CSV file" in history
    log_in(client, superuser=True)
    site_history = html(client.get(reverse("wagtailadmin_reports:site_history")))
    assert "Exported 4 registrations as a CSV file" in site_history


def test_the_export_follows_the_filters(client, session, people):
    log_in(client, "Program staff")
    response = client.get(export_url(session, "?status=waitlisted"))
    assert "-waitlisted-" in response["Content-Disposition"]
    rows = read_csv(response)
    assert [row[0] for row in rows[1:]] == ["Cai Lin"]
    entry = PageLogEntry.objects.get(page=session, action="programs.registrations_export")
    assert (entry.data["rows"], entry.data["status"]) == (1, "waitlisted")


def test_a_name_a_spreadsheet_would_run_as_a_formula_is_kept_as_text(client, session):
    register(session, name='=HYPERLINK("http://x")', email="f@example.org")
    log_in(client, "Program staff")
    rows = read_csv(client.get(export_url(session)))
    assert rows[1][0] == '\'=HYPERLINK("http://x")'


# Cancelling every registration


def test_cancel_every_registration_tells_each_person_and_promotes_no_one(
    client, session, people, django_capture_on_commit_callbacks
):
    log_in(client, "Program staff")
    url = reverse("registrations_cancel_all", args=[session.pk])
    # The number confirmed must be the number standing, written in plain digits.
    for wrong in ("2", "²", "3.0", "", "9" * 40):
        assert client.post(url, {"confirm": wrong}).status_code == 302
    assert Registration.objects.filter(page=session).active().count() == 3

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"confirm": "3"})
    assert response.status_code == 302
    assert not Registration.objects.filter(page=session).active().exists()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ana@example.org",
        "ben@example.org",
        "cai@example.org",
    ]
    assert all(message.subject.startswith("Your registration is cancelled") for message in mail.outbox)
    assert (
        PageLogEntry.objects.get(page=session, action="programs.registrations_cancel_all").data["rows"] == 3
    )


# Deleting pages with registrations


def delete_url(page):
    return reverse("wagtailadmin_pages:delete", args=[page.pk])


def test_a_session_with_people_registered_cannot_be_deleted(client, session, people):
    log_in(client, superuser=True)
    page = html(client.get(delete_url(session)))
    assert "This page cannot be deleted yet" in page
    assert "3 people are still registered or waiting" in page
    assert page_url(session) in page
    response = client.post(delete_url(session), {"delete_registrations": "4"})
    assert "The page was not deleted" in html(response)
    assert SessionPage.objects.filter(pk=session.pk).exists()
    assert Registration.objects.filter(page=session).count() == 4


def test_deleting_a_series_or_the_list_above_counts_the_sessions_registrations(
    client, series, session, people
):
    log_in(client, superuser=True)
    for ancestor in (series, series.get_parent()):
        page = html(client.get(delete_url(ancestor)))
        assert "or pages under it" in page and "4 registrations" in page
        client.post(delete_url(ancestor), {})
        assert Page.objects.filter(pk=ancestor.pk).exists()
    assert Registration.objects.count() == 4


def test_once_none_stand_the_records_go_only_with_an_explicit_confirmation(client, session, people):
    Registration.objects.filter(page=session).update(status=RegistrationStatus.CANCELLED)
    log_in(client, superuser=True)
    page = html(client.get(delete_url(session)))
    assert 'name="delete_registrations" value="4"' in page

    assert "tick the box" in html(client.post(delete_url(session), {}))
    assert "tick the box" in html(client.post(delete_url(session), {"delete_registrations": "3"}))
    assert Registration.objects.filter(page=session).count() == 4

    response = client.post(delete_url(session), {"delete_registrations": "4"})
    assert response.status_code == 302
    assert not SessionPage.objects.filter(pk=session.pk).exists()
    assert not Registration.objects.exists()
    entry = PageLogEntry.objects.get(action="programs.registrations_delete")
    assert entry.page_id == session.pk and entry.data["rows"] == 4


def test_a_past_sessions_records_go_with_confirmation_and_without_cancellation_mails(client, series):
    past = on_site_session(series, capacity=None)
    register(past, name="Ana", email="ana@example.org")
    SessionPage.objects.filter(pk=past.pk).update(
        start=timezone.now() - timedelta(days=3), end=timezone.now() - timedelta(days=3, hours=-2)
    )
    log_in(client, superuser=True)
    page = html(client.get(delete_url(past)))
    assert "No one is still expecting to take part" in page
    mail.outbox.clear()
    assert client.post(delete_url(past), {"delete_registrations": "1"}).status_code == 302
    assert not Registration.objects.exists() and not mail.outbox


def test_staff_without_the_registrants_permission_cannot_delete_the_records(client, session, people):
    Registration.objects.filter(page=session).update(status=RegistrationStatus.CANCELLED)
    log_in(client, "Moderators")
    # Moderators may not delete pages; let them delete this one, to see what they are told.
    GroupPagePermission.objects.create(
        group=Group.objects.get(name="Moderators"),
        page=session,
        permission=Permission.objects.get(codename="delete_page"),
    )
    page = html(client.get(delete_url(session)))
    assert "Only Program staff can delete them" in page
    client.post(delete_url(session), {"delete_registrations": "4"})
    assert SessionPage.objects.filter(pk=session.pk).exists()
    assert Registration.objects.count() == 4


def test_a_page_without_registrations_is_deleted_as_usual(client, series):
    plain = on_site_session(series)
    log_in(client, superuser=True)
    page = html(client.get(delete_url(plain)))
    assert "Are you sure you want to delete this page?" in page
    assert client.post(delete_url(plain)).status_code == 302
    assert not SessionPage.objects.filter(pk=plain.pk).exists()


def test_bulk_deletion_is_refused_while_any_page_has_registrations(client, series, session, people):
    plain = on_site_session(series, title="No one yet")
    log_in(client, superuser=True)
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
        + f"?id={session.pk}&id={plain.pk}"
    )
    response = client.post(url)
    page = html(response)
    assert "Nothing was deleted" in page
    assert SessionPage.objects.filter(pk__in=[session.pk, plain.pk]).count() == 2
    assert Registration.objects.count() == 4


def test_registrations_are_kept_out_of_the_pages_usage_listing(client, session, people):
    log_in(client, "Editors")
    usage = client.get(reverse("wagtailadmin_pages:usage", args=[session.pk]))
    assert usage.status_code == 200
    assert "Ana Ruiz" not in usage.content.decode()


def test_the_page_explorer_offers_the_registrations_of_sessions_taking_them(client, series, session):
    elsewhere = SessionPageFactory(parent=series, title="Linked Elsewhere")
    log_in(client, "Editors")
    listing = html(client.get(reverse("wagtailadmin_explore", args=[series.pk])))
    assert page_url(session) in listing
    assert page_url(elsewhere) not in listing
