"""Page actions for planning the next run ("Copy as next session", "Plan the next run") and the
dashboard's next steps."""

from datetime import timedelta

from django.urls import path, reverse_lazy
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page, WorkflowState

from programs.editing import views
from programs.models import SessionPage, TrainingSeriesPage


@hooks.register("register_admin_urls")
def planning_urls():
    return [
        path("sessions/<int:page_id>/copy-next/", views.copy_next_session, name="editing_copy_next_session"),
        path("series/<int:page_id>/plan-next-run/", views.plan_next_run, name="editing_plan_next_run"),
        path("series/<int:page_id>/submit/", views.submit_series, name="editing_submit_series"),
        path("series/<int:page_id>/approve/", views.approve_series, name="editing_approve_series"),
        path("guide/", views.guide, name="editing_guide"),
    ]


@hooks.register("register_help_menu_item")
def guide_menu_item():
    return MenuItem(
        "How to edit this site", reverse_lazy("editing_guide"), name="site-guide", icon_name="help", order=900
    )


class PlanningButton(PageMenuItem):
    """A page action shown on pages of `page_type` to users whose permissions on the page include
    `permission` (a method of Wagtail's page permission tester)."""

    page_type = Page
    permission = "can_copy"

    def is_shown(self, user):
        tester = self.page.permissions_for_user(user)
        return issubclass(self.page.specific_class, self.page_type) and getattr(tester, self.permission)()


class CopyNextSessionButton(PlanningButton):
    label = "Copy as next session"
    icon_name = "copy"
    url_name = "editing_copy_next_session"
    page_type = SessionPage


class PlanNextRunButton(PlanningButton):
    label = "Plan the next run of this series"
    icon_name = "copy"
    url_name = "editing_plan_next_run"
    page_type = TrainingSeriesPage


class SubmitSeriesButton(PlanningButton):
    label = "Submit with its sessions for moderation"
    icon_name = "resubmit"
    url_name = "editing_submit_series"
    page_type = TrainingSeriesPage
    permission = "can_edit"


class ApproveSeriesButton(PlanningButton):
    label = "Approve with its sessions"
    icon_name = "success"
    url_name = "editing_approve_series"
    page_type = TrainingSeriesPage
    permission = "can_publish"


@hooks.register("register_page_header_buttons")
@hooks.register("register_page_listing_more_buttons")
def planning_buttons(page, user, next_url=None, **kwargs):
    yield CopyNextSessionButton(page=page, priority=31)
    yield PlanNextRunButton(page=page, priority=32)
    yield SubmitSeriesButton(page=page, priority=33)
    yield ApproveSeriesButton(page=page, priority=34)


class NextStepsPanel(Component):
    """On the dashboard: the editor's own drafts not yet sent for moderation, sessions of the
    next two weeks that are still not published, and the link to the editors' guide."""

    name = "next_steps"
    template_name = "editing/next_steps_panel.html"
    order = 50
    LIMIT = 8
    SOON = timedelta(days=14)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        # Wagtail keeps the ids of objects in moderation as text.
        in_moderation = [
            int(object_id)
            for object_id in WorkflowState.objects.filter(
                status=WorkflowState.STATUS_IN_PROGRESS
            ).values_list("object_id", flat=True)
            if object_id.isdigit()
        ]
        now = timezone.now()
        drafts = Page.objects.filter(owner=user, has_unpublished_changes=True).exclude(pk__in=in_moderation)
        context["drafts"] = list(drafts.order_by("-latest_revision_created_at")[: self.LIMIT])
        soon = SessionPage.objects.filter(live=False, start__gte=now, start__lte=now + self.SOON)
        context["unpublished_soon"] = list(soon.order_by("start")[: self.LIMIT])
        return context


@hooks.register("construct_homepage_panels")
def next_steps_panel(request, panels):
    panels.append(NextStepsPanel())
