"""Keeps the filter values each page and resource carries (`PageFacet`, `ResourceFacet`) in step.

A page's values come from its own fields and links (topics, presenters, dates, format) and from its
place in the tree (a session's series). A resource's come from its topics and upload date and from
the sessions it is shared at (their series and presenters). They are rewritten, with one DELETE and
one INSERT ... SELECT, whenever a page, a resource or one of those links is saved and whenever a
page is moved; rows go with a deleted page or resource (the rows hold no database constraint, so a
deletion is never held up by them). `rebuild()` rewrites every value: `generate_content`,
`load_demo_content` and `manage.py rebuild_search_filters` call it, and `migrate` does when the
tables are still empty. Every write starts a new values generation (`value_sets.values_changed`),
so that no process counts from values older than those.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.signals import post_page_move

from search import backends, kinds
from search.backends.database.value_sets import values_changed
from search.facets import available_facets
from search.models import PageFacet, ResourceFacet

CHUNK = 500
# Links whose rows change what a page carries: (model label, name of the link to the page).
LINKS = (
    ("programs.SessionTopic", "content_object"),
    ("programs.SeriesTopic", "content_object"),
    ("blog.BlogPostTopic", "content_object"),
    ("programs.SessionPresenter", "page"),
)


def _store(model):
    """What `model` (`PageFacet` or `ResourceFacet`) stores values of: (the source model, the name of
    the column pointing at it)."""
    if model is PageFacet:
        return Page, "page_id"
    return get_document_model(), "document_id"


def _insert(model, ids=None):
    """Write into `model` the values of the pages or resources with the given ids (of every page or
    resource when None)."""
    source, owner = _store(model)
    backends.for_writing(model).store_values(model, available_facets(), source, owner, ids)


def _refresh(model, ids):
    ids = sorted({int(pk) for pk in ids if pk})
    _source, owner = _store(model)
    with transaction.atomic():
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            model.objects.filter(**{f"{owner}__in": chunk}).delete()
            _insert(model, chunk)
        values_changed(model)


def refresh(page_ids):
    """Rewrite the stored filter values of the given pages."""
    _refresh(PageFacet, page_ids)


def refresh_resources(document_ids):
    """Rewrite the stored filter values of the given resources."""
    _refresh(ResourceFacet, document_ids)


def documents_shared_at(page_ids):
    """The ids of the resources shared at the given sessions."""
    link = kinds.model("programs.SessionDocument")
    if link is None or not page_ids:
        return []
    return list(link.objects.filter(page_id__in=page_ids).values_list("document_id", flat=True))


def rebuild(models=(PageFacet, ResourceFacet)):
    """Rewrite the stored filter values of every page and resource (or only those kept in the
    given `models`, of `PageFacet` and `ResourceFacet`). Returns the number of rows written."""
    written = 0
    with transaction.atomic():
        for model in models:
            model.objects.all().delete()
            _insert(model)
            written += model.objects.count()
            values_changed(model)
    return written


# Signals


def _page_saved(sender, instance, raw=False, **kwargs):
    if not raw and isinstance(instance, Page):
        refresh([instance.pk])


def _link_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    name = _link_names.get(sender)
    page_id = getattr(instance, f"{name}_id", None) if name else None
    if page_id:
        refresh([page_id])  # a page that is gone has nothing to write
        if sender is kinds.model("programs.SessionPresenter"):
            # The resources shared at the session carry its presenters too.
            refresh_resources(documents_shared_at([page_id]))


def _page_moved(sender, instance, **kwargs):
    # Only the moved page's own parent changed; its descendants keep theirs. A session's resources
    # carry its series, so they follow it.
    refresh([instance.pk])
    refresh_resources(documents_shared_at([instance.pk]))


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        PageFacet.objects.filter(page_id=instance.pk).delete()
        values_changed(PageFacet)


def _resource_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_resources([instance.pk])


def _resource_link_changed(sender, instance, raw=False, **kwargs):
    """A resource's topic, or the session it is shared at, was added or removed."""
    if not raw:
        refresh_resources([getattr(instance, f"{_resource_link_names[sender]}_id", None)])


def _resource_deleted(sender, instance, **kwargs):
    ResourceFacet.objects.filter(document_id=instance.pk).delete()
    values_changed(ResourceFacet)


def _topic_slug_changed(sender, instance, raw=False, **kwargs):
    """A renamed topic keeps its pages and resources: their stored slug follows the new one."""
    if raw or not instance.pk:
        return
    old = sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old and old != instance.slug:
        for model in (PageFacet, ResourceFacet):
            model.objects.filter(facet="topic", value=old).update(value=instance.slug)
            values_changed(model)


def _fill_after_migrate(sender, **kwargs):
    """After `migrate`, fill the tables once if the site has pages or resources but no stored
    values for them yet (a new database, or one migrated from before a table existed)."""
    if sender.name != "search":
        return
    missing = []
    if not PageFacet.objects.exists() and Page.objects.filter(depth__gt=1).exists():
        missing.append(PageFacet)
    if not ResourceFacet.objects.exists() and get_document_model().objects.exists():
        missing.append(ResourceFacet)
    if missing:
        rebuild(missing)


_link_names = {}
# Links whose rows change what a resource carries: (model label, name of the link to the resource).
RESOURCE_LINKS = (("home.ResourceTopic", "content_object"), ("programs.SessionDocument", "document"))
_resource_link_names = {}


def connect():
    for model in _page_models():
        post_save.connect(_page_saved, sender=model, dispatch_uid=f"search_facets_{model._meta.label}")
    for label, name in LINKS:
        model = kinds.model(label)
        if model is None:
            continue
        _link_names[model] = name
        post_save.connect(_link_changed, sender=model, dispatch_uid=f"search_facets_save_{label}")
        post_delete.connect(_link_changed, sender=model, dispatch_uid=f"search_facets_delete_{label}")
    post_page_move.connect(_page_moved, dispatch_uid="search_facets_move")
    post_delete.connect(_page_deleted, sender=Page, dispatch_uid="search_facets_page_deleted")
    document = get_document_model()
    post_save.connect(_resource_saved, sender=document, dispatch_uid="search_facets_resource_saved")
    post_delete.connect(_resource_deleted, sender=document, dispatch_uid="search_facets_resource_deleted")
    for label, name in RESOURCE_LINKS:
        model = kinds.model(label)
        if model is None:
            continue
        _resource_link_names[model] = name
        for signal, action in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(
                _resource_link_changed, sender=model, dispatch_uid=f"search_facets_{action}_{label}"
            )
    topic = kinds.model("home.Topic")
    if topic is not None:
        pre_save.connect(_topic_slug_changed, sender=topic, dispatch_uid="search_facets_topic")
    post_migrate.connect(_fill_after_migrate, dispatch_uid="search_facets_migrate")


def _page_models():
    """The page types that store filter values."""
    labels = (
        "programs.SessionPage",
        "programs.TrainingSeriesPage",
        "programs.PresenterPage",
        "blog.BlogPostPage",
    )
    return [model for model in (kinds.model(label) for label in labels) if model is not None]
