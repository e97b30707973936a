"""Snippets shared by program pages: partner organizations and testimonials."""

from django.db import models
from django.db.models import Exists, OuterRef
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from home.site_reads import private_q
from home.slugs import unique_slug

from .choices import BrandColour, OrganizationRole


class OrganizationQuerySet(models.QuerySet):
    def taking_part(self):
        """Organizations that host or partner on a published, public series or session."""
        from wagtail.models import Page

        from .series import SeriesOrganization
        from .sessions import SessionOrganization

        # Series links point at series and session links at sessions: one privacy check serves both.
        pages = Page.objects.live().exclude(private_q()).values("pk")
        series = SeriesOrganization.objects.filter(page_id__in=pages)
        sessions = SessionOrganization.objects.filter(page_id__in=pages)
        return self.filter(
            models.Q(pk__in=series.values("organization_id"))
            | models.Q(pk__in=sessions.values("organization_id"))
        )


class Organization(index.Indexed, models.Model):
    """A group that hosts a series or partners on a session."""

    name = models.CharField(max_length=200, help_text="The organization's full name, as it calls itself.")
    slug = models.SlugField(
        max_length=200,
        unique=True,
        blank=True,
        help_text="The last part of this organization's web address. Leave blank to make it from the name.",
    )
    website = models.URLField(blank=True, help_text="The organization's own website, starting with https://.")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional logo. A square or wide image on a plain background works best.",
    )
    description = models.TextField(
        blank=True,
        max_length=500,
        help_text="One or two sentences about who they are and what they do.",
    )
    brand_colour = models.CharField(
        "brand colour",
        max_length=20,
        choices=BrandColour.choices,
        default=BrandColour.BLUE,
        help_text=(
            "The colour the programs this organization hosts are drawn in where there is no photograph: "
            "the band on their cards and the edge of their session cards. Pick the one closest to your "
            "own; every choice keeps white text readable."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("description"),
        FieldPanel("brand_colour"),
        FieldPanel("slug"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "organization"
        verbose_name_plural = "organizations"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.name, Organization.objects.exclude(pk=self.pk), "organization")
        super().save(*args, **kwargs)

    def hosted_series(self):
        """Published, public series this organization hosts."""
        return self._series_in_role(OrganizationRole.HOST)

    def partnered_series(self):
        """Published, public series this organization is a partner on."""
        return self._series_in_role(OrganizationRole.PARTNER)

    def series_taking_part(self):
        """Published, public series this organization hosts or partners on, each with `hosted_here`
        and `partnered_here`, from one query (hosted_series() and partnered_series() together)."""
        from .series import SeriesOrganization, TrainingSeriesPage

        links = SeriesOrganization.objects.filter(organization=self)
        in_role = {
            f"{name}_here": Exists(links.filter(page_id=OuterRef("pk"), role=role))
            for name, role in (("hosted", OrganizationRole.HOST), ("partnered", OrganizationRole.PARTNER))
        }
        return (
            TrainingSeriesPage.objects.live()
            .public()
            .filter(pk__in=links.values("page_id"))
            .for_listing()
            .annotate(**in_role)
            .order_by("-start_date", "title")
        )

    def _series_in_role(self, role):
        from .series import SeriesOrganization, TrainingSeriesPage

        links = SeriesOrganization.objects.filter(organization=self, role=role)
        return (
            TrainingSeriesPage.objects.live()
            .public()
            .filter(pk__in=links.values("page_id"))
            .for_listing()
            .order_by("-start_date", "title")
        )

    def sessions(self):
        """Published, public sessions this organization hosted or partnered on, newest first."""
        from .sessions import SessionOrganization, SessionPage

        links = SessionOrganization.objects.filter(organization=self)
        return (
            SessionPage.objects.live()
            .public()
            .filter(pk__in=links.values("page_id"))
            .for_listing()
            .order_by("-start")
        )


def role_field(default, help_text):
    return models.CharField(
        max_length=20, choices=OrganizationRole.choices, default=default, help_text=help_text
    )


class MissionPartner(Orderable):
    """An organization that helped found the network, in the order the mission page credits it. It
    lives with the organizations so that the mission page, which the programs build on, needs to
    know nothing of them."""

    page = ParentalKey("home.MissionPage", on_delete=models.CASCADE, related_name="founding_partners")
    organization = models.ForeignKey(
        "programs.Organization",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Choose the organization. If it is new, add it in the chooser's “Add organization” tab "
        "or under Partners & quotes → Organizations.",
    )

    panels = [FieldPanel("organization")]


class OrganizationLink(Orderable):
    """An organization hosting or partnering on a page (a series or a session), in the editor's order.

    Each kind of page has its own table of links (`SeriesOrganization`, `SessionOrganization`), with its
    `page` and the role new links start with; what a link is and how it is edited is the same."""

    Role = OrganizationRole

    organization = models.ForeignKey(
        "programs.Organization",
        on_delete=models.CASCADE,
        related_name="%(class)s_links",
        help_text="Choose the organization. If it is new, add it in the chooser's “Add organization” tab "
        "or under Partners & quotes → Organizations.",
    )

    panels = [FieldPanel("organization"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        abstract = True


class Testimonial(index.Indexed, models.Model):
    """Something a participant or instructor said, to quote on series and home pages."""

    quote = models.TextField(help_text="Their words, without quotation marks.")
    person_name = models.CharField(
        max_length=120,
        blank=True,
        help_text="Who said it. Leave blank to quote them anonymously, e.g. with only a role.",
    )
    role = models.CharField(
        max_length=200,
        blank=True,
        help_text="How they took part, e.g. “Series participant” or “Instructor”.",
    )
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="testimonials",
        help_text="Optional: the organization they belong to.",
    )

    panels = [
        FieldPanel("quote"),
        FieldPanel("person_name"),
        FieldPanel("role"),
        FieldPanel("organization"),
    ]

    search_fields = [
        index.SearchField("quote"),
        index.SearchField("person_name"),
        index.AutocompleteField("person_name"),
    ]

    class Meta:
        verbose_name = "testimonial"
        verbose_name_plural = "testimonials"

    def __str__(self):
        who = self.person_name or self.role or "Anonymous"
        excerpt = self.quote if len(self.quote) <= 60 else self.quote[:57] + "…"
        return f"{who}: “{excerpt}”"

    @property
    def attribution(self):
        """The person, role and organization joined for display under the quote."""
        parts = [self.person_name, self.role]
        if self.organization_id:
            parts.append(self.organization.name)
        return ", ".join(part for part in parts if part)
