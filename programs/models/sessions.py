"""Training sessions: one dated session in a series, with its people, partners and resources."""

import calendar as month_calendar
from datetime import timedelta

from django.db import models
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
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BodyBlock, visible_text
from home.fragments import cacheable
from home.pages import BasePage
from programs import calendars, structured_data
from programs.blocks import LinkBlock
from programs.editing.panels import PresenterPanel
from programs.forms import SessionPageForm

from .choices import (
    FORMAT_CHOICES,
    DatePrecision,
    Format,
    OrganizationRole,
    RegistrationMethod,
    Status,
    default_time_zone,
    end_of_day,
    start_of_day,
    validate_time_zone,
)
from .mixins import FormatMixin, HostedMixin, InTrainingListMixin, TimeZoneMixin
from .organizations import OrganizationLink, role_field
from .querysets import SessionPageManager, attach_series, parent_path
from .registrations import OnSiteRegistrationFields


class SessionTopic(TaggedItemBase):
    tag = models.ForeignKey("home.Topic", on_delete=models.CASCADE, related_name="tagged_sessions")
    content_object = ParentalKey(
        "programs.SessionPage", on_delete=models.CASCADE, related_name="tagged_topics"
    )


class SessionPresenter(Orderable):
    """A presenter at a session, in the order the editor chose, with their role."""

    class Role(models.TextChoices):
        LEAD = "lead", "Lead presenter"
        GUEST = "guest", "Guest presenter"
        PARTNER = "partner", "Partner presenter"

    page = ParentalKey("programs.SessionPage", on_delete=models.CASCADE, related_name="session_presenters")
    presenter = models.ForeignKey(
        "programs.PresenterPage",
        on_delete=models.CASCADE,
        related_name="session_links",
        help_text="Choose the person's presenter page, or create it under Presenters first.",
    )
    role = models.CharField(
        max_length=20,
        choices=Role.choices,
        default=Role.LEAD,
        help_text="Lead presenters run the session; guests and partners join them.",
    )

    panels = [FieldPanel("presenter"), FieldPanel("role")]

    @property
    def job_title(self):
        """The presenter's job title, unless it only repeats this role (“Guest presenter”)."""
        title = self.presenter.job_title
        return "" if title.strip().casefold() == self.get_role_display().casefold() else title


class SessionOrganization(OrganizationLink):
    """An organization hosting or partnering on one session."""

    page = ParentalKey("programs.SessionPage", on_delete=models.CASCADE, related_name="session_organizations")
    role = role_field(OrganizationRole.PARTNER, "Partners help plan or present the session; a host runs it.")


class SessionDocument(Orderable):
    """A file shared after the session: slides, handouts, transcripts."""

    page = ParentalKey("programs.SessionPage", on_delete=models.CASCADE, related_name="session_documents")
    document = models.ForeignKey(
        get_document_model_string(),
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Choose or upload the file. Give it a clear title: visitors see it.",
    )

    panels = [FieldPanel("document")]


