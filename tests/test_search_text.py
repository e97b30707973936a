"""Search excerpts read like the page: only the words a visitor sees, one block after another."""

import pytest

from tests.factories.home import StandardPageFactory
from tests.helpers import search

pytestmark = pytest.mark.django_db

BODY = [
    ("heading", {"text": "Meet the presenters", "level": "h2"}),
    (
        "paragraph",
        "<ul><li>Felicia T. Perez</li><li>Power Analysis!</li></ul><p>Both led a narwhal workshop</p>",
    ),
    ("quote", {"quote": "The narwhal session changed how we plan", "attribution": "A parent leader"}),
    (
        "faq",
        {"heading": "Questions", "items": [{"question": "Who is it for?", "answer": "<p>Narwhal fans.</p>"}]},
    ),
    ("table", {"first_row_is_table_header": True, "data": [["Date", "Place"], ["May 2", "Online"]]}),
    (
        "call_to_action",
        {"heading": "Join us", "text": "", "button_label": "Sign up", "url": "https://example.org/x"},
    ),
]

BLOCK_WORDS = [
    "h2",
    "h3",
    "heading",
    "paragraph",
    "call_to_action",
    "first_row_is_table_header",
    "example.org",
]


def excerpt_of(client, query):
    results = search(client, q=query).context["results"]
    assert results, query
    return results[0].excerpt


def test_an_excerpt_holds_visible_words_only_with_blocks_kept_apart(client, site_root):
    StandardPageFactory(parent=site_root, title="Workshop notes", intro="", body=BODY)
    excerpt = excerpt_of(client, "narwhal")
    text = excerpt.replace("<mark>", "").replace("</mark>", "")
    assert "Felicia T. Perez. Power Analysis!" in text
    assert "Meet the presenters." in text
    for word in BLOCK_WORDS:
        assert word not in text.split() and f"{word}." not in text.split(), word
    assert "True" not in text


def test_a_heading_level_is_not_searchable_as_a_word(client, site_root):
    StandardPageFactory(parent=site_root, title="Workshop notes", intro="", body=BODY)
    assert search(client, q="subheading").context["search"].total == 0
    assert search(client, q='"section heading"').context["search"].total == 0
    assert search(client, q="presenters").context["search"].total == 1
