"""The blog: announcements, recaps and stories from the network."""

import datetime
import re

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home import site_reads
from home.blocks import BodyBlock, visible_text
from home.fragments import cacheable, page_number, slug
from home.models import Topic
from home.pages import BasePage
from home.pagination import paginate
from home.site_reads import SitePageManager
from programs.models import ChosenSeries, chosen_series

SLUG_PATTERN = re.compile(r"[-\w]+")


class BlogPostTopic(TaggedItemBase):
    """Links a blog post to a topic from the shared vocabulary."""

    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_blog_posts")
    content_object = ParentalKey("blog.BlogPostPage", on_delete=models.CASCADE, related_name="tagged_topics")


class BlogIndexPage(RoutablePageMixin, BasePage):
    """The list of posts, newest first, with a topic filter and an RSS feed at feed/."""

    intro = models.TextField(
        blank=True,
        max_length=400,
        help_text="A sentence or two above the list of posts, e.g. what readers will find here.",
    )
    posts_per_page = models.PositiveSmallIntegerField(
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text="How many posts to show on each page of the list (between 1 and 50).",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("posts_per_page")]
    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.BlogPostPage"]
    home_section = "blog_page"

    class Meta:
        verbose_name = "blog index page"

    @property
    def listing_summary(self):
        return self.intro

    def posts(self):
        """Live, public posts under this index, newest first, with what a listing shows."""
        return listed_posts().child_of(self)

    def topics(self):
        """The topics used by at least one of this index's live, public posts, by name."""
        post_ids = BlogPostPage.objects.live().public().child_of(self).values("pk")
        return (
            Topic.objects.filter(tagged_blog_posts__content_object__in=post_ids).distinct().order_by("name")
        )

    @path("")
    @cacheable(page=page_number, topic=slug)
    def index(self, request):
        posts = self.posts()
        topics = list(self.topics())
        topic_slug = request.GET.get("topic", "").strip()
        current_topic = None
        if topic_slug:
            current_topic = next((topic for topic in topics if topic.slug == topic_slug), None)
            if current_topic is None:
                # Only slug characters reach the database (PostgreSQL refuses some, such as NUL).
                if not SLUG_PATTERN.fullmatch(topic_slug):
                    raise Http404("No such topic")
                # A topic nobody has written about yet still gets a page explaining that.
                current_topic = Topic.objects.filter(slug=topic_slug).first()
                if current_topic is None:
                    raise Http404("No such topic")
            posts = posts.filter(tagged_topics__tag=current_topic)

        page_of_posts, nearest = paginate(request, posts, max(1, min(self.posts_per_page, 50)))
        if nearest:
            return HttpResponseRedirect(nearest)
        return self.render(
            request,
            context_overrides={
                "posts": page_of_posts,
                "paginator": page_of_posts.paginator,
                "topics": topics,
                "current_topic": current_topic,
            },
        )

    @path("feed/")
    def feed(self, request):
        from blog.feeds import BlogFeed

        return BlogFeed(self)(request)

    def get_cached_paths(self):
        # Its feed changes with its posts (home/proxy_purge.py).
        return ["/", "/feed/"]


