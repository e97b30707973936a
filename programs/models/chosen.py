"""Training series editors choose to show on other pages, in the editors' order."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import PageChooserPanel
from wagtail.models import Orderable


class ChosenSeries(Orderable):
    """A training series an editor chose to show on a page, in the editor's order. Each page type
    that offers series keeps its own table of them, with its `page`."""

    series = models.ForeignKey(
        "programs.TrainingSeriesPage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A training series to show here. Drafts and private series are never shown.",
    )

    panels = [PageChooserPanel("series", "programs.TrainingSeriesPage")]

    class Meta(Orderable.Meta):
        abstract = True


class HomePageFeaturedSeries(ChosenSeries):
    """A training series the editors chose to feature on the home page. It lives with the series so
    that the home page, which the programs build on, needs to know nothing of them."""

    page = ParentalKey("home.HomePage", on_delete=models.CASCADE, related_name="featured_series")
