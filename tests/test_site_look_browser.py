"""The demo site on a phone and a desktop: the page's action on the first screen, the menu as a
disclosure (with and without JavaScript), the partner list, no sideways scrolling, and axe."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SESSION = "/trainings/sample-organizing-basics/sample-power-mapping/"
SERIES = "/trainings/sample-organizing-basics/"
PARTNERS = "/trainings/training-series-2-0/"
PAGES = {
    "home": "/",
    "trainings": "/trainings/",
    "series": SERIES,
    "partners": PARTNERS,
    "session": SESSION,
    "presenters": "/presenters/",
    "blog": "/blog/",
}


def menu_links(page):
    return page.locator("nav[aria-label='Main'] ul a")


@pytest.mark.parametrize("width", [390, 1280])
def test_pages_read_well_and_pass_axe(demo_server, browser_page, axe, screenshot, width):
    browser_page.set_viewport_size({"width": width, "height": 844})
    for name, url in PAGES.items():
        browser_page.goto(demo_server.url + url)
        assert browser_page.evaluate("document.documentElement.scrollWidth") <= width, name
        assert axe(browser_page) == [], name
        screenshot(browser_page, f"look-{name}-{width}")


def test_on_a_phone_the_action_is_on_the_first_screen(demo_server, browser_page):
    browser_page.set_viewport_size({"width": 390, "height": 844})
    for url, name in ((SESSION, "Register"), (SERIES, "Register or apply")):
        browser_page.goto(demo_server.url + url)
        button = browser_page.get_by_role("link", name=name).first
        assert button.is_visible()
        assert button.bounding_box()["y"] < 844, url


def test_on_a_phone_the_menu_is_one_button_that_opens_every_link(demo_server, browser_page):
    browser_page.set_viewport_size({"width": 390, "height": 844})
    browser_page.goto(demo_server.url + "/")
    toggle = browser_page.get_by_text("Menu", exact=True)
    header = browser_page.locator(".site-header").bounding_box()
    assert toggle.is_visible() and header["height"] < 90  # one row, not two
    links = menu_links(browser_page)
    assert links.count() >= 6 and not links.first.is_visible()
    toggle.click()
    for number in range(links.count()):
        assert links.nth(number).is_visible()
    links.filter(has_text="Presenters").click()
    browser_page.wait_for_url("**/presenters/")


def test_on_a_desktop_the_menu_is_a_row(demo_server, browser_page):
    browser_page.goto(demo_server.url + "/")
    assert not browser_page.get_by_text("Menu", exact=True).is_visible()
    links = menu_links(browser_page)
    tops = {round(links.nth(number).bounding_box()["y"]) for number in range(links.count())}
    assert len(tops) == 1


def test_without_javascript_every_menu_link_is_reachable(demo_server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(demo_server.url + "/")
        page.get_by_text("Menu", exact=True).click()
        links = menu_links(page)
        assert [links.nth(n).is_visible() for n in range(links.count())] == [True] * links.count()
    finally:
        context.close()


def test_the_long_partner_list_is_a_list_that_fits_a_small_phone(demo_server, browser_page):
    browser_page.set_viewport_size({"width": 360, "height": 780})
    browser_page.goto(demo_server.url + PARTNERS)
    partners = browser_page.locator("dt:text-is('Partners') + dd > ul.org-list")
    assert partners.locator("> li").count() == 16
    box = partners.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    # Every page fits the small phone too: the partners' page as it is already loaded, the others
    # each loaded in turn.
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= 360, PARTNERS
    for url in PAGES.values():
        if url != PARTNERS:
            browser_page.goto(demo_server.url + url)
            assert browser_page.evaluate("document.documentElement.scrollWidth") <= 360, url
