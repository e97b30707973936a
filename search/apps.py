from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from search import checks, facet_index  # noqa: F401 - `checks` registers the start-up check

        facet_index.connect()
