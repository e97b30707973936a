"""What the public web expects of every page: titles, descriptions, canonical and social tags,
landmarks, the sitemap, robots.txt, error pages and the print stylesheet."""

import re
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from home.models import SiteSettings
from tests.factories.blog import BlogIndexPageFactory, BlogPostPageFactory
from tests.factories.home import MissionPageFactory, StandardPageFactory
from tests.factories.programs import (
    FrameworkLevelPageFactory,
    FrameworkPageFactory,
    PresenterIndexPageFactory,
    PresenterPageFactory,
    SessionPageFactory,
    TrainingIndexPageFactory,
    TrainingSeriesPageFactory,
)

pytestmark = pytest.mark.django_db


class HeadReader(HTMLParser):
    """Collects <title>, <meta> and <link> tags the way a crawler reads them."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.title, self._in_title = {}, {}, "", False
        self.landmarks, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta[key] = attrs.get("content", "")
        elif tag == "link":
            self.links.setdefault(attrs.get("rel"), []).append(attrs)
        elif tag == "title":
            self._in_title = True
        elif tag in ("header", "nav", "main", "footer"):
            self.landmarks.append(tag)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    reader = HeadReader()
    reader.feed(response.content.decode())
    return reader


@pytest.fixture
def every_page_type(site_root):
    """One live page of every public type, as the demo site has them."""
    mission = MissionPageFactory(parent=site_root)
    about = StandardPageFactory(parent=site_root, title="Contact", slug="contact")
    blog = BlogIndexPageFactory(parent=site_root)
    post = BlogPostPageFactory(parent=blog, title="Welcome to the blog")
    trainings = TrainingIndexPageFactory(parent=site_root)
    series = TrainingSeriesPageFactory(parent=trainings, title="Organizing for Health")
    session = SessionPageFactory(parent=series, title="Power mapping")
    presenters = PresenterIndexPageFactory(parent=site_root)
    presenter = PresenterPageFactory(parent=presenters, title="Mae Smith")
    framework = FrameworkPageFactory(parent=site_root)
    level = FrameworkLevelPageFactory(parent=framework, title="Self Exposure")
    return [
        site_root,
        mission,
        about,
        blog,
        post,
        trainings,
        series,
        session,
        presenters,
        presenter,
        framework,
        level,
    ]


def test_every_page_type_has_title_description_canonical_and_social_tags(client, every_page_type):
    for page in every_page_type:
        head = read(client, page.url)
        suffix = "HEAL Together Trainings"
        expected_end = suffix if page.url == "/" else f"{page.title} | {suffix}"
        assert head.title.strip().endswith(expected_end), page.url
        assert head.meta.get("description"), f"{page.url} has no description"
        canonical = head.links["canonical"][0]["href"]
        assert canonical == page.get_full_url(), page.url
        assert head.meta["og:url"] == canonical
        assert head.meta["og:title"]
        assert head.meta["og:type"] in ("website", "article")
        assert head.meta["og:site_name"] == "HEAL Together Trainings"
        assert head.meta["twitter:card"] in ("summary", "summary_large_image")
        assert head.landmarks.count("main") == 1, page.url
        assert "header" in head.landmarks and "footer" in head.landmarks and "nav" in head.landmarks
        assert "main" in head.ids, "the skip link needs its target"


def test_each_page_type_is_described_by_its_own_summary(client, every_page_type):
    """Search engines read the words the page type's editors write as its summary: a series' or
    level's summary, a post's or list's introduction, a presenter's biography, the hero text."""
    described = 0
    for page in every_page_type:
        summary = " ".join(strip_tags(page.listing_summary).split())
        if summary:
            described += 1
            assert read(client, page.url).meta["description"] == Truncator(summary).chars(200), page.url
    assert described >= 6


def test_search_description_wins_over_the_fallbacks(client, site_root):
    page = StandardPageFactory(parent=site_root, intro="The intro.", search_description="Written for search.")
    assert read(client, page.url).meta["description"] == "Written for search."


def test_a_page_without_any_text_falls_back_to_the_site_description(client, site_root):
    settings = SiteSettings.load()
    settings.description = "Trainings for organizers in education justice and public health."
    settings.save()
    page = StandardPageFactory(parent=site_root, intro="")
    assert read(client, page.url).meta["description"] == settings.description


def test_seo_title_and_site_name_come_from_the_editors(client, site_root):
    settings = SiteSettings.load()
    settings.site_name = "HEAL Together"
    settings.save()
    page = StandardPageFactory(parent=site_root, title="Contact", seo_title="Contact the network")
    assert read(client, page.url).title.strip() == "Contact the network | HEAL Together"


def test_open_graph_image_is_the_pages_own_picture_at_a_social_size(client, site_root):
    blog = BlogIndexPageFactory(parent=site_root)
    image = Image.objects.create(title="Retreat circle", file=get_test_image_file(size=(1600, 900)))
    post = BlogPostPageFactory(parent=blog, feed_image=image)
    head = read(client, post.url)
    assert head.meta["og:type"] == "article"
    assert re.match(r"^https?://[^/]+/.+\.(png|jpg|jpeg|webp)$", head.meta["og:image"])
    assert head.meta["og:image:width"] == "1200" and head.meta["og:image:height"] == "630"
    assert head.meta["og:image:alt"] == "Retreat circle"
    assert head.meta["twitter:card"] == "summary_large_image"
    assert head.meta["twitter:image"] == head.meta["og:image"]


def test_a_picture_whose_file_is_missing_leaves_the_page_served_without_a_share_image(
    client, site_root, caplog
):
    blog = BlogIndexPageFactory(parent=site_root)
    image = Image.objects.create(title="Lost picture", file=get_test_image_file(size=(1600, 900)))
    post = BlogPostPageFactory(parent=blog, feed_image=image, title="Still readable")
    image.renditions.all().delete()
    image.file.storage.delete(image.file.name)
    cache.clear()  # Wagtail also keeps renditions in the cache, where an earlier test may have left one
    response = client.get(post.url)
    assert response.status_code == 200
    head = read(client, post.url)
    assert head.title.startswith("Still readable")
    assert "og:image" not in head.meta and "twitter:image" not in head.meta
    assert "has no file in storage" in caplog.text


def test_pages_without_a_picture_use_the_sites_share_image(client, site_root):
    settings = SiteSettings.load()
    settings.share_image = Image.objects.create(title="Network logo", file=get_test_image_file())
    settings.save()
    page = StandardPageFactory(parent=site_root)
    assert "og:image" in read(client, page.url).meta


def test_sitemap_lists_live_public_pages_only(client, site_root):
    mission = MissionPageFactory(parent=site_root)
    draft = StandardPageFactory(parent=site_root, title="Draft", slug="draft")
    draft.unpublish()
    private = StandardPageFactory(parent=site_root, title="Private", slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    assert client.get("/sitemap.xml").status_code == 200
    response = client.get("/sitemap-1.xml")  # the index's one section, on a site this small
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    xml = response.content.decode()
    assert "<loc>http://testserver/</loc>" in xml
    assert f"<loc>{mission.get_full_url()}</loc>" in xml
    assert "/draft/" not in xml and "/private/" not in xml


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_missing_pages_get_the_sites_own_404(client, site_root):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert 'class="site-header"' in html and 'action="/search/"' in html


def test_500_page_stands_alone_without_a_request_or_database(django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        html = render_to_string("500.html")
    assert "Something went wrong on our side" in html
    assert "/static/css/site.css" in html


def test_print_stylesheet_is_linked_for_print_and_hides_the_chrome(client, site_root):
    html = client.get("/").content.decode()
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in html
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = Path(finders.find("css/print.css")).read_text()
    for hidden in (".site-header", ".site-footer", "nav", "form", ".no-print"):
        assert hidden in css.split("display: none")[0]
