"""The training index and training series."""

from django.db import models
from django.db.models import Max, Min, Prefetch, Q, prefetch_related_objects
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import dateformat, timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BodyBlock, visible_text
from home.fragments import cacheable, one_of, page_number
from home.pages import BasePage
from home.pagination import paginate, paginate_queryset
from programs import calendars, structured_data
from programs.blocks import FigureBlock
from programs.forms import SeriesPageForm

from .choices import (
    FORMAT_CHOICES,
    Format,
    OrganizationRole,
    RegistrationMethod,
    RegistrationStatus,
    default_time_zone,
    end_of_day,
    validate_time_zone,
)
from .mixins import FormatMixin, HostedMixin, InTrainingListMixin, TimeZoneMixin
from .organizations import OrganizationLink, role_field
from .querysets import (
    SeriesPageManager,
    attach_cards,
    attach_hosts,
    attach_next_sessions,
    card_lookups,
    scalar,
)
from .registrations import OnSiteRegistrationFields, Registration
from .sessions import SessionPage

SESSIONS_PER_PAGE = 12
PAST_SESSIONS_PER_PAGE = 12
SERIES_PER_PAGE = 24
ORGANIZATIONS_PER_PAGE = 48


class TrainingIndexPage(RoutablePageMixin, BasePage):
    """The list of every training series and the next sessions across them."""

    intro = models.TextField(
        blank=True, help_text="A sentence or two at the top of the page about the trainings on offer."
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["programs.TrainingSeriesPage"]

    shows_breadcrumbs = True
    home_section = "trainings_page"

    class Meta:
        verbose_name = "training list"

    @property
    def listing_summary(self):
        return self.intro

    def series(self):
        """Published, public series under this page, newest first; their hosts are loaded with those
        of the listed sessions' series (`index_route`)."""
        return (
            TrainingSeriesPage.objects.child_of(self)
            .live()
            .public()
            .for_listing(hosts=False)
            .order_by("-start_date", "title")
        )

    def _upcoming(self):
        return SessionPage.objects.descendant_of(self).live().public().upcoming()

    def upcoming_sessions(self):
        """Published, public upcoming sessions in every series under this page, ready for cards once
        given their series (attach_cards())."""
        return self._upcoming().for_listing()

    def get_cached_paths(self):
        # Its calendar and its list of organizations change with the series and sessions under it.
        return ["/", "/calendar.ics", "/organizations/"]

    def organization_urls(self, organizations):
        """The addresses of the pages of `organizations` under this list."""
        base = self.get_full_url()
        if not base:
            return []
        return [
            base + self.reverse_subpage("organization", args=[organization.slug])
            for organization in organizations
        ]

    @path("")
    @cacheable(series=page_number, page=page_number, format=one_of(Format.values))
    def index_route(self, request):
        # The listings are worked out here, not in get_context, so that the other routes
        # (calendar, organizations) do not pay for them.
        series_page, nearest = paginate(request, self.series(), SERIES_PER_PAGE, param="series")
        if nearest:
            return HttpResponseRedirect(nearest)
        series_list = attach_next_sessions(series_page.object_list)
        series_page.object_list = series_list
        sessions = self.upcoming_sessions()
        chosen_format = request.GET.get("format", "")
        if chosen_format in Format.values:
            sessions = sessions.filter(format=chosen_format)
        else:
            chosen_format = ""
        sessions, nearest = paginate(request, sessions, SESSIONS_PER_PAGE)
        if nearest:
            return HttpResponseRedirect(nearest)
        # The sessions' series are mostly those listed; the others (listed on a later page) come in
        # one query. The hosts of all of them, listed or not, come in one more.
        sessions.object_list = attach_cards(sessions.object_list, series_list, hosts=False)
        attach_hosts([*series_list, *(session.series for session in sessions.object_list)])
        return self.render(
            request,
            context_overrides={
                "formats": Format.choices,
                "chosen_format": chosen_format,
                "sessions": sessions,
                "series_list": series_list,
                "series_page": series_page,
            },
        )

    @re_path(r"^calendar\.ics/$", name="calendar")
    def calendar_route(self, request):
        return calendars.calendar_response(
            self._upcoming().for_calendar(), request, name=self.title, filename="trainings.ics"
        )

    @path("organizations/", name="organizations")
    @cacheable(page=page_number)
    def organization_index_route(self, request):
        """Every organization that hosts or partners on a published training, A to Z."""
        from .organizations import Organization

        organizations = (
            Organization.objects.taking_part().select_related("logo").prefetch_related("logo__renditions")
        )
        organizations, nearest = paginate(request, organizations, ORGANIZATIONS_PER_PAGE)
        if nearest:
            return HttpResponseRedirect(nearest)
        return self.render(
            request,
            context_overrides={"organizations": organizations},
            template="programs/organization_index_page.html",
        )

    @path("organizations/<slug:slug>/", name="organization")
    @cacheable(page=page_number, series=page_number)
    def organization_route(self, request, slug):
        """The organization's series (`?series=`), newest first, and the sessions it took part in
        (`?page=`), each a page at a time."""
        from .organizations import Organization

        organization = get_object_or_404(Organization.objects.select_related("logo"), slug=slug)
        series_page, nearest = paginate_queryset(
            request, organization.series_taking_part(), SERIES_PER_PAGE, param="series"
        )
        if nearest:
            return HttpResponseRedirect(nearest)
        sessions, nearest = paginate(request, organization.sessions(), SESSIONS_PER_PAGE)
        if nearest:
            return HttpResponseRedirect(nearest)
        every = attach_next_sessions(series_page.object_list)
        hosted = [series for series in every if series.hosted_here]
        partnered = [series for series in every if series.partnered_here]
        sessions.object_list = attach_cards(sessions.object_list, every)
        return self.render(
            request,
            context_overrides={
                "organization": organization,
                "hosted_series": hosted,
                "partnered_series": partnered,
                "series_page": series_page,
                "organization_sessions": sessions,
            },
            template="programs/organization_page.html",
        )


class SeriesTopic(TaggedItemBase):
    tag = models.ForeignKey("home.Topic", on_delete=models.CASCADE, related_name="tagged_series")
    content_object = ParentalKey(
        "programs.TrainingSeriesPage", on_delete=models.CASCADE, related_name="tagged_topics"
    )


class SeriesOrganization(OrganizationLink):
    """An organization hosting or partnering on a series."""

    page = ParentalKey(
        "programs.TrainingSeriesPage", on_delete=models.CASCADE, related_name="series_organizations"
    )
    role = role_field(OrganizationRole.HOST, "Hosts run the series; partners help plan or present it.")


class SeriesCostTier(Orderable):
    """One price, e.g. per participant or per team of three."""

    page = ParentalKey("programs.TrainingSeriesPage", on_delete=models.CASCADE, related_name="cost_tiers")
    label = models.CharField(
        max_length=120, help_text="Who pays this price, e.g. “Per participant” or “Team of 3 participants”."
    )
    amount = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The price in US dollars. Enter 0 if it is free. Leave blank if the price depends.",
    )
    team_size = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="For team prices only: how many people the price covers."
    )
    note = models.CharField(
        max_length=200, blank=True, help_text="Optional, e.g. “Includes lodging and meals, not travel”."
    )

    panels = [
        FieldRowPanel([FieldPanel("label"), FieldPanel("amount"), FieldPanel("team_size")]),
        FieldPanel("note"),
    ]

    @property
    def is_free(self):
        return self.amount is not None and self.amount == 0


