"""The search page, and the suggestions its search box asks for as the visitor types."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from wagtail.documents import get_document_model

from search import kinds
from search.engine import SiteSearch, private_collections_q, public_pages, upcoming_sessions
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
    if request.GET.get("suggest"):
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


def suggestions(request):
    """Up to eight titles starting with what has been typed so far, as JSON."""
    words = words_in(clean_text(request.GET.get("q", "")))[:6]
    found = []
    if words and len(" ".join(words)) >= 2:
        text = " ".join(words)
        named = kinds.named_content_type_ids()
        pages = public_pages().autocomplete(text).get_queryset()[:MAX_SUGGESTIONS]
        for page in pages.only("pk", "title", "url_path", "content_type_id"):
            slug = named.get(page.content_type_id, kinds.OTHER_PAGES)
            found.append(
                {"title": page.title, "url": page.get_url(request), "type": kinds.KINDS_BY_SLUG[slug].label}
            )
        documents = get_document_model().objects.autocomplete(text).get_queryset()
        for document in documents.exclude(private_collections_q())[: max(0, MAX_SUGGESTIONS - len(found))]:
            found.append({"title": document.title, "url": document.url, "type": "Resource"})
    return _private(JsonResponse({"suggestions": found}))
