"""Registration on this site: what editors set on a session or a series that takes sign-ups here,
and each person's registration.

A registration belongs to the page people signed up on: a session, or a whole series (one sign-up
covers every session of a cohort). Seats are counted from the confirmed registrations, under a lock
(programs.registrations.services), so that no more people are confirmed than there are seats.
"""

import secrets

from django.db import models
from django.db.models import Q
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from .choices import AccessNeed, RegistrantRole, RegistrationStatus


class OnSiteRegistrationFields(models.Model):
    """The settings of the site's own registration form, shared by sessions and series. They apply
    when the page's registration method is "On this site"."""

    registration_opens = models.DateTimeField(
        "form opens",
        null=True,
        blank=True,
        help_text="Optional: when the form starts taking sign-ups, in the time zone of the dates under "
        "Schedule. Leave blank to open it as soon as the page is published. It must be before the "
        "deadline and before the training starts.",
    )
    waitlist = models.BooleanField(
        "open a waitlist when full",
        default=True,
        help_text="Once every seat is taken, later sign-ups join a waitlist, and the first person on it "
        "gets a seat by themselves when someone cancels. Untick to stop sign-ups when full.",
    )
    join_url = models.URLField(
        "join link",
        blank=True,
        help_text="Only for online or hybrid trainings: the video call's address. In-person trainings "
        "need none. Never shown on the public page; sent only to confirmed registrants, in their "
        "e-mails and on their own registration page.",
    )
    joining_instructions = models.TextField(
        blank=True,
        max_length=2000,
        help_text="Optional: what confirmed registrants need to know to join, e.g. the meeting passcode or "
        "where to park. Shown only to them, like the join link.",
    )
    ask_organization = models.BooleanField(
        default=False, help_text="Ask people which organization, school or group they are with."
    )
    ask_role = models.BooleanField(
        default=False,
        help_text="Ask people their role: student, parent, educator, school board member, health worker "
        "or other.",
    )
    ask_access_needs = models.BooleanField(
        "ask about access needs",
        default=True,
        help_text="Ask about accessibility and language needs: captions, ASL, Spanish interpretation, "
        "childcare, or anything else in their own words.",
    )
    consent_text = models.CharField(
        "consent line",
        max_length=300,
        blank=True,
        help_text="Optional: a statement people must tick to register, e.g. “I agree to be photographed "
        "during the training.” Leave blank to ask for no consent.",
    )

    class Meta:
        abstract = True

    @classmethod
    def on_site_registration_panels(cls, seats=()):
        """The Registration tab's panels for the site's own form, grouped as an editor thinks of
        them: when it is open, the seats, what only registrants receive, and the questions asked.
        `seats` are the page's own seat panels (a series keeps its capacity under Schedule)."""
        return [
            MultiFieldPanel(
                [FieldPanel("registration_opens"), *seats, FieldPanel("waitlist")],
                heading="On this site: when and how many",
                help_text="Used only when people register on this site. The form closes at the deadline "
                "above, or when the training starts.",
            ),
            MultiFieldPanel(
                [FieldPanel("join_url"), FieldPanel("joining_instructions")],
                heading="On this site: only for people who registered",
            ),
            MultiFieldPanel(
                [
                    FieldPanel("ask_organization"),
                    FieldPanel("ask_role"),
                    FieldPanel("ask_access_needs"),
                    FieldPanel("consent_text"),
                ],
                heading="On this site: questions on the form",
                help_text="Name and e-mail are always asked.",
            ),
        ]


def new_token():
    """An unguessable key to a registrant's own page: 256 random bits."""
    return secrets.token_urlsafe(32)


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=RegistrationStatus.WAITLISTED)

    def active(self):
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def in_waitlist_order(self):
        return self.waitlisted().order_by("status_changed_at", "pk")


class Registration(models.Model):
    """One person's registration for a session or a series. Personal data (name, e-mail and answers)
    is erased a set time after the session (programs.registrations.retention); the row stays, so
    counts survive."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        # A page with registrations is never deleted without a decision about them
        # (programs/registrations/deletion.py).
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    status = models.CharField(max_length=20, choices=RegistrationStatus.choices)
    name = models.CharField(max_length=200)
    email = models.EmailField(
        max_length=254, help_text="Kept in lower case, so that one address is one person."
    )
    organization = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=20, choices=RegistrantRole.choices, blank=True)
    access_needs = models.JSONField(
        default=list, blank=True, help_text=f"Any of: {', '.join(AccessNeed.values)}."
    )
    access_needs_other = models.CharField(max_length=500, blank=True)
    consented = models.BooleanField(default=False)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the status last changed: the waitlist is served in this order.
    status_changed_at = models.DateTimeField()
    attended = models.BooleanField(default=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(
        null=True, blank=True, help_text="When the name, e-mail and answers were erased."
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            # One registration per person per page; erased rows have no address left.
            models.UniqueConstraint(
                fields=["page", "email"], condition=~Q(email=""), name="one_registration_per_address"
            ),
        ]
        indexes = [models.Index(fields=["page", "status", "status_changed_at"], name="registration_queue")]
        permissions = [("view_registrants", "Can see registrants' names, e-mail addresses and answers")]

    def __str__(self):
        return f"{self.name or 'Erased registrant'} ({self.get_status_display()})"

    @property
    def is_confirmed(self):
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waitlisted(self):
        return self.status == RegistrationStatus.WAITLISTED

    @property
    def is_cancelled(self):
        return self.status == RegistrationStatus.CANCELLED

    def access_need_labels(self):
        labels = dict(AccessNeed.choices)
        return [labels[value] for value in self.access_needs if value in labels]
