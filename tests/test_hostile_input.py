"""Whatever a visitor puts in an address, the site answers without a server error or a reflected script.

Every value below is sent, one parameter at a time, to every public surface that reads the query
string: the API's pages, images and documents (listing, detail and find), search and its
suggestions, the training, organization, presenter and blog lists (the search's filters, each read
whatever the others hold, get it together). Pages that read no parameter
(calendars, the blog feed, a series, a session, a presenter, a post) get every value in one address,
and the values are also put into addresses' paths. The API must answer a 400 or 404 with a message; HTML
must never hold an attack's markup unescaped. The content is built once for the module and only
read; the API's and the pages' checks are two classes, so parallel runs can share them out.
"""

from urllib.parse import quote, urlencode

import pytest
from django.core.cache import cache
from django.db import transaction
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, get_page_models

from home.api import PublicDocumentsAPIViewSet, PublicImagesAPIViewSet, PublicPagesAPIViewSet
from tests.conftest import ensure_site_root
from tests.factories.blog import BlogPostPageFactory
from tests.factories.programs import OrganizationFactory, SeriesOrganizationFactory
from tests.factories.search import build_world

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMAGE_TAG = '"><img src=x onerror=alert(1)>'

HOSTILE_VALUES = [
    # Length
    "x" * 5000,
    "organizing " * 200,
    " ".join(f"w{n}" for n in range(170)),
    "é" * 300,
    # NUL and control characters
    "\x00",
    "a\x00b",
    "\r\nSet-Cookie: hacked=1",
    "\t\x0b\x0c",
    "\x1b[31m",
    "\x7f",
    # Unicode oddities
    "🙂",
    "\u202eevil",
    "\ufeff1",
    "e\u0301",
    "\u200b",
    "²",
    "١٢",
    "１２",
    "Ⅻ",
    # Injection
    SCRIPT,
    IMAGE_TAG,
    "javascript:alert(1)",
    "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "1 OR 1=1",
    "1; SELECT pg_sleep(5)",
    "' UNION SELECT password FROM auth_user --",
    "{{ 7*7 }}",
    "{% debug %}",
    "${7*7}",
    "__proto__",
    "../../../../etc/passwd",
    "\\",
    "'",
    '"',
    'kite "series',
    "title:kite -series",
    "`",
    "%",
    "_",
    "*",
    # Numbers
    "99999999999999999999",
    "9" * 5000,
    "-1",
    "-99999999999999999999",
    "0",
    "1.5",
    "1e309",
    "NaN",
    "-inf",
    "0x1F",
    "1_000",
    " 7 ",
    "+1",
    # Dates
    "notadate",
    "2024-02-30",
    "2024-13-01",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31T23:59:59",
    "10000-01-01",
    "2024-01-01T25:61",
    "2024-01-01T00:00:00+99:00",
    "-2024-01-01",
    # Structure and operator words
    "",
    " ",
    ",",
    ",,,",
    "(",
    "a(b(c(d",
    ")",
    "a(" * 500,
    "[]",
    "{}",
    "null",
    "true",
    "-",
    "--title",
    "random",
    "id,random",
    "title__icontains",
    "root",
    "xor",
    "programs.SessionPage,blog.BlogPostPage,auth.User",
    "a.b.c",
    ",".join(["x"] * 500),
]

# Query strings as written in an address, `{p}` standing for the parameter's name: repeats, arrays and
# percent-encoding a browser would never send.
RAW_QUERIES = [
    "{p}=1&{p}=2",
    "{p}[]=1&{p}[]=2",
    "{p}[0]=1",
    "{p}=%ff%fe",
    "{p}=%zz",
    "{p}=%",
    "{p}=%25%00",
    "{p}=%c0%ae%c0%ae%2f",
    "{p}=%e2%80%ae",
    "{p}=%u003cscript%u003e",
    "{p}=%253Cscript%253E",
    "{p}",
    "{p}=a=b",
    "{p}=1;{p}=2",
    "{p}=+++",
    "&&{p}=1&&",
    "{p}=" + "%41" * 3000,
    "{p}=%00%00",
]

# Every parameter name the site's pages read, sent at once to those that read none.
EVERY_PARAM = ["q", "page", "format", "topic"]

