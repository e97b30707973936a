"""What every page reads whatever its content, kept in the shared cache between requests.

The Site answering a host (with its home page), the site-wide settings, the list of view
restrictions and where a page address leads change only when staff publish, move or delete a page
or save a setting, snippet or restriction. They are kept under the page cache's generation
(`home.page_cache`), which each of those changes replaces, for `SITE_CACHE_SECONDS`; with 0 they
are read from the database on every request, as Wagtail does.

Unlike whole pages, these are kept for visitors who are logged in too: they are the same for
everyone. Drafts never enter: a page's address leads to its row, which is read fresh on every
request, and Wagtail still refuses a page that is not live or that a restriction closes.
"""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db.models import ForeignKey, Q
from django.http import Http404
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Page, PageManager, PageViewRestriction, Site
from wagtail.query import PageQuerySet

from home import page_cache


def cache_seconds():
    return getattr(settings, "SITE_CACHE_SECONDS", 0)


def remember(name, build):
    return page_cache.remember(f"site-reads:{name}", build, seconds=cache_seconds())


def forget(name):
    page_cache.forget(f"site-reads:{name}")


# --- View restrictions ------------------------------------------------------------------------


def view_restrictions():
    """Every page view restriction, each with its page's tree path and depth."""
    return remember(
        "view-restrictions",
        lambda: list(PageViewRestriction.objects.select_related("page").only(*RESTRICTION_FIELDS)),
    )


RESTRICTION_FIELDS = ("id", "restriction_type", "password", "page__id", "page__path", "page__depth")


def private_q():
    """The condition `PageQuerySet.private_q()` builds, from the cached list of restrictions."""
    condition = Q()
    for restriction in view_restrictions():
        condition |= Q(path__startswith=restriction.page.path, depth__gte=restriction.page.depth)
    return condition if condition else Q(pk__in=[])


class SitePageQuerySet(PageQuerySet):
    """Wagtail's page queries, with `.public()` reading the view restrictions from the cache
    instead of the database each time it is used."""

    def private_q(self):
        return private_q()


SitePageManager = PageManager.from_queryset(SitePageQuerySet)


class CachedRestrictionsMixin:
    """A page answers Wagtail's check of its view restrictions from the cached list: no query for
    a page no restriction covers, which is every public page."""

    def get_view_restrictions(self):
        if self.alias_of_id:
            return super().get_view_restrictions()
        covering = [r.pk for r in view_restrictions() if self.path.startswith(r.page.path)]
        if not covering:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=covering)


# --- The Site and its settings ----------------------------------------------------------------


def load_setting(model, site):
    """The setting for `site`, with the images and pages it links to already loaded."""
    instance = model.for_site(site) if issubclass(model, BaseSiteSetting) else model.load()
    for field in model._meta.concrete_fields:
        if isinstance(field, ForeignKey):
            getattr(instance, field.name)
    return instance


def build_site_reads(request):
    site = Site.find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific
    return {
        "site": site,
        "settings": {model.get_cache_attr_name(): load_setting(model, site) for model in settings_registry},
    }


def prepare(request):
    """Give the request its Site and settings as Wagtail keeps them on a request, from the cache."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return
    reads = remember(f"site:{host}:{request.get_port()}", lambda: build_site_reads(request))
    request._wagtail_site = reads["site"]
    for name, instance in reads["settings"].items():
        setattr(request, name, instance)


# --- Routing ----------------------------------------------------------------------------------


def answers_first(model, components):
    """Whether a page of `model` on the way to `components` answers them itself instead of handing
    them to a child page, as a routable page does for its own sub-addresses."""
    if model is None or model.route is Page.route:
        return False
    if issubclass(model, RoutablePageMixin) and model.route is RoutablePageMixin.route:
        try:
            model.get_resolver().resolve("/" + "".join(f"{part}/" for part in components))
        except (Resolver404, Http404):
            return False
    return True


def find_route(root, components):
    """(model, pk, unmatched components, breadcrumb trail) of the page the address leads to, from
    one query of the pages along it; None if it leads nowhere."""
    prefixes = [
        root.url_path + "".join(f"{part}/" for part in components[:n]) for n in range(1, len(components) + 1)
    ]
    found = {
        page.url_path: page for page in Page.objects.filter(url_path__in=prefixes, path__startswith=root.path)
    }
    chain = [root]
    for number, prefix in enumerate(prefixes):
        if answers_first(chain[-1].specific_class, components[number:]):
            break
        page = found.get(prefix)
        if page is None or page.depth != chain[-1].depth + 1:
            break
        chain.append(page)
    target = chain[-1]
    rest = components[len(chain) - 1 :]
    if target.specific_class is None or (rest and not answers_first(target.specific_class, rest)):
        return None  # not found, or nothing to gain: Wagtail's own routing answers
    trail = [page for page in chain[:-1] if page.depth > 1] if root.depth == 2 else None
    return {
        "model": target.specific_class._meta.label_lower,
        "pk": target.pk,
        "rest": rest,
        "trail": trail,
    }


def forget_route(request, response):
    """Drop the kept route of an address whose page answered "not found", so that addresses made up
    by visitors or scanners do not fill the cache."""
    key = getattr(request, "_site_route_key", None)
    if key is not None and response.status_code == 404:
        forget(key)


def own_links(model):
    """The model's own single links (its picture, level, quote...), which pages show: loaded with
    the page's row rather than one query each."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, ForeignKey) and not issubclass(Page, field.model)
    ]


def route(request, path):
    """Work out which page `path` leads to, as Wagtail's `Page.route_for_request()` does, from the
    cached route and one query for the page itself, and keep the answer on the request where
    Wagtail looks for it."""
    if not cache_seconds() or hasattr(request, "_wagtail_route_for_request"):
        return
    site = Site.find_for_request(request)
    if site is None:
        return
    components = [part for part in path.split("/") if part]
    key = f"route:{site.pk}:{'/'.join(components)}"
    found = remember(key, lambda: find_route(site.root_page.specific, components))
    if found is None:
        return
    # Kept until the page answers: a page that answers addresses of its own (`<slug>/`) is found for
    # any slug, and the route of one that turns out not to exist is dropped (`forget_route`).
    request._site_route_key = key
    model = apps.get_model(found["model"])
    page = model.objects.select_related(*own_links(model)).filter(pk=found["pk"]).first()
    if page is None:
        return  # deleted since: Wagtail's own routing answers
    if found["trail"]:
        page._breadcrumb_trail = found["trail"]
        page._cached_parent_obj = found["trail"][-1]  # what get_parent() returns
    try:
        request._wagtail_route_for_request = page.route(request, list(found["rest"]))
    except Http404:
        request._wagtail_route_for_request = None
