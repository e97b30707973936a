"""Program staff in a real browser: from a session's page actions to its registrations, marking
someone as attended, and the accessibility checker on the staff pages."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from programs.models import RegistrationMethod
from programs.registrations.services import register
from tests.conftest import ensure_site_root, served
from tests.factories.programs import SessionPageFactory, TrainingIndexPageFactory, TrainingSeriesPageFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough pass phrase"


def build():
    series = TrainingSeriesPageFactory(
        parent=TrainingIndexPageFactory(parent=ensure_site_root()), title="Organizing for Health"
    )
    start = timezone.now() + timedelta(days=10)
    session = SessionPageFactory(
        parent=series,
        title="Digital Security",
        registration_method=RegistrationMethod.ON_SITE,
        registration_url="",
        capacity=2,
        start=start,
        end=start + timedelta(hours=2),
        ask_organization=True,
        ask_role=True,
    )
    register(session, name="Ana Ruiz", email="ana@example.org", organization="Parents United", role="parent")
    register(session, name="Ben Okafor", email="ben@example.org", access_needs=["captions"])
    register(session, name="Cai Lin", email="cai@example.org")
    staff = get_user_model().objects.create_user("rosa", password=PASSWORD, first_name="Rosa")
    staff.groups.add(Group.objects.get(name="Program staff"))
    return {"session": session}


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    # No pictures, so no resized copies to make by showing every page first.
    with served(django_db_blocker, build, show_pages=False) as (server, built):
        yield server, built


def log_in(page, server):
    page.goto(server.url + "/admin/login/")
    page.fill("input[name=username]", "rosa")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def test_program_staff_open_the_registrations_and_mark_someone_attended(site, browser_page, screenshot, axe):
    server, built = site
    session = built["session"]
    page = browser_page
    log_in(page, server)

    page.goto(f"{server.url}/admin/pages/{session.pk}/edit/")
    page.locator("#w-slim-header-buttons").get_by_role("button", name="Actions").click()
    with page.expect_navigation():
        page.locator("#w-slim-header-buttons").get_by_role(
            "link", name="Registrations: 2 of 2 registered"
        ).click()
    assert page.get_by_role("cell", name="Ana Ruiz", exact=True).is_visible()
    assert axe(page) == []
    screenshot(page, "admin-registrations")

    with page.expect_navigation():
        page.get_by_role("button", name="Mark Ana Ruiz as attended").click()
    assert page.get_by_text("Ana Ruiz is marked as attended.").is_visible()

    page.goto(f"{server.url}/admin/registrations/")
    assert page.get_by_role("link", name="Digital Security").is_visible()
    assert axe(page) == []
    screenshot(page, "admin-registrations-overview")
