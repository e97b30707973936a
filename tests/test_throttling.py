"""Logins, page passwords, password resets and searches are refused for a while when one visitor
tries too often; the limits count in the cache, so moving its clock forward ends a wait."""

import io
import os
import re
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from django.core import mail
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError
from wagtail.models import PageViewRestriction

from home.throttling import client_ip
from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/admin/login/"
FRONT_LOGIN = "/_util/login/"
RIGHT = "the-right-password-1"
OTHER_ADDRESS = "203.0.113.9"


@pytest.fixture
def limits(settings):
    """Lockouts on, and limits small enough to reach in a test."""
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    settings.SEARCH_RATE_LIMIT = "3/m"
    settings.SUGGEST_RATE_LIMIT = "3/m"
    settings.API_SEARCH_RATE_LIMIT = "3/m"
    settings.PAGE_PASSWORD_RATE_LIMIT = "3/15m"
    settings.PASSWORD_RESET_EMAIL_RATE_LIMIT = "2/h"
    settings.PASSWORD_RESET_IP_RATE_LIMIT = "4/h"
    return settings


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """The clock the cache and the rate limits read, stopped so that no count's window can end in
    the middle of a test; `clock(seconds)` moves it forward."""
    now = [time.time()]
    monkeypatch.setattr(time, "time", lambda: now[0])

    def forward(seconds):
        now[0] += seconds

    forward.now = lambda: now[0]
    return forward


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_superuser("alice", "alice@example.org", RIGHT)


def log_in(client, url, username, password, address="127.0.0.1", **extra):
    return client.post(url, {"username": username, "password": password, **extra}, REMOTE_ADDR=address)


def logged_in(client):
    return "_auth_user_id" in client.session


def assert_please_wait(response, heading):
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    text = response.content.decode()
    assert heading in text
    assert "You can try again in" in text


# --- Logins: the Wagtail admin's and the front-end one for login-restricted pages ----------------


@pytest.mark.parametrize("url", [ADMIN_LOGIN, FRONT_LOGIN])
def test_wrong_passwords_lock_the_user_out_and_the_right_one_is_refused_meanwhile(client, limits, alice, url):
    first, second = (log_in(client, url, "alice", "wrong") for _ in range(2))
    assert first.status_code == second.status_code == 200  # the form again, with its error

    third = log_in(client, url, "alice", "wrong")
    assert_please_wait(third, "Too many failed log-in attempts")
    assert int(third["Retry-After"]) == 15 * 60

    during = log_in(client, url, "alice", RIGHT)
    assert during.status_code == 429
    assert not logged_in(client)


def test_a_lockout_follows_the_user_name_to_other_addresses(client, limits, alice):
    for address in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        log_in(client, ADMIN_LOGIN, "alice", "wrong", address=address)
    assert log_in(client, ADMIN_LOGIN, "alice", RIGHT, address=OTHER_ADDRESS).status_code == 429
    assert not logged_in(client)


def test_an_address_guessing_many_names_is_locked_out_for_every_name(client, limits, alice):
    for name in ("bob", "carol", "dave"):
        log_in(client, ADMIN_LOGIN, name, "wrong")
    assert log_in(client, ADMIN_LOGIN, "alice", RIGHT).status_code == 429
    # The same user from an address that did nothing wrong logs in.
    response = log_in(client, ADMIN_LOGIN, "alice", RIGHT, address=OTHER_ADDRESS)
    assert response.status_code == 302 and logged_in(client)


def test_a_user_name_written_as_an_address_does_not_lock_out_that_address(client, limits, alice):
    for _ in range(3):
        log_in(client, ADMIN_LOGIN, OTHER_ADDRESS, "wrong")
    response = log_in(client, ADMIN_LOGIN, "alice", RIGHT, address=OTHER_ADDRESS)
    assert response.status_code == 302 and logged_in(client)


def test_the_lockout_ends_after_the_cool_off(client, limits, alice, clock):
    for _ in range(3):
        log_in(client, ADMIN_LOGIN, "alice", "wrong")
    clock(14 * 60)
    assert log_in(client, ADMIN_LOGIN, "alice", RIGHT).status_code == 429
    # That refused attempt started the wait again.
    clock(14 * 60)
    assert log_in(client, ADMIN_LOGIN, "alice", RIGHT).status_code == 429
    clock(15 * 60 + 1)
    response = log_in(client, ADMIN_LOGIN, "alice", RIGHT)
    assert response.status_code == 302 and logged_in(client)


