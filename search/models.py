from django.conf import settings
from django.db import models


def owner(to, **options):
    """The page or resource a stored value belongs to.

    No database constraint, so that deleting a page or resource is never held up by its values
    (`search.facet_index` removes them), and no index of its own: the index on (owner, facet, value)
    of each model starts with it.
    """
    return models.ForeignKey(
        to, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+", **options
    )


class StoredFacet(models.Model):
    """One filter value (a topic, a series, a presenter, a year...) stored ahead of any search, so
    that search can count the values of thousands of matches with one join instead of reading each
    type's tables. Whether something may be shown is never read from here: search checks the live
    flag, page view restrictions and collection view restrictions itself."""

    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=255)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.facet}={self.value}"


class PageFacet(StoredFacet):
    """A filter value one page carries. `search.facet_index` writes these rows whenever a page or one
    of its topic or presenter links is saved, and after a page is moved; they go with the page."""

    page = owner("wagtailcore.Page")

    class Meta:
        verbose_name = "search filter value"
        indexes = [
            models.Index(fields=["facet", "value"], name="search_facet_value"),
            # Holds every column search reads, so a page's values come from the index alone,
            # side by side, without visiting the table (where they lie apart).
            models.Index(fields=["page", "facet", "value"], name="search_facet_by_page"),
        ]


class ResourceFacet(StoredFacet):
    """A filter value one resource carries: a topic, a year, and the series and presenters of the
    sessions it was shared at. `search.facet_index` writes these rows whenever a resource, its
    topics or the sessions it is shared at change; they go with the resource."""

    document = owner(settings.WAGTAILDOCS_DOCUMENT_MODEL, verbose_name="resource")

    class Meta:
        verbose_name = "search filter value of a resource"
        indexes = [
            models.Index(fields=["facet", "value"], name="search_resource_facet_value"),
            # Like `PageFacet`'s index by page: a resource's values come from the index alone.
            models.Index(fields=["document", "facet", "value"], name="search_facet_by_resource"),
        ]
