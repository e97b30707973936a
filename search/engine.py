"""Site search: one ranked list of pages and resources, with filters, counts and promotions.

Matching uses Wagtail's search index (SQLite FTS5 or PostgreSQL full-text search), which Wagtail
keeps up to date as pages are published, unpublished, moved and deleted. What the public may see is
decided here at query time from the live flag, page view restrictions and collection view
restrictions, so a change of privacy takes effect at once, in results and in counts alike.

Matching, filtering, counting and ranking are the search backend's work (`search.backends`), in one
SQL statement; the number of SQL queries for a results page depends on the filters in use, never
on the number of results nor on which types of result the page shows (see `search.loading`).
"""

import heapq
import re
import sys
from dataclasses import dataclass, field
from functools import cached_property
from html import escape

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import dateformat, timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction
from wagtail.search.utils import normalise_query_string

from home import site_reads
from home.numbers import whole_number
from home.pages import BasePage
from home.templatetags.picture_tags import FORMATS, fixed_picture
from programs.models import upcoming_sessions as upcoming_program_sessions
from programs.models.mixins import HostedMixin
from programs.models.querysets import attach_loaded_series, parents_of
from search import backends, cards, kinds, loading
from search.facets import Option, available_facets
from search.query import clean_text, parse

PER_PAGE = 10
# Filters with many values list only the most frequent (and any selected).
LONG_FILTERS = ("topic", "series", "presenter")
MAX_OPTIONS = 12
MAX_PAGE = 10_000
# A result's thumbnail (`fixed_picture`): its size and twice it, each in AVIF and WebP.
THUMBNAIL_CUTS = ("fill-120x90", "fill-240x180")
THUMBNAIL_SIZES = "(max-width: 30rem) 72px, 120px"
THUMBNAILS = [f"{cut}|format-{name}" for name in FORMATS for cut in THUMBNAIL_CUTS]
EXCERPT_LENGTH = 240


def page_number(raw):
    """A page number from the address: anything but a positive whole number means page 1."""
    number = whole_number(raw, 1, sys.maxsize)
    return min(number, MAX_PAGE) if number else 1


def shared_lists():
    """What every search reads that changes only when content does: the tree paths of the pages and
    of the collections under a view restriction, and the searches (as Wagtail normalises them) that
    have promoted results.

    Kept with the site-wide reads, in one cache entry (see `home.site_reads.remember`): saving or
    deleting a restriction or a promotion, or moving a page or collection, starts a new cache
    generation, so a search never reads lists older than those.
    """
    from wagtail.contrib.search_promotions.models import SearchPromotion

    def build():
        collections = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
        return {
            "pages": sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))),
            "collections": sorted(set(collections)),
            "promoted": set(SearchPromotion.objects.values_list("query__query_string", flat=True)),
        }

    return site_reads.remember("search-lists", build)


def hidden_q(lists=None):
    """The pages the public may not see: those not live, the tree's root, and those in a private
    section (a page under a view restriction, and every page below it). `lists` are the
    `shared_lists()` when the caller has them."""
    query = Q(live=False) | Q(depth__lte=1)
    for path in (lists or shared_lists())["pages"]:
        query |= Q(path__startswith=path)
    return query


def public_pages(lists=None):
    """Live pages outside private sections, never the tree's root (see `hidden_q`)."""
    return Page.objects.exclude(hidden_q(lists))


def hidden_pages(lists=None):
    """Every page the public may not see. There are few of them, so search checks an entry against
    these (a partial index holds those not live and the root) instead of against every public
    page, which on a large site meant reading the whole page table for each search."""
    return Page.objects.filter(hidden_q(lists))


def private_collections_q(lists=None):
    """Resources in a collection with a view restriction, or inside such a collection."""
    query = Q(pk__in=[])
    for path in (lists or shared_lists())["collections"]:
        query |= Q(collection__path__startswith=path)
    return query


def frequency(value, label, count):
    """How a long filter lists its values: the most results first, then by name."""
    return -count, label.lower(), value


