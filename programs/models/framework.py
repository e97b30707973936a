"""The developmental framework: levels of leadership a series can be tied to."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES, BodyBlock

from .mixins import BreadcrumbMixin
from .querysets import attach_next_sessions


class FrameworkPage(BreadcrumbMixin, Page):
    """The framework's introduction, followed by its levels in order."""

    intro = models.TextField(
        blank=True,
        help_text="A sentence or two on what the framework is and how people move through it.",
    )
    body = StreamField(BodyBlock(), blank=True, help_text="Anything more to say below the list of levels.")

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["programs.FrameworkLevelPage"]

    class Meta:
        verbose_name = "framework"

    def levels(self):
        """Published, public levels of this framework, by number."""
        return FrameworkLevelPage.objects.child_of(self).live().public().order_by("number", "title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["levels"] = list(self.levels())
        return context


class FrameworkLevelPage(BreadcrumbMixin, Page):
    """One level of the framework. The page title is the level's name, e.g. “Self Exposure”."""

    number = models.PositiveSmallIntegerField(
        default=1, help_text="The level's number. Levels are listed from the lowest number up."
    )
    summary = models.TextField(
        blank=True, help_text="One or two sentences describing what leaders do at this level."
    )
    audience = models.TextField(
        "who it is for", blank=True, help_text="Who this level is for, e.g. “Members new to equity work”."
    )
    support = RichTextField(
        "support offered",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="What we offer at this level: training, coaching, funding, technical help.",
    )
    body = StreamField(BodyBlock(), blank=True, help_text="Anything more about this level.")

    content_panels = Page.content_panels + [
        FieldPanel("number"),
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("support"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("audience"),
        index.SearchField("support"),
        index.SearchField("body"),
        index.FilterField("number"),
    ]

    parent_page_types = ["programs.FrameworkPage"]
    subpage_types = []

    class Meta:
        verbose_name = "framework level"

    @property
    def label(self):
        """“Level 1: Self Exposure”."""
        return f"Level {self.number}: {self.title}"

    def series(self):
        """Published, public series tied to this level, newest first."""
        from .series import TrainingSeriesPage

        return (
            TrainingSeriesPage.objects.live()
            .public()
            .filter(framework_level=self)
            .for_listing()
            .order_by("-start_date", "title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["series_list"] = attach_next_sessions(self.series())
        return context

    def add_urls_showing_this(self, batch):
        """For a caching proxy (home/proxy_purge.py): series and sessions tied to this level name
        it, on their pages and on their cards wherever those are listed."""
        from home.proxy_purge import add_page

        from .series import TrainingSeriesPage
        from .sessions import SessionPage

        for model in (TrainingSeriesPage, SessionPage):
            for page in model.objects.live().filter(framework_level=self):
                add_page(batch, page)
