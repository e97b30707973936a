"""Loading what a page of results shows, in the same number of SQL queries whatever it shows.

A page of results may hold any mix of page types and resources. Loading each type's pages in a
query of its own, and then the series, hosts and pictures of those that have them, made the count
depend on the mix. Here every page comes as its own type from one query, resources from one query,
series and hosts from a site-wide read kept in the cache, and pictures' renditions from Wagtail's
rendition cache (one query for those it does not hold).
"""

from django.db.models import ForeignKey
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page, get_page_models


def by_ids(queryset, ids):
    """The rows of `queryset` with these primary keys.

    Asked of the database even when `ids` is empty: Django answers a filter on an empty list
    without a query, which would make a page of results cost one query fewer for each kind of row
    it happens not to show. A query that finds nothing is the cheap price of the same count for
    every mix."""
    return queryset.filter(pk__in=ids) if ids else queryset.filter(pk__isnull=True)


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


def type_lookups():
    """{page model: the path from a `Page` to its row}, and everything `select_related` follows
    to bring every page type's row, and its pictures, with the page's own."""
    paths, follow = {}, []
    for model in get_page_models():
        path = child_link(model)
        if path is None:
            continue
        paths[model] = path
        follow.append(path)
        follow.extend(f"{path}__{name}" for name in picture_links(model))
    return paths, follow


def pages_as_their_types(ids):
    """{pk: page} for the pages with these ids, each as its own type (a `SessionPage`, a
    `BlogPostPage`...) with its pictures, from one query.

    Django fills a page type's row from the joined row, and its inherited `Page` fields from the
    same row, when it follows the link from `Page` down to the type; so the query joins every page
    type's table (on the primary key) and each page is read from the one that matches its type."""
    paths, follow = type_lookups()
    found = {}
    for page in by_ids(Page.objects.select_related(*follow).order_by(), ids):
        path, item = paths.get(page.specific_class), page
        for name in path.split("__") if path else ():
            item = item._state.fields_cache.get(name)
            if item is None:
                break
        # Only a row missing from its type's table would need a query of its own.
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
    does not hold (which then go into the cache). Renditions never made are made when shown."""
    images = list({image.pk: image for image in images if image is not None}.values())
    if not images:
        return
    rendition_model = get_image_model().get_rendition_model()
    cache = rendition_model.cache_backend
    keys = {image.pk: thumbnail_keys(image, specs) for image in images}
    cached = cache.get_many([key for by_spec in keys.values() for key in by_spec.values()])
    missing = []
    for image in images:
        found = [cached[key] for key in keys[image.pk].values() if key in cached]
        if len(found) < len(specs):
            missing.append(image)
            continue
        for rendition in found:
            rendition.image = image
        image.prefetched_renditions = found
    if not missing:
        return
    for image in missing:
        image.prefetched_renditions = []
    by_image = {image.pk: image for image in missing}
    additions = {}
    renditions = rendition_model.objects.filter(image__in=list(by_image), filter_spec__in=specs)
    for rendition in renditions:
        image = by_image[rendition.image_id]
        rendition.image = image
        image.prefetched_renditions.append(rendition)
        if rendition.focal_point_key == Filter(spec=rendition.filter_spec).get_cache_key(image):
            additions[keys[image.pk][rendition.filter_spec]] = rendition
    if additions:
        cache.set_many(additions)
