"""Admin areas for programs: the Sessions listing across every series, and the program snippets."""

from django.contrib import messages
from django.contrib.admin import SimpleListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import IndexView

from home.numbers import whole_number

# The planning actions (copy as next session, plan the next run, submit a series with its sessions)
# and the dashboard's next steps register their hooks when imported.
from programs.editing import hooks as editing_hooks  # noqa: F401
from programs.editing.hooks import month_bounds
from programs.home_page import add_to_home_page
from programs.models import Organization, SessionPage, Status, Testimonial, TrainingSeriesPage
from programs.models.querysets import parent_path_expression

# The registrations' menu item, page actions, history entries and delete guard.
from programs.registrations import admin_hooks as registration_hooks  # noqa: F401

# The registration form's view, which the pages' `register/` route asks for through a hook.
from programs.registrations import views as registration_views  # noqa: F401
from programs.registrations.services import takes_registrations
from programs.registrations.staff import counts_in_words, tallies

hooks.register("home_page_context", add_to_home_page)


class SeriesFilter(SimpleListFilter):
    title = "series"
    parameter_name = "series"

    def lookups(self, request, model_admin):
        return [(str(series.pk), series.title) for series in TrainingSeriesPage.objects.order_by("title")]

    def queryset(self, request, queryset):
        series_id = whole_number(self.value(), 1, 2**63 - 1)
        if series_id is None:
            return queryset
        series = TrainingSeriesPage.objects.filter(pk=series_id).first()
        if series is None:
            return queryset.none()
        return queryset.child_of(series)


class WhenFilter(SimpleListFilter):
    title = "upcoming or past"
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", "Upcoming"), ("month", "This month"), ("past", "Past")]

    def queryset(self, request, queryset):
        # The listing's own ordering is applied after the filters, so theirs does not matter.
        if self.value() == "month":
            start, end = month_bounds(timezone.now())
            return queryset.filter(start__gte=start, start__lt=end)
        if self.value() == "upcoming":
            return queryset.upcoming()
        if self.value() == "past":
            return queryset.past()
        return queryset


@hooks.register("insert_global_admin_css")
def session_status_css():
    return format_html('<link rel="stylesheet" href="{}">', static("programs/admin.css"))


class SessionIndexView(IndexView):
    """The listing, which answers an address with a filter it does not know (an old bookmark, a
    mistyped link) with every session and a note, instead of an error page."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            messages.warning(request, "That filter is not available, so every session is listed.")
            return redirect(self.index_url)


class SessionAdmin(ModelAdmin):
    """Every session across every series, newest first."""

    model = SessionPage
    index_view_class = SessionIndexView
    menu_label = "Sessions"
    menu_icon = "date"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ("title", "series_name", "when", "status_marker", "format", "registrations", "live")
    list_filter = (SeriesFilter, WhenFilter, "status", "format")
    search_fields = ("title",)
    ordering = ("-start",)
    list_per_page = 50

    def get_queryset(self, request):
        series_title = TrainingSeriesPage.objects.filter(
            path=parent_path_expression(OuterRef("path"))
        ).values("title")[:1]
        counted = tallies("registrations")
        return (
            super()
            .get_queryset(request)
            .annotate(
                series_name=Subquery(series_title),
                confirmed_count=counted["confirmed_count"],
                waitlisted_count=counted["waitlisted_count"],
            )
        )

    def series_name(self, obj):
        return obj.series_name or "—"

    series_name.short_description = "Series"
    series_name.admin_order_field = "series_name"

    def when(self, obj):
        if obj.is_all_day or obj.date_to_be_confirmed or obj.date_label:
            return obj.date_display
        start = obj.local_start
        return f"{dateformat.format(start, 'M j, Y, g:i a')} {start.tzname()}"

    when.short_description = "Date"
    when.admin_order_field = "start"

    def status_marker(self, obj):
        if obj.status == Status.SCHEDULED:
            return obj.get_status_display()
        return format_html(
            '<strong class="session-status session-status--{}">{}</strong>',
            obj.status,
            obj.get_status_display().upper(),
        )

    status_marker.short_description = "Status"
    status_marker.admin_order_field = "status"

    def registrations(self, obj):
        """Registered, seats and waitlist, linked to the session's registrations, for sessions that
        take them on this site (or still have some)."""
        if not takes_registrations(obj) and not (obj.confirmed_count or obj.waitlisted_count):
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("registrations_page", args=[obj.pk]),
            counts_in_words(obj, obj.confirmed_count, obj.waitlisted_count),
        )

    registrations.short_description = "Registrations"


modeladmin_register(SessionAdmin)


class OrganizationQuickForm(WagtailAdminModelForm):
    website = Organization._meta.get_field("website").formfield(assume_scheme="https")

    class Meta:
        model = Organization
        fields = ["name", "website", "description"]


class OrganizationChooserViewSet(SnippetChooserViewSet):
    """The organization chooser also offers a short form, so that an editor who does not find a
    partner can add it without leaving the page (shown to those allowed to add organizations)."""

    creation_form_class = OrganizationQuickForm
    create_action_label = "Add organization"


class OrganizationViewSet(SnippetViewSet):
    model = Organization
    icon = "group"
    chooser_viewset_class = OrganizationChooserViewSet
    list_display = ["name", "website"]
    search_fields = ["name", "description"]
    ordering = ["name"]


class TestimonialViewSet(SnippetViewSet):
    model = Testimonial
    icon = "openquote"
    list_display = ["__str__", "person_name", "organization"]
    list_filter = ["organization"]
    search_fields = ["quote", "person_name"]


class ProgramSnippets(SnippetViewSetGroup):
    menu_label = "Partners & quotes"
    menu_icon = "group"
    menu_order = 220
    items = (OrganizationViewSet, TestimonialViewSet)


register_snippet(ProgramSnippets)
