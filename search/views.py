"""The search page, and the suggestions its search box asks for as the visitor types."""

from django.conf import settings
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from wagtail.documents import get_document_model

from home import throttling
from search import backends, kinds
from search.engine import SiteSearch, private_collections_q, public_pages, shared_lists, upcoming_sessions
from search.query import clean_text, words_in

MAX_SUGGESTIONS = 8


def _private(response):
    """Search answers are personal to the query: never cached, never indexed by search engines."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


class Links:
    """Addresses for the page's links, each keeping the query and the other filters."""

    def __init__(self, search):
        self.query = search.query.text
        self.selected = {param: list(values) for param, (_f, values, _l) in search.selected.items()}

    def build(self, selected, page=None):
        pairs = [("q", self.query)] if self.query else []
        for param, values in selected.items():
            pairs.extend((param, value) for value in values)
        if page and page > 1:
            pairs.append(("page", page))
        return "?" + urlencode(pairs)

    def toggle(self, param, value, single=False):
        selected = {p: list(v) for p, v in self.selected.items()}
        current = selected.get(param, [])
        if value in current:
            current = [v for v in current if v != value]
        else:
            current = [value] if single else current + [value]
        selected[param] = current
        return self.build({p: v for p, v in selected.items() if v})

    def without_filters(self):
        return self.build({})

    def page(self, number):
        return self.build(self.selected, page=number)


def search(request):
    suggest = bool(request.GET.get("suggest"))
    seconds = throttling.count_request(
        request,
        "suggest" if suggest else "search",
        settings.SUGGEST_RATE_LIMIT if suggest else settings.SEARCH_RATE_LIMIT,
    )
    if seconds:
        return _private(too_many_searches(request, seconds, suggest))
    if suggest:
        return suggestions(request)
    site_search = SiteSearch(request.GET).run(request)
    links = Links(site_search)
    singles = {facet.param for facet in site_search.facets if facet.single}
    for group in site_search.groups:
        for option in group.options:
            option.url = links.toggle(group.param, option.value, single=group.param in singles)
        for chip in group.selected:
            chip.url = links.toggle(group.param, chip.value)
    context = {
        "search": site_search,
        "search_query": site_search.query.text,
        "results": site_search.results,
        "clear_url": links.without_filters(),
        "previous_url": links.page(site_search.page_number - 1) if site_search.page_number > 1 else "",
        "next_url": (
            links.page(site_search.page_number + 1) if site_search.page_number < site_search.num_pages else ""
        ),
        "first_url": links.page(1),
        "upcoming_sessions": (upcoming_sessions() if site_search.query and not site_search.total else []),
    }
    response = TemplateResponse(request, "search/search.html", context)
    return _private(response)


def too_many_searches(request, seconds, suggest):
    message = "You have searched very often in a short time. Please wait a moment before searching again."
    if suggest:
        response = JsonResponse({"suggestions": [], "message": message}, status=429)
        response["Retry-After"] = str(seconds)
        return response
    return throttling.refused(request, seconds, "Too many searches", message)


def suggestions(request):
    """Up to eight titles starting with what has been typed so far, as JSON."""
    words = words_in(clean_text(request.GET.get("q", "")))[:6]
    found = []
    if words and len(" ".join(words)) >= 2:
        named = kinds.named_content_type_ids()
        pages, documents = suggested(words)
        for page in pages:
            slug = named.get(page.content_type_id, kinds.OTHER_PAGES)
            found.append(
                {"title": page.title, "url": page.get_url(request), "type": kinds.KINDS_BY_SLUG[slug].label}
            )
        for document in documents:
            found.append({"title": document.title, "url": document.url, "type": "Resource"})
    return _private(JsonResponse({"suggestions": found}))


def suggested(words):
    """The public pages, then resources, whose titles match the words typed so far, best first:
    at most eight in all."""
    lists = shared_lists()
    public_documents = get_document_model().objects.exclude(private_collections_q(lists))
    return backends.for_reading().suggest(
        words,
        public_pages(lists),
        public_documents,
        MAX_SUGGESTIONS,
        only=("pk", "title", "url_path", "content_type_id"),
    )
