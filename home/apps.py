from django.apps import AppConfig


def build_page_routes():
    """Build every routable page type's URL resolver now, before any request.

    Wagtail builds it on a type's first request and keeps it on the class. Two threads doing that at
    once (a threaded gunicorn worker's first requests) fail: one reads the class's attributes while
    the other adds the resolver to them ("dictionary changed size during iteration"), a server
    error for a visitor. Built here, while the process starts, it is only ever read."""
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import get_page_models

    for model in get_page_models():
        if issubclass(model, RoutablePageMixin):
            model.get_resolver()


class HomeConfig(AppConfig):
    """Site-wide pieces every app shares: home page, topics, resources, blocks, settings."""

    name = "home"
    verbose_name = "Site"

    def ready(self):
        from home import page_cache, proxy_purge
        from home.editing import topics

        page_cache.connect_signals()
        proxy_purge.connect_signals()
        topics.register()
        build_page_routes()