# Parameters every API endpoint reads, and those only the pages endpoint reads.
API_PARAMS = ["search", "search_operator", "offset", "limit", "order", "fields", "rich_text_format", "id"]
PAGE_PARAMS = ["type", "child_of", "descendant_of", "ancestor_of", "translation_of", "locale", "site"]
# Values that break a typed filter: sent to every filterable field of every model.
FILTER_VALUES = [
    "notadate",
    "2024-02-30",
    "0001-01-01",
    "9999-12-31T23:59:59",
    "99999999999999999999",
    "-99999999999999999999",
    "-1",
    "1.5",
    "²",
    "true",
    "a,b",
    "[]",
    "\x00",
    "x" * 5000,
    ",".join(["x"] * 500),
]


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """A small site with one of everything, built once and rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        home = ensure_site_root()
        world = build_world(home)
        BlogPostPageFactory(parent=world.post.get_parent(), title="An older post")
        blog = world.post.get_parent().specific
        blog.posts_per_page = 1
        blog.save_revision().publish()
        host = OrganizationFactory(name="Kite Collective")
        SeriesOrganizationFactory(page=world.series, organization=host)
        world.image = Image.objects.create(title="Retreat photo", file=get_test_image_file())
        world.image.tags.add("retreat")
        world.resource.tags.add("handout")
        world.organization = host
        world.blog = blog
        yield world
        transaction.set_rollback(True)
    cache.clear()


def api_surfaces(site):
    """(address, the parameters it reads) for every API endpoint."""
    pages = API_PARAMS + PAGE_PARAMS
    media = API_PARAMS + ["tags"]
    return [
        ("/api/v2/pages/", pages + ["title", "no_such"]),
        (f"/api/v2/pages/{site.past_session.pk}/", ["fields", "type", "search", "order", "child_of", "site"]),
        ("/api/v2/pages/find/", ["html_path", "id", "fields", "type"]),
        ("/api/v2/pages/?search=kite", ["search_operator", "order", "offset", "type", "child_of", "slug"]),
        ("/api/v2/images/", media),
        (f"/api/v2/images/{site.image.pk}/", ["fields", "search", "order"]),
        ("/api/v2/images/find/", ["id", "fields"]),
        ("/api/v2/images/?search=retreat", ["search_operator", "order", "tags"]),
        ("/api/v2/documents/", media),
        ("/api/v2/documents/?search=handout", ["search_operator", "order", "tags"]),
        (f"/api/v2/documents/{site.resource.pk}/", ["fields", "search", "order"]),
        ("/api/v2/documents/find/", ["id", "fields"]),
    ]


# The search's filters: each is read and cleaned whatever the others hold, so each bad value is sent
# to all of them in one address (a list below), which runs as many searches as there are values
# rather than seven times as many. The page number, which can end the request early, goes alone.
SEARCH_FILTERS = ["type", "topic", "series", "presenter", "year", "format", "when"]


def site_surfaces(site):
    """(address, the parameters it reads: a name, or a list of names sent at once) for the public
    pages that read the query string."""
    return [
        ("/search/", ["q"]),
        ("/search/?q=kite", [SEARCH_FILTERS, "page"]),
        ("/search/?suggest=1", ["q"]),
        ("/trainings/", ["format", "page"]),
        ("/trainings/organizations/", ["page"]),
        (site.presenter.get_parent().url, ["page"]),
        (site.blog.url, ["topic", "page"]),
        (site.blog.url + "?topic=equity", ["page"]),
    ]


def unreading_surfaces(site):
    """Addresses that read no parameter: they get every parameter name the site uses at once."""
    series, session = site.series, site.past_session
    return [
        (address, [EVERY_PARAM])
        for address in (
            site.blog.url + "feed/",
            "/trainings/calendar.ics",
            series.url + "calendar.ics",
            session.url + "calendar.ics",
            series.url,
            session.url,
            site.presenter.url,
            f"/trainings/organizations/{site.organization.slug}/",
            "/",
            site.post.url,
        )
    ]


def site_requests(site, value=None, raw=None, surfaces=None):
    """Each surface (by default every page's) with each of its parameters (or a list of parameters
    at once) set to the value, or written as the raw query string."""
    requests = []
    if surfaces is None:
        surfaces = site_surfaces(site) + unreading_surfaces(site)
    for address, params in surfaces:
        for param in params:
            names = param if isinstance(param, list) else [param]
            if raw is None:
                query = urlencode([(name, value) for name in names])
            else:
                query = "&".join(raw.format(p=name) for name in names)
            requests.append((with_query(address, query), value if raw is None else raw))
    return requests


def with_query(address, query):
    return address + ("&" if "?" in address else "?") + query


def problems_with(response, sent):
    """What is wrong with an answer to hostile input, or "" when nothing is."""
    status = response.status_code
    if status >= 500:
        return f"answered {status}"
    body = response.content.decode("utf-8", "replace")
    if "html" in response.get("Content-Type", ""):
        for attack in (SCRIPT, IMAGE_TAG):
            if attack in sent and attack in body:
                return "reflected the markup unescaped"
        if 'href="javascript:' in body:
            return "wrote a javascript: link"
    return ""


def api_problems_with(response, sent):
    problem = problems_with(response, sent)
    if problem or "html" in response.get("Content-Type", ""):
        return problem
    status = response.status_code
    if status not in (200, 302, 400, 404):
        return f"answered {status}"
    if status in (400, 404):
        message = response.json().get("message")
        if not isinstance(message, str) or not message:
            return f"answered {status} without a message"
    return ""


def walk(client, requests, judge):
    """Send each (address, sent) request; fail listing every one answered wrongly."""
    found = []
    for address, sent in requests:
        problem = judge(client.get(address), sent)
        if problem:
            found.append(f"{address[:150]!r}: {problem}")
    assert not found, "\n".join(found)


def short_id(value):
    return repr(value[:24]) + (f"…({len(value)})" if len(value) > 24 else "")


@pytest.fixture
def answering_client(client):
    """The test client, answering a server error with the 500 page as a visitor would see it, so
    that one test lists every failing address."""
    client.raise_request_exception = False
    return client


def filterable_fields():
    """(endpoint, type, field) for every field a visitor can filter on: each page model's own fields
    (with its `type=`), the fields every page has, and the images' and documents' fields."""
    found = []
    page_fields = set(PublicPagesAPIViewSet.get_available_fields(Page, db_fields_only=True))
    found += [("pages", None, name) for name in sorted(page_fields)]
    for model in get_page_models():
        own = set(PublicPagesAPIViewSet.get_available_fields(model, db_fields_only=True)) - page_fields
        found += [("pages", model._meta.label, name) for name in sorted(own)]
    for endpoint, viewset in (("images", PublicImagesAPIViewSet), ("documents", PublicDocumentsAPIViewSet)):
        model = viewset.model
        found += [(endpoint, None, name) for name in viewset.get_available_fields(model, db_fields_only=True)]
    return found


class TestTheAPI:
    """The API answers every hostile value with a 400 or 404 and a message, never a server error."""

    @pytest.mark.parametrize("value", HOSTILE_VALUES, ids=short_id)
    def test_api_answers_hostile_parameters_clearly(self, answering_client, site, value):
        requests = [
            (with_query(address, urlencode({param: value})), value)
            for address, params in api_surfaces(site)
            for param in params
        ]
        requests.append((with_query("/api/v2/pages/", urlencode({"format": "api", "search": value})), value))
        walk(answering_client, requests, api_problems_with)

    @pytest.mark.parametrize("value", HOSTILE_VALUES, ids=short_id)
    def test_api_ids_in_the_address(self, answering_client, site, value):
        requests = [
            (f"/api/v2/{endpoint}/{quote(value, safe='')}/", value)
            for endpoint in ("pages", "images", "documents")
        ]
        walk(answering_client, requests, problems_with)

    @pytest.mark.parametrize("value", FILTER_VALUES, ids=short_id)
    def test_api_field_filters_answer_malformed_values_clearly(self, answering_client, site, value):
        requests = []
        for endpoint, page_type, name in filterable_fields():
            params = {"type": page_type} if page_type else {}
            params[name] = value
            requests.append((f"/api/v2/{endpoint}/?{urlencode(params)}", value))
        walk(answering_client, requests, api_problems_with)

    @pytest.mark.parametrize("raw", RAW_QUERIES)
    def test_api_odd_query_strings(self, answering_client, site, raw):
        requests = [
            (with_query(address, raw.format(p=param)), raw)
            for address, params in api_surfaces(site)
            for param in params
        ]
        walk(answering_client, requests, api_problems_with)


class TestSitePages:
    """Public pages answer every hostile value without a server error or a reflected script."""

    @pytest.mark.parametrize("value", HOSTILE_VALUES, ids=short_id)
    def test_site_pages_answer_hostile_parameters(self, answering_client, site, value):
        segment = quote(value, safe="")
        requests = site_requests(site, value, surfaces=site_surfaces(site)) + [
            (address, value)
            for address in (
                f"/{segment}/",
                f"/trainings/{segment}/calendar.ics",
                f"/trainings/organizations/{segment}/",
                f"{site.blog.url}{segment}/",
                f"/documents/{segment}/handout.pdf",
                f"/documents/{site.resource.pk}/{segment}",
            )
        ]
        walk(answering_client, requests, problems_with)

    def test_pages_that_read_no_parameter_ignore_every_hostile_value(self, answering_client, site):
        # What these pages do with a query string does not depend on its values, so each page gets them
        # all in one address: every value under every parameter name the site reads.
        query = urlencode([(name, value) for value in HOSTILE_VALUES for name in EVERY_PARAM])
        sent = "\n".join(HOSTILE_VALUES)
        requests = [(with_query(address, query), sent) for address, _params in unreading_surfaces(site)]
        walk(answering_client, requests, problems_with)

    @pytest.mark.parametrize("raw", RAW_QUERIES)
    def test_site_pages_odd_query_strings(self, answering_client, site, raw):
        walk(answering_client, site_requests(site, raw=raw), problems_with)


def test_the_walk_reaches_real_content(client, site):
    """The surfaces above are real pages with content, so the walk exercises more than 404s."""
    for address, _params in api_surfaces(site) + site_surfaces(site) + unreading_surfaces(site):
        if address.endswith("/find/"):
            continue
        response = client.get(address)
        assert response.status_code == 200, address
    assert client.get("/search/", {"q": "kite"}).context["search"].total >= 3
    assert client.get("/api/v2/pages/", {"type": "programs.SessionPage"}).json()["meta"]["total_count"] == 2