def most_frequent(found, selected):
    """Of `found` ({value: (label, count)}), the values a long filter lists: every selected one, and
    the most frequent of the others, up to MAX_OPTIONS in all. A filter may hold hundreds of values
    (every series); only these few are made into options and sorted."""
    keep = MAX_OPTIONS - len(selected)
    others = ((value, shown) for value, shown in found.items() if shown[1] and value not in selected)
    top = heapq.nsmallest(max(keep, 0), others, key=lambda item: frequency(item[0], *item[1]))
    return {**{value: found[value] for value in selected if value in found}, **dict(top)}


def highlight(text, terms, length=EXCERPT_LENGTH):
    """A short escaped excerpt of `text` around the first matched word, matches in <mark>."""
    text = " ".join(strip_tags(text or "").split())
    if not text:
        return ""
    pattern = None
    if terms:
        pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\w*", re.IGNORECASE)
    start = 0
    if pattern:
        found = pattern.search(text)
        if found and found.start() > length // 3:
            start = text.rfind(" ", 0, found.start() - length // 4) + 1
    excerpt = text[start : start + length]
    if start + length < len(text):
        excerpt = excerpt[: excerpt.rfind(" ")] if " " in excerpt else excerpt
    pieces, last = [], 0
    for match in pattern.finditer(excerpt) if pattern else []:
        pieces.append(escape(excerpt[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    pieces.append(escape(excerpt[last:]))
    prefix = "… " if start else ""
    suffix = " …" if start + length < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - every piece is escaped above


@dataclass
class Result:
    kind: str
    kind_label: str
    title: str
    url: str
    excerpt: str = ""
    date: str = ""
    date_iso: str = ""
    series: str = ""
    hosts: list = field(default_factory=list)
    thumbnail: str = ""  # the picture's markup
    thumbnail_image_id: int | None = None
    file_type: str = ""
    promoted: bool = False


@dataclass
class FilterGroup:
    param: str
    label: str
    options: list = field(default_factory=list)
    selected: list = field(default_factory=list)


class SiteSearch:
    """Everything one search needs, read from the request's query string."""

    def __init__(self, params):
        self.query = parse(params.get("q", ""))
        self.page_number = page_number(params.get("page"))
        self.facets = available_facets()
        self.selected = {}
        for facet in self.facets:
            raw = [clean_text(value)[:100] for value in params.getlist(facet.param)[:50]]
            values = facet.clean([value for value in raw if value])
            if values:
                labels = facet.resolve(values, self.visible_pages)
                values = [value for value in values if value in labels]
                if values:
                    self.selected[facet.param] = (facet, values, labels)

    @cached_property
    def lists(self):
        return shared_lists()

    def visible_pages(self):
        """The pages the public may see, for filters that name pages and for the results."""
        return public_pages(self.lists)

    def run(self, request):
        """Compute results, counts and promotions. Returns self for the template."""
        self.request = request
        self.results, self.promotions, self.groups, self.total = [], [], [], 0
        self.num_pages, self.out_of_range, self.first_number = 1, False, 1
        if not self.query:
            return self
        # Read the restrictions and promoted searches once: filters, promotions and results share them.
        lists = self.lists
        pages = self.visible_pages()
        # Promoted pages are left out of the ordinary results on every page, shown only on the first.
        promotions, promoted_ids = self._promotions(request, pages, lists["promoted"])
        self.promotions = promotions if self.page_number == 1 else []
        chosen = {param: values for param, (_facet, values, _labels) in self.selected.items()}
        documents = get_document_model().objects.exclude(private_collections_q(lists))
        arguments = (self.query, self.facets, chosen, hidden_pages(lists), documents, promoted_ids)
        start = (self.page_number - 1) * PER_PAGE
        backend = backends.for_reading()
        outcome = backend.search(*arguments, start, PER_PAGE)
        if outcome.total and start >= outcome.total:
            # Past the last page: show the last page, and say so.
            self.out_of_range = True
            self.page_number = (outcome.total + PER_PAGE - 1) // PER_PAGE
            start = (self.page_number - 1) * PER_PAGE
            outcome = backend.search(*arguments, start, PER_PAGE)
        self.groups = self._groups(outcome.counts, outcome.labels)
        self.total = outcome.total
        if not self.total:
            return self
        self.num_pages = (self.total + PER_PAGE - 1) // PER_PAGE
        self.first_number = start + 1
        self.results = self._load(outcome.rows, request)
        return self

    # Promotions

    def _promotions(self, request, pages, promoted):
        """The promoted results for this query, and the ids of the promoted pages among `pages`
        (those the public may see). `promoted` are the searches that have promotions."""
        from wagtail.contrib.search_promotions.models import SearchPromotion

        normalized = normalise_query_string(self.query.text)
        if normalized not in promoted:
            return [], []
        promotions = (
            SearchPromotion.objects.filter(query__query_string=normalized)
            .filter(Q(page__isnull=True) | Q(page__in=pages))
            .select_related("page")
            .order_by("sort_order", "pk")
        )
        found, promoted_ids = [], []
        for promotion in promotions:
            if promotion.page_id:
                promoted_ids.append(promotion.page_id)
                url = promotion.page.get_url(request)
            elif promotion.external_link_url:
                url = promotion.external_link_url
            else:
                continue
            found.append(
                Result(
                    kind="promoted",
                    kind_label="Recommended",
                    title=promotion.title or url,
                    url=url,
                    excerpt=highlight(promotion.description, self.query.terms),
                    promoted=True,
                )
            )
        return found, promoted_ids

    # Filters and counts

    def _groups(self, counts, names):
        """The filters to list, from the statement's counts and the labels it read (`names`)."""
        groups = []
        for facet in self.facets:
            totals = counts.get(facet.param, {})
            _facet, selected, labels = self.selected.get(facet.param, (facet, [], {}))
            if facet.labelled_with_counts():
                # A value the statement found no name for (a page since deleted) is not listed.
                known = names.get(facet.param, {})
            else:
                known = facet.labels(set(totals)) if totals else {}
            found = facet.ordered(totals, known) if totals else {}
            if facet.param in LONG_FILTERS:
                found = most_frequent(found, selected)
            options = [
                Option(value=value, label=label, count=count, selected=value in selected)
                for value, (label, count) in found.items()
                if count
            ]
            for value in selected:
                if value not in found or not found[value][1]:
                    options.append(Option(value=value, label=labels[value], count=0, selected=True))
            if facet.param in LONG_FILTERS:
                options.sort(
                    key=lambda option: (
                        not option.selected,
                        *frequency(option.value, option.label, option.count),
                    )
                )
            if options:
                groups.append(
                    FilterGroup(
                        param=facet.param,
                        label=facet.label,
                        options=options,
                        selected=[Option(value=v, label=labels[v], selected=True) for v in selected],
                    )
                )
        return groups

    @property
    def has_filters(self):
        return bool(self.selected)

    # Loading what the page shows

    def _load(self, rows, request):
        """The results of `rows` (content type, pk), in their order. Each result's card comes from
        the cache when it is kept there (`search.cards`); the others are loaded together, from the
        same queries whatever they hold (see `_cards`)."""
        keys = cards.keys_for(rows, request)
        found = cards.kept(keys)
        missing = [row for row in rows if row not in found]
        if missing:
            loaded = self._cards(missing, request)
            cards.keep(keys, loaded)
            found.update(loaded)
        return [self._result(found[row]) for row in rows if row in found]

    def _cards(self, rows, request):
        """{(content type, pk): card} for `rows`: what each result shows but its excerpt, as plain
        values (see `_page_card`). One query for the pages, each as its own type with its pictures
        (and the series of sessions), and one for the resources, whatever the mix; hosts and
        renditions come from the cache (see `search.loading`)."""
        document_type = ContentType.objects.get_for_model(get_document_model()).pk
        document_ids = [pk for content_type, pk in rows if content_type == document_type]
        page_rows = [(content_type, pk) for content_type, pk in rows if content_type != document_type]
        # The index entry's content type is the page's own type: only those types' tables are joined.
        types = {ContentType.objects.get_for_id(content_type).model_class() for content_type, _ in page_rows}
        # A result shows its session's series title, and falls back on the series picture: the
        # series come in the same query as the pages.
        session_types = kinds.content_type_ids("session")
        session_ids = [pk for content_type, pk in page_rows if content_type in session_types]
        series_of_sessions = parents_of(session_ids) if session_ids else None
        if session_ids:
            types.add(kinds.model("programs.TrainingSeriesPage"))
        types.discard(None)
        pages = loading.pages_as_their_types([pk for _type, pk in page_rows], types, series_of_sessions)
        documents = {doc.pk: doc for doc in loading.by_ids(get_document_model().objects.all(), document_ids)}
        # Series and sessions name their hosts (a session its series').
        attach_loaded_series(pages.values())
        thumbnails = {page.pk: self._thumbnail(page) for page in pages.values()}
        loading.prepare_renditions(thumbnails.values(), THUMBNAILS)
        named = kinds.named_content_type_ids()
        found = {}
        for content_type, pk in rows:
            if content_type != document_type and pk in pages:
                found[content_type, pk] = self._page_card(pages[pk], named, thumbnails[pk], request)
            elif content_type == document_type and pk in documents:
                found[content_type, pk] = self._document_card(documents[pk])
        return found

    @staticmethod
    def _thumbnail(page):
        """The picture that stands for the page (a session its series'), loaded with the page."""
        return page.listing_image if isinstance(page, BasePage) else None

    @staticmethod
    def _page_card(page, named, thumbnail, request):
        """What a result shows of `page` but its excerpt (`search.cards.BLANK`): plain values, kept in
        the cache as they are."""
        slug = named.get(page.content_type_id, kinds.OTHER_PAGES)
        card = cards.card(
            kind=slug,
            kind_label=kinds.KINDS_BY_SLUG[slug].label,
            title=page.title,
            url=page.get_url(request) or "",
        )
        if thumbnail is not None:
            card["thumbnail"] = str(
                fixed_picture(thumbnail, *THUMBNAIL_CUTS, sizes=THUMBNAIL_SIZES, alt="", loading="lazy")
            )
            card["thumbnail_image_id"] = thumbnail.pk
        if isinstance(page, BasePage):
            card["texts"] = [str(text) for text in page.search_texts() if text]
            card["summary"] = str(page.search_description_text)
            if page.listing_date:
                card["date"] = page.listing_date_text
                card["date_iso"] = page.listing_date_iso
        if isinstance(page, HostedMixin):
            card["hosts"] = list(page.host_names)
        session_model = kinds.model("programs.SessionPage")
        if session_model is not None and isinstance(page, session_model):
            card["series"] = page.series_title
        return card

    @staticmethod
    def _document_card(document):
        return cards.card(
            kind=kinds.RESOURCE,
            kind_label=kinds.KINDS_BY_SLUG[kinds.RESOURCE].label,
            title=document.title,
            url=document.url,
            summary=document.description or "",
            date=dateformat.format(timezone.localtime(document.created_at), "F j, Y"),
            date_iso=document.created_at.date().isoformat(),
            file_type=document.file_extension.upper(),
        )

    def _result(self, card):
        """A result from its card, with an excerpt of the first of its texts that mentions a searched
        word (or else its summary), the words marked."""
        quoted = next((text for text in card["texts"] if self._mentions(text)), card["summary"])
        return Result(
            kind=card["kind"],
            kind_label=card["kind_label"],
            title=card["title"],
            url=card["url"],
            excerpt=highlight(quoted, self.query.terms),
            date=card["date"],
            date_iso=card["date_iso"],
            series=card["series"],
            hosts=list(card["hosts"]),
            thumbnail=mark_safe(card["thumbnail"]),  # noqa: S308 - markup Wagtail's picture wrote, escaped
            thumbnail_image_id=card["thumbnail_image_id"],
            file_type=card["file_type"],
        )

    def _mentions(self, text):
        lowered = text.lower()
        return any(term in lowered for term in self.query.terms)


def upcoming_sessions(limit=3):
    """A few upcoming sessions to suggest when a search finds nothing."""
    if kinds.model("programs.SessionPage") is None:
        return []
    return list(upcoming_program_sessions(limit))
