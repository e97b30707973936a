"""Search finds every kind of content in one list, ranked, filtered and counted."""

import pytest

from tests.factories.search import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_root):
    return build_world(site_root)


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


def titles(response):
    return [result.title for result in response.context["results"]]


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
def test_each_content_type_is_found_by_its_own_word(client, world, word, title, kind):
    response = search(client, q=word)
    results = response.context["results"]
    assert [r.title for r in results] == [title]
    assert results[0].kind_label == kind
    assert kind in response.content.decode()
