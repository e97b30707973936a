"""Tests: fast hashing, plain static files, an isolated cache, and no network."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "KEY_FUNCTION": CACHE_KEY_FUNCTION,  # noqa: F405
    }
}
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
DOCUMENTS_ROOT = BASE_DIR / ".test-private-media"  # noqa: F405
# Never the folder `make serve` collects into: WhiteNoise reads every file under STATIC_ROOT each
# time a test client starts, which made each test slower by the number of files collected there.
# Tests that need collected files collect them into a folder of their own.
STATIC_ROOT = BASE_DIR / ".test-static"  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "documents": {**STORAGES["documents"], "OPTIONS": {"location": DOCUMENTS_ROOT}},  # noqa: F405
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests count queries per page, so the page cache is off unless a test turns it on.
PAGE_CACHE_SECONDS = 0
# Site-wide reads are cached as on a production site (one process shares this memory cache), so
# that query counts are those of a warm production process.
SITE_CACHE_SECONDS = 300
# Pages' rendered parts (home/fragments.py) are off, so that each request renders what the test set
# up; the tests of those parts turn them on.
FRAGMENT_CACHE_SECONDS = 0
# The suite logs in with the test client, which gives axes no request to check, and searches from
# one address far more often than a person could. Tests of the limits turn them on or lower them.
AXES_ENABLED = False
SEARCH_RATE_LIMIT = SUGGEST_RATE_LIMIT = API_SEARCH_RATE_LIMIT = REGISTRATION_RATE_LIMIT = "100000/m"
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "django_ratelimit.E003", "axes.W001"]  # noqa: F405
# Nothing is purged unless a test names a proxy.
WAGTAILFRONTENDCACHE = {}
# A second name for the test database, as a read replica would be configured, so that tests can
# route reads to it and see where they run.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
