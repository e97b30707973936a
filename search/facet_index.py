"""Keeps `PageFacet` (the filter values each page carries) in step with the pages.

A page's values come from its own fields and links (topics, presenters, dates, format) and from its
place in the tree (a session's series). They are rewritten, with one DELETE and one INSERT ...
SELECT, whenever a page or one of those links is saved and whenever a page is moved; rows go with
a deleted page (the rows hold no database constraint, so a page's deletion is never held up by
them). `rebuild()` rewrites every page's values: `generate_content`, `load_demo_content`
and `manage.py rebuild_search_filters` call it, and `migrate` does when the table is still empty.
"""

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
from wagtail.models import Page
from wagtail.signals import post_page_move

from search import kinds
from search.facets import Sql, available_facets
from search.models import PageFacet

CHUNK = 500
# Links whose rows change what a page carries: (model label, name of the link to the page).
LINKS = (
    ("programs.SessionTopic", "content_object"),
    ("programs.SeriesTopic", "content_object"),
    ("blog.BlogPostTopic", "content_object"),
    ("programs.SessionPresenter", "page"),
)


def _insert(source_sql, source_params):
    """Write the values of the pages that `source_sql` selects (as `ct` and `oid`)."""
    sql = Sql()
    pieces, params = [], []
    for facet in available_facets():
        for piece, piece_params in facet.page_pieces(sql):
            pieces.append(piece)
            params += piece_params
    if not pieces:
        return
    table = sql.table(PageFacet)
    columns = ", ".join(sql.q(name) for name in ("page_id", "facet", "value"))
    statement = (
        f"WITH matched AS ({source_sql}) "  # noqa: S608 - names and integers only
        f"INSERT INTO {table} ({columns}) SELECT v.eid, v.facet, v.value FROM ("
        + " UNION ALL ".join(pieces)
        + ") v"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [*source_params, *params])


def _pages_source(where=""):
    q = connection.ops.quote_name
    return (
        # The page id stands in for the search entry id, so each piece yields the page id.
        f"SELECT {q('content_type_id')} AS ct, {q('id')} AS oid, {q('id')} AS eid "  # noqa: S608
        f"FROM {q(Page._meta.db_table)} {where}"
    )


def refresh(page_ids):
    """Rewrite the stored filter values of the given pages."""
    ids = sorted({int(pk) for pk in page_ids if pk})
    with transaction.atomic():
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            PageFacet.objects.filter(page_id__in=chunk)._raw_delete(PageFacet.objects.db)
            listed = ", ".join(str(pk) for pk in chunk)
            _insert(_pages_source(f"WHERE {connection.ops.quote_name('id')} IN ({listed})"), [])


def rebuild():
    """Rewrite the stored filter values of every page. Returns the number of rows written."""
    with transaction.atomic():
        PageFacet.objects.all()._raw_delete(PageFacet.objects.db)
        _insert(_pages_source("WHERE depth > 1"), [])
    return PageFacet.objects.count()


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


def _page_moved(sender, instance, **kwargs):
    # Only the moved page's own parent changed; its descendants keep theirs.
    refresh([instance.pk])


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        PageFacet.objects.filter(page_id=instance.pk)._raw_delete(PageFacet.objects.db)


def _topic_slug_changed(sender, instance, raw=False, **kwargs):
    """A renamed topic keeps its pages: their stored slug follows the new one."""
    if raw or not instance.pk:
        return
    old = sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old and old != instance.slug:
        PageFacet.objects.filter(facet="topic", value=old).update(value=instance.slug)


def _fill_after_migrate(sender, **kwargs):
    """After `migrate`, fill the table once if the site has pages but no stored values yet."""
    if sender.name != "search" or PageFacet.objects.exists():
        return
    if Page.objects.filter(depth__gt=1).exists():
        rebuild()


_link_names = {}


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
