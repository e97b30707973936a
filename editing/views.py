"""Admin views: page creation made safe against autosave racing the save buttons, a copy that
proposes its slug, and the two planning actions (editing/copying.py).

The page create view:

Wagtail's autosave creates the page in the background about a second after the first edit. The
form only switches to the new page's edit address when that request answers, so a click on Save
draft, Publish or Submit while it is under way sends the whole form to the create address a second
time. Wagtail then either refuses the slug (the autosaved page holds it) or, with another slug,
creates a second page beside the autosaved one.

Here each create form carries a token (`PageCreation`), and requests from one form take turns:

- a submission from a form whose page autosave already created replaces that draft with the full
  submission, so the page exists once, with the editor's slug and the button's action;
- a late autosave from a form whose page a button already created changes nothing;
- a second submission of a form that a button already saved leads to that page's editor.
"""

import uuid
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin import messages
from wagtail.admin.forms.pages import CopyForm
from wagtail.admin.views.pages.copy import CopyView as WagtailCopyView
from wagtail.admin.views.pages.create import CreateView
from wagtail.models import Page, PageLogEntry

from editing.copying import ProposedSlugCopyForm, copy_as_next_session, next_session_interval
from editing.copying import plan_next_run as plan_series_run
from editing.forms import INTERVALS, PlanNextRunForm
from editing.models import PageCreation
from programs.models import SessionPage, TrainingSeriesPage

TOKEN_FIELD = "creation_token"  # noqa: S105 (a form field's name)
# A form's requests overlap for seconds; a day is far longer than any form stays open unsaved.
KEEP_RECORDS = timedelta(days=1)


class CreatePageView(CreateView):
    template_name = "editing/create_page.html"

    @cached_property
    def posted_token(self):
        try:
            return uuid.UUID(self.request.POST.get(TOKEN_FIELD, ""))
        except ValueError:
            return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A form shown again after an error keeps its token, so a later save still finds its page.
        context["creation_token"] = self.posted_token or uuid.uuid4()
        context["creation_token_field"] = TOKEN_FIELD
        return context

    def post(self, request):
        if self.posted_token is None:
            return super().post(request)
        with transaction.atomic():
            # Requests that create pages under this parent take turns (on SQLite each transaction
            # already holds the write lock), so the second request of a form sees what the first made.
            Page.objects.select_for_update().filter(pk=self.parent_page.pk).values_list("pk").first()
            self.parent_page.refresh_from_db()
            earlier = PageCreation.objects.filter(token=self.posted_token).select_related("page").first()
            if earlier and earlier.user_id != request.user.pk:
                # Not this user's form: create as usual and keep no record for it.
                return super().post(request)
            if earlier and not earlier.by_autosave:
                return self.already_created(earlier.page)

            savepoint = transaction.savepoint()
            if earlier:
                self.discard_autosaved_draft(earlier.page)
            response = super().post(request)
            if self.page.pk is None:
                # Not saved (the form had errors): the autosaved draft stays until the next save.
                transaction.savepoint_rollback(savepoint)
            else:
                transaction.savepoint_commit(savepoint)
                PageCreation.objects.filter(created_at__lt=timezone.now() - KEEP_RECORDS).delete()
                PageCreation.objects.create(
                    token=self.posted_token,
                    page=self.page,
                    user=request.user,
                    by_autosave=self.expects_json_response,
                )
            return response

    def discard_autosaved_draft(self, page):
        """Remove the draft autosave made from this same form, and its history, which only
        recorded the form's earlier state; the submission being handled now takes its place."""
        page_id = page.pk
        page.specific.delete()
        PageLogEntry.objects.filter(page_id=page_id).delete()
        self.parent_page.refresh_from_db()

    def already_created(self, page):
        if self.expects_json_response:
            return self.json_error_response(
                "invalid_revision", "This page has already been saved. Reload it to keep editing."
            )
        messages.info(
            self.request,
            f"'{page.get_admin_display_title()}' was already saved from this form; here it is.",
        )
        return redirect("wagtailadmin_pages:edit", page.pk)


class CopyPageView(WagtailCopyView):
    """Wagtail's copy, proposing the copy's slug from its new title (see ProposedSlugCopyForm)."""

    def get_form_class(self):
        form_class = super().get_form_class()
        if form_class is CopyForm:
            return ProposedSlugCopyForm
        return form_class


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
