"""A real SMTP server on loopback for tests of the site's e-mails, and what they read back from it."""

import email
import re
from contextlib import contextmanager
from email.policy import default as default_policy

import icalendar
from aiosmtpd.controller import Controller

from tests.conftest import free_port

SITE = "https://trainings.example.org"
SENDER = "HEAL Together Trainings <trainings@example.org>"


class Mailbox:
    """aiosmtpd handler keeping every message it accepts, as (recipients, message)."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=default_policy)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"

    def to(self, address):
        """The messages sent to `address`, oldest first."""
        return [message for recipients, message in self.messages if address in recipients]


@contextmanager
def smtp_server(settings):
    """Start the server and point the site's SMTP settings at it, as production would."""
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = SENDER
    settings.WAGTAILADMIN_BASE_URL = SITE
    try:
        yield box
    finally:
        controller.stop()


def text(message):
    """The plain-text body, with the line ends SMTP gave it made plain newlines."""
    return message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def html(message):
    return message.get_body(preferencelist=("html",)).get_content()


def calendar_of(message):
    """The attached .ics parsed with icalendar, or None without one."""
    files = [part for part in message.iter_attachments() if part.get_content_type() == "text/calendar"]
    if not files:
        return None
    [part] = files
    assert part.get_filename().endswith(".ics")
    return icalendar.Calendar.from_ical(part.get_content())


def events(calendar):
    return [component for component in calendar.walk() if component.name == "VEVENT"]


def manage_path(message):
    """The path of the personal manage link in the message's text."""
    found = re.search(re.escape(SITE) + r"(/registration/[^/\s]+/)", text(message))
    assert found, text(message)
    return found.group(1)
