"""Limits on what costs the site most per request: password checks, searches and reset e-mails.

Every counter lives in the default cache, so with REDIS_URL every app server process counts
together. Logins are counted by django-axes (settings AXES_*); everything else by django-ratelimit,
through the helpers below, against the same client address (`client_ip`).
"""

import ipaddress
import logging
import math

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django_ratelimit.core import get_usage
from redis.exceptions import RedisError
from rest_framework.exceptions import Throttled
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle

logger = logging.getLogger(__name__)

# What an unreachable cache raises: Django's Redis backend lets the client's errors through.
CACHE_ERRORS = (RedisError, OSError)


def _is_address(value):
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def client_ip(request):
    """The address limits and lockouts count against.

    REMOTE_ADDR, unless TRUSTED_PROXY_COUNT proxies stand in front of the site: each of them adds
    the address it was reached from to X-Forwarded-For, so the visitor's address is that many
    entries from the end. Anything further left was written by the visitor and is never trusted.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies and _is_address(forwarded[-proxies]):
            return forwarded[-proxies]
        logger.warning("X-Forwarded-For does not hold %d proxy addresses; counting REMOTE_ADDR", proxies)
    return remote


def login_username(request, credentials):
    """The name axes counts a login's failures under.

    Axes files a name's failures and an address's failures under the same kind of key, so a name
    typed to look like an address would count against that address and could lock its visitors
    out; such a name is kept apart with a prefix no address has.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    username = (credentials or getattr(request, "data", request.POST)).get(field)
    if username and _is_address(username.strip()):
        return f"username:{username}"
    return username


def _usage(request, group, rate, key, increment):
    """django-ratelimit's count for this client, or None when the limit is off or the cache cannot
    be reached: a cache outage must never shut visitors out (RATELIMIT_FAIL_OPEN covers the rest)."""
    if not rate:
        return None
    try:
        return get_usage(request, group=group, key=key, rate=rate, increment=increment)
    except CACHE_ERRORS:
        logger.warning("Rate limit %s not checked: the cache is unreachable", group, exc_info=True)
        return None


def _seconds_left(usage):
    return max(1, usage["time_left"])


def count_request(request, group, rate, key="ip"):
    """Count this request; the seconds to wait if it goes over `rate`, otherwise 0."""
    usage = _usage(request, group, rate, key, increment=True)
    return _seconds_left(usage) if usage and usage["should_limit"] else 0


def failures_used_up(request, group, rate, key="ip"):
    """The seconds to wait if the failures `rate` allows are used up, otherwise 0 (counts nothing)."""
    usage = _usage(request, group, rate, key, increment=False)
    return _seconds_left(usage) if usage and usage["count"] >= usage["limit"] else 0


def count_failure(request, group, rate, key="ip"):
    """Count a failure; the seconds to wait if that used up what `rate` allows, otherwise 0."""
    usage = _usage(request, group, rate, key, increment=True)
    return _seconds_left(usage) if usage and usage["count"] >= usage["limit"] else 0


def refused(request, seconds, heading, message, back_url="/", back_label="Go to the home page"):
    """The site's "please wait" page: 429 Too Many Requests, with when to try again."""
    seconds = max(1, math.ceil(seconds))
    context = {
        "heading": heading,
        "message": message,
        "minutes": math.ceil(seconds / 60),
        "back_url": back_url,
        "back_label": back_label,
    }
    response = TemplateResponse(request, "throttled.html", context, status=429)
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response


def login_locked_out(request, original_response, credentials):
    """The page axes answers with while a name or an address is locked out of logging in."""
    seconds = settings.AXES_COOLOFF_TIME.total_seconds()
    return refused(
        request,
        seconds,
        heading="Too many failed log-in attempts",
        message=(
            "For your security, logging in is paused after several wrong passwords. Each new attempt "
            "during the pause starts it again. If you have forgotten your password, ask a site "
            "administrator for help."
        ),
    ).render()


class SearchThrottle(BaseThrottle):
    """For API endpoints: requests with `search=` count against API_SEARCH_RATE_LIMIT."""

    seconds = 0

    def allow_request(self, request, view):
        if "search" not in request.query_params:
            return True
        self.seconds = count_request(request, "api-search", settings.API_SEARCH_RATE_LIMIT)
        return not self.seconds

    def wait(self):
        return self.seconds


class SearchRateLimitMixin:
    """API searches are limited per client address; the refusal is JSON like the API's other errors."""

    throttle_classes = [SearchThrottle]

    def handle_exception(self, exc):
        if isinstance(exc, Throttled):
            message = "Too many searches from your address in a short time. Please wait a minute."
            response = Response({"message": message}, status=429, headers={"Retry-After": str(exc.wait)})
            add_never_cache_headers(response)
            return response
        return super().handle_exception(exc)
