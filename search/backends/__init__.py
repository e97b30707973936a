"""The boundary between site search and the database it runs on.

The search page (`search.views`, `search.engine`) and the filter definitions (`search.facets`)
write no SQL: they ask the backend here to match, count and rank, to suggest titles, and to store
each page's and resource's filter values. The one implementation is `search.backends.database`,
which reads Wagtail's database search index on SQLite or PostgreSQL.
"""

from search.backends.database import DatabaseSearch, Outcome

__all__ = ["DatabaseSearch", "Outcome", "for_reading", "for_writing"]


def for_reading():
    """The search backend on the database Django's router names for reading the search index."""
    return DatabaseSearch.for_reading()


def for_writing(model):
    """The search backend on the database Django's router names for writing `model`'s rows."""
    return DatabaseSearch.for_writing(model)
