"""What every page reads whatever its content (the site, its settings, the view restrictions, where an
address leads) comes from the cache on a warm process, with the whole-page cache off, and any change
to it shows on the next request."""

import warnings
from datetime import date

import pytest
from django.core.cache import cache
from django.core.cache.backends.base import CacheKeyWarning
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from home import page_cache
from home.models import SiteSettings
from tests.factories.blog import BlogIndexPageFactory, BlogPostPageFactory
from tests.factories.home import StandardPageFactory
from tests.factories.programs import OrganizationFactory, SeriesOrganizationFactory
from tests.factories.search import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(site_root):
    page = StandardPageFactory(parent=site_root, title="About us", slug="about", intro="Who we are.")
    team = StandardPageFactory(parent=page, title="Our team", slug="team", intro="Who does the work.")
    Client().get("/")  # The first visit ever creates the settings rows.
    return team


def second_visit(url):
    """(response, queries) of a second request for `url`, after a first one filled the caches."""
    client = Client()
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [query["sql"] for query in queries]


def test_a_warm_page_reads_only_its_own_row(about, settings):
    assert settings.PAGE_CACHE_SECONDS == 0
    response, queries = second_visit("/about/team/")
    assert response.status_code == 200
    assert "Our team" in response.content.decode()
    # The breadcrumb names the section above it, although no query asked for it.
    assert 'href="/about/">About us</a>' in response.content.decode()
    tables = ("wagtailcore_site", "home_sitesettings", "home_navigationsettings", "pageviewrestriction")
    assert [sql for sql in queries if any(table in sql for table in tables)] == []
    assert len(queries) <= 1, queries


def test_without_a_lifetime_every_read_comes_from_the_database(about, settings):
    settings.SITE_CACHE_SECONDS = 0
    response, queries = second_visit("/about/team/")
    assert response.status_code == 200
    assert any("wagtailcore_site" in sql for sql in queries)


def test_a_renamed_page_answers_at_its_new_address_at_once(about, client):
    assert client.get("/about/team/").status_code == 200
    about.slug = "people"
    about.save_revision().publish()
    assert client.get("/about/team/").status_code == 404
    assert "Our team" in client.get("/about/people/").content.decode()


def test_a_moved_section_answers_at_its_new_address_at_once(about, site_root, client):
    assert client.get("/about/team/").status_code == 200
    about.move(site_root, pos="last-child")
    old = client.get("/about/team/")
    assert old.status_code in (301, 404)  # Wagtail keeps a redirect for a moved page
    assert "Our team" not in old.content.decode()
    assert client.get("/team/").status_code == 200


def test_a_page_unpublished_or_deleted_is_gone_at_once(about, client):
    assert client.get("/about/team/").status_code == 200
    about.unpublish()
    assert client.get("/about/team/").status_code == 404
    assert client.get("/about/").status_code == 200
    about.get_parent().delete()
    assert client.get("/about/").status_code == 404


