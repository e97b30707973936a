"""Taking, cancelling and counting registrations, with no more people confirmed than there are seats.

Every change to a page's registrations runs in one transaction that first locks that page's row
(`SELECT … FOR UPDATE` on PostgreSQL; on SQLite each transaction takes the database's write lock
when it begins, see config/settings/base.py), so two sign-ups for the last seat are counted one
after the other and the second joins the waitlist.
"""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page

from home import page_cache, proxy_purge
from programs.models import Registration, RegistrationStatus, SessionPage, Status

# Where a page's sign-ups stand is worked out beside the models, so that pages can show it.
from programs.models.registrations import (  # noqa: F401
    Availability,
    availability,
    closes_at,
    counts,
    is_called_off,
    new_token,
    starts_at,
    takes_registrations,
)
from programs.registrations import mail


class RegistrationError(Exception):
    """A sign-up the page does not take now; `message` says why, in words for the visitor."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _lock(page):
    """Take the page's row lock for the rest of the transaction (a no-op on SQLite, whose
    transactions are serialized by the write lock they take as they begin)."""
    Page.objects.select_for_update().filter(pk=page.pk).values_list("pk", flat=True).first()


# What the form asks besides the name and e-mail address.
ANSWER_FIELDS = ("organization", "role", "access_needs", "access_needs_other", "consented")


def register(page, *, name, email, **answers):
    """Sign someone up for `page`. Returns (registration, created): an address already signed up
    finds its registration again (created False) rather than a second seat. Raises RegistrationError
    when the page does not take sign-ups now."""
    email = email.strip().lower()
    with transaction.atomic():
        _lock(page)
        existing = Registration.objects.filter(page_id=page.pk, email=email).first()
        if existing is not None and not existing.is_cancelled:
            return existing, False
        where = availability(page)
        if not where.accepts:
            raise RegistrationError(_refusal(where))
        status = RegistrationStatus.WAITLISTED if where.state == "waitlist" else RegistrationStatus.CONFIRMED
        now = timezone.now()
        if existing is not None:
            # Someone who cancelled and signs up again takes a new place in the queue, with only
            # today's answers (none left from a question no longer asked) and a new key, so that
            # links sent before lead nowhere.
            blank = {field: Registration._meta.get_field(field).get_default() for field in ANSWER_FIELDS}
            for field, value in {**blank, "name": name, **answers}.items():
                setattr(existing, field, value)
            existing.status, existing.status_changed_at = status, now
            existing.reminder_sent_at, existing.attended = None, False
            existing.token = new_token()
            existing.save()
            registration = existing
        else:
            try:
                with transaction.atomic():
                    registration = Registration.objects.create(
                        page_id=page.pk,
                        name=name,
                        email=email,
                        status=status,
                        status_changed_at=now,
                        **answers,
                    )
            except IntegrityError:
                # The same address sent twice at once: the other request made it.
                return Registration.objects.get(page_id=page.pk, email=email), False
        refresh_full_status(page)
    _notify(registration, "confirmed" if status == RegistrationStatus.CONFIRMED else "waitlisted")
    return registration, True


def cancel(registration):
    """Cancel a registration. A confirmed seat goes to the first person on the waitlist, who is told.
    Returns the promoted registration, if any."""
    page = registration.page
    promoted = None
    with transaction.atomic():
        _lock(page)
        registration.refresh_from_db()
        if registration.is_cancelled:
            return None
        freed_seat = registration.is_confirmed
        registration.status, registration.status_changed_at = RegistrationStatus.CANCELLED, timezone.now()
        registration.save(update_fields=["status", "status_changed_at"])
        if freed_seat:
            promoted = _promote_next(page.specific_deferred)
        refresh_full_status(page)
    _notify(registration, "cancelled")
    if promoted is not None:
        _notify(promoted, "promoted")
    return promoted


def cancel_every(page, expected):
    """Cancel every registration still standing on `page`, waitlist and seats alike, in one locked
    transaction: nobody is promoted to a seat that is being taken away, and a sign-up arriving
    meanwhile waits for the lock and then finds the page's seats free again. Each person is told.
    Cancels nothing and returns None unless exactly `expected` registrations are standing (the
    number the staff member confirmed); otherwise returns how many were cancelled."""
    with transaction.atomic():
        _lock(page)
        standing = list(Registration.objects.filter(page_id=page.pk).active())
        if len(standing) != expected:
            return None
        now = timezone.now()
        Registration.objects.filter(pk__in=[row.pk for row in standing]).update(
            status=RegistrationStatus.CANCELLED, status_changed_at=now
        )
        refresh_full_status(page)
    for registration in standing:
        registration.status, registration.status_changed_at = RegistrationStatus.CANCELLED, now
        registration.page = page
        _notify(registration, "cancelled")
    return len(standing)


def _promote_next(page):
    """Give a free seat to the first person waiting, while the training is still to come (after
    the deadline too: the people waiting signed up in time)."""
    if not takes_registrations(page) or is_called_off(page):
        return None
    start = starts_at(page)
    if start is not None and start <= timezone.now():
        return None
    if availability(page).seats_left == 0:
        return None
    first = Registration.objects.filter(page_id=page.pk).in_waitlist_order().first()
    if first is None:
        return None
    first.status, first.status_changed_at = RegistrationStatus.CONFIRMED, timezone.now()
    first.reminder_sent_at = None
    first.save(update_fields=["status", "status_changed_at", "reminder_sent_at"])
    return first


def refresh_full_status(page):
    """A session's "Full" status follows its seats: set when the last seat is taken, cleared when
    one frees up, without a new revision (an editor's next publish works it out again). Then the
    cached copies of the pages showing the numbers are forgotten, as after a publish. Runs inside
    the locked transaction of a change."""
    page = page.specific_deferred
    if isinstance(page, SessionPage) and page.capacity is not None:
        taken = availability(page).seats_left == 0
        if taken and page.status == Status.SCHEDULED:
            SessionPage.objects.filter(pk=page.pk, status=Status.SCHEDULED).update(status=Status.FULL)
            page.status = Status.FULL
        elif not taken and page.status == Status.FULL:
            SessionPage.objects.filter(pk=page.pk, status=Status.FULL).update(status=Status.SCHEDULED)
            page.status = Status.SCHEDULED
    forget_pages_showing(page)


def forget_pages_showing(page):
    page_cache.clear_page_cache()
    if proxy_purge.enabled() and page.live:
        batch = PurgeBatch()
        proxy_purge.add_page(batch, page)
        proxy_purge.purge_after_commit(batch)


def _refusal(where):
    return {
        "full": "Every seat is taken, and this training has no waitlist.",
        "not_yet": "Registration has not opened yet.",
        "closed": "Registration has closed.",
        "cancelled": "This training is not taking registrations: it has been cancelled or postponed.",
        "off": "This page does not take registrations on this site.",
    }.get(where.state, "Registration is not open.")


def _notify(registration, kind):
    """Tell the registrant (programs.registrations.mail), once the change is committed. The change
    stands whatever happens to the mail: send() logs a mail server's refusal, and anything else
    going wrong is logged here (robust) rather than turning a saved sign-up into an error page."""
    transaction.on_commit(lambda: mail.send(registration, kind), robust=True)


def waitlist_position(registration):
    """Where a waitlisted registration stands in the queue (1 is next), in one query; None when it
    is not on the waitlist."""
    if not registration.is_waitlisted:
        return None
    ahead = (
        Registration.objects.filter(page_id=registration.page_id)
        .waitlisted()
        .filter(
            Q(status_changed_at__lt=registration.status_changed_at)
            | Q(status_changed_at=registration.status_changed_at, pk__lt=registration.pk)
        )
        .count()
    )
    return ahead + 1
