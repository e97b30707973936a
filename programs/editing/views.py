"""Admin views for the planning actions (programs/editing/copying.py): copy a session as the next
one, plan the next run of a series, submit a series with its sessions for moderation, and approve
them in one step."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.admin import messages
from wagtail.models import Page, TaskState, WorkflowState

from programs.editing.copying import copy_as_next_session, next_session_interval, registration_links
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
    links = registration_links(series)
    if request.method == "POST" and form.is_valid():
        copy = plan_series_run(
            series, INTERVALS[form.cleaned_data["interval"]], form.cleaned_data["title"], request.user
        )
        text = f"'{copy.title}' and its sessions are drafts, ready to check and publish."
        if links:
            text += " Add the new run's registration link under Registration: the old run's was left out."
        messages.success(request, text)
        return redirect("wagtailadmin_pages:edit", copy.pk)
    return TemplateResponse(
        request,
        "editing/plan_next_run.html",
        {
            "page": series,
            "form": form,
            "sessions": SessionPage.objects.child_of(series).order_by("start"),
            "registration_links": links,
        },
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


@dataclass
class Approval:
    """A page in moderation whose current task a moderator may approve, and whether approving it
    ends its workflow and publishes it (the workflow's last task) or moves it to the next task."""

    page: Page
    task_state: TaskState
    publishes: bool


def pages_to_approve(series, user):
    """The series and its sessions in moderation whose current task `user` may approve, the series
    first so that it is live before its sessions."""
    approvals = []
    for page in [series, *SessionPage.objects.child_of(series).order_by("start")]:
        workflow_state = page.current_workflow_state
        if workflow_state is None or workflow_state.status != WorkflowState.STATUS_IN_PROGRESS:
            continue
        task_state = workflow_state.current_task_state
        if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
            continue
        task_state = task_state.specific
        actions = task_state.task.specific.get_actions(page, user)
        if any(name == "approve" for name, _label, _needs_form in actions):
            approvals.append(Approval(page, task_state, workflow_state.is_at_final_task))
    return approvals


def approve_series(request, page_id):
    """Approve the current moderation task of the series and of each of its sessions in one step,
    after a page that lists them. Only the pages listed on that page are approved: one submitted
    again in between waits for its own review."""
    series = get_object_or_404(Page, pk=page_id)
    if not issubclass(series.specific_class, TrainingSeriesPage):
        raise Http404
    series = series.specific
    if not series.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    approvals = pages_to_approve(series, request.user)
    if request.method == "POST":
        confirmed = set(request.POST.getlist("task_state"))
        chosen = [approval for approval in approvals if str(approval.task_state.pk) in confirmed]
        with transaction.atomic():
            # Another moderator may have approved some meanwhile: those still waiting, locked.
            waiting = set(
                TaskState.objects.select_for_update()
                .filter(pk__in=[approval.task_state.pk for approval in chosen])
                .filter(status=TaskState.STATUS_IN_PROGRESS)
                .values_list("pk", flat=True)
            )
            chosen = [approval for approval in chosen if approval.task_state.pk in waiting]
            for approval in chosen:
                approval.task_state.task.specific.on_action(approval.task_state, request.user, "approve")
        published = sum(approval.publishes for approval in chosen)
        if chosen:
            text = f"{len(chosen)} page{'s' if len(chosen) != 1 else ''} approved"
            if published == len(chosen):
                text += " and published."
            else:
                text += f"; {published} published, the others moved on to their next review."
            messages.success(request, text)
        else:
            messages.warning(request, "Nothing was approved: those pages no longer wait for your review.")
        return redirect("wagtailadmin_explore", series.pk)
    return TemplateResponse(request, "editing/approve_series.html", {"page": series, "approvals": approvals})


def guide(request):
    """The editors' guide, linked from the Help menu and the dashboard."""
    return TemplateResponse(request, "editing/guide.html")
