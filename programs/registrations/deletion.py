"""Deleting a page that has registrations, on it or on a page below it.

A registration keeps its page (on_delete=PROTECT), so no path deletes registrations unseen. Wagtail's
delete confirmation is replaced, for such a page, by one that says how many people are registered
and where:

- While anyone still expects to take part (confirmed or waitlisted for a training still to come),
  the page cannot be deleted. Staff export the list, then either cancel the training and keep the
  page (its status says Cancelled), or cancel every registration from the registrations view (each
  person is told by e-mail), and come back.
- Once none is active, the records left (cancelled ones, those of a training that has taken place,
  and those erased after the retention period) are deleted with the page only when someone allowed
  to see registrants ticks a box naming how many; that is written to the page's history.

Deleting several pages at once is refused while any of them has registrations: they are deleted
one by one, through the page above.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.log_actions import log
from wagtail.models import Page

from programs.models import Registration, RegistrationStatus
from programs.registrations.staff import is_over, sees_registrants

DELETE_ACTION = "programs.registrations_delete"
CONFIRM_FIELD = "delete_registrations"


@dataclass
class PageRegistrations:
    """One page's registrations by kind; erased ones (no personal data left) counted apart."""

    page: Page
    confirmed: int
    waitlisted: int
    cancelled: int
    erased: int

    @property
    def url(self):
        return reverse("registrations_page", args=[self.page.pk])

    @property
    def export_url(self):
        return reverse("registrations_export", args=[self.page.pk])

    @property
    def total(self):
        return self.confirmed + self.waitlisted + self.cancelled + self.erased

    @property
    def is_over(self):
        return is_over(self.page)

    @property
    def active(self):
        """People still expecting to take part: confirmed or waiting, for a training still to come."""
        return 0 if self.is_over else self.confirmed + self.waitlisted


@dataclass
class Found:
    pages: list = field(default_factory=list)

    @property
    def total(self):
        return sum(row.total for row in self.pages)

    @property
    def active(self):
        return sum(row.active for row in self.pages)

    @property
    def erased(self):
        return sum(row.erased for row in self.pages)

    @property
    def with_personal_data(self):
        return self.total - self.erased


def under(pages):
    """The registrations of `pages` and of every page below them."""
    where = Q()
    for page in pages:
        where |= Q(page__path__startswith=page.path)
    return Registration.objects.filter(where)


def find(pages):
    """The pages with registrations among `pages` and below them, with their counts."""
    per_page = {
        row["page_id"]: row
        for row in under(pages)
        .values("page_id")
        .annotate(
            confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED, erased_at=None)),
            waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED, erased_at=None)),
            cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED, erased_at=None)),
            erased=Count("pk", filter=Q(erased_at__isnull=False)),
        )
        .order_by()
    }
    if not per_page:
        return Found()
    titled = Page.objects.filter(pk__in=per_page).order_by("path").specific(defer=True)
    return Found(
        [
            PageRegistrations(
                page,
                per_page[page.pk]["confirmed"],
                per_page[page.pk]["waitlisted"],
                per_page[page.pk]["cancelled"],
                per_page[page.pk]["erased"],
            )
            for page in titled
        ]
    )


def before_delete_page(request, page):
    """Wagtail's `before_delete_page` hook: nothing to say for a page without registrations;
    otherwise the page explaining them, or (on a confirmed POST) the records deleted first, in the
    delete view's own transaction, so that Wagtail deletes the page next."""
    if request.method == "POST":
        # Sign-ups lock the row of the page they are for: taking the same locks here keeps a sign-up
        # from arriving between the count below and the page's deletion.
        pages = Page.objects.select_for_update().filter(path__startswith=page.path)
        list(pages.values_list("pk", flat=True))
    found = find([page])
    if not found.pages:
        return None
    allowed = sees_registrants(request.user)
    error = ""
    if request.method == "POST":
        confirmed = request.POST.get(CONFIRM_FIELD, "")
        if found.active or not allowed:
            error = "The page was not deleted."
        elif confirmed != str(found.total):
            error = (
                "The page was not deleted: tick the box to delete its registrations too, and check "
                "their number, which may have changed since the page was shown."
            )
        else:
            log(instance=page, action=DELETE_ACTION, user=request.user, data={"rows": found.total})
            under([page]).delete()
            return None
    return TemplateResponse(
        request,
        "programs/registrations/staff/delete_page.html",
        {
            "page": page,
            "found": found,
            "allowed": allowed,
            "error": error,
            "confirm_field": CONFIRM_FIELD,
            "bulk": False,
        },
    )


def before_bulk_delete(request, action_type, objects, action_class_instance):
    """Wagtail's `before_bulk_action` hook: bulk deletion of pages is refused while any of them, or
    a page below them, has registrations."""
    if action_type != "delete":
        return None
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if not pages:
        return None
    found = find(pages)
    if not found.pages:
        return None
    return TemplateResponse(
        request,
        "programs/registrations/staff/delete_page.html",
        {"page": None, "found": found, "allowed": False, "error": "", "bulk": True},
    )
