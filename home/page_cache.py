"""Whole-page caching for anonymous visitors, cleared whenever published content changes.

Only plain GET/HEAD requests without a query string and without a session cookie are served from
the cache, and only responses Wagtail served for a page without never-cache headers are stored
(Wagtail sends those for every page under a view restriction), so drafts, previews, private pages
and anything personal never enter it. Publishing, unpublishing, moving or deleting a page, or saving
a snippet, setting, image or document, starts a new cache generation; saving a draft does not, since
visitors see nothing of it. Entries also expire after PAGE_CACHE_SECONDS so that "upcoming" lists
move on with time.
"""

import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.models import COMMENTS_RELATION_NAME, Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.redis_cache import reconnected

GENERATION_KEY = "page-cache:generation"
HEADER = "X-Page-Cache"
# Registrants' own pages (/registration/<key>/) are personal; their views also send never-cache headers.
UNCACHED_PREFIXES = ("/admin/", "/api/", "/search/", "/documents/", "/media/", "/static/", "/registration/")
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
# What saving a draft, a lock or a comment writes to a page's row: none of it is shown to visitors.
# A page's published content is written by a full save (publishing), never by these alone.
DRAFT_FIELDS = frozenset(
    {
        COMMENTS_RELATION_NAME,
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
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


def remember(name, build, seconds=None):
    """What `build()` returns, kept in the cache under the current generation for `seconds` (by
    default as long as whole pages, `PAGE_CACHE_SECONDS`; 0 keeps nothing), so that it is worked
    out again after any change to published content, settings or view restrictions. The generation
    is read before `build` runs, so a value built while a change is saved is filed under the
    generation that change replaced. A `build` that returns None is asked again next time, and
    nothing is kept for it: such names come from what visitors send (an address that leads nowhere,
    a sitemap section past the last), which must not fill the cache."""
    seconds = cache_seconds() if seconds is None else seconds
    if not seconds:
        return build()
    key = f"{name}:{generation()}"
    value = cache.get(key)
    if value is None:
        value = build()
        if value is not None:
            cache.set(key, value, seconds)
    return value


def forget(name):
    """Drop what `remember(name, ...)` keeps under the current generation."""
    cache.delete(f"{name}:{generation()}")


def start_generation():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def clear_page_cache(**kwargs):
    """Start a new generation: every page stored before is never read again and expires.

    Inside a transaction, once more when it is committed: until then other requests still read the
    old content and may store it again, and a caching proxy purged on commit would fetch that."""
    start_generation()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(start_generation, robust=True)


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


def clear_for_page_save(instance, update_fields=None, **kwargs):
    """A live page saved outside publishing (a script, a bulk fix) changes what visitors see; a
    draft, lock or comment saved on it does not. Publishing, unpublishing, moving and deleting
    (which unpublishes first) clear through Wagtail's own signals."""
    if instance.live and not (update_fields and set(update_fields) <= DRAFT_FIELDS):
        clear_page_cache()


def owning_page_key(model):
    """The ParentalKey tying the model's rows to a page (a session's presenters, a post's
    authors...), or None."""
    for field in model._meta.concrete_fields:
        if isinstance(field, ParentalKey) and issubclass(field.related_model, Page):
            return field
    return None


def clear_for_page_part(sender, instance, **kwargs):
    """Rows of a page are written to the database only when the page is published, or when a page
    never published saves a draft; only the first shows."""
    key = owning_page_key(sender)
    if key.is_cached(instance):
        page = key.get_cached_value(instance)
        live = page is not None and page.live
    else:
        live = Page.objects.filter(pk=getattr(instance, key.attname), live=True).exists()
    if live:
        clear_page_cache()


def clear_for_topic_save(instance, created=False, **kwargs):
    """A new topic (typed into a draft, say) is on no published page until one is published with it."""
    if not created:
        clear_page_cache()


def save_handler(model):
    if issubclass(model, Page):
        return clear_for_page_save
    if owning_page_key(model):
        return clear_for_page_part
    if model._meta.label_lower == "home.topic":
        return clear_for_topic_save
    return clear_page_cache


def connect_signals():
    reconnected.connect(start_afresh, dispatch_uid="page-cache-reconnected")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(clear_page_cache, dispatch_uid=f"page-cache-{signal!r}")
    for model in apps.get_models():
        meta = model._meta
        if not (meta.app_label in CONTENT_APPS or meta.label_lower in WAGTAIL_CONTENT_MODELS):
            continue
        if not getattr(model, "shown_on_public_pages", True):
            continue  # kept out of pages, or cleared for by the code that changes it
        post_save.connect(save_handler(model), sender=model, dispatch_uid=f"page-cache-save-{meta.label}")
        if issubclass(model, Page):
            continue  # deleting a live page unpublishes it first, which clears
        delete_handler = clear_for_page_part if owning_page_key(model) else clear_page_cache
        post_delete.connect(delete_handler, sender=model, dispatch_uid=f"page-cache-del-{meta.label}")