class BlogPostAuthor(Orderable):
    """A person who wrote the post, in the order they should be credited."""

    post = ParentalKey("blog.BlogPostPage", on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(max_length=120, help_text="The author's name as it should appear.")
    role = models.CharField(
        max_length=120,
        blank=True,
        help_text="Optional, e.g. “Parent leader, Oakland” or “Training coordinator”.",
    )

    panels = [FieldPanel("name"), FieldPanel("role")]

    def __str__(self):
        return self.name


class BlogPostRelatedSeries(ChosenSeries):
    """A training series the post is about, offered to readers at the end of the post."""

    post = ParentalKey("blog.BlogPostPage", on_delete=models.CASCADE, related_name="related_series_links")
    # Named, unlike other chosen series, so that a series can find the posts that recommend it
    # without importing the blog, which builds on programs.
    series = models.ForeignKey(
        "programs.TrainingSeriesPage",
        on_delete=models.CASCADE,
        related_name="blog_post_links",
        help_text=ChosenSeries._meta.get_field("series").help_text,
    )


def today():
    return timezone.localdate()


class BlogPostPage(BasePage):
    """One post: a date, its authors, an introduction, the body and its topics."""

    objects = SitePageManager()

    date = models.DateField(
        "post date", default=today, help_text="The date shown on the post. Posts are listed newest first."
    )
    intro = models.TextField(
        max_length=400,
        help_text="One or two sentences that sum up the post. Shown in the list of posts and the feed.",
    )
    feed_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The picture shown at the top of the post, in the list of posts and when shared.",
    )
    body = StreamField(BodyBlock(), blank=True, help_text="The post itself, built from blocks.")
    topics = ClusterTaggableManager(
        through=BlogPostTopic,
        blank=True,
        verbose_name="topics",
        help_text="Topics this post is about. Start typing to reuse an existing topic.",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("date"), InlinePanel("authors", label="Author")], heading="Date and authors"
        ),
        FieldPanel("intro"),
        FieldPanel("feed_image"),
        FieldPanel("body"),
        FieldPanel("topics"),
        InlinePanel("related_series_links", label="Related training series", max_num=4),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]

    api_fields = [
        APIField("date"),
        APIField("intro"),
        APIField("author_names"),
        APIField("topic_names"),
        APIField("feed_image"),
        APIField("body"),
    ]

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []
    og_type = "article"

    class Meta:
        verbose_name = "blog post"
        ordering = ["-date"]

    @property
    def listing_summary(self):
        return self.intro

    @property
    def listing_image_id(self):
        return self.feed_image_id

    @property
    def listing_image(self):
        return self.feed_image

    @property
    def listing_date(self):
        return self.date

    def search_texts(self):
        return [self.intro, self.search_description, visible_text(self.body)]

    @property
    def published_at(self):
        """Midnight of the post date in the site's time zone, for feeds."""
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time()))

    @property
    def author_names(self):
        return ", ".join(author.name for author in self.authors.all())

    @property
    def topic_names(self):
        return [item.tag.name for item in self.tagged_topics.all()]

    def neighbours(self):
        """The previous (older) and next (newer) live, public posts beside this one."""
        siblings = BlogPostPage.objects.live().public().sibling_of(self, inclusive=False)
        older = siblings.filter(Q(date__lt=self.date) | Q(date=self.date, pk__lt=self.pk))
        newer = siblings.filter(Q(date__gt=self.date) | Q(date=self.date, pk__gt=self.pk))
        return older.order_by("-date", "-pk").first(), newer.order_by("date", "pk").first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # They change only when a post is published, moved or unpublished (or, in a preview, the date).
        neighbours = site_reads.remember(f"post-neighbours:{self.pk}:{self.date}", self.neighbours)
        context["previous_post"], context["next_post"] = neighbours
        context["post_topics"] = [item.tag for item in self.tagged_topics.select_related("tag")]
        context["blog_index"] = self.get_parent()
        context["related_series"] = self.related_series()
        return context

    def add_urls_showing_this(self, batch):
        """For a caching proxy (home/proxy_purge.py): the posts before and after it link to it by title."""
        batch.add_pages(post for post in self.neighbours() if post is not None)

    def related_series(self):
        """The chosen series that are live and public, in the editors' order, with their next session."""
        return chosen_series(link.series_id for link in self.related_series_links.all())


def listed_posts():
    """Live, public posts, newest first, with what a post card shows."""
    return (
        BlogPostPage.objects.live()
        .public()
        .order_by("-date", "-pk")
        .select_related("feed_image")
        .prefetch_related("tagged_topics__tag", "authors", "feed_image__renditions")
    )
