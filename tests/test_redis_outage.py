"""With Redis stopped every page is still served, from the database; caching resumes with Redis."""

import logging
import shutil
import subprocess
import time

import pytest
import redis
from django.core.cache import cache
from django.test import override_settings

from home.page_cache import HEADER
from programs.models import Organization, SeriesOrganization
from tests.conftest import free_port, skip_unless_required
from tests.factories.search import build_world

REDIS_SERVER = shutil.which("redis-server") or "/usr/sbin/redis-server"


def cache_settings(url, retry_seconds=5.0):
    """The cache as production configures it for REDIS_URL (config/settings/base.py)."""
    return {
        "default": {
            "BACKEND": "home.redis_cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "outage-test",
            "KEY_FUNCTION": "home.cache_keys.make_key",
            "OPTIONS": {
                "socket_connect_timeout": 0.25,
                "socket_timeout": 0.25,
                "RETRY_SECONDS": retry_seconds,
            },
        }
    }


class RedisProcess:
    """A redis-server of the test's own, on a free loopback port, stopped and started again at will."""

    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        # No automatic saving: the test saves explicitly, to bring back the data of before a stop.
        command = [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(self.port), "--save", ""]
        command += ["--appendonly", "no", "--dir", str(self.folder)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=1)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return client
            except redis.ConnectionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.05)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def redis_process(tmp_path):
    if not shutil.which(REDIS_SERVER):
        skip_unless_required(f"redis-server is not installed at {REDIS_SERVER}", "REQUIRE_REDIS")
    server = RedisProcess(tmp_path)
    yield server
    if server.process and server.process.poll() is None:
        server.stop()


@pytest.fixture
def public_urls(site_root):
    """One address of every kind of public page the site serves."""
    world = build_world(site_root)
    organization = Organization.objects.create(name="Race Forward", slug="race-forward")
    SeriesOrganization.objects.create(
        page=world.series, organization=organization, role=SeriesOrganization.Role.HOST
    )
    trainings = world.series.get_parent().specific
    return {
        "home": "/",
        "mission": world.mission.url,
        "standard page": world.standard.url,
        "blog index": world.post.get_parent().url,
        "blog post": world.post.url,
        "blog feed": f"{world.post.get_parent().url}feed/",
        "training list": trainings.url,
        "series": world.series.url,
        "session": world.past_session.url,
        "session calendar": f"{world.upcoming_session.url}calendar.ics",
        "all sessions calendar": f"{trainings.url}calendar.ics",
        "organizations": f"{trainings.url}organizations/",
        "organization": f"{trainings.url}organizations/race-forward/",
        "presenter list": world.presenter.get_parent().url,
        "presenter": world.presenter.url,
        "framework": world.level.get_parent().url,
        "framework level": world.level.url,
        "search": "/search/?q=kite",
        "search suggestions": "/search/?suggest=1&q=kit",
        "document": world.resource.url,
        "api": "/api/v2/pages/",
        "sitemap": "/sitemap.xml",
        "robots.txt": "/robots.txt",
        "missing page": "/no-such-page/",
    }, world


def statuses(client, urls):
    expected = {name: 404 if name == "missing page" else 200 for name in urls}
    found = {name: client.get(url).status_code for name, url in urls.items()}
    assert found == expected


def outage_warnings(caplog):
    return [r for r in caplog.records if r.name == "home.redis_cache" and "unavailable" in r.getMessage()]


@pytest.mark.django_db
def test_every_page_is_served_through_a_redis_outage_and_caching_resumes(
    client, redis_process, public_urls, caplog
):
    urls, world = public_urls
    standard = world.standard.url
    server = redis_process.start()
    # As on a production site with Redis: whole pages, pages' parts and search results' cards kept.
    with override_settings(
        CACHES=cache_settings(redis_process.url, retry_seconds=0.5),
        PAGE_CACHE_SECONDS=300,
        FRAGMENT_CACHE_SECONDS=300,
    ):
        statuses(client, urls)
        assert client.get(standard)[HEADER] == "hit"
        assert server.dbsize() > 0

        # Redis keeps its data over the stop, as one with persistence or behind a broken network does.
        server.save()
        redis_process.stop()
        caplog.set_level(logging.WARNING, logger="home.redis_cache")
        statuses(client, urls)
        world.standard.title = "Contact the desk"
        world.standard.save_revision().publish()
        statuses(client, urls)
        response = client.get(standard)
        assert "Contact the desk" in response.content.decode()
        assert response[HEADER] == "miss"
        assert len(outage_warnings(caplog)) == 1

        redis_process.start()
        time.sleep(0.6)  # past RETRY_SECONDS, when the cache asks Redis again
        first = client.get(standard)
        # What was published during the outage shows, not the copy Redis kept from before it.
        assert first[HEADER] == "miss"
        assert "Contact the desk" in first.content.decode()
        assert client.get(standard)[HEADER] == "hit"
        statuses(client, urls)
        assert len(outage_warnings(caplog)) == 1
        assert any("answers again" in r.getMessage() for r in caplog.records if r.name == "home.redis_cache")


def test_every_cache_call_answers_as_a_miss_when_nothing_listens(caplog):
    """What other users of the cache (login lockout, rate limits) see while Redis is down."""
    with override_settings(CACHES=cache_settings(f"redis://127.0.0.1:{free_port()}/0")):
        caplog.set_level(logging.WARNING, logger="home.redis_cache")
        started = time.monotonic()
        assert cache.get("attempts") is None
        assert cache.get("attempts", 0) == 0
        assert cache.add("attempts", 1, 60) is False
        cache.set("attempts", 1, 60)
        with pytest.raises(ValueError):
            cache.incr("attempts")
        assert cache.get_many(["a", "b"]) == {}
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert cache.get_or_set("menus", lambda: ["built"], 60) == ["built"]
        assert cache.has_key("attempts") is False
        assert cache.delete("attempts") is False
        cache.delete_many(["a", "b"])
        assert cache.touch("attempts") is False
        assert time.monotonic() - started < 1
    assert len(outage_warnings(caplog)) == 1
