"""The rendered parts of a page, kept in the shared cache until published content changes.

Building a page's main content (its lists, cards, pictures and structured data) is most of the
time a page takes. That content is the same for every visitor and changes only when staff publish
something, change a setting, snippet or restriction, or a registration changes the seats, all of
which start a new generation of the page cache (home/page_cache.py). So the parts of a page that
base.html marks with `{% cached_part %}` (its title, meta tags, head, content and scripts) are kept
under that generation for `FRAGMENT_CACHE_SECONDS`; the header, footer and Wagtail's user bar around
them are rendered for each request, so editors still get their bar and menus stay current.

Unlike the whole-page cache, parts are kept and used for logged-in visitors and for addresses with
a page number or a filter, since what the parts show depends on none of that. Only addresses that a
page says it answers are kept: a page type opts in with `fragment_params` (the query parameters it
reads, each with a check of its value), a routable page's view with the `@cacheable(...)`
decorator. Forms, calendars, feeds and the registration pages never opt in. A request with any
other parameter, or a value the check refuses, is rendered as usual and nothing is kept, so made-up
addresses cannot fill the cache. Responses that set a cookie or are not a plain 200 are not kept.

Parts expire after `FRAGMENT_CACHE_SECONDS` even without a publish, so what has ended or closed
since moves on, as with whole pages (`PAGE_CACHE_SECONDS`).

The parts are used inside Wagtail's own check of view restrictions: a private page's visitor must
pass it before anything is served, and the response still gets Wagtail's never-cache headers.
Previews never use or fill the cache: Wagtail renders them without going through page serving.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.validators import slug_re
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe

from home import page_cache

# Headers a page's view may set itself, which a response built from the parts repeats.
KEPT_HEADERS = ("Cache-Control", "Vary", "Content-Language")


def page_number(value):
    """A page number as the lists' pagination reads it (home.pagination); a number past the end is
    redirected, and redirects are never kept."""
    return value.isascii() and value.isdigit() and len(value) <= 6


def slug(value):
    return len(value) <= 80 and bool(slug_re.match(value))


def one_of(values):
    """A check that accepts only the given values (such as the choices of a filter)."""
    allowed = frozenset(values)
    return lambda value: value in allowed


def cacheable(**params):
    """Marks a routable page's view whose rendered parts may be kept, with the query parameters it
    reads: `name=check`, where `check(value)` says whether a value is one the view answers."""

    def mark(view):
        view.fragment_params = params
        return view

    return mark


def cache_seconds():
    return getattr(settings, "FRAGMENT_CACHE_SECONDS", 0)


def params_for(page, serve_args):
    """The parameters the page's view reads, or None when its parts are never kept."""
    if serve_args:  # a routable page: (view, args, kwargs)
        return getattr(serve_args[0], "fragment_params", None)
    return getattr(page, "fragment_params", None)


def cache_key(page, request, serve_args):
    """The key of the page's parts for this request, or None when they are not to be kept."""
    if not cache_seconds() or request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
        return None
    params = params_for(page, serve_args)
    if params is None:
        return None
    query = []
    for name in sorted(request.GET):
        values = request.GET.getlist(name)
        check = params.get(name)
        if check is None or len(values) != 1 or not check(values[0]):
            return None
        query.append(f"{name}={values[0]}")
    route = ""
    if serve_args:
        view, args, kwargs = serve_args
        route = "/".join([view.__name__, *map(str, args), *(f"{k}={v}" for k, v in sorted(kwargs.items()))])
    return ":".join(
        ["page-parts", page_cache.generation(), request.get_host(), str(page.pk), route, "&".join(query)]
    )


def response_from_parts(request, page, entry):
    response = TemplateResponse(
        request,
        entry["template"],
        {"page": page, "self": page, "request": request, "cached_parts": entry["parts"]},
    )
    for name, value in entry["headers"].items():
        response[name] = value
    return response


def keep_parts(key, request, response):
    """Once the response is rendered, keep the parts `{% cached_part %}` collected, if the
    response may be repeated to others."""

    def keep(rendered):
        parts = getattr(request, "collected_parts", None)
        template = rendered.template_name
        if isinstance(template, (list, tuple)):
            template = [name for name in template if isinstance(name, str)] or None
        if (
            rendered.status_code != 200
            or rendered.cookies
            # A part that holds a CSRF token is that visitor's own (the cookie is set later).
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or not parts
            or not isinstance(template, (str, list))
        ):
            return
        headers = {name: rendered[name] for name in KEPT_HEADERS if rendered.has_header(name)}
        cache.set(key, {"template": template, "parts": parts, "headers": headers}, cache_seconds())

    response.add_post_render_callback(keep)


def serve_with_parts(serve):
    """Wagtail's `on_serve_page` chain, with the page's parts from the cache when they are kept
    there, or collected for next time when not."""

    def inner(page, request, serve_args, serve_kwargs):
        key = cache_key(page, request, serve_args)
        if key is None:
            return serve(page, request, serve_args, serve_kwargs)
        entry = cache.get(key)
        if entry is not None:
            return response_from_parts(request, page, entry)
        request.collected_parts = {}
        response = serve(page, request, serve_args, serve_kwargs)
        if isinstance(response, TemplateResponse) and not response.is_rendered:
            keep_parts(key, request, response)
        return response

    return inner


def render_part(name, context, render):
    """What `{% cached_part name %}` shows: the kept part when the response is built from the
    cache, else the part rendered now (and collected, when the request keeps its parts)."""
    kept = context.get("cached_parts")
    if kept is not None and name in kept:
        return mark_safe(kept[name])
    html = render()
    request = context.get("request")
    collected = getattr(request, "collected_parts", None)
    if collected is not None:
        collected[name] = str(html)
    return html
