"""The "please wait" page a locked-out visitor sees, in a real browser: readable and accessible."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_locked_out_login_shows_the_site_page_saying_how_long_to_wait(
    live_server, browser_page, settings, site_root, axe, screenshot
):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 2
    get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    for _ in range(2):
        browser_page.goto(live_server.url + "/admin/login/")
        browser_page.fill("input[name=username]", "editor")
        browser_page.fill("input[name=password]", "not-the-password")
        browser_page.click("button[type=submit]")
    heading = browser_page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Too many failed log-in attempts"
    assert browser_page.get_by_text("You can try again in 15 minutes.").is_visible()
    assert browser_page.get_by_role("link", name="Go to the home page").is_visible()
    assert axe(browser_page) == []
    screenshot(browser_page, "login-locked-out")
