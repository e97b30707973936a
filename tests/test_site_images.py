"""Uploaded pictures are served at the size they are shown (srcset and sizes) in AVIF, with WebP for
browsers without it, and keep their alternative text."""

import io
from html.parser import HTMLParser

import pytest
from django.core.files.images import ImageFile
from django.test import Client
from wagtail.images.models import Image

from programs.models import SeriesOrganization
from tests.factories.blog import BlogIndexPageFactory, BlogPostPageFactory
from tests.factories.home import StandardPageFactory
from tests.factories.programs import OrganizationFactory, SessionOrganizationFactory, build_series

pytestmark = pytest.mark.django_db


def picture(title, size=(1600, 900)):
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#2a6f97").save(buffer, format="PNG")
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.png")
    )


class Pictures(HTMLParser):
    """Each <img> of an uploaded picture, with the <source> types of the <picture> around it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images, self.sources, self.in_picture = [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "picture":
            self.in_picture, self.sources = True, []
        elif tag == "source" and self.in_picture:
            self.sources.append(attrs)
        elif tag == "img" and "/images/" in (attrs.get("src") or ""):
            self.images.append({**attrs, "sources": self.sources if self.in_picture else []})

    def handle_endtag(self, tag):
        if tag == "picture":
            self.in_picture = False


def pictures_on(url):
    response = Client().get(url)
    assert response.status_code == 200, url
    parser = Pictures()
    parser.feed(response.content.decode())
    return parser.images


@pytest.fixture
def pictured(site_root):
    made = build_series(site_root, sessions=1, presenters_per_session=1, organizations_per_session=0)
    series, session = made["series"], made["sessions"][0]
    series.image = picture("Series picture")
    series.save_revision().publish()
    made["host"].logo = picture("Host logo", (400, 200))
    made["host"].save()
    partner = OrganizationFactory(name="Partner with a logo", logo=picture("Partner logo", (400, 200)))
    SessionOrganizationFactory(page=session, organization=partner, role=SeriesOrganization.Role.PARTNER)
    presenter = session.session_presenters.first().presenter
    presenter.photo = picture("Presenter photo", (600, 600))
    presenter.save_revision().publish()
    blog = BlogIndexPageFactory(parent=site_root)
    post = BlogPostPageFactory(parent=blog, feed_image=picture("Post picture"))
    post.save_revision().publish()
    block_image = picture("Block picture")
    block_image.description = "Parents at a school board meeting"
    block_image.save()
    standard = StandardPageFactory(
        parent=site_root,
        slug="about",
        image=picture("About picture"),
        body=[("image", {"image": block_image, "alt_text": "Parents at the meeting", "decorative": False})],
    )
    home = site_root
    home.hero_image = picture("Hero picture")
    home.save_revision().publish()
    return {
        "home": "/",
        "training list": made["index"].url,
        "series": series.url,
        "session": session.url,
        "presenter list": made["presenters"].url,
        "presenter": presenter.url,
        "organization list": made["index"].url + "organizations/",
        "blog": blog.url,
        "post": post.url,
        "standard page": standard.url,
        "search": f"/search/?q={series.title.split()[0]}",
    }


def test_every_uploaded_picture_has_sizes_and_modern_formats(pictured):
    problems = []
    seen = 0
    for name, url in pictured.items():
        for image in pictures_on(url):
            seen += 1
            candidates = [part.split()[-1] for part in image.get("srcset", "").split(",") if part.strip()]
            if len(candidates) < 2 or not all(value.endswith("w") for value in candidates):
                problems.append(f"{name}: {image['src']} has no width candidates: {image.get('srcset')}")
            if not image.get("sizes"):
                problems.append(f"{name}: {image['src']} has no sizes")
            if ".webp" not in image["src"]:
                problems.append(f"{name}: {image['src']} is not WebP")
            if [source.get("type") for source in image["sources"]] != ["image/avif"]:
                problems.append(f"{name}: {image['src']} offers no AVIF")
            elif image["sources"][0].get("sizes") != image.get("sizes"):
                problems.append(f"{name}: the AVIF source of {image['src']} has other sizes")
    assert problems == []
    # Each page above shows at least one picture (the search result its series' thumbnail).
    assert seen >= len(pictured)


def test_a_picture_shown_at_a_fixed_size_is_asked_for_at_that_size(pictured):
    (photo,) = [image for image in pictures_on(pictured["presenter"]) if "presenter-photo" in image["src"]]
    assert photo["sizes"] == "128px"
    assert sorted(part.split()[-1] for part in photo["srcset"].split(",")) == ["128w", "256w"]


def test_pictures_keep_their_alternative_text(pictured):
    images = pictures_on(pictured["standard page"])
    alts = {image["alt"] for image in images}
    # The page's own picture describes itself by its title; the block's, by the words the editor gave it.
    assert alts == {"About picture", "Parents at the meeting"}
    (card,) = [image for image in pictures_on(pictured["blog"]) if "post-picture" in image["src"]]
    assert card["alt"] == ""