class SeriesTestimonial(Orderable):
    page = ParentalKey(
        "programs.TrainingSeriesPage", on_delete=models.CASCADE, related_name="series_testimonials"
    )
    testimonial = models.ForeignKey(
        "programs.Testimonial",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Choose a quote, or add it under Partners & quotes → Testimonials first.",
    )

    panels = [FieldPanel("testimonial")]


class TrainingSeriesPage(
    InTrainingListMixin,
    FormatMixin,
    HostedMixin,
    TimeZoneMixin,
    RoutablePageMixin,
    OnSiteRegistrationFields,
    BasePage,
):
    """A training series, cohort or program: its facts at a glance, then its sessions."""

    summary = models.TextField(
        max_length=400, help_text="One or two sentences shown on cards and at the top of the page."
    )
    audience = models.TextField(
        blank=True, help_text="Who the series is for, e.g. “Students, educators and parents”."
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A wide picture for the top of the page and for cards. Set its focal point.",
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        help_text="Everything else: highlights, expectations, requirements, questions and answers.",
    )
    format = models.CharField(
        max_length=20,
        choices=FORMAT_CHOICES,
        blank=True,
        default="",
        help_text="How people take part in most sessions. Leave “Not stated” when the announcement does "
        "not say. Each session can say otherwise.",
    )
    cadence = models.CharField(
        max_length=120,
        blank=True,
        help_text="How often it meets and for how long, e.g. “Bi-monthly, two hours”.",
    )
    time_zone = models.CharField(
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text="Where the organizers are, usually. New sessions of this series start in this time zone.",
    )
    start_date = models.DateField(
        null=True, blank=True, help_text="The first day of the series. Used for ordering and the date span."
    )
    end_date = models.DateField(null=True, blank=True, help_text="The last day of the series, if known.")
    date_label = models.CharField(
        max_length=80,
        blank=True,
        help_text="Optional words to show instead of the dates, e.g. “Fall 2022” or “2023–2024”.",
    )
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Most people in one cohort or session, e.g. 25. With registration on this site, the "
        "number of seats. Leave blank if no limit.",
    )
    credential = models.CharField(
        max_length=200, blank=True, help_text="What participants earn on completion, e.g. “Micro-credential”."
    )
    registration_method = models.CharField(
        max_length=20,
        choices=RegistrationMethod.choices,
        default=RegistrationMethod.EXTERNAL,
        help_text="How people sign up for the whole series. “On this site” takes one registration for "
        "every session, with the seats set under Schedule (“capacity”); sessions that take their own "
        "sign-ups say so on their own pages.",
    )
    registration_url = models.URLField(
        "link to register elsewhere",
        blank=True,
        help_text="Only for “A link to a registration page on another website”: where people register or "
        "apply for the whole series. Leave blank when people register on this site.",
    )
    registration_deadline = models.DateField(
        null=True,
        blank=True,
        help_text="The last day to register or apply. After it the button hides and the page says "
        "“Applications closed on” that day.",
    )
    open_call = models.CharField(
        max_length=300,
        blank=True,
        help_text="Optional words that hold only while people can sign up, e.g. “Now accepting "
        "applications.” or “Join us this fall”. They show under the summary until the deadline passes "
        "or the series ends, then hide by themselves: keep such words out of the body.",
    )
    contact_name = models.CharField(max_length=120, blank=True, help_text="Who to ask about this series.")
    contact_email = models.EmailField(blank=True, help_text="The e-mail address for questions.")
    participation = StreamField(
        [("figure", FigureBlock())],
        blank=True,
        help_text="Headline numbers, e.g. “1,800” people took part, “90%” found it a good use of time.",
    )
    framework_level = models.ForeignKey(
        "programs.FrameworkLevelPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The level of the developmental framework this series belongs to, if any.",
    )
    topics = ClusterTaggableManager(
        through=SeriesTopic,
        blank=True,
        verbose_name="topics",
        help_text="Topics this series covers. Start typing to reuse an existing topic.",
    )

    objects = SeriesPageManager()

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("topics"),
        FieldPanel("framework_level"),
        InlinePanel("series_testimonials", heading="Testimonials", label="Testimonial"),
        FieldPanel("participation"),
    ]
    schedule_panels = [
        FieldPanel("format"),
        FieldPanel("cadence"),
        FieldPanel("time_zone"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]), FieldPanel("date_label")],
            heading="Dates",
        ),
        FieldPanel("capacity"),
        FieldPanel("credential"),
    ]
    people_panels = [
        InlinePanel("series_organizations", heading="Host and partner organizations", label="Organization"),
        MultiFieldPanel([FieldPanel("contact_name"), FieldPanel("contact_email")], heading="Contact"),
    ]
    registration_panels = [
        FieldPanel("open_call"),
        FieldPanel("registration_method"),
        FieldPanel("registration_url"),
        FieldPanel("registration_deadline"),
        *OnSiteRegistrationFields.on_site_registration_panels(),
        InlinePanel("cost_tiers", heading="Cost", label="Price"),
    ]

    base_form_class = SeriesPageForm
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(schedule_panels, heading="Schedule"),
            ObjectList(people_panels, heading="People"),
            ObjectList(registration_panels, heading="Registration"),
            ObjectList(Page.promote_panels, heading="Promotion"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("audience"),
        index.SearchField("body"),
        index.RelatedFields(
            "series_organizations", [index.RelatedFields("organization", [index.SearchField("name")])]
        ),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("format"),
        index.FilterField("start_date"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("audience"),
        APIField("format"),
        APIField("cadence"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("date_display"),
        APIField("capacity"),
        APIField("credential"),
        APIField("registration_url"),
        APIField("registration_deadline"),
        APIField("registration_state"),
        APIField("seats_left"),
        APIField("contact_email"),
        APIField("organization_names"),
        APIField("host_names"),
    ]

    parent_page_types = ["programs.TrainingIndexPage"]
    subpage_types = ["programs.SessionPage"]

    shows_breadcrumbs = True

    class Meta:
        verbose_name = "training series"
        verbose_name_plural = "training series"

    @property
    def listing_summary(self):
        return self.summary

    @property
    def listing_image_id(self):
        return self.image_id

    @property
    def listing_image(self):
        return self.image

    @property
    def listing_date(self):
        return self.start_date

    @property
    def listing_date_text(self):
        return self.date_display

    def search_texts(self):
        return [self.summary, self.search_description, self.audience, visible_text(self.body)]

    @property
    def date_display(self):
        """The series' dates as words: the editor's label, or the span of its dates."""
        if self.date_label:
            return self.date_label
        if self.start_date and self.end_date and self.start_date != self.end_date:
            first, last = (
                dateformat.format(self.start_date, "F j, Y"),
                dateformat.format(self.end_date, "F j, Y"),
            )
            return f"{first} – {last}"
        if self.start_date:
            return dateformat.format(self.start_date, "F j, Y")
        return ""

    # Where the series stands today

    def _session_span(self):
        """(first start, last end) of its published sessions: annotated by listings, set by the page
        itself, or else asked for here."""
        if "first_session_start" not in self.__dict__ or "last_session_end" not in self.__dict__:
            span = self._published_sessions().aggregate(first=Min("start"), last=Max("end"))
            self.first_session_start, self.last_session_end = span["first"], span["last"]
        return self.first_session_start, self.last_session_end

    @property
    def ends_at(self):
        """When the series is over: the end of its last session or of its last day, whichever is later;
        None when neither is known."""
        moments = [self._session_span()[1]]
        if self.end_date:
            moments.append(end_of_day(self.end_date, timezone.get_default_timezone()))
        moments = [moment for moment in moments if moment]
        return max(moments) if moments else None

    @property
    def is_finished(self):
        ends = self.ends_at
        return ends is not None and ends < timezone.now()

    @property
    def run_display(self):
        """What a finished series says about itself, e.g. “Ran September–November 2022 · finished”."""
        span = self.date_label or self._months_run()
        return f"Ran {span} · finished" if span else "Finished"

    def _months_run(self):
        first, last = self._session_span()
        zone = timezone.get_default_timezone()
        first_day = self.start_date or (first.astimezone(zone).date() if first else None)
        last_days = [self.end_date, last.astimezone(zone).date() if last else None]
        last_day = max((day for day in last_days if day), default=first_day)
        if not first_day:
            return ""
        if (first_day.year, first_day.month) == (last_day.year, last_day.month):
            return dateformat.format(first_day, "F Y")
        if first_day.year == last_day.year:
            return f"{dateformat.format(first_day, 'F')}–{dateformat.format(last_day, 'F Y')}"
        return f"{dateformat.format(first_day, 'F Y')} – {dateformat.format(last_day, 'F Y')}"

    @property
    def deadline_passed(self):
        # The deadline day ends where the series meets, as the site's own form reads it.
        deadline = self.registration_deadline
        return deadline is not None and timezone.now() > end_of_day(deadline, self.zone)

    @property
    def is_open(self):
        """While people can still sign up: the series has not ended and its deadline, if any, is ahead."""
        return not self.deadline_passed and not self.is_finished

    @property
    def registration_open(self):
        """True while the series has a registration link and is open; with registration on this
        site, while the form has opened and the series is open."""
        if self.takes_registrations_here:
            return self.is_open and self.on_site_registration_accepted(timezone.now())
        if self.registration_method != RegistrationMethod.EXTERNAL:
            return False
        return bool(self.registration_url) and self.is_open

    @property
    def applications_closed(self):
        """The deadline has passed on a series that is still running."""
        return self.deadline_passed and not self.is_finished

    @property
    def organization_names(self):
        return [link.organization.name for link in self.series_organizations.all()]

    def hosts(self):
        """The organizations that run this series, in the editor's order: from the links a listing
        or the page loaded, else from one query."""
        if "host_links" not in self.__dict__:
            if "organization_links" in self.__dict__:
                links = self.organization_links
                return [link.organization for link in links if link.role == OrganizationRole.HOST]
            attach_hosts([self])
        return [link.organization for link in self.host_links]

    @property
    def pattern(self):
        """Which of the four patterns a card without a picture uses, so that series of the same
        host sitting side by side still look different."""
        return (self.pk or 0) % 4

    def partners(self):
        links = self.__dict__.get("organization_links")
        if links is None:
            links = self.series_organizations.select_related("organization").order_by("sort_order")
        return [link.organization for link in links if link.role == OrganizationRole.PARTNER]

    @property
    def is_free(self):
        tiers = list(self.cost_tiers.all())
        return bool(tiers) and all(tier.is_free for tier in tiers)

    def _published_sessions(self):
        return SessionPage.objects.child_of(self).live().public()

    def sessions(self):
        """Published, public sessions of this series, ready for cards once given their series
        (`split(series=self)` does)."""
        return self._published_sessions().for_listing(resources=True)

    def upcoming_sessions(self):
        """This series' sessions that have not ended yet, soonest first."""
        return self.sessions().upcoming()

    def past_sessions(self):
        """This series' sessions that have ended, most recent first, with their resources."""
        return self.sessions().past()

    def split_sessions(self):
        """(upcoming, unconfirmed, past) from one query."""
        return self.sessions().split(series=self)

    # What a caching proxy must forget when this series changes (home/proxy_purge.py)

    def get_cached_paths(self):
        return ["/", "/calendar.ics"]

    def add_urls_showing_this(self, batch, organizations=()):
        """Its framework level's page, the pages of its hosts and partners (and of `organizations`,
        a session's partners), and posts that recommend it: each shows its card."""
        from .framework import FrameworkLevelPage

        batch.add_pages(FrameworkLevelPage.objects.live().filter(pk=self.framework_level_id))
        index = TrainingIndexPage.objects.ancestor_of(self).live().first()
        if index is not None:
            links = SeriesOrganization.objects.filter(page=self).select_related("organization")
            batch.add_urls(index.organization_urls([*(link.organization for link in links), *organizations]))
        # Posts name the series through the blog's own link table (`blog_post_links`).
        links = self.blog_post_links.filter(post__live=True).select_related("post")
        batch.add_pages(link.post for link in links)

    def past_sessions_page(self, request):
        """(the page of its past sessions the request asks for, None), or (None, the address of the
        nearest page) as `home.pagination.paginate` answers. The count comes in one query with the
        span of all its sessions (which says whether the series has finished) and, when it takes
        registrations here, its numbers of registrations."""
        sessions = self._published_sessions().order_by()
        past = sessions.filter(end__lt=timezone.now(), date_to_be_confirmed=False)
        facts = {
            "first": scalar(sessions, "MIN", "start"),
            "last": scalar(sessions, "MAX", "end"),
            "past": scalar(past, "COUNT", "pk"),
        }
        if self.takes_registrations_here:
            registrations = Registration.objects.filter(page_id=self.pk).order_by()
            for status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED):
                facts[status] = scalar(registrations.filter(status=status), "COUNT", "pk")
        found = TrainingSeriesPage.objects.filter(pk=self.pk).values(**facts).get()
        self.first_session_start, self.last_session_end = found["first"], found["last"]
        if self.takes_registrations_here:
            self.registration_counts = (
                found[RegistrationStatus.CONFIRMED],
                found[RegistrationStatus.WAITLISTED],
            )
        return paginate(request, past.past(), PAST_SESSIONS_PER_PAGE, param="past", count=found["past"])

    def get_context(self, request, *args, past_page=None, **kwargs):
        """Its upcoming sessions and those whose date is to be confirmed, all of them, and one page
        of its past sessions; the cards of both are loaded together."""
        context = super().get_context(request, *args, **kwargs)
        prefetch_related_objects(
            [self],
            Prefetch(
                "series_organizations",
                queryset=SeriesOrganization.objects.select_related("organization__logo").order_by(
                    "sort_order"
                ),
                to_attr="organization_links",
            ),
            Prefetch("cost_tiers", queryset=SeriesCostTier.objects.order_by("sort_order")),
        )
        if past_page is None:  # rendered other than by its own route
            past_page = self.past_sessions_page(request)[0]
        now = timezone.now()
        shown = Q(end__gte=now) | Q(date_to_be_confirmed=True)
        if past_page is not None:
            # The page of past sessions is a subquery: one query brings every session shown.
            shown |= Q(pk__in=past_page.object_list.values("pk"))
        every = list(self.sessions().prefetch_related(None).filter(shown).order_by("start", "pk"))
        prefetch_related_objects(every, *card_lookups(resources=True))
        attach_cards(every, series=self)
        upcoming = [session for session in every if session.end >= now]
        unconfirmed = [session for session in every if session.end < now and session.date_to_be_confirmed]
        past = [
            session for session in reversed(every) if session.end < now and not session.date_to_be_confirmed
        ]
        if past_page is not None:
            past_page.object_list = past
        context["organizations_url"] = self.organizations_url(request)
        context["upcoming_sessions"] = upcoming
        context["unconfirmed_sessions"] = unconfirmed
        context["past_sessions"] = past_page
        context["hosts"] = self.hosts()
        context["partners"] = self.partners()
        context["cost_tiers"] = list(self.cost_tiers.all())
        context["topics"] = list(self.topics.all())
        testimonials = self.series_testimonials.select_related("testimonial__organization")
        context["testimonials"] = [link.testimonial for link in testimonials.order_by("sort_order")]
        context["seats"] = self.seat_availability() if self.takes_registrations_here else None
        context["json_ld"] = structured_data.course(self, every, request, seats=context["seats"])
        return context

    @path("")
    @cacheable(past=page_number)
    def index_route(self, request):
        past_page, nearest = self.past_sessions_page(request)
        if nearest:
            return HttpResponseRedirect(nearest)
        return self.render(request, past_page=past_page)

    @re_path(r"^calendar\.ics/$", name="calendar")
    def calendar_route(self, request):
        sessions = self._published_sessions().for_calendar().order_by("start", "pk")
        return calendars.calendar_response(sessions, request, name=self.title, filename=f"{self.slug}.ics")
