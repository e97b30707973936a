"""Purging a caching proxy or CDN (WAGTAILFRONTENDCACHE) of every address whose content changed.

Publishing, unpublishing, moving or deleting a page, or changing who may view it, purges:

- the page's own addresses: the page and its routes, e.g. its calendar file or feed
  (`get_cached_paths` on the page type);
- its live ancestors, whose lists and breadcrumbs show it (a session's series, the training list,
  the home page);
- whatever else its page type says shows it (`add_urls_showing_this`: a session's presenters and
  organizations, a post's neighbours...);
- the sitemap's index and every one of its sections.

The addresses are worked out both from what was public before the change (read from the database
before a page is published or moved) and after it, so that, say, a presenter taken off a session
loses it from their page too. Renaming a page, changing its slug, moving it or changing who may
view it also purges everything under it, whose breadcrumbs, addresses or privacy change with it.

Purges are sent once the change is committed, so the proxy can never fetch the old content again
after being purged. Saving a draft purges nothing. Snippets, settings and menus are not purged:
pages showing them refresh within PROXY_CACHE_SECONDS (docs/operations.md).

Wagtail's own frontend-cache app is not installed: it would purge each page's own addresses only,
and before the change is committed.
"""

import threading
from functools import partial

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.contrib.frontend_cache.utils import PurgeBatch, purge_urls_from_cache
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from home import sitemaps
from home.page_cache import DRAFT_FIELDS

# Addresses of pages being moved, as they were before the move, by page id.
_moving = threading.local()


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def add_page(batch, page, ancestors=True):
    """Add the page's addresses, its ancestors' and those of every other page showing it."""
    page = page.specific_deferred
    batch.add_page(page)
    if ancestors:
        batch.add_pages(Page.objects.ancestor_of(page).filter(depth__gt=1).live().specific())
    add_urls = getattr(page, "add_urls_showing_this", None)
    if add_urls:
        add_urls(batch)


def add_descendants(batch, page):
    for descendant in page.get_descendants().live().specific():
        add_page(batch, descendant, ancestors=False)


def purge_after_commit(batch):
    batch.add_urls(sitemaps.section_urls())
    transaction.on_commit(partial(purge_urls_from_cache, sorted(batch.urls)), robust=True)


def public_addresses_before_save(instance, update_fields=None, **kwargs):
    """Before a page is published over its live version, note where that version shows."""
    if not enabled() or instance.pk is None or (update_fields and set(update_fields) <= DRAFT_FIELDS):
        return
    before = Page.objects.filter(pk=instance.pk, live=True).specific().first()
    if before is None:
        return
    batch = PurgeBatch()
    add_page(batch, before)
    instance._renamed = (before.title, before.slug) != (instance.title, instance.slug)
    if instance._renamed:
        add_descendants(batch, before)
    instance._public_addresses_before_save = batch.urls


def purge_published(instance, **kwargs):
    if not enabled():
        return
    batch = PurgeBatch(getattr(instance, "_public_addresses_before_save", ()))
    add_page(batch, instance)
    if getattr(instance, "_renamed", False):
        add_descendants(batch, instance)
    purge_after_commit(batch)


def purge_unpublished(instance, **kwargs):
    # Also sent, for every live page, just before pages are deleted.
    if enabled():
        batch = PurgeBatch()
        add_page(batch, instance)
        purge_after_commit(batch)


def note_addresses_before_move(instance, **kwargs):
    if enabled():
        batch = PurgeBatch()
        add_page(batch, instance)
        add_descendants(batch, instance)
        if not hasattr(_moving, "addresses"):
            _moving.addresses = {}
        _moving.addresses[instance.pk] = batch.urls


def purge_moved(instance, **kwargs):
    if enabled():
        batch = PurgeBatch(getattr(_moving, "addresses", {}).pop(instance.pk, ()))
        add_page(batch, instance)
        add_descendants(batch, instance)
        purge_after_commit(batch)


def purge_for_view_restriction(instance, **kwargs):
    """A page made private, or public again, changes with everything under it."""
    if enabled():
        page = Page.objects.filter(pk=instance.page_id).first()
        if page is not None:
            batch = PurgeBatch()
            add_page(batch, page)
            add_descendants(batch, page)
            purge_after_commit(batch)


def connect_signals():
    for model in apps.get_models():
        if issubclass(model, Page):
            pre_save.connect(
                public_addresses_before_save, sender=model, dispatch_uid=f"proxy-purge-{model._meta.label}"
            )
    page_published.connect(purge_published, dispatch_uid="proxy-purge-published")
    page_unpublished.connect(purge_unpublished, dispatch_uid="proxy-purge-unpublished")
    pre_page_move.connect(note_addresses_before_move, dispatch_uid="proxy-purge-pre-move")
    post_page_move.connect(purge_moved, dispatch_uid="proxy-purge-moved")
    for signal in (post_save, post_delete):
        signal.connect(
            purge_for_view_restriction,
            sender=PageViewRestriction,
            dispatch_uid=f"proxy-purge-restriction-{signal!r}",
        )