class SessionPage(
    InTrainingListMixin,
    FormatMixin,
    HostedMixin,
    TimeZoneMixin,
    RoutablePageMixin,
    OnSiteRegistrationFields,
    BasePage,
):
    """One dated training session inside a series."""

    summary = models.TextField(
        max_length=400, blank=True, help_text="One or two sentences shown on cards and in search results."
    )
    body = StreamField(
        BodyBlock(), blank=True, help_text="The full description: what people will learn and do."
    )
    topics = ClusterTaggableManager(
        through=SessionTopic,
        blank=True,
        verbose_name="topics",
        help_text="Topics this session covers. Start typing to reuse an existing topic.",
    )
    framework_level = models.ForeignKey(
        "programs.FrameworkLevelPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leave blank to use the series' level. Set it only if this session is at another level.",
    )

    start = models.DateTimeField(
        help_text="When it starts, as the local time in the session's time zone below. "
        "For a date-only session enter the day; its time is not kept. "
        "For a month-only date, enter the first day of the month."
    )
    end = models.DateTimeField(
        blank=True,
        help_text="When it ends, in the same time zone. Leave blank for two hours after the start, "
        "the end of the day for a date-only session, or the end of the month for a month-only date. "
        "For a date-only session over several days, enter its last day.",
    )
    time_zone = models.CharField(
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text="The time zone of the times above. A new session starts with its series' time zone.",
    )
    date_precision = models.CharField(
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.EXACT,
        help_text="“Exact” shows the time. Choose “Date only” when the day is known but the time was "
        "not published: no time is shown anywhere, and calendars get an all-day event. "
        "Choose “Month only” for an old session when only the month is known.",
    )
    date_to_be_confirmed = models.BooleanField(
        "date to be confirmed",
        default=False,
        help_text="Tick while the date is not final: the session is listed as “Date to be confirmed”, "
        "with the date above shown as tentative; calendars mark it tentative and it is never shown "
        "as past. Untick once the date is confirmed.",
    )
    date_label = models.CharField(
        max_length=80,
        blank=True,
        help_text="Optional words to show instead of the date, e.g. “April/May 2023”.",
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.SCHEDULED,
        help_text="Whether the session is going ahead. “Confirmed” is the usual; “Cancelled”, “Postponed” "
        "and “Full” are shown on every listing and in calendars, and “Full” hides the registration button.",
    )
    format = models.CharField(
        max_length=20,
        choices=FORMAT_CHOICES,
        blank=True,
        default="",
        help_text="How people take part. Leave “Not stated” when the announcement does not say: "
        "pages then say nothing about it.",
    )
    venue_name = models.CharField(
        max_length=200, blank=True, help_text="For in-person or hybrid sessions, e.g. “Mercy Retreat Center”."
    )
    venue_address = models.TextField(
        blank=True, help_text="The street address, e.g. “2300 Adeline Dr, Burlingame, CA”."
    )

    registration_method = models.CharField(
        max_length=20,
        choices=RegistrationMethod.choices,
        default=RegistrationMethod.EXTERNAL,
        help_text="How people sign up: a link to another website (the address below), the site's own "
        "form (the settings below), or no sign-up at all.",
    )
    registration_url = models.URLField(
        "link to register elsewhere",
        blank=True,
        help_text="Only for “A link to a registration page on another website”: its address, e.g. on "
        "Zoom or Eventbrite. Leave blank when people register on this site.",
    )
    registration_deadline = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Optional: the last moment to register, in the session's time zone like its start. "
        "The button hides after it, and once the session starts.",
    )
    capacity = models.PositiveIntegerField(
        "seats",
        null=True,
        blank=True,
        help_text="On this site: how many people can take part, e.g. 25. Leave blank for no limit.",
    )

    recording_url = models.URLField(
        blank=True,
        help_text="After the session: the YouTube or Vimeo address of its recording. Not kept when copying.",
    )
    resource_links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        help_text="After the session: links to slides, articles or tools. Not kept when copying.",
    )

    objects = SessionPageManager()

    base_form_class = SessionPageForm
    exclude_fields_in_copy = ["recording_url", "resource_links", "session_documents"]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("topics"),
        FieldPanel("framework_level"),
    ]
    schedule_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("time_zone"),
                FieldPanel("date_precision"),
                FieldPanel("date_to_be_confirmed"),
                FieldPanel("date_label"),
            ],
            heading="Date and time",
        ),
        FieldPanel("status"),
        MultiFieldPanel(
            [FieldPanel("format"), FieldPanel("venue_name"), FieldPanel("venue_address")],
            heading="Where",
        ),
    ]
    people_panels = [
        PresenterPanel(
            "session_presenters",
            heading="Presenters",
            label="Presenter",
            help_text="Choose each person's presenter page. Someone new? “Add a presenter” opens a new "
            "presenter's form in another tab: save it (a draft is enough), come back here and choose them.",
        ),
        InlinePanel("session_organizations", heading="Partner organizations", label="Organization"),
    ]
    registration_panels = [
        FieldPanel("registration_method"),
        FieldPanel("registration_url"),
        FieldPanel("registration_deadline"),
        *OnSiteRegistrationFields.on_site_registration_panels(seats=[FieldPanel("capacity")]),
    ]
    resource_panels = [
        FieldPanel("recording_url"),
        InlinePanel("session_documents", heading="Documents", label="Document"),
        FieldPanel("resource_links"),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(schedule_panels, heading="Schedule"),
            ObjectList(people_panels, heading="People"),
            ObjectList(registration_panels, heading="Registration"),
            ObjectList(resource_panels, heading="Resources"),
            ObjectList(Page.promote_panels, heading="Promotion"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.RelatedFields(
            "session_presenters",
            [index.RelatedFields("presenter", [index.SearchField("title"), index.FilterField("id")])],
        ),
        index.RelatedFields(
            "session_organizations", [index.RelatedFields("organization", [index.SearchField("name")])]
        ),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("start"),
        index.FilterField("end"),
        index.FilterField("format"),
        index.FilterField("status"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("start"),
        APIField("end"),
        APIField("time_zone"),
        APIField("date_precision"),
        APIField("date_to_be_confirmed"),
        APIField("date_display"),
        APIField("time_display"),
        APIField("status"),
        APIField("format"),
        APIField("venue_name"),
        APIField("venue_address"),
        APIField("registration_url"),
        APIField("registration_deadline"),
        APIField("registration_state"),
        APIField("seats_left"),
        APIField("series_title"),
        APIField("host_names"),
        APIField("presenter_names"),
        APIField("recording_url"),
    ]

    parent_page_types = ["programs.TrainingSeriesPage"]
    subpage_types = []

    shows_breadcrumbs = True

    class Meta:
        verbose_name = "session"
        # Listings ask for the sessions still to come: those whose end is ahead.
        indexes = [models.Index(fields=["end"], name="session_end")]

    # What lists, search and meta tags show (see home.pages.BasePage)

    @property
    def listing_summary(self):
        return self.summary

    @property
    def listing_image_id(self):
        series = self.series
        return series.image_id if series is not None else None

    @property
    def listing_image(self):
        return self.picture

    @property
    def listing_date(self):
        return self.start

    @property
    def listing_date_text(self):
        return self.date_display

    @property
    def listing_date_iso(self):
        return self.iso_start

    @property
    def social_image(self):
        """None: a shared session shows the site's picture, which costs its page no further query."""
        return None

    def search_texts(self):
        return [self.summary, self.search_description, visible_text(self.body)]

    def clean(self):
        super().clean()
        # Drafts and previews get the same dates as publishing gives: a date-only session's days only.
        self.settle_dates()

    def save(self, *args, **kwargs):
        self.settle_dates()
        super().save(*args, **kwargs)

    def settle_dates(self):
        """Give a session without an end one, and keep a date-only session off the clock.

        A date-only session runs from the start of its first day to the end of its last, in its own
        time zone: it stays upcoming through its last day, and no time typed by chance is stored as
        if it had been published. Without an end, an exact session lasts two hours and a month-only
        one to the end of its month.
        """
        if not self.start:
            return
        zone = self.zone
        if self.date_precision == DatePrecision.DATE:
            first = self.start.astimezone(zone).date()
            last = self.end.astimezone(zone).date() if self.end else first
            self.start = start_of_day(first, zone)
            self.end = end_of_day(max(first, last), zone)
        elif self.end:
            return
        elif self.date_precision == DatePrecision.MONTH:
            local = self.local_start
            last_day = month_calendar.monthrange(local.year, local.month)[1]
            self.end = end_of_day(local.date().replace(day=last_day), zone)
        else:
            self.end = self.start + timedelta(hours=2)

    # Time and place

    @property
    def local_start(self):
        return self.start.astimezone(self.zone)

    @property
    def local_end(self):
        return (self.end or self.start).astimezone(self.zone)

    @property
    def is_month_only(self):
        return self.date_precision == DatePrecision.MONTH

    @property
    def is_date_only(self):
        return self.date_precision == DatePrecision.DATE

    @property
    def is_all_day(self):
        """No clock time is known (date only or month only): calendars get whole days."""
        return self.date_precision in (DatePrecision.DATE, DatePrecision.MONTH)

    @property
    def date_display(self):
        """The date as a visitor reads it, in the session's own time zone; an unconfirmed date says so."""
        dates = self.date_label or self._dates_in_words()
        if self.date_to_be_confirmed:
            return f"Date to be confirmed (tentatively {dates})"
        return dates

    def _dates_in_words(self):
        start, end = self.local_start, self.local_end
        if self.is_month_only:
            if (start.year, start.month) == (end.year, end.month):
                return dateformat.format(start, "F Y")
            if start.year == end.year:
                return f"{dateformat.format(start, 'F')}–{dateformat.format(end, 'F Y')}"
            return f"{dateformat.format(start, 'F Y')}–{dateformat.format(end, 'F Y')}"
        if start.date() == end.date():
            return dateformat.format(start, "l, F j, Y")
        if (start.year, start.month) == (end.year, end.month):
            return f"{dateformat.format(start, 'F j')}–{dateformat.format(end, 'j, Y')}"
        if start.year == end.year:
            return f"{dateformat.format(start, 'F j')} – {dateformat.format(end, 'F j, Y')}"
        return f"{dateformat.format(start, 'F j, Y')} – {dateformat.format(end, 'F j, Y')}"

    @property
    def time_display(self):
        """Start and end times with the zone's abbreviation, e.g. “1:00 p.m.–3:00 p.m. EDT”; empty when
        no time was published or the date is not confirmed."""
        if self.is_all_day or self.date_to_be_confirmed:
            return ""
        start, end = self.local_start, self.local_end
        if start.date() != end.date():
            return f"Starts {dateformat.format(start, 'g:i a')} {start.tzname()}"
        return f"{dateformat.format(start, 'g:i a')}–{dateformat.format(end, 'g:i a')} {end.tzname()}"

    @property
    def iso_start(self):
        """The start for a <time datetime> attribute, only as precise as it is known; empty while the
        date is not confirmed, so that no page states it as a fact."""
        if self.date_to_be_confirmed:
            return ""
        if self.is_month_only:
            return self.local_start.strftime("%Y-%m")
        if self.is_date_only:
            return self.local_start.date().isoformat()
        return self.local_start.isoformat()

    @property
    def time_zone_label(self):
        return "Time zone: " + self.time_zone.replace("_", " ")

    @property
    def registration_deadline_display(self):
        if not self.registration_deadline:
            return ""
        local = self.registration_deadline.astimezone(self.zone)
        return f"{dateformat.format(local, 'l, F j, Y, g:i a')} {local.tzname()}"

    @property
    def is_upcoming(self):
        return self.local_end >= timezone.now()

    @property
    def is_past(self):
        """Ended, as far as anyone knows: a session whose date is not confirmed is never past."""
        return not self.date_to_be_confirmed and not self.is_upcoming

    @property
    def status_label(self):
        """The status in words: a scheduled session that ended “Took place”, unless its date was never
        confirmed."""
        if self.status == Status.SCHEDULED:
            if self.date_to_be_confirmed:
                return "Date to be confirmed"
            if self.is_past:
                return "Took place"
        return self.get_status_display()

    @property
    def location_display(self):
        """“Online”, the venue, or both for hybrid sessions; only the venue, or nothing, when the
        format is not stated."""
        venue = ", ".join(part for part in [self.venue_name, " ".join(self.venue_address.split())] if part)
        if self.format == Format.VIRTUAL:
            return "Online"
        if self.format == Format.HYBRID:
            return f"{venue} and online" if venue else "In person and online"
        if self.format == Format.IN_PERSON:
            return venue or "In person"
        return venue

    # Relations

    @property
    def series(self):
        """The series this session belongs to (its parent page)."""
        if "_series" not in self.__dict__:
            from .series import TrainingSeriesPage

            self._series = (
                TrainingSeriesPage.objects.filter(path=parent_path(self)).first() if self.path else None
            )
        return self._series

    @property
    def picture(self):
        """The picture that stands for this session: its series' (sessions have none of their own)."""
        series = self.series
        return series.image if series is not None else None

    @property
    def series_title(self):
        series = self.series
        return series.title if series else ""

    @property
    def level(self):
        """The session's framework level, or else its series' level."""
        if self.framework_level_id:
            return self.framework_level
        series = self.series
        return series.framework_level if series and series.framework_level_id else None

    def hosts(self):
        """The organizations that run this session: its series' hosts."""
        if "_hosts" in self.__dict__:
            return self._hosts
        series = self.series
        return series.hosts() if series else []

    @property
    def presenter_names(self):
        return [link.presenter.title for link in self.session_presenters.all()]

    def partner_organizations(self):
        return [link.organization for link in self.session_organizations.all()]

    # Registration

    @property
    def registration_open(self):
        """True while the button should show: a scheduled session, not started, before any deadline;
        with registration on this site, also once the form has opened, and while a full session
        still has a waitlist."""
        now = timezone.now()
        if self.takes_registrations_here:
            going_ahead = self.status in (Status.SCHEDULED, Status.FULL)
            if not (going_ahead and self.on_site_registration_accepted(now)):
                return False
        elif not (
            self.registration_method == RegistrationMethod.EXTERNAL
            and self.registration_url
            and self.status == Status.SCHEDULED
        ):
            return False
        if self.start <= now:
            return False
        return not (self.registration_deadline and now > self.registration_deadline)

    def google_calendar_url(self):
        return calendars.google_calendar_url(self)

    # What a caching proxy must forget when this session changes (home/proxy_purge.py)

    def get_cached_paths(self):
        return ["/", "/calendar.ics"]

    def add_urls_showing_this(self, batch):
        """Its presenters' pages, its partner organizations' pages, and whatever shows its series,
        whose cards name the next session."""
        from .people import PresenterPage

        presenters = SessionPresenter.objects.filter(page=self).values("presenter_id")
        batch.add_pages(PresenterPage.objects.live().filter(pk__in=presenters))
        series = self.series
        if series is not None:
            partners = SessionOrganization.objects.filter(page=self).select_related("organization")
            series.add_urls_showing_this(batch, organizations=[link.organization for link in partners])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        attach_series([self])
        context["organizations_url"] = self.organizations_url(request)
        context["presenter_links"] = list(
            self.session_presenters.select_related("presenter__photo", "presenter__organization")
            .prefetch_related("presenter__photo__renditions")
            .order_by("sort_order")
        )
        organization_links = (
            self.session_organizations.select_related("organization__logo")
            .prefetch_related("organization__logo__renditions")
            .order_by("sort_order")
        )
        context["organization_links"] = list(organization_links)
        # Hosts run the session; only partners belong under "Partner organizations".
        context["organizations"] = [
            link.organization
            for link in context["organization_links"]
            if link.role == SessionOrganization.Role.PARTNER
        ]
        context["hosts"] = self.hosts()
        documents = self.session_documents.select_related("document").order_by("sort_order")
        context["documents"] = [link.document for link in documents]
        context["topics"] = list(self.topics.all())
        context["seats"] = self.seat_availability() if self.takes_registrations_here else None
        context["json_ld"] = structured_data.event(
            self,
            request,
            presenter_links=context["presenter_links"],
            organization_links=context["organization_links"],
            seats=context["seats"],
        )
        return context

    @path("")
    @cacheable()
    def index_route(self, request):
        return self.render(request)

    @re_path(r"^calendar\.ics/$", name="calendar")
    def calendar_route(self, request):
        session = SessionPage.objects.filter(pk=self.pk).for_calendar()
        return calendars.calendar_response(session, request, name=self.title, filename=f"{self.slug}.ics")
