"""The e-mails registrants get: confirmation, waitlist place, promotion from the waitlist,
cancellation and reminder, each with the link to their own registration page."""

from django.conf import settings
from django.core.mail import send_mail

from programs.registrations.links import manage_url

SUBJECTS = {
    "confirmed": "You are registered: {title}",
    "waitlisted": "You are on the waitlist: {title}",
    "promoted": "A seat opened up: you are registered for {title}",
    "cancelled": "Your registration is cancelled: {title}",
    "reminder": "Reminder: {title}",
}


def send(registration, kind):
    page = registration.page.specific_deferred
    send_mail(
        SUBJECTS[kind].format(title=page.title),
        f"{registration.name},\n\n{page.title}: {registration.get_status_display()}.\n\n"
        f"Your registration: {manage_url(registration)}\n",
        settings.DEFAULT_FROM_EMAIL,
        [registration.email],
    )
