"""Page actions for planning the next run: "Copy as next session" and "Plan the next run"."""

from django.urls import path
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from editing import views
from programs.models import SessionPage, TrainingSeriesPage


@hooks.register("register_admin_urls")
def planning_urls():
    return [
        path("sessions/<int:page_id>/copy-next/", views.copy_next_session, name="editing_copy_next_session"),
        path("series/<int:page_id>/plan-next-run/", views.plan_next_run, name="editing_plan_next_run"),
    ]


class CopyNextSessionButton(PageMenuItem):
    label = "Copy as next session"
    icon_name = "copy"
    url_name = "editing_copy_next_session"

    def is_shown(self, user):
        return (
            issubclass(self.page.specific_class, SessionPage)
            and self.page.permissions_for_user(user).can_copy()
        )


class PlanNextRunButton(PageMenuItem):
    label = "Plan the next run of this series"
    icon_name = "copy"
    url_name = "editing_plan_next_run"

    def is_shown(self, user):
        return (
            issubclass(self.page.specific_class, TrainingSeriesPage)
            and self.page.permissions_for_user(user).can_copy()
        )


@hooks.register("register_page_header_buttons")
@hooks.register("register_page_listing_more_buttons")
def planning_buttons(page, user, next_url=None, **kwargs):
    yield CopyNextSessionButton(page=page, priority=31)
    yield PlanNextRunButton(page=page, priority=32)
