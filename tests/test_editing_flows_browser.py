"""In a real browser, as a member of the Editors group (and, to approve, of the Moderators group):
a partner organization added from the chooser, a session copied as the next one, the next run of a
series planned, and a series sent for moderation with its sessions and approved with them in one
action.

The people and the pages are built once for the module and served (tests.conftest.served); each
test works on its own series, so what one test changes is not what another reads. The tests open
their tabs in one browser, where the editor has logged in once: the admin's scripts and styles are
fetched and compiled once for them all, and the login is not repeated for each test."""

import importlib
import re
from datetime import date, datetime, timedelta
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from programs.models import Organization, SessionPage, TrainingSeriesPage
from tests.conftest import ensure_site_root, requests_in_flight, served, wait_for_answers
from tests.factories.programs import SessionPageFactory, TrainingIndexPageFactory, TrainingSeriesPageFactory
from tests.helpers import ensure_moderation

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

GROUPS_MIGRATION = importlib.import_module("programs.migrations.0011_editor_groups")
PASSWORD = "a-long-test-password"
CHICAGO = ZoneInfo("America/Chicago")


def series_with_sessions(parent, title, slug, sessions, owner, live=True):
    """A weekly series in Chicago time and its sessions, given as (title, start); drafts that
    `owner` saved when not `live`."""
    series = TrainingSeriesPageFactory(
        parent=parent,
        title=title,
        slug=slug,
        cadence="Weekly",
        time_zone="America/Chicago",
        start_date=sessions[0][1].date(),
        end_date=sessions[-1][1].date(),
        live=live,
        owner=owner,
    )
    pages = [
        SessionPageFactory(
            parent=series,
            title=session_title,
            start=start,
            end=start + timedelta(hours=2),
            time_zone="America/Chicago",
            live=live,
            owner=owner,
        )
        for session_title, start in sessions
    ]
    if not live:
        for page in [series, *pages]:
            page.save_revision(user=owner)
    return series, pages