def test_an_administrator_unlocks_a_user_and_an_address(client, limits, alice):
    for _ in range(3):
        log_in(client, ADMIN_LOGIN, "alice", "wrong")
    # Clearing the name leaves the address that guessed locked out, and the other way round.
    output = io.StringIO()
    call_command("axes_reset_username", "alice", stdout=output)
    assert "attempts removed" in output.getvalue()
    assert log_in(client, ADMIN_LOGIN, "alice", RIGHT).status_code == 429
    response = log_in(client, ADMIN_LOGIN, "alice", RIGHT, address=OTHER_ADDRESS)
    assert response.status_code == 302
    client.logout()
    call_command("axes_reset_ip", "127.0.0.1", stdout=io.StringIO())
    assert log_in(client, ADMIN_LOGIN, "alice", RIGHT).status_code == 302


def test_a_right_password_before_the_limit_logs_in(client, limits, alice):
    for _ in range(2):
        log_in(client, ADMIN_LOGIN, "alice", "wrong")
    response = log_in(client, ADMIN_LOGIN, "alice", RIGHT)
    assert response.status_code == 302 and logged_in(client)


# --- Where the logins return to ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [
        ("/members/", "/members/"),
        ("", "/"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("https:///evil.example/", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_the_front_end_login_returns_to_the_page_or_home(client, limits, alice, next_url, lands_on):
    response = log_in(client, FRONT_LOGIN, "alice", RIGHT, next=next_url)
    assert response.status_code == 302
    assert response["Location"] == lands_on


def test_a_login_restricted_page_sends_visitors_to_the_login_and_back(client, limits, site_root, alice):
    members = StandardPageFactory(parent=site_root, title="Members", slug="members")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    to_login = client.get("/members/")
    assert to_login.status_code == 302 and to_login["Location"] == f"{FRONT_LOGIN}?next=/members/"
    back = log_in(client, FRONT_LOGIN, "alice", RIGHT, next="/members/")
    assert back["Location"] == "/members/"
    assert client.get("/members/").status_code == 200


# --- Page passwords --------------------------------------------------------------------------------


@pytest.fixture
def private_page(site_root):
    page = StandardPageFactory(parent=site_root, title="Board minutes", slug="board")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="open-sesame"
    )
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    return page, url


def guess(client, url, password, return_url="/board/", address="127.0.0.1"):
    return client.post(url, {"password": password, "return_url": return_url}, REMOTE_ADDR=address)


def sees_the_page(client):
    return "You need a password" not in client.get("/board/").content.decode()


def test_wrong_page_passwords_close_the_page_for_a_while(client, limits, private_page, clock):
    _page, url = private_page
    for _ in range(2):
        response = guess(client, url, "wrong")
        assert response.status_code == 200
        assert "not correct" in response.content.decode()
    assert_please_wait(guess(client, url, "wrong"), "Too many wrong passwords")

    assert guess(client, url, "open-sesame").status_code == 429
    assert not sees_the_page(client)
    # Another visitor is not held back.
    other = guess(client, url, "open-sesame", address=OTHER_ADDRESS)
    assert other.status_code == 302

    clock(15 * 60 + 1)
    assert guess(client, url, "open-sesame").status_code == 302
    assert sees_the_page(client)


@pytest.mark.parametrize(
    ("return_url", "lands_on"),
    [
        ("/board/", "/board/"),
        ("/board/?tab=2", "/board/?tab=2"),
        ("", "/board/"),
        ("https://evil.example/", "/board/"),
        ("//evil.example/", "/board/"),
        ("javascript:alert(1)", "/board/"),
    ],
)
def test_the_right_page_password_returns_to_the_page(client, limits, private_page, return_url, lands_on):
    _page, url = private_page
    response = guess(client, url, "open-sesame", return_url=return_url)
    assert response.status_code == 302
    assert response["Location"] == lands_on
    assert sees_the_page(client)


def test_the_password_form_posts_to_the_limited_address(client, private_page):
    _page, url = private_page
    assert f'action="{url}"' in client.get("/board/").content.decode()


# --- Password resets -------------------------------------------------------------------------------


def ask_reset(client, email, address="127.0.0.1"):
    return client.post("/admin/password_reset/", {"email": email}, REMOTE_ADDR=address)


def test_password_resets_are_limited_per_address_asked_for(client, limits, alice):
    assert [ask_reset(client, "alice@example.org").status_code for _ in range(2)] == [302, 302]
    assert len(mail.outbox) == 2
    refused = ask_reset(client, "Alice@Example.org ", address=OTHER_ADDRESS)
    assert_please_wait(refused, "Too many password reset requests")
    assert len(mail.outbox) == 2

    # An address with no account gets the same answer, so the limit tells nothing about accounts.
    for _ in range(2):
        ask_reset(client, "nobody@example.org", address="198.51.100.20")
    unknown = ask_reset(client, "nobody@example.org", address="198.51.100.21")
    assert unknown.status_code == 429
    # Only the wait differs: each address's count runs in its own window.
    assert re.sub(rb"\d+ minutes?", b"", unknown.content) == re.sub(rb"\d+ minutes?", b"", refused.content)


def test_password_resets_are_limited_per_client_address(client, limits, alice):
    answers = [ask_reset(client, f"person{n}@example.org").status_code for n in range(4)]
    assert answers == [302] * 4
    assert ask_reset(client, "alice@example.org").status_code == 429
    assert mail.outbox == []
    assert ask_reset(client, "alice@example.org", address=OTHER_ADDRESS).status_code == 302


# --- Searches, suggestions and API searches --------------------------------------------------------


def test_searches_are_limited_per_address(client, limits, site_root, clock):
    for _ in range(3):
        assert client.get("/search/", {"q": "organizing"}).status_code == 200
    refused = client.get("/search/", {"q": "organizing"})
    assert_please_wait(refused, "Too many searches")
    assert int(refused["Retry-After"]) <= 60
    assert "no-cache" in refused["Cache-Control"]

    assert client.get("/search/", {"q": "organizing"}, REMOTE_ADDR=OTHER_ADDRESS).status_code == 200
    clock(61)
    assert client.get("/search/", {"q": "organizing"}).status_code == 200


def test_suggestions_are_limited_with_a_json_answer(client, limits, site_root):
    for _ in range(3):
        assert client.get("/search/", {"suggest": "1", "q": "org"}).status_code == 200
    refused = client.get("/search/", {"suggest": "1", "q": "org"})
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["suggestions"] == []
    assert "wait" in refused.json()["message"]
    # Suggestions and result pages are counted apart.
    assert client.get("/search/", {"q": "org"}).status_code == 200


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_api_searches_are_limited_but_plain_listings_are_not(client, limits, site_root, endpoint):
    url = f"/api/v2/{endpoint}/"
    for _ in range(5):
        assert client.get(url).status_code == 200
    for _ in range(3):
        assert client.get(url, {"search": "organizing"}).status_code == 200
    refused = client.get(url, {"search": "organizing"})
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "wait" in refused.json()["message"]
    assert client.get(url).status_code == 200


def test_an_unreachable_cache_never_stops_searches(client, limits, site_root, monkeypatch):
    def unreachable(*args, **kwargs):
        raise RedisConnectionError("Connection refused")

    monkeypatch.setattr(caches["default"], "add", unreachable)
    for _ in range(5):
        assert client.get("/search/", {"q": "organizing"}).status_code == 200
        assert client.get("/api/v2/pages/", {"search": "organizing"}).status_code == 200


def test_a_limit_left_empty_is_off(client, limits, site_root):
    limits.SEARCH_RATE_LIMIT = None
    for _ in range(5):
        assert client.get("/search/", {"q": "organizing"}).status_code == 200


# --- The client address --------------------------------------------------------------------------


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_the_client_address_is_remote_addr_unless_proxies_are_trusted(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from("10.0.0.5", "198.51.100.7")) == "10.0.0.5"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from("10.0.0.5", "198.51.100.7")) == "198.51.100.7"
    # What the visitor wrote to the left of what the proxy added is ignored.
    assert client_ip(request_from("10.0.0.5", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request_from("10.0.0.6", "1.2.3.4, 198.51.100.7, 10.0.0.5")) == "198.51.100.7"
    # Too few entries, or something that is not an address: the proxy's own address is counted.
    assert client_ip(request_from("10.0.0.6", "198.51.100.7")) == "10.0.0.6"
    assert client_ip(request_from("10.0.0.6", "junk, 10.0.0.5")) == "10.0.0.6"


def test_behind_a_proxy_searches_and_logins_count_per_visitor(client, limits, site_root, alice):
    limits.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    for spoofed in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        forwarded = f"{spoofed}, 198.51.100.7"
        assert client.get("/search/", {"q": "a"}, HTTP_X_FORWARDED_FOR=forwarded, **proxy).status_code == 200
    assert client.get("/search/", {"q": "a"}, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).status_code == 429
    assert client.get("/search/", {"q": "a"}, HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy).status_code == 200

    for name in ("bob", "carol", "dave"):
        client.post(
            ADMIN_LOGIN, {"username": name, "password": "x"}, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy
        )
    locked = client.post(
        ADMIN_LOGIN, {"username": "alice", "password": RIGHT}, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy
    )
    assert locked.status_code == 429
    fine = client.post(
        ADMIN_LOGIN, {"username": "alice", "password": RIGHT}, HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy
    )
    assert fine.status_code == 302


# --- Settings --------------------------------------------------------------------------------------


def test_rates_are_read_from_the_environment_and_checked(monkeypatch):
    from config.settings.base import env_rate

    monkeypatch.setenv("SEARCH_RATE_LIMIT", "60/m")
    assert env_rate("SEARCH_RATE_LIMIT", "120/m") == "60/m"
    monkeypatch.setenv("SEARCH_RATE_LIMIT", "")
    assert env_rate("SEARCH_RATE_LIMIT", "120/m") is None
    monkeypatch.delenv("SEARCH_RATE_LIMIT")
    assert env_rate("SEARCH_RATE_LIMIT", "120/m") == "120/m"
    monkeypatch.setenv("SEARCH_RATE_LIMIT", "lots")
    with pytest.raises(ImproperlyConfigured, match="SEARCH_RATE_LIMIT"):
        env_rate("SEARCH_RATE_LIMIT", "120/m")


# --- Shared by every app server process through Redis ----------------------------------------------

ANOTHER_PROCESS = """
import os, time
time.time = lambda: float(os.environ["TEST_CLOCK"])
from django.test import RequestFactory, override_settings
from axes.handlers.proxy import AxesProxyHandler
from home.throttling import failures_used_up
login = RequestFactory().post("/admin/login/", {"username": "alice"}, REMOTE_ADDR="198.51.100.50")
print(AxesProxyHandler.is_locked(login, {"username": "alice"}))
search = RequestFactory().get("/search/", {"q": "a"}, REMOTE_ADDR="127.0.0.1")
print(failures_used_up(search, "search", "3/h") > 0)
"""


def test_lockouts_and_counts_in_redis_hold_for_every_process(
    client, limits, site_root, alice, redis_url, clock
):
    # Redis expires entries by its own clock: counts in hours outlast a slow test.
    limits.SEARCH_RATE_LIMIT = "3/h"
    prefix = f"throttle-test-{uuid.uuid4().hex}"
    shared = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": prefix,
        }
    }
    # Axes keeps the cache it started with: naming its handler again makes it take the cache set
    # here, and, when both are undone together, the test cache again.
    redis_cache = override_settings(CACHES=shared, AXES_HANDLER="axes.handlers.cache.AxesCacheHandler")
    try:
        with redis_cache:
            for _ in range(3):
                log_in(client, ADMIN_LOGIN, "alice", "wrong")
                client.get("/search/", {"q": "a"})
            assert log_in(client, ADMIN_LOGIN, "alice", RIGHT).status_code == 429
            assert client.get("/search/", {"q": "a"}).status_code == 429

        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
        env.update(
            REDIS_URL=redis_url, CACHE_KEY_PREFIX=prefix, LOGIN_FAILURE_LIMIT="3", TEST_CLOCK=str(clock.now())
        )
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", ANOTHER_PROCESS],
            cwd=Path(__file__).resolve().parent.parent,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == ["True", "True"]
        # This process is back on its own cache, where none of that was counted.
        assert log_in(client, ADMIN_LOGIN, "alice", RIGHT).status_code == 302
    finally:
        server = redis.Redis.from_url(redis_url)
        for key in server.scan_iter(f"{prefix}:*"):
            server.delete(key)
