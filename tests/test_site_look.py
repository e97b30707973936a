"""The visual system for pages without photographs: cards drawn in the host's colour, demo pictures
that tell neighbours apart, monograms, and lists that stay scannable."""

import io
import re

import pytest
from django.template import Context, Template
from PIL import Image as PILImage
from PIL import ImageChops, ImageStat

from programs.models import BrandColour, Organization, SeriesOrganization
from search.demo import content, images
from tests.factories.programs import OrganizationFactory, SeriesOrganizationFactory, build_series


def picture(key):
    return PILImage.open(io.BytesIO(images.render(images.SPECS[key]))).convert("RGB")


def test_demo_series_pictures_differ_from_the_ones_beside_them():
    # The order /trainings/ and the home page list them in.
    keys = [series.image for series in sorted(content.SERIES, key=lambda series: series.title)]
    keys.insert(keys.index("series-training-2-0"), "series-sample")
    for left, right in zip(keys, keys[1:], strict=False):
        difference = ImageStat.Stat(ImageChops.difference(picture(left), picture(right))).mean
        assert sum(difference) / 3 > 12, (left, right)


def test_demo_pictures_take_the_colour_of_the_host():
    def dominant(key):
        colours = picture(key).resize((80, 40)).getcolors(80 * 40)
        return max(colours)[1]

    health, schools = dominant("series-organizing-for-health"), dominant("series-leaders-for-just-schools")
    assert health != schools
    green = images._hex(images.TONES[content.BRAND_COLOURS["human-impact-partners"]][0])
    assert all(abs(got - want) <= 3 for got, want in zip(health, green, strict=True))
    # Blog pictures are pale, so a post never passes for the series it is about.
    assert sum(dominant("blog-recap")) > 3 * 200


def test_demo_picture_descriptions_say_what_is_drawn():
    spec = images.SPECS["series-organizing-for-health"]
    assert spec.alt.startswith("Illustration for Organizing for Health: HIP")
    assert "green" in spec.alt and "circles" not in spec.alt


def test_initials_make_tidy_monograms():
    template = Template("{% load text_tags %}{{ person|initials }} {{ org|initials:3 }}")
    rendered = template.render(Context({"person": "Adrienne van der Valk", "org": "Human Impact Partners"}))
    assert rendered == "AV HIP"


@pytest.mark.django_db
def test_an_organization_has_a_brand_colour_with_a_default_and_help_text():
    organization = Organization.objects.create(name="New Partner")
    assert organization.brand_colour == BrandColour.BLUE
    field = Organization._meta.get_field("brand_colour")
    assert "no photograph" in field.help_text
    assert "brand_colour" in [panel.field_name for panel in Organization.panels]


@pytest.fixture
def series_without_picture(site_root, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = build_series(site_root, sessions=1, past=1, organizations_per_session=0)
        series = made["series"]
        series.series_organizations.all().delete()
        host = OrganizationFactory(name="Human Impact Partners", brand_colour=BrandColour.GREEN)
        SeriesOrganizationFactory(page=series, organization=host)
        for _ in range(16):
            SeriesOrganizationFactory(
                page=series, organization=OrganizationFactory(), role=SeriesOrganization.Role.PARTNER
            )
        series.title = "Organizing for Health"
        series.image = None
        series.date_label = "2023-24 school year"
        series.save_revision().publish()
    return made


@pytest.mark.django_db
def test_a_card_without_a_picture_shows_title_host_dates_in_the_hosts_colour(series_without_picture, client):
    series = series_without_picture["series"]
    page = client.get(series.get_parent().url).content.decode()
    card = re.search(r'<article class="card card--linked series-card[^"]*">.*?</article>', page, re.S).group(
        0
    )
    assert "tone--green" in card
    assert re.search(
        r'<div class="card__poster[^"]*" aria-hidden="true"><span class="card__poster-mark">HIP</span>', card
    )
    assert ">Organizing for Health</a></h3>" in card
    text = " ".join(re.sub(r"<[^>]+>", " ", card).split())
    assert "Hosted by Human Impact Partners" in text
    # Its dates come first in the body, before the title.
    assert re.search(r'<div class="card__body">\s*<p class="card__meta">[^<]*2023-24 school year', card)
    assert "<img" not in card


@pytest.mark.django_db
def test_partners_are_a_list_and_past_lists_carry_no_past_badge(series_without_picture, client):
    series = series_without_picture["series"]
    page = client.get(series.url).content.decode()
    partners = re.search(r"<dt>Partners</dt><dd>(.*?)</dd>", page, re.S).group(1)
    assert partners.startswith('<ul class="org-list">') and partners.count("<li>") == 16
    past = page[page.index('id="past-heading"') :]
    assert "badge--past" not in past
    # The session page itself still says it is over.
    assert "badge--past" in client.get(series_without_picture["sessions"][-1].url).content.decode()
