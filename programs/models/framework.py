"""The developmental framework: levels of leadership a series can be tied to."""

import re

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES, BodyBlock, visible_text
from home.pages import BasePage
from home.proxy_purge import add_page
from home.site_reads import SitePageManager
from programs.forms import FrameworkLevelPageForm

from .querysets import attach_next_sessions


class FrameworkPage(BasePage):
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

    shows_breadcrumbs = True

    class Meta:
        verbose_name = "framework"

    @property
    def listing_summary(self):
        return self.intro

    def search_texts(self):
        return [self.intro, self.search_description, visible_text(self.body)]

    def levels(self):
        """Published, public levels of this framework, by number."""
        return FrameworkLevelPage.objects.child_of(self).live().public().order_by("number", "title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["levels"] = list(self.levels())
        return context


NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def number_word(number):
    return NUMBER_WORDS[number] if 0 <= number < len(NUMBER_WORDS) else str(number)


class FrameworkLevelPage(BasePage):
    """One level of the framework. Its title names the number and the level, e.g. “Level 1: Self
    Exposure”, so that browser tabs, links and search results all say which level it is."""

    objects = SitePageManager()

    number = models.PositiveSmallIntegerField(
        default=1,
        help_text="The level's number. Levels are listed from the lowest number up, and the title "
        "must name it, e.g. “Level 3: Organization Application”.",
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
        # Found as “level 3” and as “level three”.
        index.SearchField("number_words"),
        index.FilterField("number"),
    ]

    base_form_class = FrameworkLevelPageForm
    parent_page_types = ["programs.FrameworkPage"]
    subpage_types = []

    shows_breadcrumbs = True

    class Meta:
        verbose_name = "framework level"

    @property
    def listing_summary(self):
        return self.summary

    def search_texts(self):
        return [self.summary, self.search_description, self.audience, self.support, visible_text(self.body)]

    def names_its_number(self, title, number=None):
        number = self.number if number is None else number
        pattern = rf"\blevel\s+({number}|{number_word(number)})\b"
        return re.search(pattern, title or "", re.IGNORECASE) is not None

    @property
    def label(self):
        """The title, which names the level's number (older titles without it get it added)."""
        return self.title if self.names_its_number(self.title) else f"Level {self.number}: {self.title}"

    @property
    def number_words(self):
        return f"Level {self.number} Level {number_word(self.number)}"

    def neighbours(self):
        """(previous level, next level, highest level number) among the published, public levels of
        the same framework, in one query."""
        # Siblings share this page's ancestors, so only a restriction on a level itself can hide it
        # from someone who may read this page: tested in the same query rather than by `.public()`,
        # which reads every restriction of the site first.
        levels = list(
            FrameworkLevelPage.objects.sibling_of(self, inclusive=True)
            .live()
            .filter(view_restrictions__isnull=True)
            .order_by("number", "title")
            .only("title", "number", "url_path", "path", "depth")
        )
        # “Level 3 of 4”: the highest number shown, which stays right when a level is hidden.
        highest = max([self.number, *(level.number for level in levels)])
        position = next((i for i, level in enumerate(levels) if level.pk == self.pk), None)
        if position is None:
            return None, None, highest
        previous = levels[position - 1] if position > 0 else None
        following = levels[position + 1] if position + 1 < len(levels) else None
        return previous, following, highest

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
        context["previous_level"], context["next_level"], context["level_count"] = self.neighbours()
        return context

    def add_urls_showing_this(self, batch):
        """For a caching proxy (home/proxy_purge.py): series and sessions tied to this level name
        it, on their pages and on their cards wherever those are listed."""
        from .series import TrainingSeriesPage
        from .sessions import SessionPage

        for model in (TrainingSeriesPage, SessionPage):
            for page in model.objects.live().filter(framework_level=self):
                add_page(batch, page)
