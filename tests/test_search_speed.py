"""A results page costs the same number of SQL queries however many results there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.blog import BlogIndexPageFactory, BlogPostPageFactory
from tests.factories.home import TopicFactory
from tests.factories.programs import (
    PresenterIndexPageFactory,
    PresenterPageFactory,
    SessionPageFactory,
    SessionPresenterFactory,
    TrainingIndexPageFactory,
    TrainingSeriesPageFactory,
)
from tests.factories.search import ResourceFactory

pytestmark = pytest.mark.django_db

# Every filter group counted and named (in the search statement itself), a full first page of
# results, promotions looked up. Loading the results costs one query per content type on the page
# (at most seven), never one per result.
MAX_QUERIES_PER_RESULTS_PAGE = 24
QUERIES_FOR_SESSIONS_PAGE = 15  # One loads the hosts of every series shown.


def build(site_root, size):
    topic = TopicFactory(name="Falconry", slug="falconry")
    trainings = TrainingIndexPageFactory(parent=site_root)
    presenters = PresenterIndexPageFactory(parent=site_root)
    blog = BlogIndexPageFactory(parent=site_root)
    for number in range(size):
        series = TrainingSeriesPageFactory(parent=trainings, title=f"Falcon series {number}")
        presenter = PresenterPageFactory(parent=presenters, title=f"Falcon keeper {number}")
        session = SessionPageFactory(parent=series, title=f"Falcon session {number}")
        session.topics.add(topic)
        session.save()
        SessionPresenterFactory(page=session, presenter=presenter)
        post = BlogPostPageFactory(parent=blog, title=f"Falcon post {number}")
        post.topics.add(topic)
        post.save_revision().publish()
        ResourceFactory(title=f"Falcon slides {number}")


def queries_for(client, params):
    client.get("/search/", params)  # warm the per-process caches (content types, site)
    with CaptureQueriesContext(connection) as context:
        response = client.get("/search/", params)
    assert response.status_code == 200
    return len(context.captured_queries), response


@pytest.fixture(scope="class", params=[3, 30])
def size(request, django_db_setup, django_db_blocker):
    """The content `build` makes at each size, built once for the tests of the class below (which
    only read it) rather than once per test, and rolled back after them."""
    from tests.conftest import built_once

    with built_once(django_db_blocker, lambda site_root: build(site_root, request.param)):
        yield request.param


class TestAtEachSize:
    def test_results_page_query_count_does_not_grow(self, client, size):
        count, response = queries_for(client, {"q": "falcon"})
        assert response.context["search"].total == size * 5
        assert len(response.context["results"]) == 10
        assert count <= MAX_QUERIES_PER_RESULTS_PAGE

    def test_filtered_results_page_stays_within_its_query_budget_at_any_size(self, client, size):
        params = {"q": "falcon", "topic": "falconry", "when": "upcoming", "type": "session"}
        count, response = queries_for(client, params)
        assert response.context["search"].total == size
        assert count <= QUERIES_FOR_SESSIONS_PAGE


def test_with_the_page_cache_on_a_results_page_reads_the_shared_lists_from_it(client, site_root, settings):
    from django.core.cache import cache

    build(site_root, 3)
    params = {"q": "falcon", "topic": "falconry", "when": "upcoming", "type": "session"}
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    client.get("/")  # the first visit ever creates the settings rows, which starts a new generation
    count, response = queries_for(client, params)
    assert response.context["search"].total == 3
    # From the cache instead: page and collection view restrictions, the promoted searches, and the
    # menus (navigation settings, top and footer links, and, with no top menu built, the pages
    # shown in menus with their view restrictions).
    assert count <= QUERIES_FOR_SESSIONS_PAGE - 8
    cache.clear()


def test_a_results_page_runs_its_search_with_the_planners_own_choices(client, site_root):
    """No planner setting is changed for a search, however broad: turning a join method off makes
    PostgreSQL add a huge cost to any plan that still needs one, and a plan that costly is compiled
    with JIT first, which took longer than the search itself."""
    build(site_root, 3)
    _count, response = queries_for(client, {"q": "falcon"})
    assert response.context["search"].total == 15
    with CaptureQueriesContext(connection) as context:
        client.get("/search/", {"q": "falcon", "topic": "falconry"})
    statements = [query["sql"].lstrip().upper() for query in context.captured_queries]
    assert not [sql for sql in statements if sql.startswith(("SET", "EXPLAIN")) or "SET_CONFIG" in sql]
    assert len([sql for sql in statements if sql.startswith("WITH MATCHED")]) == 1


# Loading a page of results: the search statement, then one query for each content type on the
# page (a session, series, presenter, post or other page type, and resources), and for sessions and
# series one for their series and one for the hosts. Whatever mix of types a search finds, the page
# stays within the same budget.
QUERIES_TO_LOAD_ANY_MIX = 1 + 5 + 2


@pytest.mark.parametrize(
    ("words", "kinds"),
    [
        ("falcon session", {"session"}),
        ("falcon post", {"post"}),
        ("falcon slides", {"resource"}),
        ("falcon keeper", {"presenter"}),
        ("falcon", {"session", "series", "presenter", "post", "resource"}),
    ],
)
def test_a_results_page_stays_within_one_budget_whatever_types_it_shows(client, site_root, words, kinds):
    build(site_root, 2)  # ten things in all: every one of them on the first page
    client.get("/search/", {"q": "warm up"})  # the site-wide reads every page makes, cached
    count, response = queries_for(client, {"q": words})
    assert {result.kind for result in response.context["results"]} == kinds
    assert count <= QUERIES_TO_LOAD_ANY_MIX
