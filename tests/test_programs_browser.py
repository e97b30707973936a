"""A series page and a session page in a real browser: desktop and phone widths, no axe violations."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
import wagtail_factories
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from home.models import Resource, Topic
from programs.models import SeriesTestimonial, SessionDocument
from tests.conftest import ensure_site_root, served
from tests.factories.programs import (
    FrameworkLevelPageFactory,
    FrameworkPageFactory,
    OrganizationFactory,
    PresenterIndexPageFactory,
    PresenterPageFactory,
    SeriesCostTierFactory,
    SeriesOrganizationFactory,
    SessionOrganizationFactory,
    SessionPageFactory,
    SessionPresenterFactory,
    TestimonialFactory,
    TrainingIndexPageFactory,
    TrainingSeriesPageFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def build_programs():
    """A series with four sessions (one full, one cancelled, a past one with resources), its hosts,
    presenters and testimonial, a framework with two levels, and a superuser for the admin."""
    site_root = ensure_site_root()
    index = TrainingIndexPageFactory(parent=site_root)
    people = PresenterIndexPageFactory(parent=site_root)
    series = TrainingSeriesPageFactory(
        parent=index,
        title="Training Series 2.0",
        summary="Our second virtual public training series for students, educators and parents "
        "who want strong, equitable public schools.",
        audience="Students, educators and parents",
        cadence="Tuesdays and Saturdays, 90 minutes",
        date_label="Fall 2026",
        capacity=25,
        credential="Certificate of participation",
        contact_name="Sophia Ruiz",
        contact_email="trainings@example.org",
        registration_url="https://register.example.org/series",
    )
    SeriesOrganizationFactory(page=series, organization=OrganizationFactory(name="Race Forward"))
    SeriesOrganizationFactory(
        page=series, organization=OrganizationFactory(name="NYU Metro Center"), role="partner"
    )
    SeriesCostTierFactory(page=series, label="Per participant", amount=0)
    SeriesTestimonial.objects.create(
        page=series,
        testimonial=TestimonialFactory(
            quote="It was great to hear about the work of different groups doing organizing "
            "around the country.",
            person_name="",
            role="First series participant",
        ),
    )
    topic = Topic.objects.create(name="Youth organizing", slug="youth-organizing")
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    titles = [
        "The Power of Student Organizing",
        "Back To School: Parents, Students and Educators Advancing for Democracy in Public Education",
        "Confronting White Nationalism in Schools",
        "How Culturally Inclusive is Your Curriculum?",
    ]
    sessions = []
    for number, title in enumerate(titles):
        start = now + timedelta(days=7 * (number - 1) + 3)
        session = SessionPageFactory(
            parent=series,
            title=title,
            start=start,
            end=start + timedelta(hours=2),
            summary="Learn what works from youth organizations that have started organizing high schoolers "
            "across the country, so that you can help build youth power.",
            status="full" if number == 2 else "scheduled",
            recording_url="https://example.org/recording" if number == 0 else "",
        )
        session.topics.add(topic)
        session.save()
        for person_number, (name, role) in enumerate([("Ana Mercado", "lead"), ("Imadé Borha", "guest")]):
            presenter = PresenterPageFactory(
                parent=people,
                title=f"{name}" if number == 0 else f"{name} {number}",
                job_title="Organizer",
                photo=wagtail_factories.ImageFactory(title=name) if person_number == 0 else None,
            )
            SessionPresenterFactory(page=session, presenter=presenter, role=role)
        SessionOrganizationFactory(
            page=session, organization=OrganizationFactory(name=f"Georgia Youth Justice {number}")
        )
        sessions.append(session)

    framework = FrameworkPageFactory(parent=site_root, title="Developmental framework")
    level = FrameworkLevelPageFactory(parent=framework, number=1, title="Self Exposure")
    FrameworkLevelPageFactory(parent=framework, number=2, title="Team Growth")
    series.framework_level = level
    series.save_revision().publish()

    sessions[3].status = "cancelled"
    sessions[3].save_revision().publish()

    past = sessions[0]
    slides = Resource.objects.create(
        title="Slides: student organizing", file=ContentFile(b"slides", name="student-organizing.pdf")
    )
    SessionDocument.objects.create(page=past, document=slides)
    past.resource_links = [
        ("link", {"title": "Youth power reading list", "url": "https://example.org/reading"})
    ]
    past.save_revision().publish()

    get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    return SimpleNamespace(series=series, sessions=sessions, framework=framework, level=level)


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The content above, built once for the module and served (tests.conftest.served)."""
    with served(django_db_blocker, build_programs) as (server, built):
        built.url = server.url
        yield built


