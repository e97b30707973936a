"""Varnish (deploy/varnish/default.vcl) in front of two app servers running the production settings:
pages are kept and served again, publishing purges them at once, saving a draft does not.

Needs Debian's varnish; skipped without it unless REQUIRE_VARNISH=1. The app servers share a
SQLite database in a temporary folder, built with `migrate`; every process listens on a free
loopback port and is stopped by its own process id.
"""

import gzip
import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import skip_unless_required

ROOT = Path(__file__).resolve().parent.parent
VARNISHD = Path(os.environ.get("VARNISHD", "/usr/sbin/varnishd"))
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
PUBLIC_HOST = "trainings.example.org"  # the host name the shipped health probe asks for

# Pages the tests change, each used by one test so that they do not depend on one another.
SETUP = """
from wagtail.models import Site
from home.models import StandardPage
from programs.models import (
    PresenterIndexPage, PresenterPage, SessionPage, SessionPresenter, TrainingIndexPage, TrainingSeriesPage,
)
from django.utils import timezone
from datetime import timedelta

site = Site.objects.get(is_default_site=True)
site.hostname, site.port = "127.0.0.1", {port}
site.save()
home = site.root_page.specific

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


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process {process.args[:3]} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answered on port {port}")


class Stack:
    """Two app servers behind one Varnish, and ways to reach them."""

    def __init__(self, folder):
        self.folder = folder
        self.processes = []
        self.public_port, self.purge_port = free_port(), free_port()
        self.app_ports = [free_port(), free_port()]
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "PAGE_CACHE_SECONDS")
        }
        self.env.update(
            DJANGO_SETTINGS_MODULE="config.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),
            SECURE_SSL_REDIRECT="false",
            ALLOWED_HOSTS=f"127.0.0.1,{PUBLIC_HOST}",
            DATABASE_URL=f"sqlite:///{folder / 'site.sqlite3'}",
            FRONTEND_CACHE_URL=f"http://127.0.0.1:{self.purge_port}",
        )

    def manage(self, *args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def shell(self, code):
        return self.manage("shell", "--no-imports", "-c", code)

    def start(self, args, port, name):
        log = open(self.folder / f"{name}.out", "w")  # noqa: SIM115 - closed in stop()
        process = subprocess.Popen(args, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.processes.append((process, log))
        wait_for_port(port, process)

    def start_app_servers(self):
        for number, port in enumerate(self.app_ports, start=1):
            command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"]
            command += ["--workers", "2", "--access-logfile", str(self.access_log(number))]
            self.start(command, port, f"app{number}")
            # Its workers load the site on their first request; answer the health probe at once.
            for _worker in range(2):
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request("GET", "/robots.txt", headers={"Host": PUBLIC_HOST})
                assert connection.getresponse().status == 200
                connection.close()

    def access_log(self, number):
        return self.folder / f"app{number}-access.log"

    def start_varnish(self):
        vcl = VCL.read_text()
        for number, port in enumerate(self.app_ports, start=1):
            vcl, replaced = re.subn(
                rf'(backend app{number} \{{\s*\.host = )"[^"]+";\s*\.port = "\d+";',
                rf'\1"127.0.0.1"; .port = "{port}";',
                vcl,
            )
            assert replaced == 1, "the shipped VCL no longer names its backends as the test expects"
        (self.folder / "default.vcl").write_text(vcl)
        self.varnish_dir = self.folder / "varnish"
        command = [str(VARNISHD), "-F", "-j", "none", "-n", str(self.varnish_dir)]
        command += ["-f", str(self.folder / "default.vcl"), "-s", "malloc,64m"]
        command += ["-a", f"public=127.0.0.1:{self.public_port}", "-a", f"purge=127.0.0.1:{self.purge_port}"]
        self.start(command, self.public_port, "varnish")
        deadline = time.monotonic() + 60
        while self.healthy_backends() != ["app1", "app2"]:
            assert time.monotonic() < deadline, "the app servers never passed Varnish's health probe"
            time.sleep(0.3)

    def healthy_backends(self):
        """The app servers Varnish's health probe finds healthy, from `varnishadm backend.list`."""
        result = subprocess.run(
            ["varnishadm", "-n", str(self.varnish_dir), "backend.list"],
            capture_output=True,
            text=True,
            timeout=10,
        )
        rows = [line.split() for line in result.stdout.splitlines()]
        return sorted(
            row[0].split(".")[-1]
            for row in rows
            if len(row) > 3 and row[3] == "healthy" and row[0] != "boot.app"
        )

    def stop(self):
        for process, _log in reversed(self.processes):
            process.terminate()
        for process, log in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()

    def request(self, path, method="GET", headers=None):
        """(status, headers with lower-case names, body) for one request through Varnish."""
        connection = http.client.HTTPConnection("127.0.0.1", self.public_port, timeout=30)
        try:
            connection.request(
                method, path, headers={"Host": f"127.0.0.1:{self.public_port}", **(headers or {})}
            )
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def get(self, path, **headers):
        status, response_headers, body = self.request(path, headers=headers)
        assert status == 200, (path, status)
        return response_headers, body.decode()


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if not VARNISHD.exists():
        skip_unless_required(f"Varnish is not installed at {VARNISHD}", "REQUIRE_VARNISH")
    stack = Stack(tmp_path_factory.mktemp("varnish-stack"))
    try:
        stack.manage("migrate", "--noinput", "--verbosity", "0")
        stack.manage("collectstatic", "--noinput", "--verbosity", "0")
        stack.shell(SETUP.format(port=stack.public_port))
        stack.start_app_servers()
        stack.start_varnish()
        yield stack
    finally:
        stack.stop()


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
