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
# results, promotions looked up. Loading the results costs two queries whatever they are (see
# QUERIES_TO_LOAD_ANY_MIX below), never one per result.
MAX_QUERIES_PER_RESULTS_PAGE = 15
QUERIES_FOR_SESSIONS_PAGE = 14


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


def test_pages_hidden_from_search_are_read_from_their_own_index(site_root):
    """Each search checks its matches against the pages the public may not see, not against every
    public page: the few that are not live (and the root) come from a partial index, so the check
    stays small however many pages the site holds."""
    from search.engine import hidden_pages

    draft = TrainingSeriesPageFactory(parent=TrainingIndexPageFactory(parent=site_root), live=False)
    assert set(hidden_pages().values_list("pk", flat=True)) >= {draft.pk, site_root.get_parent().pk}
    assert site_root.pk not in set(hidden_pages().values_list("pk", flat=True))
    sql, params = hidden_pages().values("pk").order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The test database's page table is tiny, where a full read is cheaper: only the choice
            # of index is checked.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(str(part) for row in cursor.fetchall() for part in row)
    assert "search_page_hidden" in plan, plan


# Loading a page of results: the search statement, one query for its pages (each as its own type,
# with its picture, and the series of its sessions) and one for its resources. The hosts' names and
# the pictures' renditions come from the cache, which the first visit fills.
QUERIES_TO_LOAD_ANY_MIX = 3


def build_every_type(site_root):
    """One thing of every type search shows, each titled or worded so that a search finds it alone
    or with one other."""
    import wagtail_factories

    from tests.factories.home import MissionPageFactory, StandardPageFactory
    from tests.factories.programs import (
        FrameworkLevelPageFactory,
        FrameworkPageFactory,
        OrganizationFactory,
        SeriesOrganizationFactory,
    )

    series = TrainingSeriesPageFactory(
        parent=TrainingIndexPageFactory(parent=site_root),
        title="Falcon series",
        image=wagtail_factories.ImageFactory(),
    )
    SeriesOrganizationFactory(page=series, organization=OrganizationFactory(name="Raptor Network"))
    SessionPageFactory(parent=series, title="Falcon session", summary="A hawk walk.")
    PresenterPageFactory(
        parent=PresenterIndexPageFactory(parent=site_root),
        title="Falcon keeper",
        bio="Keeps an owl.",
        photo=wagtail_factories.ImageFactory(),
    )
    blog = BlogIndexPageFactory(parent=site_root)
    banner = wagtail_factories.ImageFactory()
    BlogPostPageFactory(parent=blog, title="Falcon post", intro="On the hawk.", feed_image=banner)
    BlogPostPageFactory(parent=blog, title="Falcon post again", feed_image=banner)  # the same picture
    framework = FrameworkPageFactory(parent=site_root, title="Falcon framework")
    FrameworkLevelPageFactory(parent=framework, title="Falcon level")
    StandardPageFactory(parent=site_root, title="Falcon page", image=wagtail_factories.ImageFactory())
    MissionPageFactory(parent=site_root, statement="A falcon nest in every school.")
    ResourceFactory(title="Falcon slides", description="An owl chart.")


@pytest.fixture(scope="class")
def every_type(django_db_setup, django_db_blocker):
    """One of every type, for the class below: class-scoped, so that it is rolled back before any
    other class of this module builds its own pages, in whatever order a parallel run hands them out."""
    from tests.conftest import built_once

    with built_once(django_db_blocker, build_every_type):
        yield


MIXES = {
    "falcon session": {"session"},
    "falcon series": {"series"},
    "falcon keeper": {"presenter"},
    "falcon post": {"post"},
    "falcon level": {"framework"},
    "falcon framework": {"page"},
    "falcon nest": {"page"},  # the mission page
    "falcon page": {"page"},
    "falcon slides": {"resource"},
    "falcon hawk": {"session", "post"},
    "falcon owl": {"presenter", "resource"},
    "falcon": {"session", "series", "presenter", "post", "framework", "page", "resource"},
}


class TestEveryMix:
    def test_a_results_page_costs_the_same_whatever_types_it_shows(self, client, every_type):
        client.get("/search/", {"q": "warm up"})  # the first visit ever saves the settings rows
        counts = {}
        for words, kinds in MIXES.items():
            counts[words], response = queries_for(client, {"q": words})
            assert {result.kind for result in response.context["results"]} == kinds, words
        assert len(set(counts.values())) == 1, counts
        assert counts["falcon"] <= QUERIES_TO_LOAD_ANY_MIX

    def test_renditions_missing_from_the_cache_cost_one_query_and_are_kept(self, client, every_type):
        from django.core.cache import cache
        from wagtail.images import get_image_model

        from search.engine import THUMBNAILS
        from search.loading import thumbnail_keys

        client.get("/search/", {"q": "falcon"})  # makes the renditions, and puts them in the cache
        images = get_image_model().objects.all()
        assert len(images) == 4
        cache.delete_many([key for image in images for key in thumbnail_keys(image, THUMBNAILS).values()])

        def rendition_queries():
            with CaptureQueriesContext(connection) as context:
                response = client.get("/search/", {"q": "falcon"})
            html = response.content.decode()
            # A session shows its series' picture, and two posts share one.
            assert html.count('class="search-result__image"') == 6
            return [query for query in context.captured_queries if "wagtailimages_rendition" in query["sql"]]

        found = rendition_queries()
        assert len(found) == 1
        assert found[0]["sql"].lstrip().upper().startswith("SELECT")
        assert rendition_queries() == []

    def test_kept_cards_leave_only_the_search_to_the_database(self, client, every_type, settings):
        """With each result's card kept in the cache (`search.cards`), a search showing results already
        shown costs the search statement alone, and shows the same page; loading the cards costs the
        two queries above whatever the mix."""
        from django.core.cache import cache

        cache.clear()
        try:
            client.get("/search/", {"q": "warm up"})  # the first visit ever saves the settings rows
            client.get("/search/", {"q": "falcon"})  # makes the renditions; no card is kept yet
            settings.FRAGMENT_CACHE_SECONDS = 300
            loading, shown = one_request(client, {"q": "falcon"})
            kept, shown_again = one_request(client, {"q": "falcon"})
            assert len(loading) <= QUERIES_TO_LOAD_ANY_MIX
            assert len(kept) == len(loading) - 2, [query["sql"][:60] for query in kept]
            assert shown_again.content.decode() == shown.content.decode()
            # The same pages found by other words: their excerpts quote the words searched now.
            _queries, other = one_request(client, {"q": "falcon hawk"})
            assert {result.title for result in other.context["results"]} == {"Falcon session", "Falcon post"}
            assert other.content.decode().count("<mark>hawk</mark>") == 2
        finally:
            cache.clear()


def one_request(client, params):
    """The SQL queries of one request to the search page (nothing asked first), and its response."""
    with CaptureQueriesContext(connection) as context:
        response = client.get("/search/", params)
    assert response.status_code == 200
    return context.captured_queries, response
