"""What staff see of registrations in the admin: the overview of every page taking them, each page's
registrations (search, status filter, attendance, cancelling them all) and the CSV export.

Counts are for everyone who may edit the page. Names, e-mail addresses and answers are only for
users with the permission `programs.view_registrants` (the Program staff group, and superusers).
Every export is written to the page's history (Wagtail's audit log).
"""

import csv
from functools import wraps
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from home.numbers import whole_number
from programs.models import (
    Registration,
    RegistrationMethod,
    RegistrationStatus,
    SessionPage,
    TrainingSeriesPage,
)
from programs.models.querysets import parent_path_expression
from programs.registrations import services

VIEW_REGISTRANTS = "programs.view_registrants"
EXPORT_ACTION = "programs.registrations_export"
CANCEL_ALL_ACTION = "programs.registrations_cancel_all"
PER_PAGE = 50
OVERVIEW_PER_PAGE = 50
SEARCH_MAX = 200


def sees_registrants(user):
    """Whether `user` may see registrants' names, e-mail addresses and answers."""
    return user.is_active and user.has_perm(VIEW_REGISTRANTS)


def tallies(through=""):
    """Count expressions for registrations: confirmed, waitlisted, cancelled and attended; `through`
    names the relation when counting a page's."""
    prefix = f"{through}__" if through else ""

    def count(**where):
        return Count(through or "pk", filter=Q(**{prefix + key: value for key, value in where.items()}))

    return {
        "confirmed_count": count(status=RegistrationStatus.CONFIRMED),
        "waitlisted_count": count(status=RegistrationStatus.WAITLISTED),
        "cancelled_count": count(status=RegistrationStatus.CANCELLED),
        "attended_count": count(attended=True),
    }


def page_tallies(page):
    """The counts of one page's registrations, in one query."""
    return Registration.objects.filter(page_id=page.pk).aggregate(**tallies())


def is_over(page):
    """Whether the training has taken place: its registrations are a record, no longer a promise."""
    if isinstance(page, SessionPage):
        return page.is_past
    return bool(getattr(page, "is_finished", False))


def counts_in_words(page, confirmed, waitlisted):
    """“12 of 25 registered · 3 waiting”, as the admin shows it."""
    capacity = getattr(page, "capacity", None)
    registered = f"{confirmed} registered" if capacity is None else f"{confirmed} of {capacity} registered"
    return f"{registered} · {waitlisted} waiting" if waitlisted else registered


class Refused(Exception):
    """A staff member asked for what their permissions do not cover."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def refusal(request, message):
    """A page saying what is not allowed, with status 403. (Wagtail's own answer to a refusal is a
    redirect to the dashboard, which a download link would follow silently.)"""
    return TemplateResponse(
        request, "programs/registrations/staff/refused.html", {"message": message}, status=403
    )


def refuses(view):
    """Answer Refused with the page above."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Refused as refused:
            return refusal(request, refused.message)

    return answer


ONLY_STAFF = "Only Program staff may see registrants' names, e-mail addresses and answers, or change them."


def staff_page(request, page_id, need_registrants=False):
    """The page and whether the user sees registrants. Refused for anyone but those who may edit
    the page or see registrants, and, with `need_registrants`, for anyone but the latter."""
    page = get_object_or_404(Page, pk=page_id).specific
    full = sees_registrants(request.user)
    if need_registrants and not full:
        raise Refused(ONLY_STAFF)
    if not full and not page.permissions_for_user(request.user).can_edit():
        raise Refused("You may see the registrations only of pages you may edit.")
    return page, full


def can_use_overview(user):
    return sees_registrants(user) or PagePermissionPolicy().user_has_any_permission(
        user, ["add", "change", "publish"]
    )


class Filters:
    """The listing's and the export's search and status filter, read from the query string. Unknown
    statuses are ignored, and the search is cleaned and cut to a sensible length."""

    def __init__(self, params):
        status = params.get("status", "")
        self.status = status if status in RegistrationStatus.values else ""
        # Control characters (a NUL, which PostgreSQL refuses in text) count as spaces.
        typed = "".join(" " if ord(ch) < 32 or ord(ch) == 127 else ch for ch in params.get("q", ""))
        self.search = " ".join(typed.split())[:SEARCH_MAX]

    def apply(self, rows):
        if self.status:
            rows = rows.filter(status=self.status)
        if self.search:
            rows = rows.filter(erased_at=None).filter(
                Q(name__icontains=self.search) | Q(email__icontains=self.search)
            )
        return rows

    def query(self, **more):
        values = {"q": self.search, "status": self.status, **more}
        return urlencode({key: value for key, value in values.items() if value})


def listing_url(page, query=""):
    url = reverse("registrations_page", args=[page.pk])
    return f"{url}?{query}" if query else url


@refuses
def page_registrations(request, page_id):
    page, full = staff_page(request, page_id)
    numbers = page_tallies(page)
    context = {
        "page": page,
        "full": full,
        "numbers": numbers,
        "capacity": getattr(page, "capacity", None),
        "takes_registrations": services.takes_registrations(page),
        "active_count": numbers["confirmed_count"] + numbers["waitlisted_count"],
        "is_over": is_over(page),
        "statuses": RegistrationStatus.choices,
    }
    if full:
        filters = Filters(request.GET)
        rows = filters.apply(Registration.objects.filter(page_id=page.pk)).order_by("created_at", "pk")
        paginator = Paginator(rows, PER_PAGE)
        listing = paginator.get_page(request.GET.get("p"))
        context.update(
            {
                "filters": filters,
                "listing": listing,
                "back_query": filters.query(p=listing.number if listing.number > 1 else ""),
                "export_url": reverse("registrations_export", args=[page.pk])
                + (f"?{filters.query()}" if filters.query() else ""),
                "page_query": filters.query(),
            }
        )
    return TemplateResponse(request, "programs/registrations/staff/page.html", context)


