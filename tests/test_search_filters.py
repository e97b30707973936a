"""Filters beside the results: each one, combinations, counts, removal and clearing."""

import pytest
from django.utils import timezone

from programs.models import SessionDocument
from tests.helpers import counts, search
from tests.helpers import sorted_titles as titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(module_world):
    """Built once for this module: these tests read it."""
    return module_world


# "budget" is in a session title and summary, a resource title, and (via topic) nowhere else;
# "organizing" style words are avoided so that each test controls what matches.
def test_type_filter_and_counts(client, world):
    response = search(client, q="budget")
    assert titles(response) == ["Budget basics", "Budget handout"]
    assert counts(response, "type") == {"Sessions": 1, "Resources": 1}
    only = search(client, q="budget", type="resource")
    assert titles(only) == ["Budget handout"]
    # The type counts still show the other type, so it can be added.
    assert counts(only, "type") == {"Sessions": 1, "Resources": 1}
    both = search(client, q="budget", type=["resource", "session"])
    assert titles(both) == ["Budget basics", "Budget handout"]


def test_topic_filter_covers_sessions_posts_and_resources(client, world):
    response = search(client, q="kite", topic="budgets")
    assert "Budget basics" in titles(response)
    equity = search(client, q="capybara", topic="equity")
    assert titles(equity) == ["What parents told us"]


def test_series_filter_keeps_its_sessions(client, world):
    response = search(client, q="kite", series=str(world.series.pk))
    assert titles(response) == ["Budget basics", "Organizing for Health"]
    assert counts(search(client, q="kite"), "series")["Organizing for Health"] == 2


def test_presenter_filter_keeps_their_sessions_and_page(client, world):
    response = search(client, q="budget", presenter=str(world.presenter.pk))
    assert titles(response) == ["Budget basics"]
    assert counts(search(client, q="budget"), "presenter") == {"Ana Quetzal": 1}


def test_a_resource_carries_its_topics_year_and_the_series_and_presenters_of_its_session(client, world):
    SessionDocument.objects.create(page=world.past_session, document=world.resource, sort_order=0)
    year = str(timezone.localtime(world.resource.created_at).year)
    response = search(client, q="quokka")
    assert titles(response) == ["Budget handout"]
    assert counts(response, "topic") == {"Budgets": 1}
    assert counts(response, "series") == {"Organizing for Health": 1}
    assert counts(response, "presenter") == {"Ana Quetzal": 1}
    assert counts(response, "year") == {year: 1}
    for chosen in (
        {"topic": "budgets"},
        {"series": str(world.series.pk)},
        {"presenter": str(world.presenter.pk)},
        {"year": year},
    ):
        assert titles(search(client, q="quokka", **chosen)) == ["Budget handout"], chosen
    assert titles(search(client, q="quokka", topic="equity")) == []
    assert titles(search(client, q="quokka", series=str(world.other_series.pk))) == []


def test_year_filter(client, world):
    response = search(client, q="kite", year="2024")
    assert titles(response) == ["Budget basics", "Organizing for Health"]
    assert counts(search(client, q="kite"), "year")["2024"] == 2


def test_format_filter(client, world):
    assert titles(search(client, q="kite", format="in_person")) == ["Power mapping"]
    assert titles(search(client, q="kite", format="virtual")) == ["Budget basics", "Organizing for Health"]


def test_when_filter_splits_past_and_upcoming_sessions(client, world):
    assert titles(search(client, q="kite", when="upcoming")) == ["Power mapping"]
    assert titles(search(client, q="kite", when="past")) == ["Budget basics"]
    assert counts(search(client, q="kite"), "when") == {"Upcoming": 1, "Past": 1}


def test_filters_combine(client, world):
    response = search(client, q="kite", type="session", format="virtual", when="past")
    assert titles(response) == ["Budget basics"]
    assert titles(search(client, q="kite", type="session", when="upcoming", format="virtual")) == []


