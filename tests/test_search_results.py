"""Search finds every kind of content in one list, ranked, filtered and counted."""

import pytest

from tests.helpers import search, titles

pytestmark = pytest.mark.django_db


def test_title_matches_rank_above_body_matches(client, site_root):
    from tests.factories.home import StandardPageFactory

    StandardPageFactory(parent=site_root, title="About us", intro="We run a heron workshop every spring.")
    StandardPageFactory(parent=site_root, title="Heron workshop", intro="Spring sessions.")
    assert titles(search(client, q="heron workshop")) == ["Heron workshop", "About us"]


def test_every_word_is_required_and_quoted_phrases_stay_together(client, site_root):
    from tests.factories.home import StandardPageFactory

    StandardPageFactory(parent=site_root, title="One", intro="The school board budget vote.")
    StandardPageFactory(parent=site_root, title="Two", intro="The budget of the school board.")
    StandardPageFactory(parent=site_root, title="Three", intro="The school garden.")
    assert sorted(titles(search(client, q="school budget"))) == ["One", "Two"]
    assert titles(search(client, q='"board budget"')) == ["One"]


def test_matched_words_are_highlighted_and_escaped(client, site_root):
    from tests.factories.home import StandardPageFactory

    StandardPageFactory(parent=site_root, title="Tags", intro="Use <b>bold</b> & <script>x()</script> gecko.")
    html = search(client, q="gecko").content.decode()
    assert "<mark>gecko</mark>" in html
    assert "&lt;script&gt;" not in html or "<script>x()" not in html
    assert "<script>x()</script>" not in html
    assert "&amp;" in html


def suggested_titles(client, typed):
    response = client.get("/search/", {"q": typed, "suggest": "1"})
    assert response.status_code == 200
    return [(item["title"], item["type"]) for item in response.json()["suggestions"]]


def test_suggestions_list_pages_before_resources_and_stop_at_eight(client, site_root):
    from tests.factories.home import StandardPageFactory
    from tests.factories.search import ResourceFactory

    for number in range(3):
        StandardPageFactory(parent=site_root, title=f"Osprey talk {number}", intro="x")
    ResourceFactory(title="Osprey sheet", description="x")
    found = suggested_titles(client, "ospr")
    assert sorted(found[:3]) == [(f"Osprey talk {number}", "Page") for number in range(3)]
    assert found[3:] == [("Osprey sheet", "Resource")]

    for number in range(3, 9):
        StandardPageFactory(parent=site_root, title=f"Osprey talk {number}", intro="x")
    found = suggested_titles(client, "ospr")
    assert len(found) == 8
    assert {kind for _title, kind in found} == {"Page"}


def test_suggestions_need_every_word_the_last_one_as_it_is_being_typed(client, site_root):
    from tests.factories.home import StandardPageFactory
    from tests.factories.search import ResourceFactory

    StandardPageFactory(parent=site_root, title="Osprey talk", intro="x")
    ResourceFactory(title="Osprey sheet", description="x")
    assert suggested_titles(client, "osprey ta") == [("Osprey talk", "Page")]
    assert suggested_titles(client, "osprey sh") == [("Osprey sheet", "Resource")]
    assert suggested_titles(client, "heron ta") == []


def test_pages_of_results(client, site_root):
    from tests.factories.home import StandardPageFactory

    for number in range(23):
        StandardPageFactory(parent=site_root, title=f"Kestrel note {number}", intro="Kestrel.")
    first = search(client, q="kestrel")
    assert len(first.context["results"]) == 10
    assert first.context["search"].num_pages == 3
    third = search(client, q="kestrel", page="3")
    assert len(third.context["results"]) == 3
    seen = titles(first) + titles(search(client, q="kestrel", page="2")) + titles(third)
    assert len(set(seen)) == 23


