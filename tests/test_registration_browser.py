"""Registering on a phone in a real browser: the Register button, a mistake and its error summary,
the confirmation, the e-mail's link to the registrant's own page, cancelling there, and the seat
coming back on the session page. Accessible (axe) at every step."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from programs.models import RegistrationMethod
from tests.factories.programs import (
    OrganizationFactory,
    SeriesOrganizationFactory,
    SessionPageFactory,
    TrainingIndexPageFactory,
    TrainingSeriesPageFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
MANAGE_LINK = re.compile(r"https?://\S+?(/registration/[\w-]+/)")


def build_session(site_root):
    series = TrainingSeriesPageFactory(
        parent=TrainingIndexPageFactory(parent=site_root), title="Leaders for Just Schools"
    )
    SeriesOrganizationFactory(page=series, organization=OrganizationFactory(name="Parents United"))
    start = timezone.now() + timedelta(days=14)
    session = SessionPageFactory(
        parent=series,
        title="Power mapping for parent leaders",
        start=start,
        end=start + timedelta(hours=2),
        registration_method=RegistrationMethod.ON_SITE,
        registration_url="",
        capacity=3,
        ask_organization=True,
        ask_role=True,
        consent_text="I agree to be photographed during the training.",
        join_url="https://meet.example.org/j/power-mapping",
    )
    return session


def shoot(page, screenshot, name):
    """The page at phone width, then at desktop width, then back on the phone; when screenshots are
    not asked for, the page stays as it is, unresized."""
    if screenshot(page, f"registration-{name}-390") is None:
        return
    page.set_viewport_size(DESKTOP)
    screenshot(page, f"registration-{name}-1280")
    page.set_viewport_size(PHONE)


def test_register_on_a_phone_then_cancel_from_the_e_mails_link(
    live_server, browser_page, site_root, axe, screenshot
):
    session = build_session(site_root)
    mail.outbox.clear()
    page = browser_page
    page.set_viewport_size(PHONE)

    page.goto(live_server.url + session.url)
    header = page.locator("header.page-header")
    assert header.get_by_text("3 seats left").is_visible()
    register_link = header.get_by_role("link", name=f"Register for {session.title}")
    # On a phone the button sits near the title, on the first screen.
    assert register_link.bounding_box()["y"] < PHONE["height"]
    with page.expect_navigation():
        register_link.click()

    assert page.get_by_role("heading", level=1).inner_text() == f"Register for {session.title}"
    assert page.get_by_label("Your name").is_visible()
    assert axe(page) == []
    shoot(page, screenshot, "form")

    # A mistake first: nothing filled in.
    page.get_by_label("Your e-mail address").fill("ana@")
    with page.expect_navigation():
        page.get_by_role("button", name="Register").click()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert summary.get_by_role("link", name="Enter your name.").is_visible()
    summary.get_by_role("link", name="Enter your name.").click()
    assert page.evaluate("document.activeElement.id") == "id_name"
    assert page.get_by_label("Your name").get_attribute("aria-invalid") == "true"
    assert axe(page) == []
    page.locator("#error-summary").focus()
    shoot(page, screenshot, "form-errors")

    page.get_by_label("Your name").fill("Ana Pérez")
    page.get_by_label("Your e-mail address").fill("ana@example.org")
    page.get_by_label("Your role (optional)").select_option("parent")
    page.get_by_label("Captions").check()
    page.get_by_label("I agree to be photographed during the training.").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Register").click()
    assert page.get_by_role("heading", level=1).inner_text() == "You are registered"
    assert axe(page) == []
    shoot(page, screenshot, "confirmation")

    page.goto(live_server.url + session.url)
    assert page.locator("header.page-header").get_by_text("2 seats left").is_visible()

    # The e-mail carries the link to the registrant's own page.
    (message,) = [message for message in mail.outbox if message.to == ["ana@example.org"]]
    path = MANAGE_LINK.search(message.body).group(1)
    assert urlsplit(path).path == path
    page.goto(live_server.url + path)
    assert page.get_by_text("Your seat is confirmed.").is_visible()
    assert page.get_by_role("link", name="Join the training online").is_visible()
    assert axe(page) == []
    shoot(page, screenshot, "manage")

    with page.expect_navigation():
        page.get_by_role("button", name="Cancel my registration").click()
    assert page.get_by_text("Your registration is cancelled.").is_visible()
    assert page.get_by_role("link", name="Join the training online").count() == 0
    assert axe(page) == []

    page.goto(live_server.url + session.url)
    assert page.locator("header.page-header").get_by_text("2 seats left").count() == 0
    assert page.locator("header.page-header").get_by_text("3 seats left").is_visible()
