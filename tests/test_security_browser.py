"""The Content-Security-Policy and Permissions-Policy in a real browser: an editor builds, publishes
and previews a page in the admin, and a visitor watches a session's recording, without the browser
blocking anything."""

import re

import pytest
import wagtail_factories
from django.contrib.auth import get_user_model
from wagtail.models import Page

from home.models import StandardPage
from tests.factories.home import VideoEmbedFactory
from tests.factories.programs import SessionPageFactory, TrainingIndexPageFactory, TrainingSeriesPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
# Every frame reports what its policy blocks; the test hears it through `reportViolation`.
LISTEN_FOR_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportViolation({
    page: document.location.href,
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: `${event.sourceFile}:${event.lineNumber}`,
  });
});
"""
# A stand-in for YouTube's player, so that the test needs no network.
PLAYER = (
    "<!DOCTYPE html><html lang=en><title>Player</title>"
    "<body style='margin:0;height:100vh;display:grid;place-items:center;background:#1d2330;color:#fff'>"
    "<p>The video player</p></body></html>"
)


@pytest.fixture
def violations(browser_page):
    """What the browser blocked, from the page's events and from its console, across every page
    and frame the test opens."""
    found = []
    browser_page.context.expose_binding("reportViolation", lambda source, violation: found.append(violation))
    browser_page.context.add_init_script(LISTEN_FOR_VIOLATIONS)
    browser_page.on(
        "console",
        lambda message: found.append(message.text) if "Content Security Policy" in message.text else None,
    )
    # The players' own sites answer with a stand-in; a frame the policy blocks never asks.
    browser_page.context.route(
        re.compile(r"https://(www\.youtube\.com|player\.vimeo\.com)/.*"),
        lambda route: route.fulfill(status=200, content_type="text/html", body=PLAYER),
    )
    return found


def log_in(page, live_server):
    get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def test_an_editor_builds_publishes_and_previews_a_page(
    live_server, browser_page, site_root, violations, screenshot
):
    page = browser_page
    wagtail_factories.ImageFactory(title="Workshop photo")
    video = VideoEmbedFactory(video_id="workshop", width=640, height=360)
    log_in(page, live_server)

    page.goto(f"{live_server.url}/admin/pages/add/home/standardpage/{site_root.pk}/")
    page.fill("#id_title", "Our first workshop")
    page.fill("#id_intro", "What fifty organizers learned together.")
    # The image chooser opens in a dialog that lists the image library.
    page.get_by_role("button", name="Choose an image").click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("link", name="Workshop photo").click()
    page.get_by_role("dialog").wait_for(state="hidden")
    assert page.locator("#id_image-chooser").get_by_text("Workshop photo").is_visible()
    # A video block in the body.
    page.get_by_role("button", name="Insert a block").click()
    page.get_by_role("option", name="Video").click()
    page.locator("input[name='body-0-value-video']").fill(video.url)
    page.locator("input[name='body-0-value-caption']").fill("The workshop, recorded")
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url("**/admin/pages/*/")

    created = StandardPage.objects.get(title="Our first workshop")
    assert created.live and created.image.title == "Workshop photo"
    assert created.body[0].block_type == "video"

    page.goto(f"{live_server.url}/admin/pages/{created.pk}/edit/")
    assert page.locator("#id_title").input_value() == "Our first workshop"
    screenshot(page, "admin-editor")
    page.locator("button[data-side-panel-toggle='preview']").click()
    # Wagtail loads each preview in a fresh frame that then takes the place of the old one.
    preview = page.frame_locator("#w-preview-iframe[src]")
    preview.get_by_role("heading", name="Our first workshop").wait_for()
    preview.frame_locator("iframe[title='Organizing 101']").get_by_text("The video player").wait_for()
    screenshot(page, "admin-editor-preview")

    # On the public page the editor's toolbar (Wagtail's userbar) still opens and leads back.
    page.goto(live_server.url + created.url)
    page.locator("#wagtail-userbar-trigger").click()
    edit = page.get_by_role("menuitem", name="Edit this page")
    edit.wait_for()
    assert edit.get_attribute("href").endswith(f"/admin/pages/{created.pk}/edit/")

    assert violations == []


def test_a_visitor_watches_a_session_recording(live_server, browser_page, site_root, violations, screenshot):
    recording = VideoEmbedFactory(video_id="recording", width=640, height=360)
    series = TrainingSeriesPageFactory(parent=TrainingIndexPageFactory(parent=site_root))
    session = SessionPageFactory(parent=series, title="Power mapping", recording_url=recording.url)
    page = browser_page

    page.goto(live_server.url + session.url)
    player = page.locator("iframe[title='Organizing 101']")
    player.scroll_into_view_if_needed()
    assert player.is_visible()
    page.frame_locator("iframe[title='Organizing 101']").get_by_text("The video player").wait_for()
    box = player.bounding_box()
    assert box["width"] / box["height"] == pytest.approx(16 / 9, rel=0.02)
    # The player may go full screen, and may not use the camera, microphone or location.
    allowed = player.evaluate(
        "frame => ['fullscreen', 'picture-in-picture', 'camera', 'microphone', 'geolocation']"
        ".filter(feature => frame.featurePolicy.allowsFeature(feature))"
    )
    assert allowed == ["fullscreen", "picture-in-picture"]
    screenshot(page, "session-recording-1280")

    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(live_server.url + session.url)
    box = page.locator("iframe[title='Organizing 101']").bounding_box()
    assert box["width"] <= 360 and box["width"] / box["height"] == pytest.approx(16 / 9, rel=0.02)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    assert violations == []
    assert Page.objects.get(pk=session.pk).live
