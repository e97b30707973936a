"""Drafts, unpublished and private pages and files in private collections never show, nor count."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories.home import StandardPageFactory
from tests.factories.programs import (
    PresenterIndexPageFactory,
    PresenterPageFactory,
    SessionPageFactory,
    SessionPresenterFactory,
    TrainingIndexPageFactory,
    TrainingSeriesPageFactory,
)
from tests.factories.search import ResourceFactory
from tests.helpers import counts, search, titles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["cache off", "cache on"])
def page_cache(request, settings):
    """Every test runs with the page cache off and on: with it on, search keeps the lists of view
    restrictions, and each result's card (`search.cards`), in the cache, and a change must still
    take effect at once."""
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 300 if request.param == "cache on" else 0
    cache.clear()
    yield
    cache.clear()


def found(client, query):
    return search(client, q=query)


def type_counts(response):
    return counts(response, "type", by="value")


def test_drafts_never_published_are_absent(client, site_root):
    StandardPageFactory(parent=site_root, title="Public ibis", intro="Ibis.")
    StandardPageFactory(parent=site_root, title="Draft ibis", intro="Ibis.", live=False)
    response = found(client, "ibis")
    assert titles(response) == ["Public ibis"]
    assert response.context["search"].total == 1
    assert type_counts(response) == {"page": 1}


def test_unpublished_pages_leave_results_and_counts(client, site_root):
    page = StandardPageFactory(parent=site_root, title="Tern notes", intro="Tern.")
    assert titles(found(client, "tern")) == ["Tern notes"]
    page.unpublish()
    response = found(client, "tern")
    assert titles(response) == []
    assert type_counts(response) == {}


def test_draft_changes_to_a_live_page_are_not_searchable(client, site_root):
    page = StandardPageFactory(parent=site_root, title="Egret page", intro="Egret.")
    page.intro = "A secret word: cormorant."
    page.save_revision()
    assert titles(found(client, "cormorant")) == []
    assert titles(found(client, "egret")) == ["Egret page"]


def test_view_restricted_pages_and_their_children_are_absent(client, site_root):
    section = StandardPageFactory(parent=site_root, title="Members plover", intro="Plover.")
    child = StandardPageFactory(parent=section, title="Member plover notes", intro="Plover.")
    StandardPageFactory(parent=site_root, title="Open plover", intro="Plover.")
    PageViewRestriction.objects.create(page=section, restriction_type="password", password="x")
    response = found(client, "plover")
    assert titles(response) == ["Open plover"]
    assert response.context["search"].total == 1
    assert child.title not in response.content.decode()


def test_pages_moved_into_a_private_section_disappear(client, site_root):
    private = StandardPageFactory(parent=site_root, title="Staff only", intro="Internal.")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    page = StandardPageFactory(parent=site_root, title="Avocet plan", intro="Avocet.")
    assert titles(found(client, "avocet")) == ["Avocet plan"]
    page.move(private, pos="last-child")
    assert titles(found(client, "avocet")) == []


def test_documents_in_private_collections_are_absent(client, site_root):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Board papers")
    inner = private.add_child(name="Board papers 2024")
    restriction = CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    restriction.groups.set(Group.objects.all())
    ResourceFactory(title="Open puffin slides", description="Puffin.")
    ResourceFactory(title="Private puffin slides", description="Puffin.", collection=private)
    ResourceFactory(title="Inner puffin slides", description="Puffin.", collection=inner)
    response = found(client, "puffin")
    assert titles(response) == ["Open puffin slides"]
    assert type_counts(response) == {"resource": 1}
    suggestions = client.get("/search/", {"q": "puffin", "suggest": "1"}).json()["suggestions"]
    assert [item["title"] for item in suggestions] == ["Open puffin slides"]


def test_deleted_pages_and_documents_leave_the_index(client, site_root):
    page = StandardPageFactory(parent=site_root, title="Gannet page", intro="Gannet.")
    document = ResourceFactory(title="Gannet sheet", description="Gannet.")
    assert sorted(titles(found(client, "gannet"))) == ["Gannet page", "Gannet sheet"]
    page.delete()
    document.delete()
    assert titles(found(client, "gannet")) == []
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    for model, pk in ((type(page), page.pk), (type(document), document.pk)):
        content_type = ContentType.objects.get_for_model(model)
        assert not IndexEntry.objects.filter(content_type=content_type, object_id=str(pk)).exists()


def test_suggestions_leave_out_unpublished_pages(client, site_root):
    StandardPageFactory(parent=site_root, title="Shearwater live", intro="x")
    StandardPageFactory(parent=site_root, title="Shearwater draft", intro="x", live=False)
    suggestions = client.get("/search/", {"q": "shearw", "suggest": "1"}).json()["suggestions"]
    assert [item["title"] for item in suggestions] == ["Shearwater live"]


def test_a_page_made_private_after_a_search_disappears_at_once(client, site_root):
    page = StandardPageFactory(parent=site_root, title="Sandpiper plan", intro="Sandpiper.")
    assert titles(found(client, "sandpiper")) == ["Sandpiper plan"]
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    response = found(client, "sandpiper")
    assert titles(response) == [] and type_counts(response) == {}
    restriction.delete()
    assert titles(found(client, "sandpiper")) == ["Sandpiper plan"]


def test_a_collection_made_private_after_a_search_hides_its_documents_at_once(client, site_root):
    collection = Collection.get_first_root_node().add_child(name="Curlew papers")
    ResourceFactory(title="Curlew slides", description="Curlew.", collection=collection)
    assert titles(found(client, "curlew")) == ["Curlew slides"]
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    response = found(client, "curlew")
    assert titles(response) == [] and type_counts(response) == {}
    suggestions = client.get("/search/", {"q": "curlew", "suggest": "1"}).json()["suggestions"]
    assert suggestions == []


# Filters name only what the public may see. Ids are sequential, so a filter that turned any id into
# a title would let anyone list the titles of drafts and private pages.


def hidden_page(kind, factory, **kwargs):
    """A page the public may not see: a draft never published, a page unpublished after going live,
    or a live page behind a login restriction."""
    page = factory(live=kind != "draft", **kwargs)
    if kind == "unpublished":
        page.unpublish()
    elif kind == "login-restricted":
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


HIDDEN = ["draft", "unpublished", "login-restricted"]


@pytest.mark.parametrize("kind", HIDDEN)
@pytest.mark.parametrize("param", ["series", "presenter"])
def test_a_filter_on_a_hidden_page_is_ignored_and_never_names_it(client, site_root, param, kind):
    index = TrainingIndexPageFactory(parent=site_root)
    people = PresenterIndexPageFactory(parent=site_root)
    series = TrainingSeriesPageFactory(parent=index, title="Open heron series")
    session = SessionPageFactory(parent=series, title="Heron session", summary="Heron.")
    if param == "series":
        hidden = hidden_page(kind, TrainingSeriesPageFactory, parent=index, title="Secret bittern plan")
    else:
        hidden = hidden_page(kind, PresenterPageFactory, parent=people, title="Secret bittern person")
    presenter = PresenterPageFactory(parent=people, title="Open heron")
    SessionPresenterFactory(page=session, presenter=presenter)

    unfiltered = found(client, "heron")
    response = search(client, q="heron", **{param: str(hidden.pk)})
    assert "bittern" not in response.content.decode().lower()
    # The unknown value is dropped: the same results as with no filter, and no chip.
    assert titles(response) == titles(unfiltered)
    assert param not in response.context["search"].selected
    # Side by side with a visible value, only the visible one is kept.
    visible = series if param == "series" else presenter
    both = search(client, q="heron", **{param: [str(hidden.pk), str(visible.pk)]})
    assert both.context["search"].selected[param][1] == [str(visible.pk)]
    assert "bittern" not in both.content.decode().lower()


@pytest.mark.parametrize("kind", HIDDEN)
def test_a_public_session_never_names_a_hidden_presenter_in_the_filter_counts(client, site_root, kind):
    index = TrainingIndexPageFactory(parent=site_root)
    people = PresenterIndexPageFactory(parent=site_root)
    series = TrainingSeriesPageFactory(parent=index, title="Open grebe series")
    session = SessionPageFactory(parent=series, title="Grebe session", summary="Grebe.")
    hidden = hidden_page(kind, PresenterPageFactory, parent=people, title="Secret bittern person")
    SessionPresenterFactory(page=session, presenter=hidden)
    SessionPresenterFactory(page=session, presenter=PresenterPageFactory(parent=people, title="Open grebe"))
    response = found(client, "grebe")
    assert "Grebe session" in titles(response)
    # The visible presenter counts their page and the session; the hidden one is not listed at all.
    assert counts(response, "presenter") == {"Open grebe": 2}
    assert "bittern" not in response.content.decode().lower()