def build():
    home = ensure_site_root()
    GROUPS_MIGRATION.grant(apps)  # the groups, put back if an earlier module's flush emptied them
    ensure_moderation()
    users = {}
    for name, group in [("editor", "Editors"), ("moderator", "Moderators")]:
        user = get_user_model().objects.create_user(name, f"{name}@example.org", PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        users[name] = user
    trainings = TrainingIndexPageFactory(parent=home)
    first, second = datetime(2031, 3, 4, 18, 0, tzinfo=CHICAGO), datetime(2031, 3, 18, 18, 0, tzinfo=CHICAGO)
    editor = users["editor"]
    return {
        **users,
        "partners": series_with_sessions(
            trainings, "Parents at the table", "parents", [("Knowing your district", first)], editor
        ),
        "copy": series_with_sessions(
            trainings, "Organizing 101", "organizing-101", [("Power mapping basics", first)], editor
        ),
        "plan": series_with_sessions(
            trainings,
            "Organizing for health",
            "health",
            [("Listening to patients", first), ("Building a coalition", second)],
            editor,
        ),
        "submit": series_with_sessions(
            trainings,
            "Youth voice in schools",
            "youth-voice",
            [("Finding allies", first), ("Speaking at the board meeting", second)],
            editor,
            live=False,
        ),
    }


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    # No pictures, so no resized copies to make by showing every page first.
    with served(django_db_blocker, build, show_pages=False) as (server, built):
        yield server, built


def log_in(page, server, username):
    page.context.clear_cookies()
    page.goto(server.url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


@pytest.fixture(scope="module")
def editors_browser(site, browser):
    """A browser for the module's tests at desktop width, and the cookies of the editor's login
    through the admin's login form. The session is saved outside any test, so no test's rollback
    takes it away."""
    server, _built = site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        log_in(page, server, "editor")
        page.close()
        yield context, context.cookies()
    finally:
        context.close()


@pytest.fixture
def browser_page(editors_browser):
    """A fresh tab in the module's browser, logged in as the editor whoever the test before logged
    in as; closed once its requests are answered, as tests.conftest.browser_page's browser is."""
    context, editor_cookies = editors_browser
    context.clear_cookies()
    context.add_cookies(editor_cookies)
    page = context.new_page()
    in_flight = requests_in_flight(page)
    yield page
    wait_for_answers(page, in_flight)
    page.close()


def no_server_errors(page):
    errors = []
    page.on("response", lambda response: errors.append(response.url) if response.status >= 500 else None)
    return errors


def page_action(page, label):
    """Open the "…" menu beside the page's title and follow one of its actions."""
    page.locator("#w-slim-header-buttons").get_by_role("button", name="Actions").click()
    # Waiting on the navigation itself: a load-state wait taken straight after the click can
    # answer for the page being left.
    with page.expect_navigation():
        page.locator("#w-slim-header-buttons").get_by_role("link", name=label).click()


def test_an_editor_adds_a_partner_from_the_organization_chooser(site, browser_page, screenshot):
    server, built = site
    series, _sessions = built["partners"]
    page = browser_page
    errors = no_server_errors(page)

    page.goto(f"{server.url}/admin/pages/{series.pk}/edit/")
    page.get_by_role("tab", name="People").click()
    page.get_by_role("button", name="Add Organization").click()
    page.get_by_role("button", name="Choose organization").click()
    dialog = page.locator(".modal-dialog")
    dialog.get_by_role("tab", name="Add organization").click()
    dialog.locator("input[name=name]").fill("Parents United for Public Schools")
    dialog.locator("input[name=website]").fill("parents-united.example.org")
    screenshot(page, "admin-flow-organization-chooser-create")
    dialog.get_by_role("button", name="Add organization").click()
    # The chooser closes and the new organization is the one chosen.
    chosen = page.locator("#id_series_organizations-FORMS").get_by_text("Parents United for Public Schools")
    chosen.wait_for()
    screenshot(page, "admin-flow-organization-chosen")
    # The form comes back to the address it was sent from, so wait on the navigation itself.
    with page.expect_navigation(url=f"**/admin/pages/{series.pk}/edit/"):
        page.get_by_role("button", name="Save draft").click()

    organization = Organization.objects.get(name="Parents United for Public Schools")
    assert organization.website == "https://parents-united.example.org"
    draft = TrainingSeriesPage.objects.get(pk=series.pk).get_latest_revision_as_object()
    assert [link.organization for link in draft.series_organizations.all()] == [organization]
    assert page.get_by_text("Page 'Parents at the table' has been updated.").is_visible()
    assert errors == []


def test_an_editor_copies_a_session_as_the_next_one(site, browser_page, screenshot):
    server, built = site
    _series, [session] = built["copy"]
    page = browser_page
    errors = no_server_errors(page)

    page.goto(f"{server.url}/admin/pages/{session.pk}/edit/")
    page_action(page, "Copy as next session")
    # The series meets weekly: a week later, at the same local time.
    assert "Tuesday 11 March 2031, 6 p.m." in page.locator("main").inner_text()
    screenshot(page, "admin-flow-copy-next-session")
    page.get_by_role("button", name="Make the draft").click()
    page.wait_for_url("**/admin/pages/*/edit/")

    copy = SessionPage.objects.get(pk=int(re.search(r"/pages/(\d+)/edit/", page.url).group(1)))
    assert copy.pk != session.pk and not copy.live
    assert copy.slug == "power-mapping-basics-2031-03-11"
    assert copy.local_start == datetime(2031, 3, 11, 18, 0, tzinfo=CHICAGO)
    assert page.get_by_text("Draft of the next session made for Tuesday 11 March 2031.").is_visible()
    # What the editor sees in the draft's form: the new date and the new slug.
    assert page.input_value("#id_start").startswith("2031-03-11 18:00")
    assert page.input_value("#id_slug") == "power-mapping-basics-2031-03-11"
    page.get_by_role("tab", name="Schedule").click()
    screenshot(page, "admin-flow-copy-next-session-draft")
    assert errors == []


def test_an_editor_plans_the_next_run_of_a_series(site, browser_page, screenshot):
    server, built = site
    series, sessions = built["plan"]
    page = browser_page
    errors = no_server_errors(page)

    page.goto(f"{server.url}/admin/pages/{series.pk}/edit/")
    page_action(page, "Plan the next run of this series")
    assert "The series and its 2 sessions will be copied as drafts" in page.locator("main").inner_text()
    page.fill("input[name=title]", "Organizing for health 2032")
    page.select_option("select[name=interval]", label="12 months")
    screenshot(page, "admin-flow-plan-next-run")
    page.get_by_role("button", name="Make the drafts").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    assert page.get_by_text("'Organizing for health 2032' and its sessions are drafts").is_visible()

    copy = TrainingSeriesPage.objects.get(title="Organizing for health 2032")
    assert (copy.slug, copy.live) == ("organizing-for-health-2032", False)
    assert (copy.start_date, copy.end_date) == (date(2032, 3, 4), date(2032, 3, 18))
    # Every session, as the editor finds them under Sessions: drafts, a year on, same local time.
    page.goto(f"{server.url}{reverse('programs_sessionpage_modeladmin_index')}")
    rows = page.locator("tbody tr", has_text="Organizing for health 2032")
    assert rows.count() == 2
    listed = rows.all_inner_texts()
    assert any("Mar 4, 2032, 6:00 p.m." in row for row in listed), listed
    assert any("Mar 18, 2032, 6:00 p.m." in row for row in listed), listed
    screenshot(page, "admin-flow-plan-next-run-sessions")
    drafts = SessionPage.objects.child_of(copy).order_by("start")
    assert [session.local_start.date() for session in drafts] == [date(2032, 3, 4), date(2032, 3, 18)]
    assert not any(session.live for session in drafts)
    assert all(
        SessionPage.objects.get(pk=session.pk).live for session in sessions
    )  # the old run is untouched
    assert errors == []


def public_path(page):
    return urlparse(page.get_full_url()).path


def test_a_series_goes_to_moderation_with_its_sessions_and_is_approved(site, browser_page, screenshot):
    server, built = site
    series, sessions = built["submit"]
    page = browser_page
    errors = no_server_errors(page)

    page.goto(f"{server.url}/admin/pages/{series.pk}/edit/")
    page_action(page, "Submit with its sessions for moderation")
    confirm = page.locator("main").inner_text()
    assert all(title in confirm for title in [series.title, *(session.title for session in sessions)])
    screenshot(page, "admin-flow-submit-series")
    page.get_by_role("button", name="Submit 3 pages").click()
    page.wait_for_url(f"**/admin/pages/{series.pk}/")
    assert page.get_by_text("3 pages submitted for moderation.").is_visible()
    screenshot(page, "admin-flow-submitted")

    log_in(page, server, "moderator")
    review = page.locator("section", has_text="Awaiting your review")
    for title in [series.title, *(session.title for session in sessions)]:
        assert review.get_by_text(title, exact=True).count() == 1
    screenshot(page, "admin-flow-awaiting-review")
    # The whole program in one action, from the series' "…" menu.
    page.goto(f"{server.url}/admin/pages/{series.pk}/edit/")
    page_action(page, "Approve with its sessions")
    confirm = page.locator("#pages-to-approve").inner_text()
    for title in [series.title, *(session.title for session in sessions)]:
        assert f"{title}: published" in confirm
    screenshot(page, "admin-flow-approve-series")
    page.get_by_role("button", name="Approve 3 pages").click()
    page.wait_for_url(f"**/admin/pages/{series.pk}/")
    assert page.get_by_text("3 pages approved and published.").is_visible()
    screenshot(page, "admin-flow-approved")
    page.goto(f"{server.url}/admin/")
    assert page.get_by_text("Awaiting your review").count() == 0

    for approved in [series, *sessions]:
        approved = approved.specific_class.objects.get(pk=approved.pk)
        assert approved.live and not approved.has_unpublished_changes
    page.context.clear_cookies()
    response = page.goto(server.url + public_path(TrainingSeriesPage.objects.get(pk=series.pk)))
    assert response.status == 200
    assert page.get_by_role("heading", name=series.title, level=1).is_visible()
    for session in sessions:
        assert page.locator("main").get_by_text(session.title).count() >= 1
    response = page.goto(server.url + public_path(SessionPage.objects.get(pk=sessions[0].pk)))
    assert response.status == 200
    assert page.get_by_role("heading", name=sessions[0].title, level=1).is_visible()
    assert errors == []
