"""Search in a real browser: type a query, apply a filter, clear it; phone width; axe."""

import io

import pytest

from tests.conftest import ensure_site_root, served

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def add_picture(series):
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PILImage.new("RGB", (400, 300), (31, 95, 139)).save(buffer, format="JPEG")
    series.image = Image.objects.create(title="Series picture", file=ImageFile(buffer, name="series.jpg"))
    series.save_revision().publish()


def build_world_with_a_picture():
    from wagtail.models import Collection

    from tests.factories.search import build_world

    # An emptied database has no root collection, which images need.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    world = build_world(ensure_site_root())
    add_picture(world.series)
    return world


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The search world with a series picture, built once for the module and served."""
    with served(django_db_blocker, build_world_with_a_picture) as (server, _world):
        yield server


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", [1280, 360])
def test_type_a_query_apply_a_filter_and_clear_it(site, browser_page, screenshot, axe, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site.url}/search/")
    assert axe(page) == []

    page.get_by_label("Search for").fill("budget")
    with page.expect_navigation():
        page.get_by_label("Search for").press("Enter")
    assert page.url.endswith("/search/?q=budget")
    results = page.locator(".search-results .search-result__title")
    assert sorted(results.all_inner_texts()) == ["Budget basics", "Budget handout"]
    assert page.locator("mark").first.inner_text().lower().startswith("budget")
    screenshot(page, f"search-results-{width}")
    assert axe(page) == []
    assert no_sideways_scroll(page)

    with page.expect_navigation():
        page.get_by_role("navigation", name="Filter by type").get_by_role("link", name="Resources").click()
    assert "type=resource" in page.url
    assert results.all_inner_texts() == ["Budget handout"]
    assert page.get_by_role("link", name="Clear all filters").first.is_visible()
    screenshot(page, f"search-filtered-{width}")
    assert axe(page) == []
    assert no_sideways_scroll(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Clear all filters").first.click()
    assert page.url.endswith("/search/?q=budget")
    assert sorted(results.all_inner_texts()) == ["Budget basics", "Budget handout"]


def test_no_results_page(site, browser_page, screenshot, axe):
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{site.url}/search/?q=zeppelin&type=post")
    assert page.get_by_role("heading", name="Nothing matched").is_visible()
    assert page.get_by_role("heading", name="Upcoming sessions").is_visible()
    screenshot(page, "search-no-results-360")
    assert axe(page) == []
    assert no_sideways_scroll(page)


def test_suggestions_while_typing(site, browser_page, screenshot, axe):
    page = browser_page
    page.goto(f"{site.url}/search/")
    box = page.get_by_role("combobox", name="Search for")
    # The combobox role is valid HTML on a text input only (the page's own markup says "search").
    assert box.get_attribute("type") == "text"
    box.press_sequentially("budg", delay=50)
    listbox = page.get_by_role("listbox", name="Suggestions")
    listbox.wait_for()
    assert "Budget basics" in listbox.inner_text()
    screenshot(page, "search-suggestions")
    assert axe(page) == []
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "search-suggestion-0"
