"""Admin views for the planning actions (programs/editing/copying.py): copy a session as the next
one, plan the next run of a series, and submit a series with its sessions for moderation."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.admin import messages
from wagtail.models import Page

from programs.editing.copying import copy_as_next_session, next_session_interval
from programs.editing.copying import plan_next_run as plan_series_run
from programs.editing.forms import INTERVALS, PlanNextRunForm
from programs.models import SessionPage, TrainingSeriesPage


def planning_page(request, page_id, model):
    page = get_object_or_404(Page, pk=page_id)
    if not issubclass(page.specific_class, model):
        raise Http404
    if not page.permissions_for_user(request.user).can_copy():
        raise PermissionDenied
    return page.specific


def copy_next_session(request, page_id):
    session = planning_page(request, page_id, SessionPage)
    interval = next_session_interval(session)
    if request.method == "POST":
        copy = copy_as_next_session(session, request.user)
        messages.success(request, f"Draft of the next session made for {copy.local_start:%A %-d %B %Y}.")
        return redirect("wagtailadmin_pages:edit", copy.pk)
    return TemplateResponse(
        request,
        "editing/copy_next_session.html",
        {
            "page": session,
            "interval": interval,
            "next_start": interval.after(session.local_start),
            "from_cadence": session.get_parent().specific.cadence,
        },
    )


def plan_next_run(request, page_id):
    series = planning_page(request, page_id, TrainingSeriesPage)
    form = PlanNextRunForm(request.POST or None, initial={"title": series.title})
    if request.method == "POST" and form.is_valid():
        copy = plan_series_run(
            series, INTERVALS[form.cleaned_data["interval"]], form.cleaned_data["title"], request.user
        )
        messages.success(request, f"'{copy.title}' and its sessions are drafts, ready to check and publish.")
        return redirect("wagtailadmin_pages:edit", copy.pk)
    return TemplateResponse(
        request,
        "editing/plan_next_run.html",
        {"page": series, "form": form, "sessions": SessionPage.objects.child_of(series).order_by("start")},
    )


def drafts_to_submit(series, user):
    """The series and its sessions that have unpublished changes, are not already in moderation,
    and that `user` may submit."""
    pages = [series, *SessionPage.objects.child_of(series).order_by("start")]
    return [
        page
        for page in pages
        if page.has_unpublished_changes
        and not page.workflow_in_progress
        and page.permissions_for_user(user).can_submit_for_moderation()
    ]


def submit_series(request, page_id):
    series = get_object_or_404(Page, pk=page_id)
    if not issubclass(series.specific_class, TrainingSeriesPage):
        raise Http404
    series = series.specific
    if not series.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    workflow = series.get_workflow()
    pages = drafts_to_submit(series, request.user)
    if request.method == "POST" and workflow is not None:
        with transaction.atomic():
            for page in pages:
                page.get_workflow().start(page, request.user)
        messages.success(
            request, f"{len(pages)} page{'s' if len(pages) != 1 else ''} submitted for moderation."
        )
        return redirect("wagtailadmin_explore", series.pk)
    return TemplateResponse(
        request, "editing/submit_series.html", {"page": series, "pages": pages, "workflow": workflow}
    )


def guide(request):
    """The editors' guide, linked from the Help menu and the dashboard."""
    return TemplateResponse(request, "editing/guide.html")
