from django.apps import AppConfig


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
