"""Search behind its boundary: the database it runs on is the one Django's router names, its index
tables are the ones Wagtail's index models name, and a database it cannot run on stops the site."""

import pytest
from django.core.checks import Error
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from wagtail.search.models import IndexEntry

from search import backends
from search.checks import search_database
from tests.conftest import ensure_site_root
from tests.factories.home import TopicFactory
from tests.factories.programs import SessionPageFactory, TrainingIndexPageFactory, TrainingSeriesPageFactory
from tests.factories.search import ResourceFactory


class SearchIndexOnReplica:
    """Sends reads of Wagtail's search index to the "replica" database, as a site with a read
    replica for search would; everything else to the default."""

    def db_for_read(self, model, **hints):
        return "replica" if model._meta.app_label == "wagtailsearch" else None


def falcon_site():
    trainings = TrainingIndexPageFactory(parent=ensure_site_root())
    series = TrainingSeriesPageFactory(parent=trainings, title="Falcon series")
    session = SessionPageFactory(parent=series, title="Falcon session", format="virtual")
    session.topics.add(TopicFactory(name="Falconry", slug="falconry"))
    session.save()
    ResourceFactory(title="Falcon slides")
    return series, session


def index_reads(queries):
    return [query["sql"] for query in queries if IndexEntry._meta.db_table in query["sql"]]


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_search_runs_on_the_database_the_router_names_for_reading_the_index(client, settings):
    falcon_site()  # written, and indexed, on the default database
    settings.DATABASE_ROUTERS = [f"{__name__}.SearchIndexOnReplica"]
    with (
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connection) as default,
    ):
        found = client.get("/search/", {"q": "falcon", "topic": "falconry"}).context["search"]
        suggested = client.get("/search/", {"q": "falc", "suggest": "1"}).json()["suggestions"]
    assert [result.title for result in found.results] == ["Falcon session"]
    assert {group.param: [option.label for option in group.options] for group in found.groups}["format"] == [
        "Virtual"
    ]
    assert {item["title"] for item in suggested} == {"Falcon series", "Falcon session", "Falcon slides"}
    # The statement that matches, counts and ranks, and the suggestions, read the index on the
    # replica; the default database is never asked.
    assert len(index_reads(replica.captured_queries)) >= 2
    assert index_reads(default.captured_queries) == []


@pytest.mark.django_db
def test_the_index_is_read_from_the_table_its_model_names(client, site_root, monkeypatch):
    """Renamed (here: seen through a view of another name), the index is read where the model says."""
    falcon_site()
    table = IndexEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE VIEW renamed_index AS SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
    monkeypatch.setattr(IndexEntry._meta, "db_table", "renamed_index")
    with CaptureQueriesContext(connection) as queries:
        found = client.get("/search/", {"q": "falcon"}).context["search"]
    assert {result.title for result in found.results} == {"Falcon series", "Falcon session", "Falcon slides"}
    statements = [query["sql"] for query in queries.captured_queries if "WITH matched" in query["sql"]]
    assert statements and all("renamed_index" in sql and f'"{table}" e' not in sql for sql in statements)


def test_a_database_search_cannot_run_on_is_refused_at_start_up(monkeypatch):
    monkeypatch.setattr(connections["default"], "vendor", "mysql")
    errors = search_database(None)
    assert [error.id for error in errors] == ["search.E001"]
    assert isinstance(errors[0], Error)
    assert "SQLite or PostgreSQL" in errors[0].hint and "mysql" in errors[0].msg
    with pytest.raises(SystemCheckError, match="search.E001"):
        call_command("check")
    with pytest.raises(Exception, match="written for postgresql, sqlite"):
        backends.for_reading()


def test_sqlite_and_postgresql_pass_the_start_up_check():
    assert search_database(None) == []