def check(browser_page, site, url, name, screenshot, axe):
    browser_page.goto(site.url + url)
    assert axe(browser_page) == []
    screenshot(browser_page, f"{name}-1280")
    browser_page.set_viewport_size({"width": 360, "height": 800})
    browser_page.goto(site.url + url)
    # Nothing may be wider than a phone screen.
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe(browser_page) == []
    screenshot(browser_page, f"{name}-360")


def test_series_page(site, browser_page, screenshot, axe):
    series, sessions = site.series, site.sessions
    check(browser_page, site, series.url, "programs-series", screenshot, axe)
    upcoming = browser_page.get_by_role("region", name="Upcoming sessions")
    assert upcoming.get_by_role("link", name=sessions[1].title).is_visible()
    assert upcoming.get_by_text("Full").first.is_visible()
    past = browser_page.get_by_role("region", name="Past sessions")
    assert past.get_by_role("link", name="Recording").is_visible()


def test_session_page(site, browser_page, screenshot, axe):
    session = site.sessions[1]
    check(browser_page, site, session.url, "programs-session", screenshot, axe)
    assert browser_page.get_by_role("heading", level=1).inner_text() == session.title
    assert browser_page.get_by_role("link", name=f"Register for {session.title}").is_visible()
    assert browser_page.get_by_role("link", name="Google Calendar").is_visible()
    assert browser_page.get_by_role("link", name="Ana Mercado 1").is_visible()


def test_other_program_pages_pass_axe_on_desktop_and_phone(site, browser_page, screenshot, axe):
    presenter = site.sessions[0].session_presenters.first().presenter
    organization = site.sessions[0].session_organizations.first().organization
    pages = {
        "trainings": "/trainings/",
        "presenters": "/presenters/",
        "presenter": presenter.url,
        "organization": f"/trainings/organizations/{organization.slug}/",
        "organizations": "/trainings/organizations/",
        "framework": site.framework.url,
        "framework-level": site.level.url,
    }
    for name, url in pages.items():
        browser_page.set_viewport_size({"width": 1280, "height": 900})
        browser_page.goto(site.url + url)
        assert browser_page.get_by_role("heading", level=1).count() == 1, name
        assert axe(browser_page) == [], name
        browser_page.set_viewport_size({"width": 360, "height": 800})
        browser_page.goto(site.url + url)
        assert browser_page.evaluate("document.documentElement.scrollWidth") <= 360, name
        assert axe(browser_page) == [], name
        screenshot(browser_page, f"programs-{name}-360")


def test_sessions_admin_marks_cancelled_and_full(site, browser_page, screenshot):
    browser_page.goto(site.url + "/admin/login/")
    browser_page.fill("input[name=username]", "editor")
    browser_page.fill("input[name=password]", "a-long-test-password")
    browser_page.click("button[type=submit]")
    browser_page.wait_for_url("**/admin/")
    browser_page.goto(site.url + "/admin/programs/sessionpage/")
    assert browser_page.get_by_text("CANCELLED", exact=True).is_visible()
    assert browser_page.get_by_text("FULL", exact=True).is_visible()
    screenshot(browser_page, "programs-admin-sessions")


def test_past_session_with_resources(site, browser_page, screenshot, axe):
    past = site.sessions[0]
    check(browser_page, site, past.url, "programs-session-past", screenshot, axe)
    resources = browser_page.get_by_role("region", name="Resources")
    assert resources.get_by_role("link", name="Slides: student organizing").is_visible()
    assert resources.get_by_role("link", name="Youth power reading list").is_visible()
    assert browser_page.get_by_role("link", name="Register").count() == 0
