"""What a caching proxy or CDN may keep, and what is sent compressed.

A response is *shared* when it is the same for every visitor, so that any cache may keep it and
hand it to anyone: a GET or HEAD answered 200, outside the admin, search, documents and API, to a
request without a session cookie or credentials, that sets no cookie (rendering a form's CSRF
token sets one) and whose view said nothing itself about caching. Shared responses get
`public, max-age=BROWSER_CACHE_SECONDS, s-maxage=PROXY_CACHE_SECONDS`: the proxy keeps them and is
purged when published content changes (home/proxy_purge.py), while browsers check back at once by
default, so a purge shows on the next visit.

A *personal* response (to a request carrying a session cookie or credentials, or setting a cookie)
gets `private` and never-cache headers, whatever its view said, so no cache keeps it for others.
Anything else (search results, private pages and previews, which set their own never-cache or
private headers; errors; documents; the API) is left as its view sent it, and the proxy, told
nothing, stores nothing (deploy/varnish/default.vcl).

Only shared responses are compressed: a response the same for everyone holds no secret, so
compressing it cannot leak one (the BREACH attack guesses a secret, such as a CSRF token, from the
compressed size of pages that also reflect the attacker's input).
"""

import re

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import add_never_cache_headers, patch_cache_control

UNSHARED_PREFIXES = ("/admin/", "/django-admin/", "/search/", "/documents/", "/api/", "/registration/")
COMPRESSIBLE = re.compile(r"^(text/|application/([\w.-]+\+)?(xml|json|javascript)|image/svg\+xml)")


def is_personal(request, response):
    return bool(
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or "HTTP_AUTHORIZATION" in request.META
        or response.cookies
    )


def may_share(request, response):
    return (
        settings.PROXY_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and response.status_code == 200
        and not response.has_header("Cache-Control")
        and not request.path.startswith(UNSHARED_PREFIXES)
    )


def is_shared(response):
    """True for a response marked for any cache to keep (including a view's own `public`)."""
    words = {word.strip().split("=")[0] for word in response.get("Cache-Control", "").lower().split(",")}
    return bool(words & {"public", "s-maxage"}) and not words & {"private", "no-store", "no-cache"}


class CacheControlMiddleware:
    """Marks each response shared or personal (see the module's description). Sits outside the
    session, CSRF and authentication middleware, so that it sees the cookies they set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_personal(request, response):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        elif may_share(request, response):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.BROWSER_CACHE_SECONDS,
                s_maxage=settings.PROXY_CACHE_SECONDS,
            )
        return response


class SharedGZipMiddleware(GZipMiddleware):
    """Django's gzip compression, for shared text responses only (see the module's description).
    Static files are compressed ahead of time by whitenoise, which answers before this runs."""

    def process_response(self, request, response):
        if not (is_shared(response) and COMPRESSIBLE.match(response.get("Content-Type", ""))):
            return response
        return super().process_response(request, response)
