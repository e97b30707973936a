"""Varnish (deploy/varnish/default.vcl) in front of two app servers running the production settings:
pages are kept and served again, publishing purges them at once, saving a draft does not.

Needs Debian's varnish; skipped without it unless REQUIRE_VARNISH=1. The app servers share a copy
of the test database (a file on SQLite, a scratch database on PostgreSQL); every process listens on
a free loopback port and is stopped by its own process id.
"""

import gzip
import time

import pytest

from bench.proxy_stack import VARNISHD, ProxyStack
from tests.conftest import ScratchDatabase, skip_unless_required

# The servers work on a copy of the test database, which only a test marked as using the database
# has set up (run on its own, the module would otherwise copy whatever DATABASE_URL names).
pytestmark = pytest.mark.django_db

# Pages the tests change, each used by one test so that they do not depend on one another.
SETUP = """
from wagtail.models import Site
from home.models import StandardPage
from programs.models import (
    PresenterIndexPage, PresenterPage, SessionPage, SessionPresenter, TrainingIndexPage, TrainingSeriesPage,
)
from django.utils import timezone
from datetime import timedelta

from wagtail.models import Locale, Page
from home.models import HomePage

# A copy of the test database: the site as migrate left it, or emptied by an earlier test.
Locale.objects.get_or_create(language_code="en")
root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
home = HomePage.objects.first() or root.add_child(instance=HomePage(title="Home", slug="home"))
Site.objects.update_or_create(
    is_default_site=True, defaults={{"hostname": "127.0.0.1", "port": {port}, "root_page": home}}
)

def add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page

for slug in ("publish-check", "draft-check", "variants-check"):
    add(home, StandardPage(title=slug, slug=slug, intro="First version of " + slug))
people = add(home, PresenterIndexPage(title="Presenters", slug="presenters"))
presenter = add(people, PresenterPage(title="Ana Presenter", slug="ana"))
index = add(home, TrainingIndexPage(title="Trainings", slug="trainings"))
series = add(index, TrainingSeriesPage(title="Parent power", slug="parent-power", summary="A series."))
start = timezone.now() + timedelta(days=7)
end = start + timedelta(hours=2)
session = SessionPage(title="Power mapping", slug="power-mapping", start=start, end=end)
series.add_child(instance=session)
SessionPresenter.objects.create(page=session, presenter=presenter)
session.save_revision().publish()
"""

EDIT = """
from wagtail.models import Page
page = Page.objects.get(slug="{slug}").specific
page.{field} = "{value}"
revision = page.save_revision()
{publish}
"""


@pytest.fixture(scope="module")
def stack(tmp_path_factory, django_db_setup, django_db_blocker, collected_static):
    if not VARNISHD.exists():
        skip_unless_required(f"Varnish is not installed at {VARNISHD}", "REQUIRE_VARNISH")
    folder = tmp_path_factory.mktemp("varnish-stack")
    with django_db_blocker.unblock():
        database = ScratchDatabase(folder)
    stack = ProxyStack(folder, database_url=database.url, env={"STATIC_ROOT": str(collected_static)})
    try:
        # One worker each: Varnish's turns go from one app server to the other, and no test here
        # needs a server to answer two requests at once. The pages are made while they load.
        stack.start_app_servers(
            workers=1, meanwhile=lambda: stack.shell(SETUP.format(port=stack.public_port))
        )
        stack.start_varnish()
        yield stack
    finally:
        stack.stop()
        database.drop()


def edit(stack, slug, value, field="intro", publish=True):
    stack.shell(
        EDIT.format(slug=slug, field=field, value=value, publish="revision.publish()" if publish else "")
    )


def test_a_page_is_kept_and_served_again_without_the_app(stack):
    first, body = stack.get("/publish-check/")
    assert first["x-cache"] == "MISS" and "First version of publish-check" in body
    second, again = stack.get("/publish-check/")
    assert second["x-cache"] == "HIT"
    assert int(second["age"]) >= 0 and again == body
    assert "s-maxage=300" in second["cache-control"]


