"""A new site's home page in a real browser, before any program exists: it says so, at phone and
desktop widths, and axe reports nothing. (The site with content: tests/test_browser_home.py.)"""

import pytest

from tests.test_browser_home import check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_empty_state(live_server, site_root, browser_page, screenshot, axe):
    # `check` leaves the page loaded at desktop width, where the rest is read.
    check(browser_page, live_server, screenshot, axe, "/", "home-empty")
    assert browser_page.get_by_text("No sessions are scheduled right now").is_visible()
