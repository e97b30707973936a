"""A caching proxy is purged of every address whose content changed, once the change is committed."""

import datetime

import pytest
from django.db import transaction
from django.test import Client
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import PageViewRestriction

from blog.models import BlogPostRelatedSeries
from home import proxy_purge
from programs.models import SessionPresenter
from tests.factories.blog import BlogIndexPageFactory, BlogPostPageFactory
from tests.factories.home import StandardPageFactory
from tests.factories.programs import (
    FrameworkLevelPageFactory,
    FrameworkPageFactory,
    build_series,
)
from tests.test_foundation import settings_value
from tests.test_site_page_cache import submit_edit_form

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


class RecordingBackend(BaseBackend):
    """A proxy that only writes down what it was asked to purge."""

    purged = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def purged(settings, django_capture_on_commit_callbacks):
    """The addresses purged, as paths, while the test's changes are committed."""
    settings.WAGTAILFRONTENDCACHE = {"proxy": {"BACKEND": f"{__name__}.RecordingBackend"}}
    RecordingBackend.purged = []

    class Recorder:
        def __call__(self):
            return {url.removeprefix(SITE) for url in RecordingBackend.purged}

        def during(self):
            RecordingBackend.purged = []
            return django_capture_on_commit_callbacks(execute=True)

    return Recorder()


@pytest.fixture
def trainings(site_root):
    """A series of two sessions with presenters and organizations, another series, a framework
    level, and a blog post recommending the first series."""
    made = build_series(site_root, sessions=2, presenters_per_session=2, organizations_per_session=1)
    made["other_series"] = build_series(site_root, sessions=1)["series"]
    framework = FrameworkPageFactory(parent=site_root)
    made["level"], made["other_level"] = FrameworkLevelPageFactory.create_batch(2, parent=framework)
    made["series"].framework_level = made["level"]
    made["series"].save_revision().publish()
    blog = BlogIndexPageFactory(parent=site_root)
    made["post"] = BlogPostPageFactory(parent=blog)
    BlogPostRelatedSeries.objects.create(post=made["post"], series=made["series"])
    return made


def paths(*pages, extra=("",)):
    return {f"{page.url}{suffix}" for page in pages for suffix in extra}


def organization_paths(*organizations):
    return {f"/trainings/organizations/{organization.slug}/" for organization in organizations}


def presenters_of(session):
    return [link.presenter for link in SessionPresenter.objects.filter(page=session)]


def partners_of(session):
    return [link.organization for link in session.session_organizations.all()]


def test_publishing_a_session_purges_everywhere_it_shows(purged, trainings):
    session, series = trainings["sessions"][0], trainings["series"]
    session.title = "Power mapping, part two"
    with purged.during():
        session.save_revision().publish()
    expected = {
        *paths(session, series, trainings["index"], extra=("", "calendar.ics")),
        "/trainings/organizations/",
        "/",
        *paths(*presenters_of(session)),
        *organization_paths(trainings["host"], *partners_of(session)),
        trainings["level"].url,
        trainings["post"].url,
        "/sitemap.xml",
        "/sitemap-1.xml",  # its one section, on a site this small
    }
    assert purged() == expected
    # Presenters and partners of the series' other session show nothing of this one.
    other = trainings["sessions"][1]
    assert not purged() & paths(*presenters_of(other), other)
    assert trainings["other_series"].url not in purged()


@pytest.fixture
def editor(django_user_model):
    staff = Client()
    staff.force_login(django_user_model.objects.create_superuser("editor", "editor@example.org", "pw"))
    return staff


def test_in_the_admin_a_draft_purges_nothing_and_publishing_purges(purged, trainings, editor):
    session = trainings["sessions"][0]
    with purged.during():
        submit_edit_form(editor, session, title="Still a draft")
    assert purged() == set()
    with purged.during():
        submit_edit_form(editor, session, title="Ready now", **{"action-publish": "publish"})
    assert session.title == "Ready now" and not session.has_unpublished_changes
    assert paths(session, *presenters_of(session), extra=("",)) <= purged()


def test_the_proxy_is_purged_only_once_the_change_is_committed(purged, trainings):
    session = trainings["sessions"][0]
    with purged.during(), transaction.atomic():
        session.save_revision().publish()
        assert purged() == set()
    assert session.url in purged()


def test_a_change_rolled_back_purges_nothing(purged, trainings):
    session = trainings["sessions"][0]
    with purged.during(), pytest.raises(RuntimeError), transaction.atomic():
        session.save_revision().publish()
        raise RuntimeError("the publish failed half way")
    assert purged() == set()


def test_saving_a_draft_purges_nothing(purged, trainings):
    session = trainings["sessions"][0]
    session.title = "Not ready yet"
    with purged.during():
        session.save_revision()
        StandardPageFactory(parent=trainings["index"].get_parent(), title="Draft page", live=False)
    assert purged() == set()


def test_a_presenter_taken_off_a_session_loses_it_from_their_page(purged, trainings):
    session = trainings["sessions"][0]
    leaving, staying = presenters_of(session)
    session.session_presenters = [
        link for link in session.session_presenters.all() if link.presenter == staying
    ]
    with purged.during():
        session.save_revision().publish()
    assert {leaving.url, staying.url} <= purged()


def test_a_series_moved_to_another_level_purges_both_levels(purged, trainings):
    series = trainings["series"]
    series.framework_level = trainings["other_level"]
    with purged.during():
        series.save_revision().publish()
    assert paths(trainings["level"], trainings["other_level"]) <= purged()
    assert paths(series, extra=("", "calendar.ics")) | {"/trainings/", "/trainings/calendar.ics"} <= purged()
    assert trainings["post"].url in purged()
    # Its sessions' pages show nothing that changed.
    assert not purged() & paths(*trainings["sessions"])


