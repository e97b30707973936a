"""Logins and searches are refused for a while when one visitor tries too often; the limits count
in the cache, so moving its clock forward ends a wait."""

import io
import time
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import RequestFactory
from redis.exceptions import ConnectionError as RedisConnectionError

from home.throttling import client_ip

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
    return settings


@pytest.fixture
def clock(monkeypatch):
    """Move the clock the cache and the rate limits read forward by some seconds."""
    offset = [0.0]
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + offset[0])

    def forward(seconds):
        offset[0] += seconds

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