def test_filters_stay_in_links_and_each_can_be_removed(client, world):
    response = search(client, q="kite", type="session", format="virtual")
    html = response.content.decode()
    assert "q=kite&amp;type=session&amp;format=virtual" in html  # pagination and toggles keep them
    chips = {chip.label: chip.url for group in response.context["search"].groups for chip in group.selected}
    assert chips == {"Sessions": "?q=kite&format=virtual", "Virtual": "?q=kite&type=session"}
    assert 'href="?q=kite"' in html  # clear all
    assert "Clear all filters" in html


def test_unknown_and_repeated_filter_values_are_ignored(client, world):
    response = search(
        client, q="budget", type=["nonsense", "resource", "resource"], topic="no-such-topic", year="abc"
    )
    assert titles(response) == ["Budget handout"]
    selected = {g.param: [o.value for o in g.selected] for g in response.context["search"].groups}
    assert selected.get("type") == ["resource"]
    assert not selected.get("topic") and not selected.get("year")
    for params in (
        {"series": "999999"},
        {"presenter": "-1"},
        {"series": "1e9"},
        {"when": "tomorrow"},
        {"format": "<b>"},
        {"year": "99999999999999999999"},
        {"topic": "../../etc"},
    ):
        assert search(client, q="budget", **params).status_code == 200


def test_long_filters_list_the_twelve_most_frequent_values_and_any_selected(client, site_root):
    from tests.factories.programs import (
        SessionPageFactory,
        TrainingIndexPageFactory,
        TrainingSeriesPageFactory,
    )

    trainings = TrainingIndexPageFactory(parent=site_root, slug="wombat-trainings")
    series = [TrainingSeriesPageFactory(parent=trainings, title=f"Series {n:02d}") for n in range(15)]
    for number, parent in enumerate(series):
        # Series 00 has three wombat sessions, series 01 two, every other series one.
        for copy in range(max(1, 3 - number)):
            SessionPageFactory(parent=parent, title=f"Wombat session {number}-{copy}")
    response = search(client, q="wombat")
    listed = next(group for group in response.context["search"].groups if group.param == "series")
    assert len(listed.options) == 12
    assert [option.label for option in listed.options[:2]] == ["Series 00", "Series 01"]
    assert [option.count for option in listed.options[:3]] == [3, 2, 1]
    # Ties are listed by name, so the last three series are left out...
    assert "Series 14" not in [option.label for option in listed.options]
    # ...unless one of them is selected: then it is listed too, with its count.
    chosen = search(client, q="wombat", series=str(series[14].pk))
    listed = next(group for group in chosen.context["search"].groups if group.param == "series")
    assert ("Series 14", 1) in [(option.label, option.count) for option in listed.options if option.selected]
    # Still twelve in all: the selected one first, then the eleven most frequent of the others.
    labels = [option.label for option in listed.options]
    assert labels == ["Series 14", "Series 00", "Series 01", *(f"Series {n:02d}" for n in range(2, 11))]


def test_a_stored_value_naming_a_page_that_is_gone_is_not_listed(client, world):
    from search.models import PageFacet

    # A presenter value left behind by a page deleted outside Wagtail: no name, so no choice.
    PageFacet.objects.create(page_id=world.upcoming_session.pk, facet="presenter", value="987654321")
    PageFacet.objects.create(page_id=world.past_session.pk, facet="presenter", value="987654321")
    assert counts(search(client, q="ocelot"), "presenter") == {}
    assert counts(search(client, q="budget"), "presenter") == {"Ana Quetzal": 1}


def test_each_filters_counts_apply_the_others_whether_stored_or_worked_out(client, world):
    # The format is stored ahead of the search; whether a session is past is worked out during it.
    response = search(client, q="kite", format="virtual", when="past")
    assert titles(response) == ["Budget basics"]
    assert counts(response, "when") == {"Past": 1}
    assert counts(response, "format") == {"Virtual": 1}
    both = search(client, q="kite", format=["virtual", "in_person"], series=str(world.series.pk))
    assert titles(both) == ["Budget basics", "Organizing for Health"]
    assert counts(both, "format") == {"Virtual": 2, "In person": 0}  # chosen, so listed
