"""Site-wide models: the home page, the shared topic vocabulary and resource documents."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.documents.models import AbstractDocument, Document
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, get_page_models
from wagtail.search import index

from home import site_reads
from home.blocks import RICH_TEXT_FEATURES, BodyBlock, visible_text
from home.pages import BasePage
from home.site_reads import private_q
from home.storage import document_storage


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

    # Kept outside the public media folder (see home/storage.py).
    file = models.FileField(upload_to="documents", storage=document_storage, verbose_name="file")
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


class HomePage(BasePage):
    """The site's front page: what we offer, what is coming up, who we are and how to join."""

    hero_heading = models.CharField(
        max_length=120,
        blank=True,
        help_text="The large heading at the top of the home page. Leave blank to use the page title.",
    )
    hero_text = models.TextField(
        blank=True,
        help_text="A sentence or two under the heading saying what the network offers.",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A welcoming photo beside the heading. Set its focal point so faces are not cut off.",
    )
    hero_cta_label = models.CharField(
        "button words",
        max_length=40,
        blank=True,
        default="Find a training",
        help_text="The words on the main button, e.g. “Find a training”. Leave blank for no button.",
    )
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="button page",
        help_text="The page the main button opens…",
    )
    hero_cta_url = models.URLField(
        "button address",
        blank=True,
        help_text="…or an address on another website (used when no page is chosen).",
    )
    upcoming_heading = models.CharField(
        max_length=80,
        default="Upcoming sessions",
        help_text="Heading above the next sessions. The sessions themselves are listed automatically.",
    )
    upcoming_count = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="How many upcoming sessions to show (between 1 and 12).",
    )
    featured_heading = models.CharField(
        max_length=80,
        default="Featured training series",
        help_text="Heading above the training series you feature below.",
    )
    mission_heading = models.CharField(
        max_length=80,
        default="Who we are",
        help_text="Heading above the mission summary. The summary comes from the mission page.",
    )
    testimonial = models.ForeignKey(
        "programs.Testimonial",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A quote from a participant to show on the home page. Leave empty to show none.",
    )
    posts_heading = models.CharField(
        max_length=80,
        default="Latest from the blog",
        help_text="Heading above the newest blog posts, which are listed automatically.",
    )
    join_heading = models.CharField(
        max_length=120,
        default="Join the network",
        help_text="Heading of the invitation at the bottom of the page.",
    )
    join_text = models.TextField(
        blank=True,
        default="Hear about new trainings first and connect with organizers near you.",
        help_text=(
            "A sentence or two inviting visitors to join. The button uses the sign-up link in Site settings."
        ),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_label"),
                PageChooserPanel("hero_cta_page"),
                FieldPanel("hero_cta_url"),
            ],
            heading="Top of the page",
        ),
    ]
    sections_panels = [
        MultiFieldPanel(
            [FieldPanel("upcoming_heading"), FieldPanel("upcoming_count")],
            heading="Upcoming sessions (listed automatically)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("featured_heading"),
                InlinePanel("featured_series", label="Featured series", max_num=6),
            ],
            heading="Featured series",
        ),
        FieldPanel("mission_heading"),
        FieldPanel("testimonial"),
        FieldPanel("posts_heading"),
        MultiFieldPanel([FieldPanel("join_heading"), FieldPanel("join_text")], heading="Join the network"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(sections_panels, heading="Sections"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )

    search_fields = Page.search_fields + [index.SearchField("hero_text")]
    api_fields = [APIField("hero_heading"), APIField("hero_text")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.MissionPage",
        "home.StandardPage",
        "blog.BlogIndexPage",
        "programs.TrainingIndexPage",
        "programs.PresenterIndexPage",
        "programs.FrameworkPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    @property
    def heading(self):
        return self.hero_heading or self.title

    @property
    def listing_summary(self):
        return self.hero_text

    @property
    def listing_image_id(self):
        return self.hero_image_id

    @property
    def listing_image(self):
        return self.hero_image

    def hero_cta_link(self, request=None):
        """Where the main button goes, or None when it has nowhere live to go."""
        if self.hero_cta_page_id and self.hero_cta_page.live:
            return self.hero_cta_page.get_url(request)
        return self.hero_cta_url or None

    @property
    def upcoming_limit(self):
        """How many upcoming sessions the page lists, kept between 1 and 12."""
        return max(1, min(self.upcoming_count, 12))

    def section_pages(self):
        """The first live, public page of each kind the home page links to, by the name it has in the
        template (`home_section`: the mission page, the training list, the blog). Kept with the
        site-wide reads: they change only when pages are published, moved or made private."""
        return site_reads.remember(f"home-sections:{self.pk}", self.find_section_pages)

    def find_section_pages(self):
        """`section_pages()` from the database: one query, plus one for the mission page's fields."""
        models_by_type = {
            ContentType.objects.get_for_model(model).pk: model
            for model in get_page_models()
            if issubclass(model, BasePage) and model.home_section
        }
        found = {model.home_section: None for model in models_by_type.values()}
        pages = (
            Page.objects.child_of(self)
            .live()
            .exclude(private_q())
            .filter(content_type_id__in=models_by_type)
            .order_by("path")
        )
        for page in pages:
            section = models_by_type[page.content_type_id].home_section
            if found[section] is None:
                found[section] = page
        mission = found.get(MissionPage.home_section)
        if mission is not None:
            found[MissionPage.home_section] = MissionPage.objects.filter(pk=mission.pk).first()
        return found

    def get_context(self, request, *args, **kwargs):
        """The page's own sections, then what the apps built on this one add with the
        `home_page_context` hook: upcoming sessions, featured series, the testimonial, the latest posts."""
        context = super().get_context(request, *args, **kwargs)
        context["hero_cta_url"] = self.hero_cta_link(request)
        context.update(self.section_pages())
        for add_sections in hooks.get_hooks("home_page_context"):
            add_sections(self, request, context)
        return context


@register_setting(icon="cog")
class SiteSettings(BaseGenericSetting):
    """Who we are and how to reach us: shown in the header, footer and search-engine tags."""

    site_name = models.CharField(
        max_length=80,
        default="HEAL Together Trainings",
        help_text="The site's name, shown in the header and at the end of every browser tab title.",
    )
    organization_name = models.CharField(
        max_length=120,
        default="HEAL Together",
        help_text="Your organization's name as it should appear in the footer and copyright line.",
    )
    description = models.TextField(
        blank=True,
        max_length=300,
        default=(
            "Trainings, resources and a network for students, parents, educators and health workers "
            "organizing for honest education and healthy communities."
        ),
        help_text=(
            "One or two sentences describing the site. Search engines and social networks show it "
            "for pages that have no description of their own."
        ),
    )
    contact_email = models.EmailField(
        blank=True, help_text="The address visitors can write to. Shown in the footer."
    )
    signup_url = models.URLField(
        blank=True,
        help_text="Where people join the network or the newsletter (e.g. your mailing-list sign-up form).",
    )
    signup_label = models.CharField(
        max_length=40,
        default="Join the network",
        help_text="The words on the sign-up button in the header, footer and home page.",
    )
    footer_text = models.TextField(
        blank=True,
        help_text="A short line at the bottom of every page, e.g. what the organization stands for.",
    )
    facebook_url = models.URLField(blank=True, help_text="Your Facebook page's address, if you have one.")
    instagram_url = models.URLField(
        blank=True, help_text="Your Instagram profile's address, if you have one."
    )
    x_url = models.URLField(
        "X (Twitter) URL",
        blank=True,
        help_text="Your X (formerly Twitter) profile's address, if you have one.",
    )
    linkedin_url = models.URLField(blank=True, help_text="Your LinkedIn page's address, if you have one.")
    youtube_url = models.URLField(blank=True, help_text="Your YouTube channel's address, if you have one.")
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "The picture shown when a page without its own image is shared on social networks. "
            "A wide image (about 1200 × 630 pixels) works best."
        ),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Optional: the page explaining how your organization handles personal data. Registration "
            "forms link to it under the form; without it they show no privacy link."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("organization_name"), FieldPanel("description")],
            heading="Name and description",
        ),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("signup_url"), FieldPanel("signup_label")],
            heading="Contact and sign-up",
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("x_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("youtube_url"),
            ],
            heading="Social media",
        ),
        FieldPanel("footer_text"),
        FieldPanel("share_image"),
        PageChooserPanel("privacy_page"),
    ]

    class Meta:
        verbose_name = "site settings"

    @property
    def social_links(self):
        """The social profiles that are filled in, as (network name, address) pairs."""
        networks = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("X (Twitter)", self.x_url),
            ("LinkedIn", self.linkedin_url),
            ("YouTube", self.youtube_url),
        ]
        return [(name, url) for name, url in networks if url]


