"""Whole-page caching for anonymous visitors, cleared whenever published content changes.

Only plain GET/HEAD requests without a query string and without a session cookie are served from
the cache, and only responses Wagtail served for a page without never-cache headers are stored
(Wagtail sends those for every page under a view restriction), so drafts, previews, private pages
and anything personal never enter it. Publishing, unpublishing,
moving or deleting a page, or saving a snippet, setting, image or document, starts a new cache
generation; entries also expire after PAGE_CACHE_SECONDS so that "upcoming" lists move on with time.
"""

import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail import hooks
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.redis_cache import reconnected

GENERATION_KEY = "page-cache:generation"
HEADER = "X-Page-Cache"
UNCACHED_PREFIXES = ("/admin/", "/api/", "/search/", "/documents/", "/media/", "/static/")
# Our apps' models (pages, snippets, settings, menu links) all show on public pages; of Wagtail's own,
# only these do (search promotions on search pages, whose promoted searches are kept in the cache).
# Renditions, revisions and logs change without changing what the public sees.
CONTENT_APPS = ("home", "programs", "blog")
WAGTAIL_CONTENT_MODELS = (
    "wagtailcore.page",
    "wagtailsearchpromotions.searchpromotion",
    "wagtailcore.site",
    "wagtailcore.pageviewrestriction",
    "wagtailcore.collection",
    "wagtailcore.collectionviewrestriction",
    "wagtailimages.image",
)


def cache_seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = uuid.uuid4().hex
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY, value)
    return value


def remember(name, build):
    """What `build()` returns, kept in the cache under the current generation while the page cache
    is on (`PAGE_CACHE_SECONDS`), so that it is worked out again after any change to published
    content, settings or view restrictions. The generation is read before `build` runs, so a value
    built while a change is saved is filed under the generation that change replaced."""
    seconds = cache_seconds()
    if not seconds:
        return build()
    key = f"{name}:{generation()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, seconds)
    return value


def clear_page_cache(**kwargs):
    """Start a new generation: every page stored before is never read again and expires."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def start_afresh(**kwargs):
    """After a Redis outage: whatever was published meanwhile could not clear what Redis held (if
    it kept its data), so nothing stored before is used again."""
    from wagtail.models import Site

    clear_page_cache()
    Site.clear_site_root_paths_cache()


def is_candidate(request):
    return (
        cache_seconds() > 0
        and request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(UNCACHED_PREFIXES)
    )


def is_storable(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        getattr(request, "page_cache_allowed", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_candidate(request):
            return self.get_response(request)
        key = f"page-cache:{generation()}:{request.get_host()}:{request.path}"
        cached = cache.get(key)
        if cached is not None:
            cached[HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if is_storable(request, response):
            response[HEADER] = "miss"
            cache.set(key, response, cache_seconds())
        return response


@hooks.register("before_serve_page")
def allow_caching_public_pages(page, request, serve_args, serve_kwargs):
    """Mark the request as one Wagtail serves a page for.

    Pages under a view restriction (password, login, groups) need no check here: Wagtail sends
    every response for them with never-cache headers, and `is_storable` refuses those.
    """
    request.page_cache_allowed = True


def connect_signals():
    reconnected.connect(start_afresh, dispatch_uid="page-cache-reconnected")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(clear_page_cache, dispatch_uid=f"page-cache-{signal!r}")
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label in CONTENT_APPS or meta.label_lower in WAGTAIL_CONTENT_MODELS:
            post_save.connect(clear_page_cache, sender=model, dispatch_uid=f"page-cache-save-{meta.label}")
            post_delete.connect(clear_page_cache, sender=model, dispatch_uid=f"page-cache-del-{meta.label}")
