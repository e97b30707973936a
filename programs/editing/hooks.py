"""Page actions for planning the next run ("Copy as next session", "Plan the next run") and the
dashboard's next steps."""

from datetime import datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page, TaskState, WorkflowState

from programs.editing import views
from programs.models import SessionPage, TrainingIndexPage, TrainingSeriesPage
from programs.models.querysets import children_of_outer_page


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


def month_bounds(now):
    """The first moment of the month `now` is in, in the site's time zone, and of the next month."""
    first = timezone.localdate(now).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    zone = timezone.get_current_timezone()
    return tuple(timezone.make_aware(datetime.combine(day, time.min), zone) for day in (first, following))


def sessions_in_month(now):
    start, end = month_bounds(now)
    return SessionPage.objects.filter(start__gte=start, start__lt=end)


def active_series(now, recent):
    """Series with a session to come or held in the last `recent`, or edited in that time: those a
    new session is most likely added to. Soonest next session first, then the latest edited."""
    since = now - recent
    sessions = SessionPage.objects.filter(depth=OuterRef("depth") + 1, **children_of_outer_page())
    next_start = sessions.filter(start__gte=now).order_by("start").values("start")[:1]
    return (
        TrainingSeriesPage.objects.annotate(
            active=Exists(sessions.filter(start__gte=since)), next_start=Subquery(next_start)
        )
        .filter(Q(active=True) | Q(latest_revision_created_at__gte=since))
        .order_by(F("next_start").asc(nulls_last=True), "-latest_revision_created_at", "pk")
    )


def pages_waiting_for_review(user, limit):
    """(how many pages wait for `user`'s review, the first `limit` of them, longest waiting first)."""
    page_type = ContentType.objects.get_for_model(Page)
    states = TaskState.objects.reviewable_by(user).filter(workflow_state__base_content_type=page_type)
    count = states.count()
    if not count:
        return 0, []
    ids = [
        int(object_id)
        for object_id in states.order_by("started_at").values_list("workflow_state__object_id", flat=True)[
            :limit
        ]
    ]
    pages = Page.objects.in_bulk(ids)
    return count, [pages[page_id] for page_id in ids if page_id in pages]


class NextStepsPanel(Component):
    """On the dashboard: links to add a series or a session to an active series, this month's
    sessions, the drafts waiting for the user's review, the editor's own drafts not yet sent for
    moderation, sessions of the next two weeks that are still not published, and the link to the
    editors' guide. Each is one or a few queries, whatever the number of pages."""

    name = "next_steps"
    template_name = "editing/next_steps_panel.html"
    order = 50
    LIMIT = 8
    SERIES_LIMIT = 3
    SOON = timedelta(days=14)
    RECENT = timedelta(days=30)

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

        index = TrainingIndexPage.objects.order_by("path").first()
        if index is not None and index.permissions_for_user(user).can_add_subpage():
            context["add_series_url"] = reverse(
                "wagtailadmin_pages:add", args=("programs", "trainingseriespage", index.pk)
            )
        context["add_session_to"] = [
            (series, reverse("wagtailadmin_pages:add", args=("programs", "sessionpage", series.pk)))
            for series in active_series(now, self.RECENT)[: self.SERIES_LIMIT]
            if series.permissions_for_user(user).can_add_subpage()
        ]
        context["sessions_this_month"] = sessions_in_month(now).count()
        context["this_month"] = timezone.localtime(now)
        context["sessions_this_month_url"] = reverse("programs_sessionpage_modeladmin_index") + "?when=month"
        context["review_count"], context["review"] = pages_waiting_for_review(user, self.LIMIT)
        return context


@hooks.register("construct_homepage_panels")
def next_steps_panel(request, panels):
    panels.append(NextStepsPanel())
