"""The breadcrumb trail every page shows above its title."""

from wagtail.models import Page


def trail(page):
    """The page's ancestors to link, from the home page down (one query, none when the page was
    found through a cached route, which knows them)."""
    known = page.__dict__.get("_breadcrumb_trail")
    if known is not None:
        return list(known)
    return list(Page.objects.ancestor_of(page).filter(depth__gt=1).order_by("depth"))
