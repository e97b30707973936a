"""The e-mails registrants get: confirmation, waitlist place, promotion from the waitlist,
cancellation and reminder, each with the link to their own registration page.

Every message is rendered from templates/programs/registrations/email/ (plain text, and HTML as
an alternative) and says what the training page says: its title, its date as the page shows it
(no clock time when only the day is known), its hosts and where it happens. People who hold a seat
(confirmed, promoted, reminded) also get the calendar file and, for online trainings, the join
link and joining instructions; nobody else ever does.

A message that cannot be sent is logged and send() returns False: a registration is never undone
because the mail server was down.
"""

import logging
import re
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from home.models import SiteSettings
from programs import calendars
from programs.models import SessionPage, Status, TrainingSeriesPage
from programs.registrations.links import manage_url

logger = logging.getLogger(__name__)

SUBJECTS = {
    "confirmed": "You are registered: {title}",
    "waitlisted": "You are on the waitlist: {title}",
    "promoted": "A seat opened up: you are registered for {title}",
    "cancelled": "Your registration is cancelled: {title}",
    "reminder": "Reminder: {title}",
}
KINDS = tuple(SUBJECTS)
# The messages for someone holding a seat: they carry the calendar file and the join link.
SEAT_KINDS = ("confirmed", "promoted", "reminder")

TEMPLATE_DIR = "programs/registrations/email"


def training_sessions(page):
    """The sessions a registration covers that have not ended, soonest first: the session itself,
    or a series' published sessions."""
    if isinstance(page, SessionPage):
        return [page]
    if isinstance(page, TrainingSeriesPage):
        sessions = page._published_sessions().for_calendar().order_by("start", "pk")
        return [session for session in sessions if session.is_upcoming]
    return []


def calendar_file(page, sessions):
    """(file name, iCalendar text) for the sessions, or None when there is none to put in it."""
    if not sessions:
        return None
    if isinstance(page, SessionPage):
        sessions = SessionPage.objects.filter(pk=page.pk).for_calendar()
    sessions = list(sessions)
    for session in sessions:
        # The public calendar titles a full session "Full: …"; the copy for someone holding one of
        # its seats says it is on, as it is for them. (Only this copy: nothing is saved.)
        if session.status == Status.FULL:
            session.status = Status.SCHEDULED
    calendar = calendars.build_calendar(sessions, name=page.title)
    return f"{page.slug}.ics", calendar.to_ical().decode()


def where(page):
    """Where the training happens, in the page's own words ("Online", the venue, or both)."""
    if isinstance(page, SessionPage):
        return page.location_display
    if isinstance(page, TrainingSeriesPage) and page.format:
        return page.get_format_display()
    return ""


def message_context(registration, kind):
    page = registration.page.specific
    holds_seat = kind in SEAT_KINDS and registration.is_confirmed
    sessions = training_sessions(page)
    contact = getattr(page, "contact_email", "") or ""
    if not contact and isinstance(page, SessionPage) and page.series is not None:
        contact = page.series.contact_email
    return {
        "kind": kind,
        "subject": " ".join(SUBJECTS[kind].format(title=page.title).split()),
        "registration": registration,
        "page": page,
        "page_url": page.full_url,
        "is_session": isinstance(page, SessionPage),
        "sessions": sessions if isinstance(page, TrainingSeriesPage) else [],
        "host_names": [organization.name for organization in page.hosts()],
        "where": where(page),
        "manage_url": manage_url(registration),
        "holds_seat": holds_seat,
        # Only people holding a seat ever get the way in.
        "join_url": page.join_url if holds_seat else "",
        "joining_instructions": page.joining_instructions if holds_seat else "",
        "calendar": calendar_file(page, sessions) if holds_seat else None,
        "contact_email": contact,
        "site_name": SiteSettings.load().site_name,
    }


def tidy(text):
    """Plain text without the blank lines template tags leave behind."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def build_message(registration, kind, connection=None):
    """The e-mail of `kind` for `registration`, ready to send."""
    if kind not in SUBJECTS:
        raise ValueError(f"Unknown registration e-mail {kind!r}; one of {', '.join(KINDS)}.")
    context = message_context(registration, kind)
    context["has_calendar"] = context["calendar"] is not None
    message = EmailMultiAlternatives(
        subject=context["subject"],
        body=tidy(render_to_string(f"{TEMPLATE_DIR}/message.txt", context)),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
        reply_to=[context["contact_email"]] if context["contact_email"] else None,
        connection=connection,
    )
    message.attach_alternative(render_to_string(f"{TEMPLATE_DIR}/message.html", context), "text/html")
    if context["calendar"] is not None:
        message.attach(*context["calendar"], "text/calendar")
    return message


def send(registration, kind, connection=None):
    """Send the registrant the e-mail of `kind`. Returns whether the mail server took it; a failure
    is logged, never raised, so that the registration it is about stands."""
    if not registration.email or registration.erased_at is not None:
        return False
    try:
        message = build_message(registration, kind, connection=connection)
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("The %s e-mail for registration %s could not be sent", kind, registration.pk)
        return False
    return True
