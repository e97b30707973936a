"""Drafts, unpublished and private pages and files in private collections never show, nor count."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories.home import StandardPageFactory
from tests.factories.search import ResourceFactory
from tests.helpers import counts, search, titles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["cache off", "cache on"])
def page_cache(request, settings):
    """Every test runs with the page cache off and on: with it on, search keeps the lists of view
    restrictions in the cache, and a change must still take effect at once."""
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 300 if request.param == "cache on" else 0
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
