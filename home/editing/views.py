"""Admin views: page creation made safe against autosave racing the save buttons, a copy that
proposes its slug, and a confirmation after a moderator approves from the dashboard.

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

from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin import messages
from wagtail.admin.forms.pages import CopyForm
from wagtail.admin.views.pages.copy import CopyView as WagtailCopyView
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page, PageLogEntry, TaskState

from home.models import PageCreation
from home.slugs import unique_slug

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


class ProposedSlugCopyForm(CopyForm):
    """Wagtail's copy form, proposing the copy's slug from its new title instead of keeping the
    original's, which is always taken beside it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        slug = self.fields["new_slug"]
        slug.required = False
        slug.initial = ""
        slug.help_text = "Leave blank to make it from the new title."

    def clean(self):
        data = self.cleaned_data
        title, slug = data.get("new_title"), data.get("new_slug")
        parent = data.get("new_parent_page") or self.page.get_parent()
        siblings = parent.get_children()
        if title and not slug:
            data["new_slug"] = unique_slug(title, siblings, fallback="copy")
        return super().clean()


wagtail_workflow_action = page_viewset_registry.as_view("workflow_action", page_id_kwarg="page_id")


def workflow_action(request, page_id, action_name, task_state_id):
    """Wagtail's approve and request-changes actions of the dashboard's "Awaiting your review", with
    a message saying what happened: Wagtail's own view goes back to the dashboard without one.
    The message reports what the database holds afterwards, not what was asked."""
    before = TaskState.objects.filter(pk=task_state_id).values_list("status", flat=True).first()
    response = wagtail_workflow_action(
        request, page_id=page_id, action_name=action_name, task_state_id=task_state_id
    )
    if request.method == "POST" and before == TaskState.STATUS_IN_PROGRESS:
        after = TaskState.objects.filter(pk=task_state_id).values_list("status", flat=True).first()
        if after in (TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED):
            messages.success(request, workflow_outcome(Page.objects.get(pk=page_id), after))
    return response


def workflow_outcome(page, status):
    title = page.get_admin_display_title()
    if status == TaskState.STATUS_REJECTED:
        return f"Changes were requested on “{title}”."
    if page.live and not page.has_unpublished_changes and not page.workflow_in_progress:
        return f"“{title}” was approved and published."
    return f"“{title}” was approved; it goes on to its next review."
