"""Site-wide reads from the cache before a view runs (see `home.site_reads`)."""

from wagtail.views import serve as wagtail_serve

from home.site_reads import cache_seconds, forget_route, prepare, route

SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/documents/")


class SiteReadsMiddleware:
    """Reads the site-wide values from the cache before the view runs, and routes page requests
    from the cache (see the module's description); a route that led to "not found" is not kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if cache_seconds() and not request.path.startswith(SKIPPED_PREFIXES):
            prepare(request)
        response = self.get_response(request)
        forget_route(request, response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_serve and cache_seconds():
            route(request, view_kwargs.get("path", view_args[0] if view_args else ""))