class TestOneOfEverything:
    """Tests that only read one of every searchable thing (or change it inside their own test,
    which is rolled back): it is built once for them, not once per test."""

    @pytest.fixture
    def world(self, class_world):
        return class_world

    @pytest.mark.parametrize(
        ("word", "title", "kind"),
        [
            ("narwhal", "Budget basics", "Session"),
            ("walruses", "Organizing for Health", "Training series"),
            ("flamingo", "Ana Quetzal", "Presenter"),
            ("pangolin", "Self Exposure", "Framework level"),
            ("capybara", "What parents told us", "Blog post"),
            ("platypus", "Our Mission", "Page"),
            ("axolotl", "Contact", "Page"),
            ("quokka", "Budget handout", "Resource"),
        ],
    )
    def test_each_content_type_is_found_by_its_own_word(self, client, world, word, title, kind):
        response = search(client, q=word)
        results = response.context["results"]
        assert [r.title for r in results] == [title]
        assert results[0].kind_label == kind
        assert kind in response.content.decode()

    def test_each_result_shows_type_date_and_series(self, client, world):
        response = search(client, q="narwhal")
        html = response.content.decode()
        result = response.context["results"][0]
        assert result.series == "Organizing for Health"
        assert result.date == "April 2024" or "2024" in result.date
        assert "Series: Organizing for Health" in html
        assert f'datetime="{result.date_iso}"' in html
        assert "PDF file" in search(client, q="quokka").content.decode()

    def test_promoted_results_come_first_and_are_not_repeated(self, client, world):
        from wagtail.contrib.search_promotions.models import Query, SearchPromotion

        query = Query.get("budget")
        SearchPromotion.objects.create(
            query=query, page=world.series, description="Start here.", sort_order=0
        )
        response = search(client, q="budget")
        html = response.content.decode()
        assert [p.title for p in response.context["search"].promotions] == ["Organizing for Health"]
        assert "Organizing for Health" not in titles(response)
        assert html.index("Recommended") < html.index("Budget basics")
        assert html.count(f'href="{world.series.url}"') == 1

    def test_a_promotion_added_after_a_search_shows_at_once_with_the_page_cache_on(
        self, client, world, settings
    ):
        from django.core.cache import cache
        from wagtail.contrib.search_promotions.models import Query, SearchPromotion

        settings.PAGE_CACHE_SECONDS = 300
        cache.clear()
        assert search(client, q="budget").context["search"].promotions == []
        promotion = SearchPromotion.objects.create(query=Query.get("budget"), page=world.series, sort_order=0)
        assert [p.title for p in search(client, q="budget").context["search"].promotions] == [
            "Organizing for Health"
        ]
        promotion.delete()
        assert search(client, q="budget").context["search"].promotions == []
        cache.clear()

    def test_promotions_of_unpublished_pages_are_not_shown(self, client, world):
        from wagtail.contrib.search_promotions.models import Query, SearchPromotion

        SearchPromotion.objects.create(query=Query.get("budget"), page=world.series, sort_order=0)
        # A copy of the page is unpublished: the class's other tests keep reading the shared one.
        type(world.series).objects.get(pk=world.series.pk).unpublish()
        assert search(client, q="budget").context["search"].promotions == []

    def test_search_pages_are_not_indexed_or_cached(self, client, world):
        response = search(client, q="narwhal")
        assert response["X-Robots-Tag"] == "noindex"
        assert "no-cache" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]
        assert '<meta name="robots" content="noindex">' in response.content.decode()

    def test_zero_results_offer_to_drop_filters_and_show_upcoming_sessions(self, client, world):
        response = search(client, q="narwhal", type="post")
        html = response.content.decode()
        assert "No results" in html
        assert 'href="?q=narwhal"' in html
        assert "Search again without filters" in html
        assert "Power mapping" in html  # the upcoming session

    def test_empty_search_shows_the_form_only(self, client, world):
        response = search(client)
        assert response.context["results"] == []
        assert 'id="search-q"' in response.content.decode()

    def test_suggestions_come_as_json_for_the_search_box(self, client, world):
        response = client.get("/search/", {"q": "budg", "suggest": "1"})
        assert response.status_code == 200
        titles_found = [item["title"] for item in response.json()["suggestions"]]
        assert "Budget basics" in titles_found
        assert "no-store" in response["Cache-Control"]


