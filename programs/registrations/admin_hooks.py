"""Where registrations appear in the admin: the Registrations menu item and its URLs, the
"Registrations" action on sessions and series with their counts, the entries written to a page's
history, and the guard on deleting pages with registrations. Imported by programs/wagtail_hooks.py."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter

from programs.models import Registration, SessionPage, TrainingSeriesPage
from programs.registrations import deletion, services, staff


@hooks.register("register_admin_urls")
def registration_urls():
    return [
        path("registrations/", staff.overview, name="registrations_overview"),
        path("registrations/<int:page_id>/", staff.page_registrations, name="registrations_page"),
        path("registrations/<int:page_id>/export/", staff.export, name="registrations_export"),
        path("registrations/<int:page_id>/attended/", staff.mark_attended, name="registrations_attended"),
        path("registrations/<int:page_id>/cancel-all/", staff.cancel_all, name="registrations_cancel_all"),
    ]


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return staff.can_use_overview(request.user)


@hooks.register("register_admin_menu_item")
def registrations_menu_item():
    return RegistrationsMenuItem(
        "Registrations", reverse("registrations_overview"), name="registrations", icon_name="group", order=215
    )


class RegistrationsButton(PageMenuItem):
    """A session's or series' registrations, with its counts in the page header."""

    icon_name = "group"
    url_name = "registrations_page"

    def __init__(self, *args, counted=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.counted = counted

    def is_shown(self, user):
        page = self.page
        if not isinstance(page, SessionPage | TrainingSeriesPage):
            return False
        if not (staff.sees_registrants(user) or page.permissions_for_user(user).can_edit()):
            return False
        if services.takes_registrations(page):
            return True
        # A page that stopped taking registrations here still shows the ones it has.
        return self.counted and Registration.objects.filter(page_id=page.pk).exists()

    @cached_property
    def label(self):
        if not self.counted:
            return "Registrations"
        confirmed, waitlisted = services.counts(self.page)
        return f"Registrations: {staff.counts_in_words(self.page, confirmed, waitlisted)}"


@hooks.register("register_page_header_buttons")
def registrations_header_button(page, user, next_url=None, **kwargs):
    yield RegistrationsButton(page=page, priority=30, counted=True)


@hooks.register("register_page_listing_more_buttons")
def registrations_listing_button(page, user, next_url=None, **kwargs):
    # No counts here: one query per row of a listing.
    yield RegistrationsButton(page=page, priority=30)


class CountedRows(LogFormatter):
    verb = ""

    def format_message(self, log_entry):
        rows = (log_entry.data or {}).get("rows", 0)
        return self.verb.format(rows=rows, s="" if rows == 1 else "s")


@hooks.register("register_log_actions")
def registration_log_actions(actions):
    @actions.register_action(staff.EXPORT_ACTION)
    class Exported(CountedRows):
        label = "Export registrations"
        verb = "Exported {rows} registration{s} as a CSV file"

        def format_message(self, log_entry):
            message = super().format_message(log_entry)
            status = (log_entry.data or {}).get("status", "all")
            return message if status == "all" else f"{message} (status: {status})"

    @actions.register_action(staff.CANCEL_ALL_ACTION)
    class CancelledAll(CountedRows):
        label = "Cancel every registration"
        verb = "Cancelled {rows} registration{s}; each person was told by e-mail"

    @actions.register_action(deletion.DELETE_ACTION)
    class Deleted(CountedRows):
        label = "Delete registrations with the page"
        verb = "Deleted {rows} registration record{s} with the page"


hooks.register("before_delete_page", deletion.before_delete_page)
hooks.register("before_bulk_action", deletion.before_bulk_delete)
