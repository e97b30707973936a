"""Start-up checks: search runs only where its SQL does."""

from django.core import checks
from django.db import connections, router

from search.backends.database import unsupported
from search.backends.database.dialects import index_entry_model
from search.models import PageFacet


@checks.register()
def search_database(app_configs, **kwargs):
    """An error, at start-up, when a database search reads or writes is neither SQLite nor PostgreSQL."""
    errors = []
    aliases = dict.fromkeys([router.db_for_read(index_entry_model()), router.db_for_write(PageFacet)])
    for alias in aliases:
        problem = unsupported(alias, connections[alias].vendor)
        if problem:
            errors.append(
                checks.Error(
                    problem,
                    hint=(
                        "Point DATABASE_URL (or the database your router chooses for Wagtail's search "
                        "index) at SQLite or PostgreSQL."
                    ),
                    obj="search",
                    id="search.E001",
                )
            )
    return errors
