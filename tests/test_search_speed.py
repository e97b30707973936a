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


def planner_queries(response):
    """On PostgreSQL, search first asks the planner how broad the words are, and a broad search
    sets its join methods (`PostgreSQL.is_broad` in `search.backends.database.dialects`): one or two
    queries more."""
    if connection.vendor != "postgresql":
        return 0
    return 1 + response.context["search"].broad


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


@pytest.mark.parametrize("size", [3, 30])
def test_results_page_query_count_does_not_grow(client, site_root, size):
    build(site_root, size)
    count, response = queries_for(client, {"q": "falcon"})
    assert response.context["search"].total == size * 5
    assert len(response.context["results"]) == 10
    assert count <= MAX_QUERIES_PER_RESULTS_PAGE + planner_queries(response)


@pytest.mark.parametrize("size", [3, 30])
def test_filtered_results_page_stays_within_its_query_budget_at_any_size(client, site_root, size):
    build(site_root, size)
    params = {"q": "falcon", "topic": "falconry", "when": "upcoming", "type": "session"}
    count, response = queries_for(client, params)
    assert response.context["search"].total == size
    assert count <= QUERIES_FOR_SESSIONS_PAGE + planner_queries(response)


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
    assert count <= QUERIES_FOR_SESSIONS_PAGE - 8 + planner_queries(response)
    cache.clear()


def test_broad_and_narrow_plans_give_the_same_page(client, site_root, monkeypatch):
    from search.backends.database import dialects

    build(site_root, 3)
    params = {"q": "falcon", "topic": "falconry"}
    seen = {}
    for share in (0.0, 2.0):  # every search broad, then none
        monkeypatch.setattr(dialects, "BROAD_SHARE", share)
        found = client.get("/search/", params).context["search"]
        counts = [
            (group.param, [(option.value, option.count) for option in group.options])
            for group in found.groups
        ]
        seen[share] = (found.total, [result.title for result in found.results], counts, found.broad)
    assert seen[0.0][:3] == seen[2.0][:3]
    assert seen[0.0][0] == 6 and len(seen[0.0][1]) == 6  # the sessions and posts on falconry
    assert seen[2.0][3] is False
    assert seen[0.0][3] is (connection.vendor == "postgresql")  # SQLite has no such plan


def test_breadth_is_judged_from_the_planners_estimate(site_root):
    from search import backends
    from search.query import parse

    build(site_root, 3)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE wagtailsearch_indexentry")  # what autovacuum keeps up to date
    backend = backends.for_reading()
    # "falcon" is in most of what this site holds; "zebra" in none of it.
    assert backend.is_broad(parse("falcon")) is (connection.vendor == "postgresql")
    assert backend.is_broad(parse("zebra")) is False
    assert backend.is_broad(parse("the about")) is False  # stop words: nothing to match
