from wagtail import hooks

from home import fragments
from home.access import may_see_site_history


@hooks.register("on_serve_page", order=100)
def serve_page_parts(serve):
    """Pages' parts from the cache (home/fragments.py). The order puts this inside Wagtail's own
    check of view restrictions, so a private page's visitor passes that check first."""
    return fragments.serve_with_parts(serve)


@hooks.register("construct_reports_menu")
def hide_site_history(request, menu_items):
    """Only those who may open Site history (home.access) see it under Reports."""
    if not may_see_site_history(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "site-history"]
