"""The breadcrumb trail every page shows above its title."""

from wagtail.models import Page


def trail(page):
    """The page's ancestors to link, from the home page down (one query)."""
    return list(Page.objects.ancestor_of(page).filter(depth__gt=1).order_by("depth"))
