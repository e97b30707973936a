from wagtail import hooks

from home.access import may_see_site_history


@hooks.register("construct_reports_menu")
def hide_site_history(request, menu_items):
    """Only those who may open Site history (home.access) see it under Reports."""
    if not may_see_site_history(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "site-history"]
