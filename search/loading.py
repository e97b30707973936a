"""Loading what a page of results shows, in the same number of SQL queries whatever it shows.

A page of results may hold any mix of page types and resources. Loading each type's pages in a
query of its own, and then the series, hosts and pictures of those that have them, made the count
depend on the mix. Here every page comes as its own type, with its pictures, from one query (the
series of sessions with them), resources from one query, and pictures' renditions from Wagtail's
rendition cache (one query for those it does not hold).
"""

from django.db.models import ForeignKey
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page

# An id no row has: ids count from 1.
NO_ROW = 0


def by_ids(queryset, ids):
    """The rows of `queryset` with these primary keys.

    Asked of the database even when `ids` is empty: Django answers a filter on an empty list
    without a query, which would make a page of results cost one query fewer for each kind of row
    it happens not to show. Looking up an id no row has finds nothing through the primary key's
    index (`IS NULL` would read the whole table on SQLite): the cheap price of the same count for
    every mix."""
    return queryset.filter(pk__in=list(ids) or [NO_ROW])


def child_link(model):
    """The name `select_related` follows from a `Page` down to `model`'s row (e.g.
    "sessionpage", or "a__b" for a type built on another page type), or None for `Page` itself."""
    names = []
    while model is not Page:
        parent, link = next((parent, link) for parent, link in model._meta.parents.items() if link)
        names.append(link.related_query_name())
        model = parent
    return "__".join(reversed(names)) or None


def picture_links(model):
    """The names of `model`'s own links to pictures (its listing picture among them)."""
    image_model = get_image_model()
    return [
        field.name
        for field in model._meta.get_fields(include_parents=False)
        if isinstance(field, ForeignKey) and field.related_model is image_model
    ]


def pages_as_their_types(ids, models, also=None):
    """{pk: page} for the pages with these ids, and those of `also` (a `Page` query), each as its
    own type (a `SessionPage`, a `BlogPostPage`...) with its pictures, from one query.

    Django fills a page type's row from the joined row, and its inherited `Page` fields from the
    same row, when it follows the link from `Page` down to the type; so the query joins the table
    of each of `models` (the types these pages may be) on the primary key, and each page is read
    from the one that matches its type. Joining only those types keeps the query quick to plan:
    PostgreSQL took 7 ms to plan one that joined every page type and its pictures."""
    paths, follow = {}, []
    for model in models:
        path = child_link(model)
        if path is not None:
            paths[model] = path
            follow.extend([path, *(f"{path}__{name}" for name in picture_links(model))])
    ids = list(ids) or [NO_ROW]  # see by_ids()
    if also is not None:
        # One list of ids, which PostgreSQL reads through the primary key's index; with OR between
        # the two conditions it read the whole page table instead.
        ids = Page.objects.filter(pk__in=ids).order_by().values("pk").union(also.values("pk"))
    pages = Page.objects.select_related(*follow).filter(pk__in=ids)
    found = {}
    for page in pages.order_by():
        path, item = paths.get(page.specific_class), page
        for name in path.split("__") if path else ():
            item = item._state.fields_cache.get(name)
            if item is None:
                break
        # Only a page of a type left out of `models`, or a row missing from its type's table,
        # would need a query of its own.
        found[page.pk] = item if item is not None else page.specific
    return found


def thumbnail_keys(image, specs):
    rendition_model = image.get_rendition_model()
    return {
        spec: rendition_model.construct_cache_key(image, Filter(spec=spec).get_cache_key(image), spec)
        for spec in specs
    }


def prepare_renditions(images, specs):
    """Give each of `images` the renditions for `specs` that exist, so that showing them asks
    nothing more: from Wagtail's rendition cache, or else from one query for all the pictures it
    does not hold (which then go into the cache). Renditions never made are made when shown.
    Several of `images` may be the same picture (two pages sharing one): each is given them."""
    copies = {}
    for image in images:
        if image is not None:
            copies.setdefault(image.pk, []).append(image)
    if not copies:
        return
    rendition_model = get_image_model().get_rendition_model()
    cache = rendition_model.cache_backend
    keys = {pk: thumbnail_keys(same[0], specs) for pk, same in copies.items()}
    cached = cache.get_many([key for by_spec in keys.values() for key in by_spec.values()])
    found = {pk: [cached[key] for key in keys[pk].values() if key in cached] for pk in copies}
    missing = [pk for pk in copies if len(found[pk]) < len(specs)]
    if missing:
        additions = {}
        for pk in missing:
            found[pk] = []
        for rendition in rendition_model.objects.filter(image__in=missing, filter_spec__in=specs):
            image = copies[rendition.image_id][0]
            found[rendition.image_id].append(rendition)
            if rendition.focal_point_key == Filter(spec=rendition.filter_spec).get_cache_key(image):
                additions[keys[rendition.image_id][rendition.filter_spec]] = rendition
        if additions:
            cache.set_many(additions)
    for pk, same in copies.items():
        for rendition in found[pk]:
            rendition.image = same[0]
        for image in same:
            # Where Wagtail's `get_renditions` looks first; it adds those it makes.
            image.prefetched_renditions = list(found[pk])
