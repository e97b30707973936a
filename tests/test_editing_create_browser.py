"""In a real browser: a member of the Editors group clicks Save draft while autosave is still
creating the page."""

import contextlib
import importlib
import os

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import Error as PlaywrightError

from home.models import StandardPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
GROUPS_MIGRATION = importlib.import_module("programs.migrations.0011_editor_groups")
WATCH_FOR_THE_STARTING_STATE = """
document.addEventListener("w-unsaved:watch-edits", () => { window.startingStateNoted = true; });
"""


def log_in(page, live_server):
    GROUPS_MIGRATION.grant(apps)  # the groups, put back if an earlier module's flush emptied them
    editor = get_user_model().objects.create_user("editor", "editor@example.org", PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def test_save_draft_during_autosave_creates_one_page(live_server, browser_page, site_root, screenshot):
    page = browser_page
    log_in(page, live_server)
    errors = []
    page.on("response", lambda response: errors.append(response.url) if response.status >= 500 else None)

    # Autosave's request reaches the server (which creates the page), but its answer is held back,
    # so the form still points at the create address when the editor clicks Save draft.
    held = []

    def hold_autosave(route):
        request = route.request
        if request.method == "POST" and "application/json" in request.headers.get("accept", ""):
            held.append((route, route.fetch()))
        else:
            route.continue_()

    page.route("**/admin/pages/add/**", hold_autosave)
    # Wagtail notes the form's starting state two seconds after it loads, and says so with an event;
    # edits count from then.
    page.add_init_script(WATCH_FOR_THE_STARTING_STATE)
    page.goto(f"{live_server.url}/admin/pages/add/home/standardpage/{site_root.pk}/")
    page.wait_for_function("() => window.startingStateNoted === true")
    page.fill("#id_title", "Power mapping basics")
    page.locator("#id_title").press("Tab")  # leaving the title fills in the slug
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "autosave never sent the new page"
    assert StandardPage.objects.child_of(site_root).count() == 1

    try:
        if os.environ.get("SCREENSHOTS"):
            screenshot(page, "admin-create-during-autosave")
        page.get_by_role("button", name="Save draft").click()
        page.wait_for_url("**/admin/pages/*/edit/")
    finally:
        # The held answer is let through: too late for the form, which has moved on, and otherwise
        # the browser would wait for it forever.
        for route, response in held:
            with contextlib.suppress(PlaywrightError):  # unless it went with the page that sent it
                route.fulfill(response=response)

    [created] = StandardPage.objects.child_of(site_root)
    assert (created.title, created.slug) == ("Power mapping basics", "power-mapping-basics")
    assert not created.live
    assert page.url.endswith(f"/admin/pages/{created.pk}/edit/")
    assert page.get_by_text("Page 'Power mapping basics' created.").is_visible()
    assert not page.get_by_text("already in use").count()
    if os.environ.get("SCREENSHOTS"):
        screenshot(page, "admin-created-once")
    assert errors == []