def test_each_result_shows_its_picture_series_and_hosts(client, site_root):
    """What a result shows besides its title: the picture that stands for the page (a session its
    series'), the series of a session and the hosts of a series and its sessions, in their order."""
    import wagtail_factories

    from tests.factories.blog import BlogIndexPageFactory, BlogPostPageFactory
    from tests.factories.home import MissionPageFactory, StandardPageFactory
    from tests.factories.programs import (
        FrameworkLevelPageFactory,
        FrameworkPageFactory,
        OrganizationFactory,
        PresenterIndexPageFactory,
        PresenterPageFactory,
        SeriesOrganizationFactory,
        SessionPageFactory,
        TrainingIndexPageFactory,
        TrainingSeriesPageFactory,
    )
    from tests.factories.search import ResourceFactory

    cover, portrait, banner, header = (wagtail_factories.ImageFactory(title=name) for name in "ABCD")
    series = TrainingSeriesPageFactory(
        parent=TrainingIndexPageFactory(parent=site_root), title="Osprey series", image=cover
    )
    SeriesOrganizationFactory(page=series, organization=OrganizationFactory(name="Second Host"), sort_order=1)
    SeriesOrganizationFactory(page=series, organization=OrganizationFactory(name="First Host"), sort_order=0)
    SessionPageFactory(parent=series, title="Osprey session")
    PresenterPageFactory(
        parent=PresenterIndexPageFactory(parent=site_root), title="Osprey keeper", photo=portrait
    )
    BlogPostPageFactory(parent=BlogIndexPageFactory(parent=site_root), title="Osprey post", feed_image=banner)
    StandardPageFactory(parent=site_root, title="Osprey page", image=header)
    MissionPageFactory(parent=site_root, statement="Osprey nests on every school.")
    FrameworkLevelPageFactory(parent=FrameworkPageFactory(parent=site_root), title="Osprey level")
    ResourceFactory(title="Osprey handout")

    response = search(client, q="osprey")
    shown = {
        result.title: (result.kind, result.series, result.hosts, result.thumbnail_image_id, result.file_type)
        for result in response.context["results"]
    }
    hosts = ["First Host", "Second Host"]
    assert shown == {
        "Osprey series": ("series", "", hosts, cover.pk, ""),
        "Osprey session": ("session", "Osprey series", hosts, cover.pk, ""),
        "Osprey keeper": ("presenter", "", [], portrait.pk, ""),
        "Osprey post": ("post", "", [], banner.pk, ""),
        "Osprey page": ("page", "", [], header.pk, ""),
        "Our Mission": ("page", "", [], None, ""),
        "Osprey level": ("framework", "", [], None, ""),
        "Osprey handout": ("resource", "", [], None, "PDF"),
    }
    html = response.content.decode()
    assert html.count('class="search-result__image"') == 5
    assert html.count("Hosted by First Host, Second Host") == 2
    assert "Series: Osprey series" in html


@pytest.mark.parametrize("kept_seconds", [0, 300], ids=["cards-not-kept", "cards-kept"])
def test_a_result_shows_its_series_and_hosts_as_last_published(client, site_root, settings, kept_seconds):
    """What results show of a session's series is never older than the last change published, also
    when each result's card is kept in the cache between searches (`search.cards`)."""
    from django.core.cache import cache

    settings.FRAGMENT_CACHE_SECONDS = kept_seconds
    cache.clear()
    from tests.factories.programs import (
        OrganizationFactory,
        SeriesOrganizationFactory,
        SessionPageFactory,
        TrainingIndexPageFactory,
        TrainingSeriesPageFactory,
    )

    series = TrainingSeriesPageFactory(
        parent=TrainingIndexPageFactory(parent=site_root), title="Heron series"
    )
    SessionPageFactory(parent=series, title="Heron session")
    [before] = search(client, q="heron session").context["results"]
    assert (before.series, before.hosts) == ("Heron series", [])

    series.title = "Egret series"
    series.save_revision().publish()
    SeriesOrganizationFactory(page=series, organization=OrganizationFactory(name="Wader Network"))
    [after] = search(client, q="heron session").context["results"]
    assert (after.series, after.hosts) == ("Egret series", ["Wader Network"])
    cache.clear()
