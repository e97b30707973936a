from django.conf import settings
from django.db import models


class PageFacet(models.Model):
    """One filter value that one page carries (a topic, its series, a presenter, a year...).

    Kept so that search can count filter values for thousands of matching pages with one join
    instead of reading each page type's tables. `search.facet_index` writes these rows whenever a
    page or one of its topic or presenter links is saved, and after a page is moved; they are
    deleted with the page. Whether a page may be shown is never read from here: search checks the live
    flag and view restrictions on the page itself.
    """

    # Looked up through the index on (page, facet, value) below, which starts with the page.
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=255)

    class Meta:
        verbose_name = "search filter value"
        indexes = [
            models.Index(fields=["facet", "value"], name="search_facet_value"),
            # Holds every column search reads, so a page's values come from the index alone,
            # side by side, without visiting the table (where they lie apart).
            models.Index(fields=["page", "facet", "value"], name="search_facet_by_page"),
        ]

    def __str__(self):
        return f"{self.facet}={self.value}"


class ResourceFacet(models.Model):
    """One filter value that one resource carries: a topic, a year, and the series and presenters
    of the sessions it was shared at.

    The resources' counterpart of `PageFacet`, kept by `search.facet_index` whenever a resource, its
    topics or the sessions it is shared at change. Whether a resource may be shown is never read
    from here: search checks its collection's view restrictions.
    """

    # Looked up through the index on (resource, facet, value) below, which starts with the resource.
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
        verbose_name="resource",
    )
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=255)

    class Meta:
        verbose_name = "search filter value of a resource"
        indexes = [
            models.Index(fields=["facet", "value"], name="search_resource_facet_value"),
            models.Index(fields=["document", "facet", "value"], name="search_facet_by_resource"),
        ]

    def __str__(self):
        return f"{self.facet}={self.value}"