def test_a_new_restriction_closes_the_section_at_once(about, client):
    assert client.get("/about/team/").status_code == 200
    PageViewRestriction.objects.create(page=about.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/about/team/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    PageViewRestriction.objects.all().delete()
    assert client.get("/about/team/").status_code == 200


def test_a_settings_change_shows_on_the_next_request(about, client):
    client.get("/about/team/")
    site_settings = SiteSettings.load()
    site_settings.site_name = "Health Justice Trainings"
    site_settings.save()
    assert "Health Justice Trainings" in client.get("/about/team/").content.decode()


def test_addresses_that_lead_nowhere_are_not_found(about, client):
    for url in ("/about/nobody/", "/nothing/here/", "/about/team/extra/"):
        assert client.get(url).status_code == 404, url


def route_cache_key(site, path):
    """The cache key under which the route of `path` is kept now."""
    return f"site-reads:route:{site.pk}:{path}:{page_cache.generation()}"


def test_made_up_addresses_leave_nothing_in_the_cache(site_root, client):
    """Where an address leads is kept only when it leads to a page: addresses made up by a visitor
    or a scanner, under the site or under a page that answers addresses of its own (the
    organizations' list answers `<slug>/` for any slug), would otherwise fill the cache."""
    world = build_world(site_root)
    host = OrganizationFactory(name="Kite Collective")
    SeriesOrganizationFactory(page=world.series, organization=host)
    site = Site.objects.get(is_default_site=True)
    absent = object()

    def kept(path):
        return cache.get(route_cache_key(site, path), absent) is not absent

    for path in ("made-up", "trainings/made-up", "trainings/organizations/made-up", "blog/made-up"):
        assert client.get(f"/{path}/").status_code == 404, path
        assert not kept(path), path
    # Addresses that lead to a page are still kept, a page's own addresses among them.
    organization = f"trainings/organizations/{host.slug}"
    for path in (world.series.url.strip("/"), organization):
        assert client.get(f"/{path}/").status_code == 200, path
        assert kept(path), path


def test_long_addresses_are_kept_under_keys_any_cache_server_accepts(site_root, client):
    """A page's address can run to hundreds of characters (a slug may have 255) and a made-up one
    to thousands; the route is kept under a digest of a long address, within memcached's 250."""
    long_slug = "a-very-long-page-address-" * 6
    page = StandardPageFactory(parent=site_root, title="Long", slug=long_slug[:150])
    site = Site.objects.get(is_default_site=True)
    path = page.url.strip("/")
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        assert client.get(page.url).status_code == 200
        made_up = "9" * 5000
        assert client.get(f"/{made_up}/").status_code == 404
    key = route_cache_key(site, path)
    assert len(path) > 120 and len(cache.make_key(key)) <= 250
    assert cache.get(key) is not None
    other = route_cache_key(site, path[:-1] + "b")
    assert cache.make_key(other) != cache.make_key(key)
    assert len(cache.make_key(route_cache_key(site, made_up))) <= 250


# Lists that change only on publish are kept with the site-wide reads, and are fresh after one.


def test_a_new_post_shows_on_the_home_page_and_beside_its_neighbour_at_once(site_root, client):
    blog = BlogIndexPageFactory(parent=site_root)
    older = BlogPostPageFactory(parent=blog, title="Spring report", date=date(2024, 3, 1))
    assert "Spring report" in client.get("/").content.decode()
    assert "Newer post" not in client.get(older.url).content.decode()
    BlogPostPageFactory(parent=blog, title="Summer report", date=date(2024, 6, 1))
    assert "Summer report" in client.get("/").content.decode()
    assert "Summer report" in client.get(older.url).content.decode()


def test_an_edited_post_title_shows_on_the_home_page_at_once(site_root, client):
    blog = BlogIndexPageFactory(parent=site_root)
    post = BlogPostPageFactory(parent=blog, title="Spring report", date=date(2024, 3, 1))
    client.get("/")
    post.title = "Spring report, revised"
    post.save_revision().publish()
    assert "Spring report, revised" in client.get("/").content.decode()
    post.unpublish()
    assert "Spring report" not in client.get("/").content.decode()


def test_a_new_process_has_every_routable_page_types_routes_before_any_request():
    """A threaded app server's first requests would otherwise build them side by side, and one
    fails with a server error while the other adds to the class it reads."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import django; django.setup()\n"
        "from wagtail.contrib.routable_page.models import RoutablePageMixin\n"
        "from wagtail.models import get_page_models\n"
        "routable = [m for m in get_page_models() if issubclass(m, RoutablePageMixin)]\n"
        "print(len(routable), all('_routablepage_urlresolver' in m.__dict__ for m in routable))\n"
    )
    done = subprocess.run(  # noqa: S603 - this interpreter, with the code above
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    count, built = done.stdout.split()
    assert int(count) >= 4 and built == "True", done.stderr
