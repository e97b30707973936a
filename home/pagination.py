"""One way to split a list into numbered pages, for every list on the site.

`?page=` names the page (another name where a page shows two lists). A number past either end
sends the visitor to the nearest page (so each page of a list has one address), and anything but a
whole number is not found.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Window
from django.http import Http404


def page_url(request, number, param="page"):
    """The address of page `number` of the list the request shows, keeping its other parameters
    (such as a filter, or the page of another list); the first page's address names no page."""
    query = request.GET.copy()
    query.pop(param, None)
    if number > 1:
        query[param] = number
    return request.path + (f"?{query.urlencode()}" if query else "")


def paginate(request, items, per_page, param="page", count=None):
    """(the page of `items` the request asks for, None), or (None, the address of the nearest page)
    when the number is past either end: the caller redirects there. `param` names the query
    parameter, for a page showing more than one list.

    The page also has `links`, (number or ellipsis, address) for the numbered links, and
    `previous_url` and `next_url`, which the shared template `includes/pagination.html` shows.
    `count`, when the caller already knows how many items there are, saves the query for it."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count
    number = asked_number(request, param)
    nearest = min(max(number, 1), max(paginator.num_pages, 1))
    if nearest != number:
        return None, page_url(request, nearest, param)
    page = paginator.page(nearest)
    page.links = [
        (n, page_url(request, n, param) if isinstance(n, int) else None)
        for n in paginator.get_elided_page_range(nearest, on_each_side=2, on_ends=1)
    ]
    page.previous_url = page_url(request, nearest - 1, param) if page.has_previous() else None
    page.next_url = page_url(request, nearest + 1, param) if page.has_next() else None
    return page, None


def asked_number(request, param="page"):
    try:
        return int(request.GET.get(param, "1"))
    except (TypeError, ValueError):
        raise Http404("Page numbers are whole numbers") from None


def paginate_queryset(request, queryset, per_page, param="page"):
    """As `paginate`, for a queryset whose rows and count would otherwise take two queries: each
    row of the page asked for also carries how many there are in all (a window count), so one
    query reads both. Only a page past the end, or an empty list, costs a second query, to count."""
    number = asked_number(request, param)
    rows = []
    if number >= 1:
        start = (number - 1) * per_page
        rows = list(queryset.annotate(listed_in_all=Window(Count("pk")))[start : start + per_page])
    count = rows[0].listed_in_all if rows else queryset.count()
    page, nearest = paginate(request, queryset, per_page, param, count=count)
    if page is not None:
        page.object_list = rows
    return page, nearest