class NavigationLinkBase(Orderable):
    """A menu entry: a page on this site or an address elsewhere, with optional own words."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Choose a page on this site…",
    )
    url = models.URLField(
        "external address", blank=True, help_text="…or paste an address on another website."
    )
    label = models.CharField(
        max_length=40,
        blank=True,
        help_text="The words shown in the menu. Leave blank to use the chosen page's title.",
    )

    panels = [PageChooserPanel("page"), FieldPanel("url"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        abstract = True

    def clean(self):
        from django.core.exceptions import ValidationError

        if not self.page and not self.url:
            raise ValidationError("Choose a page or enter an external address.")
        if self.url and not self.page and not self.label:
            raise ValidationError({"label": "Give the external link the words to show in the menu."})

    def as_link(self, request):
        """The link as a plain dictionary, or None when its page is not public."""
        if self.page_id:
            page = self.page
            if not page.live:
                return None
            return {"label": self.label or page.title, "url": page.get_url(request), "page_id": page.pk}
        return {"label": self.label, "url": self.url, "page_id": None}


class HeaderLink(NavigationLinkBase):
    settings = ParentalKey("home.NavigationSettings", on_delete=models.CASCADE, related_name="header_links")


class FooterLink(NavigationLinkBase):
    settings = ParentalKey("home.NavigationSettings", on_delete=models.CASCADE, related_name="footer_links")


@register_setting(icon="list-ul")
class NavigationSettings(ClusterableModel, BaseGenericSetting):
    """The menus at the top and bottom of every page."""

    show_signup_in_header = models.BooleanField(
        default=True,
        help_text="Show the sign-up button (from Site settings) at the end of the top menu.",
    )

    panels = [
        InlinePanel(
            "header_links",
            heading="Top menu",
            label="Top menu link",
            help_text=(
                "The main menu. Drag to reorder. If you add none, the pages under Home that have "
                "“Show in menus” ticked are listed."
            ),
        ),
        FieldPanel("show_signup_in_header"),
        InlinePanel(
            "footer_links",
            heading="Footer links",
            label="Footer link",
            help_text="Extra links at the bottom of every page, e.g. contact, privacy, accessibility.",
        ),
    ]

    class Meta:
        verbose_name = "navigation"

    def menus(self, request):
        """Both menus as lists of dictionaries, built with two queries for all their links."""
        header = [
            link.as_link(request) for link in self.header_links.select_related("page").order_by("sort_order")
        ]
        footer = [
            link.as_link(request) for link in self.footer_links.select_related("page").order_by("sort_order")
        ]
        return [link for link in header if link], [link for link in footer if link]


class ContentPage(BasePage):
    """What the simple content pages share: an introduction, a picture and a body."""

    intro = models.TextField(
        blank=True,
        max_length=400,
        help_text="A sentence or two under the title, also used as the summary in listings.",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional picture at the top of the page, also used when the page is shared.",
    )
    body = StreamField(BodyBlock(), blank=True, help_text="The page's main content, built from blocks.")

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("image"), APIField("body")]

    class Meta:
        abstract = True

    @property
    def listing_summary(self):
        return self.intro

    @property
    def listing_image_id(self):
        return self.image_id

    @property
    def listing_image(self):
        return self.image

    def search_texts(self):
        return [self.intro, self.search_description, visible_text(self.body)]


class StandardPage(ContentPage):
    """A general page such as About, Contact or Accessibility."""

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("image"), FieldPanel("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage", "home.MissionPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = "standard page"

    shows_breadcrumbs = True

    def breadcrumbs(self):
        # Under the home page the trail is just "Home", which the template writes without a query.
        return super().breadcrumbs() if self.depth > 3 else []


class MissionPage(ContentPage):
    """Who we are: the mission statement, what we do and believe, and who founded the network."""

    statement = models.TextField(
        max_length=300,
        help_text="The mission in one or two sentences. Shown large at the top and on the home page.",
    )
    what_we_do = RichTextField(
        features=RICH_TEXT_FEATURES, blank=True, help_text="A paragraph or two on the network's work."
    )
    what_we_believe = RichTextField(
        features=RICH_TEXT_FEATURES, blank=True, help_text="The values that guide the network."
    )
    founding_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The year the network was formed, e.g. 2022."
    )
    founding_story = models.TextField(
        blank=True,
        help_text="A sentence on how the network began, e.g. who started it and with which partners.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("statement"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("what_we_do"),
        FieldPanel("what_we_believe"),
        MultiFieldPanel(
            [
                FieldPanel("founding_year"),
                FieldPanel("founding_story"),
                InlinePanel("founding_partners", label="Founding partner"),
            ],
            heading="How we began",
        ),
        FieldPanel("body"),
    ]

    search_fields = ContentPage.search_fields + [
        index.SearchField("statement"),
        index.SearchField("what_we_do"),
        index.SearchField("what_we_believe"),
    ]

    api_fields = ContentPage.api_fields + [
        APIField("statement"),
        APIField("what_we_do"),
        APIField("what_we_believe"),
        APIField("founding_year"),
        APIField("founding_story"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.StandardPage"]
    max_count = 1
    home_section = "mission"

    class Meta:
        verbose_name = "mission page"

    @property
    def listing_summary(self):
        return self.intro or self.statement

    def search_texts(self):
        return [
            self.intro,
            self.statement,
            self.search_description,
            self.what_we_do,
            visible_text(self.body),
        ]

    def partner_organizations(self):
        """The founding partners in the editors' order, logos included, from one query."""
        return [
            link.organization
            for link in self.founding_partners.select_related("organization__logo").order_by("sort_order")
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["founding_partners"] = self.partner_organizations()
        return context


class PageCreation(models.Model):
    """Which page a create form has already made.

    Each create form carries a token. Wagtail's autosave creates the page from the form in the
    background, but the form only learns the new page's address when that request answers; a
    click on Save draft, Publish or Submit before then sends the form to the create address again.
    This record lets the second request find the page the first one made.
    """

    # An admin bookkeeping row: no public page shows it, so saving one leaves cached pages alone.
    shown_on_public_pages = False

    token = models.UUIDField(unique=True)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    by_autosave = models.BooleanField(
        default=False, help_text="Whether autosave made the page, rather than one of the save buttons."
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"{self.page_id} from form {self.token}"
