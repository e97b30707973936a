"""The sitemap: an index naming sections of a bounded number of addresses, which together list every
live, public page once, each section at a cost that does not grow with the site."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def small_sections(settings):
    settings.SITEMAP_SECTION_SIZE = 3


def read_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 (the site's own response)


def section_paths(client):
    index = read_xml(client, "/sitemap.xml")
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    return [loc.text.removeprefix("http://testserver") for loc in index.findall("sm:sitemap/sm:loc", NS)]


def listed(client):
    """Every address the sections list, in order, and each section's length."""
    addresses, sizes = [], []
    for path in section_paths(client):
        section = read_xml(client, path)
        found = [loc.text.removeprefix("http://testserver") for loc in section.findall("sm:url/sm:loc", NS)]
        addresses += found
        sizes.append(len(found))
    return addresses, sizes


def add_pages(parent, count, prefix):
    return [
        StandardPageFactory(parent=parent, title=f"{prefix} {n}", slug=f"{prefix}-{n}") for n in range(count)
    ]


def test_every_live_public_page_is_listed_once_across_bounded_sections(client, site_root, small_sections):
    pages = add_pages(site_root, 7, "page")
    draft = StandardPageFactory(parent=site_root, title="Draft", slug="draft")
    draft.unpublish()
    private = StandardPageFactory(parent=site_root, title="Private", slug="private")
    StandardPageFactory(parent=private, title="Inside", slug="inside")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    addresses, sizes = listed(client)
    expected = ["/", *(page.url for page in pages)]
    assert sorted(addresses) == sorted(expected)
    assert len(addresses) == len(set(addresses))
    assert sizes == [3, 3, 2]
    assert not any(part in address for address in addresses for part in ("/draft/", "/private/"))


def test_a_section_costs_the_same_queries_at_any_size(client, site_root, small_sections, settings):
    add_pages(site_root, 4, "early")

    def section_queries(path):
        client.get(path)  # fills the caches; the next request is counted
        settings.SITE_CACHE_SECONDS = 0  # ...except the section itself, which is built again
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        settings.SITE_CACHE_SECONDS = 300
        return len(queries)

    small = section_queries("/sitemap-1.xml")
    add_pages(site_root, 40, "later")
    assert section_queries("/sitemap-1.xml") <= small
    assert section_queries("/sitemap-12.xml") <= small


def test_the_index_and_sections_are_cached_and_fresh_after_a_publish(client, site_root, small_sections):
    page = StandardPageFactory(parent=site_root, title="About", slug="about")
    assert "/about/" in listed(client)[0]
    with CaptureQueriesContext(connection) as queries:
        listed(client)
    assert len(queries) == 0
    page.slug = "who-we-are"
    page.save_revision().publish()
    addresses = listed(client)[0]
    assert "/who-we-are/" in addresses and "/about/" not in addresses
    page.unpublish()
    assert "/who-we-are/" not in listed(client)[0]


def test_sections_past_the_end_or_not_numbered_are_not_found(client, site_root):
    assert len(section_paths(client)) == 1
    for path in ("/sitemap-0.xml", "/sitemap-2.xml", "/sitemap-99999999999999999999.xml", "/sitemap-x.xml"):
        assert client.get(path).status_code == 404, path


def test_robots_txt_names_the_index(client, site_root):
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode().splitlines()
