"""Cache keys stay within the 250 characters memcached accepts (and Django warns about for every
backend), whatever address or filter a visitor sends, and short keys keep Django's own form."""

import warnings

import pytest
from django.core.cache import CacheHandler, cache
from django.core.cache.backends.base import CacheKeyWarning, default_key_func

from home.cache_keys import make_key
from home.page_cache import HEADER
from tests.deployment import settings_for
from tests.factories.home import StandardPageFactory


def test_short_keys_are_djangos_own_and_long_ones_a_digest_within_the_limit():
    assert make_key("site-reads:menus:example.org", "trainings", 1) == default_key_func(
        "site-reads:menus:example.org", "trainings", 1
    )
    long_key = "page-cache:generation:example.org:/" + "a" * 5000
    kept = make_key(long_key, "trainings", 1)
    assert len(kept) <= 250 and kept.startswith("trainings:1:")
    # Another long key, another digest; another version or prefix, another key.
    assert make_key(long_key[:-1] + "b", "trainings", 1) != kept
    assert make_key(long_key, "trainings", 2) != kept
    assert make_key(long_key, "other-site", 1) != kept


@pytest.mark.parametrize(
    "env",
    [{}, {"REDIS_URL": "redis://127.0.0.1:6379/0"}],
    ids=["memory cache", "Redis cache"],
)
def test_every_cache_the_settings_make_uses_the_key_function(env):
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.dev", **env}
    caches = CacheHandler(settings_for(env, ())["CACHES"])
    assert caches["default"].key_func is make_key


@pytest.mark.django_db
def test_a_page_at_a_long_address_is_cached_and_served_from_the_cache(site_root, client, settings):
    """The whole-page cache's key holds the page's address; a long one still makes a key any cache
    server accepts, with no warning, and the second visit is served from the cache."""
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    parent = StandardPageFactory(parent=site_root, title="Programs", slug="p" * 120)
    page = StandardPageFactory(parent=parent, title="Long", slug="a-very-long-page-address-" * 6)
    assert len(page.url) > 250
    client.get("/")  # the first visit ever creates the site settings rows, which clears the cache
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)
        first = client.get(page.url)
        second = client.get(page.url)
    assert first.status_code == 200 and first[HEADER] == "miss"
    assert second[HEADER] == "hit" and second.content == first.content
    cache.clear()