def csv_safe(value):
    """Text a spreadsheet shows as text: a cell starting with =, +, - or @ would be read as a formula."""
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


CSV_HEADER = [
    "Name",
    "E-mail",
    "Status",
    "Organization",
    "Role",
    "Access needs",
    "Other needs",
    "Consented",
    "Registered at",
    "Attended",
]


def csv_row(registration):
    registered = timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M %Z")
    attended = "yes" if registration.attended else "no"
    status = registration.get_status_display()
    if registration.erased_at:
        return ["Erased", "", status, "", "", "", "", "", registered, attended]
    return [
        registration.name,
        registration.email,
        status,
        registration.organization,
        registration.get_role_display() if registration.role else "",
        "; ".join(registration.access_need_labels()),
        registration.access_needs_other,
        "yes" if registration.consented else "no",
        registered,
        attended,
    ]


@refuses
def export(request, page_id):
    page, full = staff_page(request, page_id, need_registrants=True)
    filters = Filters(request.GET)
    rows = list(filters.apply(Registration.objects.filter(page_id=page.pk)).order_by("created_at", "pk"))
    parts = ["registrations", page.slug, filters.status, timezone.localdate().isoformat()]
    name = "-".join(part for part in parts if part)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response["Cache-Control"] = "private, no-store"
    # Spreadsheet programs read the file as UTF-8 when it starts with a byte-order mark.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for registration in rows:
        writer.writerow([csv_safe(cell) for cell in csv_row(registration)])
    log(
        instance=page,
        action=EXPORT_ACTION,
        user=request.user,
        data={"rows": len(rows), "status": filters.status or "all", "searched": bool(filters.search)},
    )
    return response


class AttendanceForm(forms.Form):
    registration = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    attended = forms.BooleanField(required=False)
    back = forms.CharField(required=False, max_length=600)


def back_to_listing(page, back):
    """The listing with the search, filter and page the staff member was on, read again through
    Filters so that nothing else travels in the address."""
    params = QueryDict(back)
    filters = Filters(params)
    number = params.get("p", "")
    return redirect(listing_url(page, filters.query(p=number if number.isdigit() else "")))


@require_POST
@refuses
def mark_attended(request, page_id):
    page, full = staff_page(request, page_id, need_registrants=True)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That attendance could not be recorded: reload the page and try again.")
        return redirect(listing_url(page))
    registration = get_object_or_404(
        Registration, pk=form.cleaned_data["registration"], page_id=page.pk, erased_at=None
    )
    registration.attended = form.cleaned_data["attended"]
    registration.save(update_fields=["attended"])
    if registration.attended:
        messages.success(request, f"{registration.name} is marked as attended.")
    else:
        messages.success(request, f"{registration.name} is no longer marked as attended.")
    return back_to_listing(page, form.cleaned_data["back"])


@require_POST
@refuses
def cancel_all(request, page_id):
    """Cancel every registration still standing, each with its cancellation e-mail. The number the
    staff member confirmed must still be right: a sign-up that arrived meanwhile is not cancelled
    unseen."""
    page, full = staff_page(request, page_id, need_registrants=True)
    if is_over(page):
        messages.error(request, "Nothing was cancelled: this training has already taken place.")
        return redirect(listing_url(page))
    expected = request.POST.get("confirm", "")
    number = whole_number(expected, 0, 10**9)
    cancelled = services.cancel_every(page, number) if number is not None else None
    if cancelled is None:
        messages.error(
            request,
            "Nothing was cancelled: tick the box to confirm, and check the number, which may have "
            "changed since the page was shown.",
        )
        return redirect(listing_url(page))
    log(instance=page, action=CANCEL_ALL_ACTION, user=request.user, data={"rows": cancelled})
    messages.success(
        request,
        f"{cancelled} registration{'' if cancelled == 1 else 's'} cancelled; each person is told by e-mail.",
    )
    return redirect(listing_url(page))


def pages_taking_registrations():
    """Every session and series that takes registrations on this site, or still has some from before
    it stopped, with its counts: two queries."""
    with_rows = Registration.objects.values("page_id")
    taking = Q(registration_method=RegistrationMethod.ON_SITE) | Q(pk__in=with_rows)
    counted = tallies("registrations")
    series_title = TrainingSeriesPage.objects.filter(path=parent_path_expression(OuterRef("path"))).values(
        "title"
    )[:1]
    sessions = SessionPage.objects.filter(taking).annotate(**counted, series_name=Subquery(series_title))
    series = TrainingSeriesPage.objects.filter(taking).annotate(**counted)
    return [*sessions.defer_streamfields(), *series.defer_streamfields()]


def sort_moment(page):
    if isinstance(page, SessionPage):
        return page.start.date()
    return page.start_date


@refuses
def overview(request):
    if not can_use_overview(request.user):
        raise Refused("You may see registrations only if you may edit pages.")
    pages = pages_taking_registrations()
    undated = [page for page in pages if sort_moment(page) is None]
    dated = sorted((page for page in pages if sort_moment(page) is not None), key=sort_moment, reverse=True)
    listing = Paginator(dated + undated, OVERVIEW_PER_PAGE).get_page(request.GET.get("p"))
    for page in listing.object_list:
        page.counts_text = counts_in_words(page, page.confirmed_count, page.waitlisted_count)
        page.takes_registrations = services.takes_registrations(page)
    return TemplateResponse(request, "programs/registrations/staff/overview.html", {"listing": listing})
