"""The home page in a real browser."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_shows_its_heading(live_server, site_root, browser_page, screenshot, axe):
    browser_page.goto(live_server.url + "/")
    heading = browser_page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Trainings for organizers"
    path = screenshot(browser_page, "home-1280")
    assert path.stat().st_size > 0
    assert axe(browser_page) == []
