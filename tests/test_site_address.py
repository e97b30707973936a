"""Every absolute address the site writes starts with its one public origin (WAGTAILADMIN_BASE_URL),
whatever host the request came in on and whatever host name the Wagtail Site record holds."""

import json
import re
from urllib.parse import urlsplit

import feedparser
import pytest
import wagtail_factories
from django.test import Client
from icalendar import Calendar

from tests.factories.blog import BlogIndexPageFactory, BlogPostPageFactory
from tests.factories.programs import build_series

pytestmark = pytest.mark.django_db

ORIGIN = "https://trainings.example.org"
# Neither the public origin nor the Site record's "localhost": a request reaching an app server directly.
REQUEST_HOST = "10.0.0.7:8000"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
META = re.compile(r'<(?:link|meta) (?:rel="canonical" href|property="og:(?:url|image)" content)="([^"]+)"')


@pytest.fixture
def public(settings, site_root):
    settings.WAGTAILADMIN_BASE_URL = ORIGIN
    # The settings derive the API's base from the same variable when the site starts.
    settings.WAGTAILAPI_BASE_URL = ORIGIN
    made = build_series(site_root, sessions=1, presenters_per_session=1, organizations_per_session=0)
    series = made["series"]
    series.image = wagtail_factories.ImageFactory(title="Series picture")
    series.save_revision().publish()
    blog = BlogIndexPageFactory(parent=site_root)
    BlogPostPageFactory(parent=blog)
    return {**made, "blog": blog}


def fetch(url):
    response = Client(HTTP_HOST=REQUEST_HOST).get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def json_ld_urls(data):
    """Every "url" and "image" value anywhere in a JSON-LD document."""
    if isinstance(data, list):
        return [url for item in data for url in json_ld_urls(item)]
    if not isinstance(data, dict):
        return []
    found = []
    for key, value in data.items():
        if key in ("url", "image") and isinstance(value, str):
            found.append(value)
        elif key == "image" and isinstance(value, list):
            found.extend(value)
        else:
            found.extend(json_ld_urls(value))
    return found


def origins_of(urls):
    return {f"{parts.scheme}://{parts.netloc}" for parts in map(urlsplit, urls)}


def test_every_absolute_address_uses_the_public_origin(public):
    session, series = public["sessions"][0], public["series"]
    seen = {}

    sitemap = fetch("/sitemap.xml")
    seen["sitemap"] = re.findall(r"<loc>([^<]+)</loc>", sitemap)

    for name, page in (("session page", session), ("series page", series)):
        html = fetch(page.url)
        head = html[: html.index("</head>")]
        seen[f"{name} tags"] = META.findall(head)
        seen[f"{name} JSON-LD"] = json_ld_urls([json.loads(block) for block in JSON_LD.findall(head)])
        # The host's website and the registration form are other sites' addresses.
        external = {public["host"].website, series.registration_url, session.registration_url}
        seen[f"{name} JSON-LD"] = [url for url in seen[f"{name} JSON-LD"] if url not in external]

    calendar = Calendar.from_ical(fetch(session.url + "calendar.ics"))
    seen["calendar"] = [str(event["url"]) for event in calendar.walk("VEVENT")]

    feed = feedparser.parse(fetch(public["blog"].url + "feed/"))
    seen["feed"] = [feed.feed.link, *(link.href for link in feed.feed.links)]
    seen["feed"] += [item.link for item in feed.entries]

    robots = fetch("/robots.txt")
    seen["robots.txt"] = [line.split()[1] for line in robots.splitlines() if line.startswith("Sitemap:")]

    pages = json.loads(fetch("/api/v2/pages/?type=programs.SessionPage"))["items"]
    images = json.loads(fetch("/api/v2/images/?fields=download_url"))["items"]
    seen["API"] = [
        *(item["meta"]["html_url"] for item in pages),
        *(item["meta"]["detail_url"] for item in pages),
        *(item["meta"]["download_url"] for item in images),
    ]

    assert all(seen.values()), seen
    assert {name: origins_of(urls) for name, urls in seen.items()} == {name: {ORIGIN} for name in seen}
    # The series page is shared with its picture, at the public address too.
    assert any("/images/" in url for url in seen["series page tags"]), seen["series page tags"]


def test_a_session_event_names_its_series_picture(public, client):
    session = public["sessions"][0]
    html = client.get(session.url).content.decode()
    (event,) = [json.loads(block) for block in JSON_LD.findall(html)]
    (image,) = event["image"]
    rendition = public["series"].image.get_rendition("fill-1200x630")
    assert image == ORIGIN + rendition.url


def test_a_session_without_a_picture_has_no_image_in_its_event(site_root, client):
    session = build_series(site_root, sessions=1)["sessions"][0]
    html = client.get(session.url).content.decode()
    (event,) = [json.loads(block) for block in JSON_LD.findall(html)]
    assert "image" not in event
