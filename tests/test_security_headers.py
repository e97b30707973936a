"""Security headers under the production settings: a strict Content-Security-Policy on everything
public and a looser one for the admin, Permissions-Policy, Cross-Origin-Resource-Policy and the
headers Django's own settings send; and the templates and embeds that let the strict policy hold."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import path, reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from bench.header_score import parse_csp
from config.urls import urlpatterns as site_urlpatterns
from tests.deployment import read_header_settings
from tests.factories.blog import BlogIndexPageFactory, BlogPostPageFactory
from tests.factories.home import StandardPageFactory
from tests.factories.programs import SessionPageFactory, TrainingIndexPageFactory, TrainingSeriesPageFactory

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
PLAYERS = {"https://www.youtube.com", "https://player.vimeo.com"}


def broken_view(request):
    raise RuntimeError("A page that fails, to show the error page")


# This module's tests may also ask for a page that fails (see `error_page_urls`).
urlpatterns = [path("broken/", broken_view), *site_urlpatterns]


@pytest.fixture
def public_site(site_root):
    blog = BlogIndexPageFactory(parent=site_root, slug="blog")
    BlogPostPageFactory(parent=blog, title="Notes from the first session")
    series = TrainingSeriesPageFactory(parent=TrainingIndexPageFactory(parent=site_root))
    session = SessionPageFactory(parent=series, title="Power mapping")
    return {"home": site_root, "blog": blog, "series": series, "session": session}


def policy(response, header="Content-Security-Policy"):
    assert header in response, f"{response.request['PATH_INFO']} has no {header}"
    return parse_csp([response[header]])


def features(response):
    """{feature: allow list} from a Permissions-Policy header."""
    found = {}
    for item in response["Permissions-Policy"].split(","):
        name, _, allowed = item.strip().partition("=")
        found[name] = allowed.strip("()").split()
    return found


class InlineCode(HTMLParser):
    """Scripts and styles written into a page rather than loaded from a file."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and not attributes.get("src") and attributes.get("type") != "application/ld+json":
            self.found.append(f"inline <script> {attrs}")
        if tag == "style":
            self.found.append("<style> element")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"javascript: address on <{tag}>")


def inline_code(html):
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def assert_strict_public_policy(response):
    csp = policy(response)
    assert csp["default-src"] == {"'none'"}
    assert csp["script-src"] == {"'self'"}
    assert csp["style-src"] == {"'self'"}
    assert csp["img-src"] == {"'self'"}
    assert csp["connect-src"] == {"'self'"}
    assert csp["frame-src"] == PLAYERS
    assert csp["frame-ancestors"] == {"'none'"}
    assert csp["object-src"] == {"'none'"}
    assert csp["base-uri"] == {"'self'"}
    assert csp["form-action"] == {"'self'"}


def assert_production_headers(response, frame_options="DENY"):
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == frame_options
    allowed = features(response)
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "display-capture", "autoplay"):
        assert allowed[feature] == [], feature
    players = {"self", *(f'"{origin}"' for origin in PLAYERS)}
    assert set(allowed["fullscreen"]) == players
    assert set(allowed["picture-in-picture"]) == players


PUBLIC_URLS = {
    "home page": lambda site: site["home"].url,
    "session page": lambda site: site["session"].url,
    "blog index": lambda site: site["blog"].url,
    "search results": lambda site: "/search/?q=power",
    "search suggestions": lambda site: "/search/?suggest=1&q=pow",
    "API listing": lambda site: "/api/v2/pages/",
    "API page": lambda site: f"/api/v2/pages/{site['session'].pk}/",
    "blog feed": lambda site: site["blog"].url + "feed/",
    "site calendar": lambda site: "/trainings/calendar.ics",
    "series calendar": lambda site: site["series"].url + "calendar.ics",
    "sitemap": lambda site: "/sitemap.xml",
    "robots.txt": lambda site: "/robots.txt",
    "page not found": lambda site: "/no-such-page/",
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_URLS)
def test_every_public_response_has_the_strict_policy(name, production_headers, public_site, client):
    response = client.get(PUBLIC_URLS[name](public_site), secure=True)
    assert response.status_code == (404 if name == "page not found" else 200)
    assert_strict_public_policy(response)
    assert_production_headers(response)
    if response["Content-Type"].startswith("text/html"):
        assert inline_code(response.content.decode()) == []


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_the_server_error_page_has_the_strict_policy(production_headers, site_root, client):
    client.raise_request_exception = False
    response = client.get("/broken/", secure=True)
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert_strict_public_policy(response)
    assert_production_headers(response)
    assert inline_code(response.content.decode()) == []


