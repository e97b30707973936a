"""Behaviour every program page shares."""

from home.breadcrumbs import trail

from .choices import BrandColour


class BreadcrumbMixin:
    """Adds `crumbs`, the page's ancestors from the home page down, from one query."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["crumbs"] = trail(self)
        return context

    def organizations_url(self, crumbs, request, levels_up):
        """Where organization pages live: under the training list this page sits in."""
        index = next((crumb for crumb in crumbs if crumb.depth == self.depth - levels_up), None)
        url = index.get_url(request) if index else None
        return f"{url}organizations/" if url else ""


class FormatMixin:
    """For pages with a `format` field: its CSS-friendly slug and its label."""

    @property
    def format_slug(self):
        return self.format.replace("_", "-")

    @property
    def format_label(self):
        return self.get_format_display()


class HostedMixin:
    """For pages with `hosts()`, the organizations that run them: their names, and the brand colour
    of the first, which the page's cards are drawn in (blue without one)."""

    @property
    def host_names(self):
        return [organization.name for organization in self.hosts()]

    @property
    def tone(self):
        hosts = self.hosts()
        return hosts[0].brand_colour if hosts else BrandColour.BLUE
