"""The demo's finished programmes and a date-only session in a real browser, at phone and desktop
widths: what a visitor sees, and no axe violations."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

WIDTHS = [390, 1280]
CLOCK = re.compile(r"\b\d{1,2}:\d{2}\s?[ap]\.m\.")
PAGES = {
    "date-only-session": "/trainings/training-series-2-0/the-power-of-student-organizing/",
    "finished-series-2-0": "/trainings/training-series-2-0/",
    "finished-community-organizer": "/trainings/community-organizer-training-program-2019-20/",
    "trainings": "/trainings/",
}


def visit(browser_page, demo_server, url, width):
    browser_page.set_viewport_size({"width": width, "height": 900})
    browser_page.goto(demo_server.url + url)
    # Nothing may be wider than the screen.
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= width, url
    return browser_page.locator("main")


def reads_as_a_date_only_session(page, main):
    assert main.get_by_text("Saturday, September 17, 2022").first.is_visible()
    assert main.get_by_text("Not published").is_visible()
    assert not CLOCK.search(main.inner_text())


def reads_as_finished_series_2_0(page, main):
    assert main.get_by_text("Ran September 17 – November 30, 2022 · finished").is_visible()
    assert main.get_by_role("heading", name="Upcoming sessions").count() == 0
    assert main.get_by_text("Join us this fall").count() == 0


def reads_as_finished_community_organizer(page, main):
    assert main.get_by_text("Ran September 2019 – April 2020 · finished").is_visible()
    assert main.get_by_role("link", name=re.compile("Register|Apply", re.I)).count() == 0
    pending = main.get_by_role("region", name="Dates to be confirmed")
    assert pending.get_by_text("Date to be confirmed (tentatively February 21–23, 2020)").is_visible()


def lists_series_2_0_as_finished(page, main):
    card = main.locator("article", has=page.get_by_role("link", name="Training Series 2.0"))
    assert card.get_by_text("Ran September 17 – November 30, 2022 · finished").is_visible()


READS = {
    "date-only-session": reads_as_a_date_only_session,
    "finished-series-2-0": reads_as_finished_series_2_0,
    "finished-community-organizer": reads_as_finished_community_organizer,
    "trainings": lists_series_2_0_as_finished,
}


def test_dates_and_states_read_true_at_every_width(demo_server, browser_page, screenshot, axe):
    # Both widths in one test: the demo content is loaded once for them. Each page is loaded once
    # per width, and everything is checked on that load.
    for width in WIDTHS:
        for name, url in PAGES.items():
            main = visit(browser_page, demo_server, url, width)
            assert axe(browser_page) == [], (name, width)
            screenshot(browser_page, f"dates-{name}-{width}")
            READS[name](browser_page, main)
