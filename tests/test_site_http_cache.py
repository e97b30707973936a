"""What a caching proxy may keep (Cache-Control), and what is sent compressed."""

import gzip

import pytest
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import RequestFactory
from django.urls import reverse
from django.utils.cache import get_max_age
from wagtail.models import PageViewRestriction

from home.http_cache import CacheControlMiddleware
from tests.factories.blog import BlogIndexPageFactory, BlogPostPageFactory
from tests.factories.home import StandardPageFactory
from tests.factories.programs import build_series
from tests.test_foundation import settings_value

pytestmark = pytest.mark.django_db


def directives(response):
    """The Cache-Control directives as a set, e.g. {"public", "max-age=0", "s-maxage=300"}."""
    return {word.strip() for word in response.get("Cache-Control", "").split(",") if word.strip()}


def is_shared(response):
    words = directives(response)
    return "public" in words and not words & {"private", "no-store", "no-cache"}


def is_never_stored(response):
    return {"private", "no-store"} <= directives(response)


@pytest.fixture
def about(site_root):
    return StandardPageFactory(parent=site_root, title="About us", slug="about", intro="Who we are.")


def test_a_public_page_is_kept_by_the_proxy_and_checked_again_by_browsers(client, about):
    response = client.get("/about/")
    assert response.status_code == 200
    assert directives(response) == {"public", "max-age=0", "s-maxage=300"}


def test_how_long_is_a_setting(client, about, settings):
    settings.PROXY_CACHE_SECONDS = 120
    settings.BROWSER_CACHE_SECONDS = 30
    assert directives(client.get("/about/")) == {"public", "max-age=30", "s-maxage=120"}


def test_a_zero_lifetime_tells_the_proxy_to_keep_nothing(client, about, settings):
    settings.PROXY_CACHE_SECONDS = 0
    response = client.get("/about/")
    assert not is_shared(response)
    assert "s-maxage" not in response.get("Cache-Control", "")


def test_the_lifetimes_are_read_from_the_environment():
    production = {"DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": "x" * 60}
    assert settings_value("PROXY_CACHE_SECONDS", production) == 300
    assert settings_value("BROWSER_CACHE_SECONDS", production) == 0
    chosen = {**production, "PROXY_CACHE_SECONDS": "900", "BROWSER_CACHE_SECONDS": "60"}
    assert settings_value("PROXY_CACHE_SECONDS", chosen) == 900
    assert settings_value("BROWSER_CACHE_SECONDS", chosen) == 60


def test_calendars_feeds_listings_and_the_sitemap_are_shared(client, site_root):
    made = build_series(site_root, sessions=1)
    session = made["sessions"][0]
    blog = BlogIndexPageFactory(parent=site_root)
    BlogPostPageFactory(parent=blog)
    urls = [
        "/",
        "/trainings/",
        "/trainings/?page=1",
        "/trainings/calendar.ics",
        f"{made['series'].url}calendar.ics",
        f"{session.url}calendar.ics",
        "/trainings/organizations/",
        f"/trainings/organizations/{made['host'].slug}/",
        made["presenters"].url,
        "/blog/",
        "/blog/feed/",
        "/sitemap.xml",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert get_max_age(response) == 0 and "s-maxage=300" in directives(response), url


def test_logged_in_staff_get_pages_no_cache_keeps(client, about, django_user_model):
    client.force_login(django_user_model.objects.create_user("staff", "staff@example.org", "pw"))
    response = client.get("/about/")
    assert response.status_code == 200
    assert is_never_stored(response)
    assert "public" not in directives(response)


def test_a_request_with_a_session_cookie_is_answered_privately_even_when_anonymous(client, about):
    # An expired or unknown session still marks the visitor's requests as their own.
    client.cookies["sessionid"] = "no-such-session"
    response = client.get("/about/")
    assert is_never_stored(response)


def test_credentials_make_a_response_private(client, about):
    response = client.get("/about/", HTTP_AUTHORIZATION="Basic c3RhZmY6cHc=")
    assert is_never_stored(response)


def test_private_pages_and_their_password_forms_are_never_shared(client, about):
    PageViewRestriction.objects.create(page=about, restriction_type="password", password="secret")
    form = client.get("/about/")
    assert form.status_code == 200 and "csrfmiddlewaretoken" in form.content.decode()
    assert is_never_stored(form)
    restriction = PageViewRestriction.objects.get(page=about)
    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, about.pk]),
        {"password": "secret", "return_url": "/about/"},
    )
    unlocked = client.get("/about/")
    assert "Who we are." in unlocked.content.decode()
    assert is_never_stored(unlocked)


def test_a_response_carrying_a_csrf_token_is_never_shared():
    # Any page that renders a form posting back here gets the visitor's own CSRF cookie with it.
    def form_view(request):
        token = get_token(request)
        return HttpResponse(f'<form method="post"><input name="csrfmiddlewaretoken" value="{token}">')

    middleware = CacheControlMiddleware(CsrfViewMiddleware(form_view))
    response = middleware(RequestFactory().get("/a-form/"))
    assert response.status_code == 200 and "csrftoken" in response.cookies
    assert is_never_stored(response)


def test_search_results_are_still_never_cached(client, about):
    response = client.get("/search/", {"q": "about"})
    assert is_never_stored(response)
    assert "no-cache" in directives(response)


def test_previews_are_private(client, about, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.org", "pw"))
    response = client.get(f"/admin/pages/{about.pk}/view_draft/")
    assert response.status_code == 200
    assert "private" in directives(response)
    assert "public" not in directives(response)


def test_errors_and_the_api_are_not_marked_for_the_proxy(client, about):
    for url in ("/no-such-page/", "/api/v2/pages/"):
        assert not is_shared(client.get(url)), url


def test_robots_txt_keeps_its_own_lifetime(client, site_root):
    assert directives(client.get("/robots.txt")) == {"public", "max-age=3600"}


# Compression


def test_public_pages_are_sent_gzipped_to_browsers_that_accept_it(client, about):
    plain = client.get("/about/")
    packed = client.get("/about/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 2
    assert "Accept-Encoding" in packed["Vary"] and "Cookie" in packed["Vary"]
    assert "Content-Encoding" not in plain


def test_calendars_are_sent_gzipped(client, site_root):
    build_series(site_root, sessions=3)
    response = client.get("/trainings/calendar.ics", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert b"BEGIN:VCALENDAR" in gzip.decompress(response.content)


def test_personal_pages_and_search_results_are_never_compressed(client, about, django_user_model):
    # Only what is the same for everyone is compressed: nothing secret can leak through its size.
    search = client.get("/search/", {"q": "about"}, HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in search
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.org", "pw"))
    for url in ("/about/", "/admin/"):
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200, url
        assert "Content-Encoding" not in response, url
