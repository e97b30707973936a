"""Mail reaches a real SMTP server: the admin's password reset, with a link that works, and the
notice moderators get when a page is submitted. A half-set configuration stops production."""

import email
import os
import re
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from config.email_settings import email_settings
from home.models import StandardPage
from tests.conftest import free_port
from tests.deployment import settings_for

pytestmark = pytest.mark.django_db
SMTP_LOGIN, SMTP_PASSWORD = "trainings-site", "smtp-secret-1"


class Mailbox:
    """aiosmtpd handler keeping every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=default_policy)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"


def check_login(server, session, envelope, mechanism, auth_data):
    return AuthResult(
        success=isinstance(auth_data, LoginPassword)
        and (auth_data.login, auth_data.password) == (SMTP_LOGIN.encode(), SMTP_PASSWORD.encode())
    )


@pytest.fixture
def mailbox(settings):
    """A real SMTP server on loopback, needing a login, and the site's settings pointing at it as an
    operator would set them in the environment."""
    box = Mailbox()
    # Login without TLS, on loopback only: the test server has no certificate.
    controller = Controller(
        box, hostname="127.0.0.1", port=free_port(), authenticator=check_login, auth_require_tls=False
    )
    controller.start()
    environment = {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(controller.port),
        "EMAIL_HOST_USER": SMTP_LOGIN,
        "EMAIL_HOST_PASSWORD": SMTP_PASSWORD,
        "EMAIL_TIMEOUT": "5",
        "DEFAULT_FROM_EMAIL": "HEAL Together Trainings <trainings@example.org>",
        "WAGTAILADMIN_BASE_URL": "https://trainings.example.org",
    }
    for name, value in email_settings(environment).items():
        setattr(settings, name, value)
    settings.WAGTAILADMIN_BASE_URL = environment["WAGTAILADMIN_BASE_URL"]
    yield box
    controller.stop()


def test_a_password_reset_mail_arrives_and_its_link_sets_a_new_password(client, mailbox, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", "forgotten-password-1")
    response = client.post(reverse("wagtailadmin_password_reset"), {"email": "editor@example.org"})
    assert response.status_code == 302

    [(recipients, message)] = mailbox.messages
    assert recipients == ["editor@example.org"]
    assert message["From"] == "HEAL Together Trainings <trainings@example.org>"
    body = message.get_body(preferencelist=("plain",)).get_content()
    # The link points at the public address of the site (WAGTAILADMIN_BASE_URL).
    link = re.search(r"https://trainings\.example\.org(/admin/password_reset/confirm/\S+/)", body)
    assert link, body

    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200 and "new_password1" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-new-long-password-7", "new_password2": "a-new-long-password-7"},
    )
    assert done.status_code == 302
    assert authenticate(username="editor", password="a-new-long-password-7") is not None


def test_moderators_are_mailed_when_a_page_is_submitted_for_moderation(
    client, mailbox, site_root, django_user_model, django_capture_on_commit_callbacks
):
    # Wagtail's own "Moderators approval" workflow, on every page, reviewed by the Moderators group.
    moderator = django_user_model.objects.create_user("moderator", "moderator@example.org", "pw-moderator-1")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(django_user_model.objects.create_superuser("writer", "writer@example.org", "pw"))

    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", site_root.pk])
    data = {
        "title": "Accessibility",
        "slug": "accessibility",
        "intro": "",
        "body": streamfield([("paragraph", rich_text("<p>How we make trainings accessible.</p>"))]),
        "action-submit": "submit",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, nested_form_data(data))
    assert response.status_code == 302
    page = StandardPage.objects.get(slug="accessibility")
    assert not page.live

    notices = [message for recipients, message in mailbox.messages if recipients == ["moderator@example.org"]]
    assert len(notices) == 1
    notice = notices[0]
    assert "Accessibility" in notice["Subject"]
    assert notice["From"] == "HEAL Together Trainings <trainings@example.org>"
    body = notice.get_body(preferencelist=("plain",)).get_content()
    assert f"https://trainings.example.org/admin/pages/{page.pk}/" in body


COMPLETE = {
    "EMAIL_HOST": "smtp.example.org",
    "EMAIL_HOST_USER": "trainings",
    "EMAIL_HOST_PASSWORD": "secret",
    "EMAIL_USE_TLS": "true",
    "DEFAULT_FROM_EMAIL": "trainings@example.org",
    "WAGTAILADMIN_BASE_URL": "https://trainings.example.org",
}


def test_a_complete_configuration_gives_smtp_with_sensible_defaults():
    found = email_settings(COMPLETE)
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (found["EMAIL_HOST"], found["EMAIL_PORT"], found["EMAIL_USE_TLS"]) == (
        "smtp.example.org",
        587,
        True,
    )
    assert found["EMAIL_TIMEOUT"] == 10
    assert found["SERVER_EMAIL"] == found["WAGTAILADMIN_NOTIFICATION_FROM_EMAIL"] == "trainings@example.org"


def test_without_a_host_no_mail_is_sent_and_the_admin_offers_no_password_reset():
    found = email_settings({})
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.dummy.EmailBackend"
    assert found["WAGTAIL_PASSWORD_RESET_ENABLED"] is False


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"EMAIL_HOST_PASSWORD": ""}, "EMAIL_HOST_USER is set but EMAIL_HOST_PASSWORD is not"),
        ({"EMAIL_HOST_USER": ""}, "EMAIL_HOST_PASSWORD is set but EMAIL_HOST_USER is not"),
        ({"EMAIL_USE_SSL": "true"}, "EMAIL_USE_TLS and EMAIL_USE_SSL are both on"),
        ({"EMAIL_HOST": ""}, "set without EMAIL_HOST"),
        ({"DEFAULT_FROM_EMAIL": ""}, "DEFAULT_FROM_EMAIL is not"),
        ({"DEFAULT_FROM_EMAIL": "trainings"}, "DEFAULT_FROM_EMAIL must be an e-mail address"),
        ({"EMAIL_PORT": "smtp"}, "EMAIL_PORT must be a positive number"),
        ({"EMAIL_USE_TLS": "sometimes"}, "EMAIL_USE_TLS must be true or false"),
        ({"WAGTAILADMIN_BASE_URL": ""}, "WAGTAILADMIN_BASE_URL is not"),
    ],
)
def test_a_half_set_configuration_is_refused_with_what_to_fix(change, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        email_settings({**COMPLETE, **change})


def test_production_refuses_to_start_with_a_half_set_configuration():
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "a-long-random-value-" * 4,
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_HOST_USER": "trainings",
        "DEFAULT_FROM_EMAIL": "trainings@example.org",
    }
    others = [name for name in os.environ if name.startswith(("EMAIL_", "DEFAULT_FROM")) and name not in env]
    with pytest.raises(ImproperlyConfigured, match="EMAIL_HOST_USER is set but EMAIL_HOST_PASSWORD is not"):
        settings_for(env, without=others)