def test_renaming_a_series_purges_its_sessions_at_their_old_and_new_addresses(purged, trainings):
    series, sessions = trainings["series"], trainings["sessions"]
    old_paths = paths(*sessions, extra=("", "calendar.ics"))
    series.title, series.slug = "Parent power", "parent-power"
    with purged.during():
        series.save_revision().publish()
    new_paths = {
        f"/trainings/parent-power/{session.slug}/{suffix}"
        for session in sessions
        for suffix in ("", "calendar.ics")
    }
    assert old_paths | new_paths <= purged()
    assert paths(*presenters_of(sessions[1])) <= purged()


def test_publishing_a_presenter_purges_their_sessions_and_where_those_are_listed(purged, trainings):
    session = trainings["sessions"][0]
    presenter, fellow = presenters_of(session)
    presenter.title = "Dr. " + presenter.title
    with purged.during():
        presenter.save_revision().publish()
    assert {presenter.url, "/presenters/", "/", fellow.url} <= purged()
    assert paths(session, trainings["series"], trainings["index"], extra=("", "calendar.ics")) <= purged()
    assert organization_paths(*partners_of(session)) <= purged()
    assert trainings["sessions"][1].url not in purged()


def test_publishing_a_level_purges_the_series_tied_to_it(purged, trainings):
    level = trainings["level"]
    level.title = "Collective power"
    with purged.during():
        level.save_revision().publish()
    assert paths(level, level.get_parent(), trainings["series"]) | {"/trainings/", "/"} <= purged()
    assert trainings["other_series"].url not in purged()


def test_publishing_a_blog_post_purges_the_list_its_feed_and_its_neighbours(purged, site_root):
    blog = BlogIndexPageFactory(parent=site_root)
    older, post, newer = (
        BlogPostPageFactory(parent=blog, date=datetime.date(2025, 3, day), title=f"Post {day}")
        for day in (1, 2, 3)
    )
    far = BlogPostPageFactory(parent=blog, date=datetime.date(2025, 1, 1))
    post.date = datetime.date(2025, 3, 4)  # now the newest: `older` and `newer` become neighbours
    with purged.during():
        post.save_revision().publish()
    assert purged() == {
        post.url,
        "/blog/",
        "/blog/feed/",
        "/",
        older.url,
        newer.url,
        "/sitemap.xml",
        "/sitemap-1.xml",
    }
    assert far.url not in purged()


def test_unpublishing_and_deleting_purge_the_page_and_its_listings(purged, trainings):
    first, second = trainings["sessions"]
    with purged.during():
        first.unpublish()
    assert (
        paths(first, trainings["series"], extra=("", "calendar.ics")) | paths(*presenters_of(first))
        <= purged()
    )
    presenters = presenters_of(second)
    with purged.during():
        second.delete()
    assert paths(second, trainings["series"], extra=("", "calendar.ics")) | paths(*presenters) <= purged()


def test_deleting_a_series_purges_its_sessions(purged, trainings):
    series, sessions = trainings["series"], trainings["sessions"]
    expected = paths(series, *sessions, extra=("", "calendar.ics")) | paths(*presenters_of(sessions[1]))
    with purged.during():
        series.delete()
    assert expected <= purged()


def test_moving_a_page_purges_its_old_and_new_addresses(purged, site_root):
    about = StandardPageFactory(parent=site_root, title="About", slug="about")
    StandardPageFactory(parent=about, title="Team", slug="team")
    contact = StandardPageFactory(parent=site_root, title="Contact", slug="contact")
    with purged.during():
        about.move(contact, pos="last-child")
    assert {
        "/about/",
        "/about/team/",
        "/contact/",
        "/contact/about/",
        "/contact/about/team/",
        "/",
        "/sitemap.xml",
        "/sitemap-1.xml",  # its one section, on a site this small
    } == purged()


def test_making_a_page_private_purges_it_and_everything_under_it(purged, site_root):
    members = StandardPageFactory(parent=site_root, title="Members", slug="members")
    StandardPageFactory(parent=members, title="Minutes", slug="minutes")
    with purged.during():
        restriction = PageViewRestriction.objects.create(page=members, restriction_type="login")
    assert {"/members/", "/members/minutes/", "/"} <= purged()
    with purged.during():
        restriction.delete()
    assert {"/members/", "/members/minutes/", "/"} <= purged()


def test_without_a_proxy_no_addresses_are_worked_out(settings, trainings, monkeypatch):
    settings.WAGTAILFRONTENDCACHE = {}

    def never(*args, **kwargs):
        raise AssertionError("addresses worked out with nobody to purge")

    monkeypatch.setattr(proxy_purge, "add_page", never)
    session = trainings["sessions"][0]
    session.save_revision().publish()
    session.unpublish()
    session.move(trainings["other_series"], pos="last-child")
    PageViewRestriction.objects.create(page=trainings["series"], restriction_type="login")


def test_proxies_are_named_in_the_environment():
    production = {"DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": "x" * 60}
    assert settings_value("WAGTAILFRONTENDCACHE", production) == {}
    env = {
        **production,
        "FRONTEND_CACHE_URL": "http://10.0.0.5:6082, http://10.0.0.6:6082",
        "CLOUDFLARE_ZONE_ID": "zone123",
        "CLOUDFLARE_API_TOKEN": "token456",
    }
    backends = settings_value("WAGTAILFRONTENDCACHE", env)
    http = "wagtail.contrib.frontend_cache.backends.HTTPBackend"
    assert backends == {
        "proxy1": {"BACKEND": http, "LOCATION": "http://10.0.0.5:6082"},
        "proxy2": {"BACKEND": http, "LOCATION": "http://10.0.0.6:6082"},
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": "zone123",
            "BEARER_TOKEN": "token456",
        },
    }
