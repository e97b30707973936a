"""The session's presenters panel, with a way to add a presenter without losing the session."""

from django.urls import reverse
from wagtail.admin.panels import InlinePanel


def add_presenter_url(user):
    """The address of a new presenter's form under the presenters list, or None when the site has
    no presenters list or `user` may not add pages to it."""
    from programs.models import PresenterIndexPage

    index = PresenterIndexPage.objects.order_by("path").first()
    if index is None or not index.permissions_for_user(user).can_add_subpage():
        return None
    return reverse("wagtailadmin_pages:add", args=("programs", "presenterpage", index.pk))


class PresenterPanel(InlinePanel):
    """Wagtail's page chooser cannot create a page, so the panel links to a new presenter's form,
    which opens in a new tab and leaves the session's form as it is."""

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "editing/presenter_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["add_presenter_url"] = add_presenter_url(self.request.user)
            return context
