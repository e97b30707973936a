"""Registration on this site: what editors set on a session or a series that takes sign-ups here,
and each person's registration.

A registration belongs to the page people signed up on: a session, or a whole series (one sign-up
covers every session of a cohort). Seats are counted from the confirmed registrations, under a lock
(programs.registrations.services), so that no more people are confirmed than there are seats.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.db.models import Count, Q
from django.http import Http404
from django.utils import dateformat, timezone
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path

from .choices import (
    AccessNeed,
    RegistrantRole,
    RegistrationMethod,
    RegistrationStatus,
    Status,
    end_of_day,
    start_of_day,
)

# The hook through which programs/registrations/views.py hands the form's view down to the pages:
# the view builds on these models, so the models cannot import it.
FORM_VIEW_HOOK = "registration_form_view"


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

    # What pages, listings, calendars, JSON-LD and the API say about sign-ups here

    @property
    def takes_registrations_here(self):
        return self.registration_method == RegistrationMethod.ON_SITE

    def seat_availability(self):
        """Where sign-ups stand (`Availability`), counted once per page object."""
        if "_seat_availability" not in self.__dict__:
            self._seat_availability = availability(self)
        return self._seat_availability

    @property
    def seats_left(self):
        """Seats still free for registration on this site; None when unlimited or not taken here."""
        if not self.takes_registrations_here:
            return None
        return self.seat_availability().seats_left

    @property
    def registration_state(self):
        """For registration on this site, one of the `Availability` states ("open", "waitlist",
        "full", "not_yet", "closed", "cancelled"); otherwise "external" (a link elsewhere) or "none"."""
        if not self.takes_registrations_here:
            return self.registration_method
        return self.seat_availability().state

    @property
    def registration_link(self):
        """Where the Register button goes: the form on this site, or the page elsewhere."""
        if self.takes_registrations_here:
            return self.url + self.reverse_subpage("register") if self.url else ""
        return self.registration_url

    def registration_form_url(self, request=None):
        """The form's absolute address, for calendar files, structured data and print; empty when
        the page has no address."""
        url = self.get_full_url(request)
        return url + self.reverse_subpage("register") if url else ""

    @property
    def registration_opens_display(self):
        """When the form opens, in words, in the page's own time zone."""
        if not self.registration_opens:
            return ""
        local = self.registration_opens.astimezone(self.zone)
        return f"{dateformat.format(local, 'l, F j, Y, g:i a')} {local.tzname()}"

    def on_site_registration_accepted(self, now):
        """Whether the form can take sign-ups, as far as the page's own fields tell: opened, and
        not full without a waitlist. Seats are not counted here (a session's "Full" status follows
        them); the form counts them."""
        if self.registration_opens and now < self.registration_opens:
            return False
        return not (getattr(self, "status", None) == Status.FULL and not self.waitlist)

    @path("register/", name="register")
    def register_route(self, request):
        """The registration form, at `<page-url>register/`; only for pages taking sign-ups here."""
        if self.registration_method != RegistrationMethod.ON_SITE:
            raise Http404
        for view in hooks.get_hooks(FORM_VIEW_HOOK):
            return view(request, self)
        raise Http404


def new_token():
    """An unguessable key to a registrant's own page: 256 random bits."""
    return secrets.token_urlsafe(32)


class RegistrationQuerySet(models.QuerySet):
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

    # Pages show only the numbers, and the code that changes them clears the cached pages once per
    # change (services.refresh_full_status); marking attendance changes nothing public.
    shown_on_public_pages = False

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


@dataclass(frozen=True)
class Availability:
    """Where a page's sign-ups stand: `state` is one of
    "open", "waitlist" (every seat taken, later sign-ups wait), "full" (taken, no waitlist),
    "not_yet" (opens later), "closed" (deadline passed, started or over), "cancelled" (the session
    or series is cancelled or postponed) or "off" (the page does not take sign-ups here)."""

    state: str
    capacity: int | None
    confirmed: int
    waitlisted: int
    opens: datetime | None = None

    @property
    def seats_left(self):
        """Seats still free; None when there is no limit."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed, 0)

    @property
    def accepts(self):
        """Whether the form takes a sign-up now (as a seat or on the waitlist)."""
        return self.state in ("open", "waitlist")


def takes_registrations(page):
    return getattr(page, "registration_method", None) == RegistrationMethod.ON_SITE


def starts_at(page):
    """When the session starts, or the series' first session (or first day); None if unknown."""
    if hasattr(page, "start"):
        return page.start
    start, _end = page._session_span()
    if start is None and page.start_date:
        start = start_of_day(page.start_date, page.zone)
    return start


def closes_at(page):
    """The moment the form closes: the deadline if one is set, else when the training starts."""
    deadline = page.registration_deadline
    if isinstance(deadline, datetime):
        return deadline
    if deadline is not None:
        # A series' deadline is a day: open until the end of that day where the series meets.
        return end_of_day(deadline, page.zone)
    return starts_at(page)


def is_called_off(page):
    """A cancelled or postponed session."""
    return getattr(page, "status", None) in (Status.CANCELLED, Status.POSTPONED)


def is_over(page):
    """A series whose last session (or last day) is behind it: its sign-ups are closed."""
    return bool(getattr(page, "is_finished", False) and not hasattr(page, "start"))


def counts(page):
    """(confirmed, waitlisted) for the page, in one query, unless the page was given them with
    other figures (`registration_counts`)."""
    if "registration_counts" in page.__dict__:
        return page.registration_counts
    rows = dict(
        Registration.objects.filter(page_id=page.pk)
        .exclude(status=RegistrationStatus.CANCELLED)
        .values("status")
        .annotate(number=Count("pk"))
        .values_list("status", "number")
    )
    return rows.get(RegistrationStatus.CONFIRMED, 0), rows.get(RegistrationStatus.WAITLISTED, 0)


def availability(page, now=None):
    if not takes_registrations(page):
        return Availability("off", None, 0, 0)
    now = now or timezone.now()
    confirmed, waitlisted = counts(page)
    capacity = page.capacity
    if is_called_off(page):
        state = "cancelled"
    elif page.registration_opens and now < page.registration_opens:
        state = "not_yet"
    elif is_over(page) or ((closing := closes_at(page)) is not None and now >= closing):
        state = "closed"
    elif capacity is not None and confirmed >= capacity:
        state = "waitlist" if page.waitlist else "full"
    elif capacity is None and getattr(page, "status", None) == Status.FULL:
        # Without a number of seats the site cannot count, so an editor's "Full" is the word.
        state = "full"
    else:
        state = "open"
    return Availability(state, capacity, confirmed, waitlisted, opens=page.registration_opens)