def test_static_files_get_the_headers_too(production_headers, settings, client):
    settings.WHITENOISE_USE_FINDERS = True
    response = client.get("/static/css/site.css", secure=True)
    assert response.status_code == 200
    assert response.streaming  # served by whitenoise, not a Django view
    assert_strict_public_policy(response)
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_plain_http_is_sent_to_https(production_headers, db, client):
    response = client.get("/some/page/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/some/page/"


def test_operators_choose_the_report_address_and_the_resource_policy(monkeypatch):
    monkeypatch.delenv("CSP_REPORT_URI", raising=False)
    monkeypatch.delenv("CROSS_ORIGIN_RESOURCE_POLICY", raising=False)
    default = read_header_settings()
    assert default["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["report-uri"] is None
    assert default["CROSS_ORIGIN_RESOURCE_POLICY"] == "same-origin"
    chosen = read_header_settings(
        CSP_REPORT_URI="https://reports.example.org/csp", CROSS_ORIGIN_RESOURCE_POLICY="same-site"
    )
    for name in ("CONTENT_SECURITY_POLICY", "ADMIN_CONTENT_SECURITY_POLICY"):
        assert chosen[name]["DIRECTIVES"]["report-uri"] == ["https://reports.example.org/csp"]
    assert chosen["CROSS_ORIGIN_RESOURCE_POLICY"] == "same-site"


@pytest.mark.django_db
def test_the_report_address_and_an_empty_resource_policy_reach_the_headers(
    production_headers, settings, client
):
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {
            **production_headers["CONTENT_SECURITY_POLICY"]["DIRECTIVES"],
            "report-uri": ["/csp-reports/"],
        }
    }
    settings.CROSS_ORIGIN_RESOURCE_POLICY = ""
    response = client.get("/robots.txt", secure=True)
    assert policy(response)["report-uri"] == {"/csp-reports/"}
    assert "Cross-Origin-Resource-Policy" not in response


def assert_admin_policy(csp):
    # Wagtail writes inline scripts and styles into its pages; nothing else is loosened.
    assert csp["script-src"] == {"'self'", "'unsafe-inline'"}
    assert csp["style-src"] == {"'self'", "'unsafe-inline'"}
    assert csp["default-src"] == {"'self'"}
    assert csp["img-src"] == {"'self'"}
    assert csp["connect-src"] == {"'self'"}
    assert csp["frame-src"] == {"'self'"} | PLAYERS
    assert csp["frame-ancestors"] == {"'self'"}
    assert csp["object-src"] == {"'none'"}
    assert csp["base-uri"] == {"'self'"}
    assert csp["form-action"] == {"'self'"}
    assert not any("'unsafe-eval'" in sources for sources in csp.values())


@pytest.mark.django_db
def test_the_admin_login_page_has_the_admin_policy(production_headers, client):
    response = client.get("/admin/login/", secure=True)
    assert response.status_code == 200
    assert_admin_policy(policy(response))
    assert_production_headers(response)


@pytest.mark.django_db
def test_the_admin_may_show_a_preview_in_its_own_frame(
    production_headers, site_root, client, django_user_model, settings
):
    # Wagtail renders a preview for the page's own address: HTTPS in production (the site's public
    # address, WAGTAILADMIN_BASE_URL), which the redirect to HTTPS leaves alone.
    settings.WAGTAILADMIN_BASE_URL = "https://testserver"
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.org", "pw"))
    page = StandardPageFactory(parent=site_root, title="About us", slug="about")
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    form = {"title": "About us, revised", "slug": "about", "intro": "", "body": streamfield([])}
    assert client.post(url, nested_form_data(form), secure=True).json()["is_valid"]
    response = client.get(url, {"in_preview_panel": "true"}, secure=True)
    assert response.status_code == 200
    assert "About us, revised" in response.content.decode()
    # It is rendered through the middleware as if for the public page; the admin's policy wins.
    assert_admin_policy(policy(response))
    assert_production_headers(response, frame_options="SAMEORIGIN")


# E-mail bodies are read in mail programs, which ignore style sheets and never see the site's
# policy: their styles must be inline, and they hold no script.
EMAIL_TEMPLATES = TEMPLATES / "programs" / "registrations" / "email"


def test_public_templates_hold_no_inline_script_or_style():
    offenders = {}
    for template in sorted(TEMPLATES.rglob("*.html")):
        if template.is_relative_to(EMAIL_TEMPLATES):
            assert "<script" not in template.read_text(), template
            continue
        # Django comments and template tags may mention the words; only markup counts.
        markup = re.sub(
            r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", "", template.read_text(), flags=re.S
        )
        found = inline_code(markup)
        if found:
            offenders[str(template.relative_to(TEMPLATES))] = found
    assert offenders == {}


def test_the_inline_code_check_finds_what_the_policy_blocks():
    html = (
        '<script>alert(1)</script><script src="/static/js/search.js"></script>'
        '<script type="application/ld+json">{"@type": "Event"}</script>'
        '<p style="color: red">x</p><style>p {}</style><a href="javascript:go()" onclick="go()">go</a>'
    )
    assert inline_code(html) == [
        "inline <script> []",
        "style= on <p>",
        "<style> element",
        "javascript: address on <a>",
        "onclick= on <a>",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/django-admin/", "/django-admin/login/"])
def test_djangos_own_admin_login_is_gone(url, site_root, client, settings):
    assert "django.contrib.admin" not in settings.INSTALLED_APPS
    assert client.get(url).status_code == 404