def test_both_app_servers_answer_in_turn(stack):
    # Search results always reach the app, so they show the round robin.
    for _ in range(4):
        headers, _body = stack.get("/search/?q=power")
        assert headers["x-cache"] == "PASS"

    def served_by_each():
        logs = [stack.access_log(number).read_text() for number in (1, 2)]
        return [log.count("GET /search/?q=power") for log in logs]

    # An app server writes its access log line just after answering.
    deadline = time.monotonic() + 5
    while sum(served_by_each()) < 4 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert served_by_each() == [2, 2]


def test_a_published_change_shows_through_the_proxy_within_a_second(stack):
    stack.get("/publish-check/")
    assert stack.get("/publish-check/")[0]["x-cache"] == "HIT"
    edit(stack, "publish-check", "Second version of publish-check")
    published = time.monotonic()
    while True:
        headers, body = stack.get("/publish-check/")
        if "Second version" in body:
            break
        assert time.monotonic() - published < 1, "the old page was still served a second after publishing"
        time.sleep(0.05)
    assert headers["x-cache"] == "MISS"
    assert stack.get("/publish-check/")[0]["x-cache"] == "HIT"


def test_a_saved_draft_purges_nothing(stack):
    stack.get("/draft-check/")
    edit(stack, "draft-check", "Draft nobody should see yet", publish=False)
    headers, body = stack.get("/draft-check/")
    assert headers["x-cache"] == "HIT"
    assert "First version of draft-check" in body and "Draft nobody" not in body


def test_publishing_a_session_purges_its_presenter_series_and_calendars(stack):
    urls = [
        "/presenters/ana/",
        "/trainings/",
        "/trainings/calendar.ics",
        "/trainings/parent-power/",
        "/trainings/parent-power/calendar.ics",
        "/trainings/parent-power/power-mapping/calendar.ics",
    ]
    for url in urls:
        stack.get(url)
        assert stack.get(url)[0]["x-cache"] == "HIT", url
    edit(stack, "power-mapping", "Power mapping for parents", field="title")
    for url in urls:
        headers, body = stack.get(url)
        assert headers["x-cache"] == "MISS", url
        assert "Power mapping for parents" in body, url


def test_one_purge_forgets_every_query_string_of_the_address(stack):
    for path in ("/variants-check/", "/variants-check/?page=2"):
        stack.get(path)
        assert stack.get(path)[0]["x-cache"] == "HIT"
    edit(stack, "variants-check", "Second version of variants-check")
    headers, body = stack.get("/variants-check/?page=2")
    assert headers["x-cache"] == "MISS" and "Second version" in body


def test_visitors_with_a_session_or_csrf_cookie_get_their_own_pages(stack):
    stack.get("/publish-check/")
    for cookie in ("sessionid=abc123", "csrftoken=abc123", "theme=dark; sessionid=abc123"):
        headers, _body = stack.get("/publish-check/", Cookie=cookie)
        assert headers["x-cache"] == "PASS", cookie
        assert "private" in headers["cache-control"], cookie


def test_other_cookies_are_dropped_and_the_kept_page_served(stack):
    stack.get("/publish-check/")
    headers, _body = stack.get("/publish-check/", Cookie="_ga=GA1.2.3; theme=dark")
    assert headers["x-cache"] == "HIT"
    assert "set-cookie" not in headers


def test_the_admin_and_posts_always_reach_the_app(stack):
    status, headers, _body = stack.request("/admin/login/")
    assert status == 200 and headers["x-cache"] == "PASS"
    status, headers, _body = stack.request("/admin/login/", method="POST")
    assert status == 403 and headers["x-cache"] == "PASS"  # no CSRF token: refused by the app


def test_visitors_cannot_purge(stack):
    stack.get("/publish-check/")
    status, _headers, _body = stack.request("/publish-check/", method="PURGE")
    assert status == 405
    assert stack.get("/publish-check/")[0]["x-cache"] == "HIT"


def test_pages_are_kept_compressed_and_sent_plain_to_clients_without_gzip(stack):
    stack.get("/publish-check/")
    status, headers, body = stack.request("/publish-check/", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    _plain_headers, plain = stack.get("/publish-check/")
    assert gzip.decompress(body).decode() == plain
    assert "content-encoding" not in _plain_headers
