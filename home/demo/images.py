"""Pictures for the demo site, drawn with Pillow so loading the demo needs no network.

Presenters get a portrait placeholder with their initials; series, the home page and blog posts get a
wide illustration with their title. Each image is stored as a Wagtail image whose description is
its alternative text, and is found again by title, so loading twice never duplicates it.
"""

import hashlib
import io
import random
from dataclasses import dataclass

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageChops, ImageDraw, ImageFont

from . import content

# Dark enough behind white initials for a contrast ratio above 4.5:1; the name goes into alt text.
PALETTE = (
    ("#1d3557", "#2a6f97", "deep blue"),
    ("#5a189a", "#7b2cbf", "purple"),
    ("#7f1d1d", "#b4432f", "brick red"),
    ("#14532d", "#2d6a4f", "forest green"),
    ("#3d405b", "#6d597a", "slate"),
    ("#0b525b", "#14746f", "teal"),
    ("#6a040f", "#9d0208", "crimson"),
    ("#283618", "#606c38", "olive green"),
)

PORTRAIT_SIZE = (600, 600)
WIDE_SIZE = (1600, 800)


@dataclass(frozen=True)
class ImageSpec:
    key: str
    title: str
    alt: str
    kind: str  # "portrait" or "wide"
    text: str  # initials for portraits, what the picture illustrates for wide ones

    @property
    def filename(self):
        return f"demo-{self.key}.{'png' if self.kind == 'portrait' else 'jpg'}"


def initials(name):
    # Given name and family name: “Adrienne van der Valk” is AV, “Aisha Blanchard-Young” is AB.
    parts = [part for part in name.split() if part[0].isalpha() and part[0].isupper()]
    if not parts:
        return name[:1].upper()
    return (parts[0][0] + (parts[-1][0] if len(parts) > 1 else "")).upper()


def _palette(key):
    digest = hashlib.sha256(key.encode()).digest()
    return PALETTE[digest[0] % len(PALETTE)]


def _colours(key):
    return _palette(key)[:2]


def _colour_name(key):
    return _palette(key)[2]


def _hex(colour):
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _gradient(size, start, end):
    """A diagonal blend from ``start`` to ``end``."""
    vertical = PILImage.linear_gradient("L")
    mask = ImageChops.add(vertical, vertical.rotate(90), scale=2).resize(size)
    return PILImage.composite(
        PILImage.new("RGB", size, _hex(end)), PILImage.new("RGB", size, _hex(start)), mask
    )


def draw_portrait(spec):
    start, end = _colours(spec.key)
    picture = _gradient(PORTRAIT_SIZE, start, end)
    draw = ImageDraw.Draw(picture)
    font = ImageFont.load_default(size=220)
    draw.text((PORTRAIT_SIZE[0] / 2, PORTRAIT_SIZE[1] / 2), spec.text, font=font, fill="white", anchor="mm")
    return picture


def draw_wide(spec):
    start, end = _colours(spec.key)
    picture = _gradient(WIDE_SIZE, start, end)
    draw = ImageDraw.Draw(picture, "RGBA")
    shapes = random.Random(spec.key)  # noqa: S311 - decoration, not security
    for _ in range(14):
        x, y = shapes.randint(0, WIDE_SIZE[0]), shapes.randint(0, WIDE_SIZE[1])
        radius = shapes.randint(60, 260)
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, shapes.randint(10, 34))
        )
    return picture


def render(spec):
    """The picture for ``spec`` as file bytes (PNG for portraits, JPEG for wide pictures)."""
    picture = draw_portrait(spec) if spec.kind == "portrait" else draw_wide(spec)
    buffer = io.BytesIO()
    if spec.kind == "portrait":
        picture.save(buffer, format="PNG", optimize=True)
    else:
        picture.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def portrait_key(presenter_slug):
    return f"portrait-{presenter_slug}"


def _build_specs():
    specs = {}
    for presenter in content.PRESENTERS:
        letters = initials(presenter.name)
        key = portrait_key(presenter.slug)
        specs[key] = ImageSpec(
            key,
            f"Portrait placeholder: {presenter.name}",
            f"Placeholder portrait for {presenter.name}: the initials {letters} on a {_colour_name(key)} "
            "background.",
            "portrait",
            letters,
        )
    wide = (
        ("home-hero", "Home page: trainings", "the home page"),
        ("mission-hero", "Mission: honest, equitable public education", "the mission page"),
        ("framework-hero", "Framework: Opportunity Coalition", "the Opportunity Coalition framework"),
        ("series-training-2-0", "Series: Training Series 2.0", "Training Series 2.0"),
        ("series-organizing-for-health", "Series: Organizing for Health", "Organizing for Health"),
        ("series-leaders-for-just-schools", "Series: Leaders for Just Schools", "Leaders for Just Schools"),
        (
            "series-community-organizer-training",
            "Series: Community Organizer Training Program",
            "Community Organizer Training Program",
        ),
        ("series-sample", "Series: Sample Organizing Basics", "the sample series"),
        (
            "blog-series-announced",
            "Blog: Training Series 2.0 announced",
            "the Training Series 2.0 announcement",
        ),
        (
            "blog-organizing-for-health",
            "Blog: Organizing for Health relaunches",
            "the Organizing for Health relaunch",
        ),
        ("blog-recap", "Blog: Organizing for Health recap", "the Organizing for Health recap"),
        (
            "blog-leaders-for-just-schools",
            "Blog: Leaders for Just Schools cohorts",
            "the Leaders for Just Schools cohorts",
        ),
        (
            "blog-community-organizer-training",
            "Blog: Community Organizer Training",
            "the Community Organizer Training Program",
        ),
    )
    for key, title, caption in wide:
        specs[key] = ImageSpec(
            key,
            f"Demo illustration: {title}",
            f"Abstract illustration for {caption}: overlapping pale circles on a {_colour_name(key)} "
            "background.",
            "wide",
            caption,
        )
    return specs


SPECS = _build_specs()


def get_or_create_image(key):
    """The Wagtail image for ``key``: found by title, drawn and saved only when missing."""
    from wagtail.images import get_image_model

    spec = SPECS[key]
    Image = get_image_model()
    image = Image.objects.filter(title=spec.title).order_by("pk").first()
    if image is not None:
        changed = False
        if image.description != spec.alt:
            image.description = spec.alt
            changed = True
        if not image.file.storage.exists(image.file.name):
            image.file = ImageFile(io.BytesIO(render(spec)), name=spec.filename)
            changed = True
        if changed:
            image.save()
        return image
    image = Image(title=spec.title, description=spec.alt)
    image.file = ImageFile(io.BytesIO(render(spec)), name=spec.filename)
    image.save()
    return image
