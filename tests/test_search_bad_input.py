"""Whatever is typed or put in the address, search answers with a clear page, never an error."""

import pytest

from home.numbers import whole_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(module_world):
    """Built once for this module: these tests read it."""
    return module_world


ODD_QUERIES = [
    "x" * 5000,
    "budget\x00basics",
    "\x00",
    '"',
    '"budget',
    'budget"" ""',
    "*",
    "budget*",
    "(budget",
    "budget)",
    "title:budget",
    ":",
    "-budget",
    "budget -basics",
    "^budget",
    "budget AND",
    "OR",
    "NOT budget",
    "budget NEAR basics",
    "NEAR(budget basics)",
    "AND OR NOT NEAR",
    "{title body}: budget",
    "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "budget' UNION SELECT password FROM auth_user --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "%",
    "_",
    "\\",
    "🙂 budget",
    "    ",
    "é" * 300,
]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_give_a_page(client, world, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    suggestions = client.get("/search/", {"q": query, "suggest": "1"})
    assert suggestions.status_code == 200


def test_operators_are_words_not_syntax(client, world):
    response = client.get("/search/", {"q": "budget -basics"})
    assert [r.title for r in response.context["results"]] == ["Budget basics"]
    response = client.get("/search/", {"q": "budget AND basics"})
    assert [r.title for r in response.context["results"]] == ["Budget basics"]


def test_long_queries_are_cut_to_the_length_cap(client, world):
    response = client.get("/search/", {"q": "budget " + "y" * 5000})
    assert len(response.context["search_query"]) == 200
    assert 'maxlength="200"' in response.content.decode()


def test_nul_bytes_are_removed(client, world):
    response = client.get("/search/", {"q": "narwhal\x00"})
    assert response.context["search_query"] == "narwhal"
    assert [r.title for r in response.context["results"]] == ["Budget basics"]


def test_html_in_the_query_is_escaped_wherever_it_is_shown(client, world):
    attack = '"><script>alert(1)</script>'
    response = client.get("/search/", {"q": attack, "type": attack})
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'value="&quot;&gt;&lt;script&gt;' in html


@pytest.mark.parametrize("page", ["-1", "0", "abc", "", "1.5", "9" * 40, "2; DROP", "\x00", "²", "١"])
def test_bad_page_numbers_give_the_first_page(client, world, page):
    response = client.get("/search/", {"q": "budget", "page": page})
    assert response.status_code == 200
    assert response.context["search"].page_number == 1
    assert len(response.context["results"]) == 2


def test_a_page_past_the_end_shows_the_last_page_and_says_so(client, world):
    response = client.get("/search/", {"q": "budget", "page": "50"})
    assert response.status_code == 200
    assert len(response.context["results"]) == 2
    assert "There are only 1 page" in response.content.decode()


def test_repeated_query_parameters(client, world):
    response = client.get("/search/?q=budget&q=narwhal&page=1&page=2&when=past&when=upcoming")
    assert response.status_code == 200


@pytest.mark.parametrize("number", ["²", "¹²", "١", "１", "1_0", "+1", "9" * 40])
def test_odd_numbers_in_number_filters_are_ignored(client, world, number):
    response = client.get("/search/", {"q": "budget", "series": number, "presenter": number, "year": number})
    assert response.status_code == 200
    assert response.context["search"].selected == {}
    assert len(response.context["results"]) == 2


@pytest.mark.parametrize(
    ("raw", "number"),
    [("7", 7), (" 7 ", 7), ("-3", -3), ("0", 0), ("10", 10), ("9" * 19, None), ("11", None), ("-11", None)]
    + [(odd, None) for odd in ["²", "١٢", "１２", "1_0", "+1", "1.0", "1e3", "0x1", "", " ", "-", None]],
)
def test_only_plain_digits_make_a_whole_number(raw, number):
    assert whole_number(raw, -10, 10) == number
