"""Site-wide models: the home page, the shared topic vocabulary and resource documents."""

from django.db import models
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.documents.models import AbstractDocument, Document
from wagtail.models import Page
from wagtail.search import index


class Topic(TagBase):
    """One topic vocabulary shared by sessions, series, blog posts and resources."""

    free_tagging = True

    class Meta:
        verbose_name = "topic"
        verbose_name_plural = "topics"
        ordering = ["name"]


class ResourceTopic(TaggedItemBase):
    """Links a resource document to a topic."""

    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_resources")
    content_object = models.ForeignKey(
        "home.Resource", on_delete=models.CASCADE, related_name="tagged_topics"
    )


class Resource(AbstractDocument):
    """A document offered as a training resource: slides, handouts, worksheets, transcripts."""

    description = models.TextField(
        blank=True,
        help_text="One or two sentences telling visitors what this file is and who it is for.",
    )
    topics = TaggableManager(
        through=ResourceTopic,
        blank=True,
        verbose_name="topics",
        help_text="Topics this resource covers. Start typing to reuse an existing topic.",
    )

    admin_form_fields = Document.admin_form_fields + ("description", "topics")

    search_fields = AbstractDocument.search_fields + [
        index.SearchField("description"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = "resource"
        verbose_name_plural = "resources"


class HomePage(Page):
    """The site's front page."""

    hero_heading = models.CharField(
        max_length=120,
        blank=True,
        help_text="The large heading at the top of the home page. Leave blank to use the page title.",
    )
    hero_text = models.TextField(
        blank=True,
        help_text="A sentence or two under the heading saying what the network offers.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    @property
    def heading(self):
        return self.hero_heading or self.title
