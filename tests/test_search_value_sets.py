"""Filter counts kept in each process as sets of bits (search/backends/database/value_sets.py): the
same counts as the statement gives on its own, and every change shows in the very next search."""

import itertools

import pytest
from django.db import transaction
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from programs.models import SessionPage
from search import facet_index
from tests.factories.programs import SessionPageFactory
from tests.factories.search import ResourceFactory
from tests.helpers import counts, search

pytestmark = pytest.mark.django_db


def all_counts(response):
    """{param: {value: count}} of every filter listed, and the total."""
    found = {
        group.param: {option.value: option.count for option in group.options}
        for group in response.context["search"].groups
    }
    return found, response.context["search"].total


def test_counts_and_results_are_the_same_as_when_the_statement_counts_them(client, world, settings):
    """Every filter alone and in pairs, with words matching many kinds: counts, labels, results and
    totals as the statement gives them when it counts the values itself (the cache not shared)."""
    filters = [
        ("type", "session"),
        ("type", "resource"),
        ("year", "2024"),
        ("format", "virtual"),
        ("when", "past"),
        ("when", "upcoming"),
        ("topic", "budgets"),
        ("topic", "equity"),
        ("series", str(world.series.pk)),
        ("presenter", str(world.presenter.pk)),
    ]
    searches = []
    for word in ("kite", "budget", "organizing"):
        for chosen in [(), *((one,) for one in filters), *itertools.combinations(filters, 2)]:
            params = {"q": word}
            for name, value in chosen:
                params.setdefault(name, []).append(value)
            searches.append(params)

    def read(params):
        response = search(client, **params)
        groups = [
            (group.param, [(o.value, o.label, o.count) for o in group.options])
            for group in response.context["search"].groups
        ]
        return (
            groups,
            [result.title for result in response.context["results"]],
            response.context["search"].total,
        )

    settings.SITE_CACHE_SECONDS = 300
    kept = [read(params) for params in searches]
    settings.SITE_CACHE_SECONDS = 0
    counted_by_statement = [read(params) for params in searches]
    assert kept == counted_by_statement
    # The searches are not all alike: the comparison covers counts, results and empty pages.
    assert len({str(item) for item in kept}) > len(searches) // 2
    assert any(total == 0 for _groups, _titles, total in kept)
    assert any(total > 2 for _groups, _titles, total in kept)


def test_a_published_session_counts_in_the_next_search(client, world):
    before = counts(search(client, q="kite"), "series", by="value")
    assert before[str(world.series.pk)] == 2
    session = SessionPageFactory(parent=world.series, title="Kite flying", summary="A kite.", live=False)
    assert counts(search(client, q="kite"), "series", by="value") == before
    session.save_revision().publish()
    after = counts(search(client, q="kite"), "series", by="value")
    assert after[str(world.series.pk)] == 3


def test_an_unpublished_session_leaves_the_counts_of_the_next_search(client, world):
    assert counts(search(client, q="kite"), "format", by="value") == {"virtual": 2, "in_person": 1}
    world.past_session.unpublish()
    assert counts(search(client, q="kite"), "format", by="value") == {"virtual": 1, "in_person": 1}


def test_a_new_view_restriction_takes_pages_out_of_the_next_counts(client, world):
    assert counts(search(client, q="kite"), "series") == {
        "Organizing for Health": 2,
        "Leaders for Just Schools": 1,
    }
    PageViewRestriction.objects.create(page=world.series, restriction_type="password", password="x")
    response = search(client, q="kite")
    assert counts(response, "series") == {"Leaders for Just Schools": 1}
    assert counts(response, "type", by="value") == {"session": 1}


def test_a_private_collection_takes_its_resources_out_of_the_next_counts(client, world):
    collection = Collection.get_first_root_node().add_child(name="Quokka papers")
    ResourceFactory(title="Quokka notes", description="A quokka.", collection=collection)
    assert counts(search(client, q="quokka"), "type", by="value") == {"resource": 2}
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    assert counts(search(client, q="quokka"), "type", by="value") == {"resource": 1}


def test_stored_values_rewritten_alone_count_in_the_next_search(client, world):
    """A rewrite of the stored values that changes no page cache generation (as
    `rebuild_search_filters` after a fix made in bulk) still shows at once."""
    assert counts(search(client, q="kite"), "format", by="value") == {"virtual": 2, "in_person": 1}
    SessionPage.objects.filter(pk=world.past_session.pk).update(format="hybrid")
    facet_index.refresh([world.past_session.pk])
    assert counts(search(client, q="kite"), "format", by="value") == {
        "virtual": 1,
        "in_person": 1,
        "hybrid": 1,
    }
    facet_index.rebuild()
    assert counts(search(client, q="kite"), "format", by="value") == {
        "virtual": 1,
        "in_person": 1,
        "hybrid": 1,
    }


def test_values_written_in_a_transaction_rolled_back_are_not_counted_after(client, world):
    before = all_counts(search(client, q="kite"))
    with transaction.atomic():
        SessionPage.objects.filter(pk=world.past_session.pk).update(format="hybrid")
        facet_index.refresh([world.past_session.pk])
        inside = counts(search(client, q="kite"), "format", by="value")
        assert inside == {"virtual": 1, "in_person": 1, "hybrid": 1}
        transaction.set_rollback(True)
    assert all_counts(search(client, q="kite")) == before


def test_a_value_stored_twice_is_counted_as_the_statement_counts_it(client, world, settings):
    """The statement counts rows, so a value a page carries twice counts twice there; the sets
    cannot hold that, and leave the counting to the statement."""
    from search.models import PageFacet

    PageFacet.objects.create(page_id=world.past_session.pk, facet="topic", value="budgets")
    settings.SITE_CACHE_SECONDS = 300
    kept = counts(search(client, q="kite"), "topic", by="value")
    settings.SITE_CACHE_SECONDS = 0
    assert kept == counts(search(client, q="kite"), "topic", by="value") == {"budgets": 2, "equity": 1}


def test_with_the_cache_unreachable_the_statement_counts_and_writes_go_on(client, world, monkeypatch):
    from redis.exceptions import ConnectionError as RedisConnectionError

    from search.backends.database import value_sets

    expected = all_counts(search(client, q="kite"))

    class Unreachable:
        def __getattr__(self, name):
            def refused(*args, **kwargs):
                raise RedisConnectionError("Connection refused")

            return refused

    # What the sets read and write in the cache (the rest of the site has its own ways through).
    monkeypatch.setattr(value_sets, "cache", Unreachable())
    assert all_counts(search(client, q="kite")) == expected
    # Writing stored values (as publishing does) goes on without the cache.
    facet_index.values_changed()
