"""Each program of the demo, as a visitor sees it at phone and desktop widths: its card on the
training list, its series page and a session page name the host, date-only sessions show no clock
time, finished programs read as finished without an apply button, pictures are fetched at the size
they are shown, the search box stays valid HTML, and axe reports nothing.

The demo is built once for the module's one check. `make screenshots` (SCREENSHOTS=1) also shoots
every page type at both widths into test-artifacts/screenshots/page-<type>-<width>.png.
"""

import datetime
import re

import pytest

from search.demo import content

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

WIDTHS = [390, 1280]
CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
ORGANIZATION_NAMES = {organization.key: organization.name for organization in content.ORGANIZATIONS}
# Programs the seeds describe, all over, and the sample series, whose dates follow the day of loading.
PROGRAMS = [*content.SERIES, content.sample_series(datetime.date.today())]

# Every picture on the page loaded, including those below the fold, with what was fetched and shown.
PICTURES = """async () => {
    await Promise.all([...document.images].map((img) => {
        img.loading = "eager";
        return img.complete ? null : new Promise((done) => { img.onload = img.onerror = done; });
    }));
    return [...document.images].filter((img) => img.srcset && img.naturalWidth).map((img) => ({
        src: img.currentSrc,
        fetched: img.naturalWidth,
        shown: img.getBoundingClientRect().width,
        smallest: Math.min(...img.srcset.split(",").map((part) => parseInt(part.trim().split(" ")[1], 10))),
    }));
}"""
# ARIA in HTML: a search input takes no role, nor aria-expanded; a combobox must be a text input.
INVALID_SEARCH_BOXES = """() => [
    ...document.querySelectorAll('input[type="search"][role], input[type="search"][aria-expanded]'),
    ...[...document.querySelectorAll('input[role="combobox"]')].filter((input) => input.type !== "text"),
].map((input) => input.outerHTML)"""


def hosts_of(program):
    return [ORGANIZATION_NAMES[key] for key in program.hosts]


def shown_session(program):
    """The session page to look at: a date-only one when the program has one, else the first."""
    date_only = [session for session in program.sessions if session.date_only]
    return (date_only or list(program.sessions) or [None])[0]


class Visit:
    """One browser tab at one width; collects what is wrong instead of stopping at the first."""

    def __init__(self, browser, demo_server, axe, width):
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.demo_server, self.axe, self.width = demo_server, axe, width
        self.problems = []

    def open(self, url):
        self.page.goto(self.demo_server.url + url)
        where = f"{url} at {self.width}px"
        if self.page.evaluate("document.documentElement.scrollWidth") > self.width:
            self.problems.append(f"{where}: wider than the screen")
        for violation in self.axe(self.page):
            self.problems.append(f"{where}: axe {violation['id']}")
        for box in self.page.evaluate(INVALID_SEARCH_BOXES):
            self.problems.append(f"{where}: invalid search box {box}")
        for picture in self.page.evaluate(PICTURES):
            # At a device pixel ratio of 1 the browser takes the smallest candidate at least as wide
            # as the picture is shown; much more than that means `sizes` does not match the layout.
            if picture["fetched"] > max(picture["smallest"], 1.6 * picture["shown"]):
                fetched, shown = picture["fetched"], round(picture["shown"])
                self.problems.append(f"{where}: {picture['src']} is {fetched}px wide, shown at {shown}px")
        return self.page.locator("main")

    def expect(self, condition, message):
        if not condition:
            self.problems.append(f"{self.page.url} at {self.width}px: {message}")


def check_cards(visit, programs):
    """Every program's card on the training list, from one load of it."""
    main = visit.open("/trainings/")
    for program in programs:
        title = visit.page.get_by_role("link", name=program.title, exact=True)
        card = main.locator("article", has=title).first
        if not card.count():
            visit.expect(False, f"no card for {program.title}")
            continue
        for name in hosts_of(program):
            named = card.get_by_text(name).first.is_visible()
            visit.expect(named, f"{program.title} card does not name {name}")


def check_program(visit, program):
    from programs.models import TrainingSeriesPage

    series_page = TrainingSeriesPage.objects.get(slug=program.slug)
    hosts = hosts_of(program)
    finished = not program.is_sample

    main = visit.open(series_page.url)
    for name in hosts:
        visit.expect(main.get_by_text(name).first.is_visible(), f"{program.title} does not name {name}")
    ran = main.get_by_text(re.compile(r"· finished"))
    if finished:
        visit.expect(ran.count() and ran.first.is_visible(), "not shown as finished")
        apply = main.get_by_role("link", name=re.compile(r"register|apply", re.I))
        visit.expect(apply.count() == 0, "a finished program offers to register or apply")
    else:
        visit.expect(ran.count() == 0, "an open program is shown as finished")

    session = shown_session(program)
    if session is None:
        return
    main = visit.open(f"{series_page.url}{session.slug}/")
    text = main.inner_text()
    for name in hosts:
        visit.expect(name in text, f"{session.title} does not name its host {name}")
    if session.date_only or session.month_only:
        visit.expect(not CLOCK.search(text), f"{session.title} shows a clock time: {CLOCK.search(text)}")


def test_each_seed_program_reads_true_at_phone_and_desktop(demo_server, browser, axe):
    problems = []
    for width in WIDTHS:
        visit = Visit(browser, demo_server, axe, width)
        try:
            check_cards(visit, PROGRAMS)
            for program in PROGRAMS:
                check_program(visit, program)
        finally:
            visit.context.close()
        problems += visit.problems
    assert problems == []


def page_types():
    """One page of every type the demo has, by name, as addresses."""
    from wagtail.models import Page

    from programs.models import Organization

    addresses = {"home": "/", "search": "/search/?q=organizing", "not-found": "/no-such-page/"}
    for page in Page.objects.live().public().filter(depth__gt=2).specific().order_by("path"):
        name = type(page).__name__.removesuffix("Page").lower() or "page"
        addresses.setdefault(name, page.url)
    organization = Organization.objects.order_by("name").first()
    addresses["organizations"] = "/trainings/organizations/"
    if organization is not None:
        addresses["organization"] = f"/trainings/organizations/{organization.slug}/"
    return addresses


@pytest.mark.screenshots
def test_screenshots_of_every_page_type(demo_server, browser, screenshot):
    shot = 0
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        try:
            for name, url in page_types().items():
                response = page.goto(demo_server.url + url)
                assert response.status == (404 if name == "not-found" else 200), url
                page.evaluate(PICTURES)
                screenshot(page, f"page-{name}-{width}")
                shot += 1
        finally:
            context.close()
    assert shot >= 2 * 15
