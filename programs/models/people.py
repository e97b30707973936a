"""Presenters: the people who lead and join training sessions."""

from django.db import models
from django.http import HttpResponseRedirect
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES
from home.fragments import cacheable, page_number
from home.pages import BasePage
from home.pagination import paginate
from home.proxy_purge import add_page
from home.site_reads import SitePageManager
from programs.blocks import LinkBlock

from .querysets import prepare_session_cards

PRESENTERS_PER_PAGE = 24
PAST_SESSIONS_PER_PAGE = 12


class PresenterIndexPage(RoutablePageMixin, BasePage):
    """Lists every presenter, A to Z."""

    intro = models.TextField(
        blank=True,
        help_text="A sentence or two above the list of presenters, e.g. who leads our trainings.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["programs.PresenterPage"]

    shows_breadcrumbs = True

    class Meta:
        verbose_name = "presenter list"

    @property
    def listing_summary(self):
        return self.intro

    def presenters(self):
        """Published, public presenter pages under this list, A to Z, with photo and organization."""
        return (
            PresenterPage.objects.child_of(self)
            .live()
            .public()
            .select_related("photo", "organization")
            .prefetch_related("photo__renditions")
            .order_by("title")
        )

    @path("")
    @cacheable(page=page_number)
    def index_route(self, request):
        presenters, nearest = paginate(request, self.presenters(), PRESENTERS_PER_PAGE)
        if nearest:
            return HttpResponseRedirect(nearest)
        return self.render(request, context_overrides={"presenters": presenters})


class PresenterPage(BasePage):
    """One person who presents at sessions. The page title is their name."""

    objects = SitePageManager()
    fragment_params = {"past": page_number}

    pronouns = models.CharField(
        max_length=40, blank=True, help_text="Optional, e.g. “she/her” or “they/them”."
    )
    job_title = models.CharField(
        "role or title",
        max_length=160,
        blank=True,
        help_text="Their job or role, e.g. “Organizer” or “Senior Trainer”.",
    )
    organization = models.ForeignKey(
        "programs.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="presenters",
        help_text="The organization they work with. If it is new, add it in the chooser's "
        "“Add organization” tab.",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A friendly head-and-shoulders photo. Set the focal point on their face.",
    )
    bio = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="A short biography in the third person: their work, experience and what they teach.",
    )
    links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        help_text="Optional links to their website, articles or social media profiles.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("pronouns"),
        FieldPanel("job_title"),
        FieldPanel("organization"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("links"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("job_title"),
        index.SearchField("bio"),
        index.RelatedFields("organization", [index.SearchField("name")]),
    ]

    parent_page_types = ["programs.PresenterIndexPage"]
    subpage_types = []

    shows_breadcrumbs = True

    class Meta:
        verbose_name = "presenter"

    @property
    def listing_summary(self):
        return self.bio

    @property
    def listing_image_id(self):
        return self.photo_id

    @property
    def listing_image(self):
        return self.photo

    def search_texts(self):
        return [self.job_title, self.search_description, self.bio]

    def sessions(self):
        """Published, public sessions this person presents at, from the session's presenter list."""
        from .sessions import SessionPage, SessionPresenter

        links = SessionPresenter.objects.filter(presenter=self)
        return SessionPage.objects.live().public().filter(pk__in=links.values("page_id")).for_listing()

    def upcoming_sessions(self):
        """Their sessions that have not ended yet, soonest first."""
        return self.sessions().upcoming()

    def past_sessions(self):
        """Their sessions that have ended, most recent first."""
        return self.sessions().past()

    def past_sessions_page(self, request):
        """(the page of their past sessions the request asks for, None), or (None, the address of
        the nearest page) as `home.pagination.paginate` answers."""
        past = self.past_sessions().prefetch_related(None)
        return paginate(request, past, PAST_SESSIONS_PER_PAGE, param="past")

    def serve(self, request, *args, **kwargs):
        past_page, nearest = self.past_sessions_page(request)
        if nearest:
            return HttpResponseRedirect(nearest)
        return super().serve(request, *args, past_page=past_page, **kwargs)

    def get_context(self, request, *args, past_page=None, **kwargs):
        """Their upcoming sessions and those whose date is to be confirmed, all of them, and one page
        of their past sessions; the cards of both are loaded together."""
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        if past_page is None:  # a preview, which Wagtail serves without serve()
            past_page = self.past_sessions_page(request)[0]
        past = list(past_page.object_list) if past_page is not None else []
        current = list(
            self.sessions()
            .prefetch_related(None)
            .filter(models.Q(end__gte=now) | models.Q(date_to_be_confirmed=True))
            .order_by("start", "pk")
        )
        prepare_session_cards([*current, *past])
        if past_page is not None:
            past_page.object_list = past
        context.update(
            upcoming_sessions=[session for session in current if session.end >= now],
            unconfirmed_sessions=[session for session in current if session.end < now],
            past_sessions=past_page,
        )
        return context

    def add_urls_showing_this(self, batch):
        """For a caching proxy (home/proxy_purge.py): their sessions, and everywhere those are
        listed, since session pages, cards and calendar files name their presenters."""
        from .sessions import SessionPage, SessionPresenter

        links = SessionPresenter.objects.filter(presenter=self).values("page_id")
        for session in SessionPage.objects.live().filter(pk__in=links):
            add_page(batch, session)
