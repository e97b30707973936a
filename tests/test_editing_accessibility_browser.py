"""Wagtail's accessibility checker (the userbar's, in preview) finds nothing the templates cause on
any page type of the demo site. Run here with the checker's own rules on each type's page."""

import pytest
from wagtail.admin.userbar import AccessibilityItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# Wagtail's own rules beyond axe-core's (judging alt text and meta descriptions, which editors
# write) are left to editors; every axe-core rule the checker runs is run here.
WAGTAIL_ONLY_RULES = {"alt-text-quality", "empty-meta-description"}


def one_page_of_each_type():
    from wagtail.models import Page

    pages = {}
    for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        pages.setdefault(type(page).__name__, page.url)
    return pages


def test_the_accessibility_checker_finds_nothing_on_any_page_type(
    demo_server, browser_page, django_db_blocker
):
    from axe_playwright_python.sync_playwright import Axe

    rules = [rule for rule in AccessibilityItem.axe_run_only if rule not in WAGTAIL_ONLY_RULES]
    checker = Axe()
    pages = one_page_of_each_type()
    assert {"HomePage", "TrainingSeriesPage", "SessionPage", "PresenterPage"} <= set(pages)

    problems = []
    for page_type, url in pages.items():
        browser_page.goto(demo_server.url + url)
        results = checker.run(browser_page, options={"runOnly": {"type": "rule", "values": rules}})
        for violation in results.response["violations"]:
            targets = [node["target"] for node in violation["nodes"]]
            problems.append(f"{page_type} {url}: {violation['id']} {targets}")
    assert problems == []
