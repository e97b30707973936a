"""The page every public page type is built on.

`BasePage` answers what listings, search results, breadcrumbs and the tags search engines and
social networks read need from any page: its summary, its picture, its date, its ancestors and its
public address. Each page type says which of its own fields those are by overriding the property,
so templates, search and meta tags ask the page instead of trying field names.
"""

from django.utils import dateformat
from wagtail.models import Page

from home.site_reads import CachedRestrictionsMixin, SitePageManager
from home.site_url import site_origin


class BasePage(CachedRestrictionsMixin, Page):
    """What every public page shares. Abstract: it adds no table and no fields. Its view
    restrictions, and the `.public()` of its querysets, are read from the cached list (home.site_reads)."""

    objects = SitePageManager()

    # Whether the page's template shows the breadcrumb trail, so `get_context` reads it (one query).
    shows_breadcrumbs = False
    # The name the home page's template gives the first page of this type under the home page, which
    # it links to (e.g. "trainings_page"); empty for types the home page does not link to.
    home_section = ""
    # The Open Graph type of the page: "website", or "article" for dated writing.
    og_type = "website"
    # The query parameters the page reads, each with a check of its value, so that its rendered
    # parts may be kept in the cache (home/fragments.py); None never keeps them. A routable page
    # marks each of its views with `@cacheable(...)` instead.
    fragment_params = {}

    class Meta:
        abstract = True

    def get_url_parts(self, request=None):
        """Absolute links (`full_url`, `get_full_url`) start with the site's public address instead of
        the Site record's host name (see `home.site_url`); relative links are unchanged."""
        parts = super().get_url_parts(request)
        if parts is None or parts[1] is None:
            return parts
        site_id, _root_url, page_path = parts
        return site_id, site_origin(), page_path

    # Listings: cards, search results and feeds

    @property
    def listing_summary(self):
        """A sentence or two of plain text that sums the page up in a list of pages."""
        return ""

    @property
    def listing_image_id(self):
        """The id of the picture that stands for the page in lists, or None. Lists read the ids of
        many pages first and load their pictures together."""
        return None

    @property
    def listing_image(self):
        """The picture that stands for the page in lists, or None."""
        return None

    @property
    def listing_date(self):
        """The date lists show beside the page (a date or a moment), or None for undated pages."""
        return None

    @property
    def listing_date_text(self):
        """`listing_date` as a visitor reads it, e.g. “March 4, 2025”."""
        value = self.listing_date
        return dateformat.format(value, "F j, Y") if value else ""

    @property
    def listing_date_iso(self):
        """`listing_date` for a <time datetime> attribute."""
        value = self.listing_date
        return value.isoformat() if value else ""

    # Search engines and social networks

    @property
    def meta_description(self):
        """The description search engines and social networks show: the editor's search description,
        or else the listing summary. May hold markup; the meta tags strip it."""
        return self.search_description or self.listing_summary

    @property
    def social_image(self):
        """The picture shown when the page is shared, or None to use the site's."""
        return self.listing_image

    # Site search

    def search_texts(self):
        """The texts a search result may quote, most telling first: the result quotes the first that
        mentions a searched word, or else the first that is not empty."""
        return [self.listing_summary, self.search_description]

    @property
    def search_description_text(self):
        """The text a search result shows when none of `search_texts()` mentions the search."""
        return next((text for text in self.search_texts() if text), "")

    # Breadcrumbs

    def breadcrumbs(self):
        """The pages to link above this one, from the home page down (one query, then kept; none
        when the page was found through a cached route)."""
        if "_breadcrumbs" not in self.__dict__:
            # A page found through a cached route already knows its ancestors (home.site_reads).
            known = self.__dict__.get("_breadcrumb_trail")
            if known is None:
                known = self.get_ancestors().filter(depth__gt=1)
            self._breadcrumbs = list(known)
        return self._breadcrumbs

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.shows_breadcrumbs:
            context["crumbs"] = self.breadcrumbs()
        return context
