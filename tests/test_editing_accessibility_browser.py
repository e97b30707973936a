"""Wagtail's accessibility checker (the userbar's, in preview) finds nothing the templates cause on
any page type of the demo site. Run here with the checker's own rules on each type's public page,
and inside each type's preview in the editor, as an editor opens it."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.admin.userbar import AccessibilityItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# Wagtail's own rules beyond axe-core's (judging alt text and meta descriptions, which editors
# write) are left to editors; every axe-core rule the checker runs is run here.
WAGTAIL_ONLY_RULES = {"alt-text-quality", "empty-meta-description"}
RULES = [rule for rule in AccessibilityItem.axe_run_only if rule not in WAGTAIL_ONLY_RULES]
# What the checker looks at: the page, without Wagtail's own userbar.
CHECKED_PART = {"include": AccessibilityItem.axe_include, "exclude": AccessibilityItem._axe_default_exclude}
GROUPS_MIGRATION = importlib.import_module("programs.migrations.0011_editor_groups")
PASSWORD = "a-long-test-password"


def one_page_of_each_type():
    from wagtail.models import Page

    pages = {}
    for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
        pages.setdefault(type(page).__name__, (page.pk, page.url))
    return pages


def test_the_accessibility_checker_finds_nothing_on_any_page_type(
    demo_server, browser_page, axe, django_db_blocker
):
    pages = one_page_of_each_type()
    assert {"HomePage", "TrainingSeriesPage", "SessionPage", "PresenterPage"} <= set(pages)

    problems = []
    for page_type, (_page_id, url) in pages.items():
        browser_page.goto(demo_server.url + url)
        for violation in axe(browser_page, options={"runOnly": {"type": "rule", "values": RULES}}):
            targets = [node["target"] for node in violation["nodes"]]
            problems.append(f"{page_type} {url}: {violation['id']} {targets}")
    assert problems == []


@pytest.fixture(scope="module")
def editor_login(demo_server, django_db_blocker):
    """A member of the Editors group on the demo site, as the people who preview pages are."""
    with django_db_blocker.unblock():
        GROUPS_MIGRATION.grant(apps)
        editor = get_user_model().objects.create_user("preview-editor", "preview@example.org", PASSWORD)
        editor.groups.add(Group.objects.get(name="Editors"))
    return demo_server


# The preview panel is open and shows the given page's preview, headed, in its frame.
PREVIEW_SHOWN = """(pageId) => {
    const toggle = document.querySelector("[data-side-panel-toggle='preview']");
    const frame = document.querySelector("#w-preview-iframe")?.contentDocument;
    return toggle?.getAttribute("aria-expanded") === "true"
        && !!frame?.location.pathname.startsWith(`/admin/pages/${pageId}/edit/preview/`)
        && !!frame.querySelector("h1");
}"""


def open_preview(page, server, page_id):
    """The page's editor with its preview panel open, as an editor opens it: with the Toggle preview
    button the first time, and by itself after that, as Wagtail opens again the panel an editor
    left open (clicking the button then would close it). Returns the preview's frame."""
    page.goto(f"{server.url}/admin/pages/{page_id}/edit/")
    if page.evaluate("() => localStorage.getItem('wagtail:side-panel-open')") != "preview":
        page.get_by_role("button", name="Toggle preview").click()
    # Wagtail swaps in a fresh frame once the preview has loaded.
    page.wait_for_function(PREVIEW_SHOWN, arg=page_id)
    preview = page.locator("#w-preview-iframe")
    assert preview.is_visible()
    frame = preview.element_handle().content_frame()
    assert f"/admin/pages/{page_id}/edit/preview/" in frame.url
    return frame


def test_the_accessibility_checker_finds_nothing_in_any_page_types_preview(
    editor_login, browser_page, axe, django_db_blocker
):
    """As an editor sees it: the page's preview in its editor, where Wagtail runs the checker."""
    server = editor_login
    browser_page.goto(server.url + "/admin/login/")
    browser_page.fill("input[name=username]", "preview-editor")
    browser_page.fill("input[name=password]", PASSWORD)
    browser_page.click("button[type=submit]")
    browser_page.wait_for_url("**/admin/")
    with django_db_blocker.unblock():
        pages = one_page_of_each_type()
    assert {"HomePage", "TrainingSeriesPage", "SessionPage", "PresenterPage"} <= set(pages)

    problems = []
    for page_type, (page_id, _url) in pages.items():
        frame = open_preview(browser_page, server, page_id)
        only = {"runOnly": {"type": "rule", "values": RULES}}
        for violation in axe(frame, context=CHECKED_PART, options=only):
            targets = [node["target"] for node in violation["nodes"]]
            problems.append(f"{page_type} preview: {violation['id']} {targets}")
    assert problems == []
