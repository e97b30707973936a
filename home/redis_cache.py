"""Django's Redis cache, made harmless when Redis is down.

With Redis unreachable every cache call answers as a miss (a read finds nothing, a write stores
nothing, `incr` finds no key), so pages are built from the database instead of failing. Each
process logs a warning once when Redis stops answering and once when it answers again. After a
failure the cache leaves Redis alone for `RETRY_SECONDS` (an entry of the cache's OPTIONS), so
that a Redis that times out costs one short wait every few seconds rather than one on every call.

When Redis answers again, `reconnected` is sent: whatever was cleared during the outage (for
example by publishing) was not cleared in Redis, so receivers start afresh (see home/page_cache.py).
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.dispatch import Signal
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

reconnected = Signal()
RECONNECT_PROBE_KEY = "redis-cache-reconnect-probe"


class ServerHealth:
    """Whether one Redis location answers. Django makes a cache object per thread, so this is
    shared by every thread of the process, which then logs an outage once."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down = False
        self.retry_at = 0.0

    def due(self):
        return time.monotonic() >= self.retry_at

    def failed(self, error, retry_seconds):
        with self.lock:
            self.retry_at = time.monotonic() + retry_seconds
            if self.down:
                return
            self.down = True
        logger.warning("Redis cache unavailable, serving without it until it answers again: %s", error)

    def answered(self):
        if not self.down:
            return False
        with self.lock:
            if not self.down:
                return False
            self.down = False
        logger.warning("Redis cache answers again; caching resumed.")
        return True


_health = {}
_health_lock = threading.Lock()


def health_of(location):
    with _health_lock:
        return _health.setdefault(location, ServerHealth())


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self.health = health_of(server if isinstance(server, str) else ",".join(server))

    def _call(self, name, miss, *args):
        """Django's own `name(*args)`, or what `miss()` gives while Redis does not answer."""
        if self.health.down and not self._reconnect():
            return miss()
        try:
            return getattr(super(), name)(*args)
        except RedisError as error:
            self.health.failed(error, self.retry_seconds)
            return miss()

    def _reconnect(self):
        """After an outage, whether Redis answers again (asked at most every RETRY_SECONDS). Receivers
        of `reconnected` run before the call that found Redis back, so that call reads fresh state."""
        if not self.health.due():
            return False
        try:
            # A write-side call that changes nothing (no such key), asked of the primary server
            # through Django's public cache API.
            super().touch(RECONNECT_PROBE_KEY)
        except RedisError as error:
            self.health.failed(error, self.retry_seconds)
            return False
        if self.health.answered():
            reconnected.send(sender=type(self), cache=self)
        return True

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", _false, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", lambda: default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", _none, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", _false, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", _false, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", dict, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", _false, key, version)

    def incr(self, key, delta=1, version=None):
        def missing():
            # What Django's caches raise for a key they do not hold; rate limiters take it as a
            # count they could not read.
            raise ValueError(f"Key '{key}' not found.")

        return self._call("incr", missing, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's set_many answers with the keys it could not store: here, all of them.
        return self._call("set_many", lambda: list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", _none, keys, version)

    def clear(self):
        return self._call("clear", _false)


def _false():
    return False


def _none():
    return None
