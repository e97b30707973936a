"""Behaviour program pages share."""

import zoneinfo

from django.apps import apps
from django.conf import settings

from .choices import BrandColour


class InTrainingListMixin:
    """For pages inside a training list (series and their sessions), which link the organizations
    they name to the list's pages of organizations."""

    def training_list(self):
        """The training list this page sits in, from its breadcrumbs (no query of its own), or None."""
        # Looked up by name: the training list's module imports the modules of the pages under it.
        index_model = apps.get_model("programs", "TrainingIndexPage")
        return next((page for page in self.breadcrumbs() if page.specific_class is index_model), None)

    def organizations_url(self, request=None):
        """The address of the training list's page of partner organizations, which an organization's
        slug follows to make its own page's address; empty outside a training list."""
        index = self.training_list()
        url = index.get_url(request) if index is not None else None
        if not url:
            return ""
        index_model = apps.get_model("programs", "TrainingIndexPage")
        return url + index_model.get_resolver().reverse("organizations")


class TimeZoneMixin:
    """For pages with a `time_zone` field: the zone itself (the site's if the stored name is unknown)."""

    @property
    def zone(self):
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(settings.TIME_ZONE)


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
        # Search results are given the names alone, from a site-wide read (attach_loaded_series).
        if "_host_names" in self.__dict__:
            return self._host_names
        return [organization.name for organization in self.hosts()]

    @property
    def tone(self):
        hosts = self.hosts()
        return hosts[0].brand_colour if hosts else BrandColour.BLUE
