"""Pictures for the demo site, drawn with Pillow so loading the demo needs no network.

Presenters get a portrait placeholder with their initials. Series, the home page and blog posts get
a wide picture in the brand colour of the organization behind them, with its initials, the name of
what the picture stands for and one of six patterns, given in turn so that neighbours differ. Each
image is stored as a Wagtail image whose description is its alternative text, and is found again
by title, so loading twice never duplicates it; a new description redraws it.
"""

import datetime
import hashlib
import io
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

# The brand colours organizations choose from (programs.BrandColour), as static/css/site.css draws them.
TONES = {
    "blue": ("#1f5f8b", "blue"),
    "teal": ("#0b5e63", "teal"),
    "green": ("#1d5c34", "green"),
    "olive": ("#4b5716", "olive"),
    "brick": ("#9a3412", "brick red"),
    "crimson": ("#9b1c3a", "crimson"),
    "purple": ("#5b2a86", "purple"),
    "slate": ("#3d4a5c", "slate"),
}
PATTERNS = ("diagonal stripes", "dots", "a grid", "rings", "chevrons", "triangles")

PORTRAIT_SIZE = (600, 600)
WIDE_SIZE = (1600, 800)


@dataclass(frozen=True)
class ImageSpec:
    key: str
    title: str
    alt: str
    kind: str  # "portrait" or "wide"
    text: str  # initials for portraits, what the picture illustrates for wide ones
    tone: str = "blue"  # wide pictures: a TONES key
    pattern: int = 0  # wide pictures: an index into PATTERNS
    mark: str = ""  # wide pictures: the organization's initials
    light: bool = False  # wide pictures: a pale ground with coloured letters (blog posts)

    @property
    def filename(self):
        return f"demo-{self.key}.{'png' if self.kind == 'portrait' else 'jpg'}"


def initials(name):
    # Given name and family name: “Adrienne van der Valk” is AV, “Aisha Blanchard-Young” is AB.
    parts = [part for part in name.split() if part[0].isalpha() and part[0].isupper()]
    if not parts:
        return name[:1].upper()
    return (parts[0][0] + (parts[-1][0] if len(parts) > 1 else "")).upper()


def initials_of_organization(name):
    """Up to three capitals: “Human Impact Partners” is HIP, “HEAL Together” HT."""
    capitals = [word[0] for word in name.split() if word[:1].isupper()]
    return "".join(capitals[:2] + capitals[-1:] if len(capitals) > 3 else capitals)


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


def _font(size):
    # A bold face reads at card size; Pillow's own font is the fallback where DejaVu is missing.
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def _wrap(text, font, width):
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and font.getlength(trial) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line] if line else lines


def _pattern(draw, number, colour):
    """One of six patterns over the whole picture, so that pictures of one colour still differ."""
    width, height = WIDE_SIZE
    kind = number % len(PATTERNS)
    if kind == 0:  # diagonal stripes
        for x in range(-height, width, 90):
            draw.polygon([(x, height), (x + 40, height), (x + 40 + height, 0), (x + height, 0)], fill=colour)
    elif kind == 1:  # dots
        for y in range(30, height, 80):
            for x in range(30 + (40 if (y // 80) % 2 else 0), width, 80):
                draw.ellipse((x - 14, y - 14, x + 14, y + 14), fill=colour)
    elif kind == 2:  # grid
        for x in range(0, width, 100):
            draw.rectangle((x, 0, x + 6, height), fill=colour)
        for y in range(0, height, 100):
            draw.rectangle((0, y, width, y + 6), fill=colour)
    elif kind == 3:  # rings from the top right corner
        for radius in range(60, 2000, 70):
            draw.ellipse((width - radius, -radius, width + radius, radius), outline=colour, width=22)
    elif kind == 4:  # chevrons
        for y in range(-60, height + 60, 110):
            for x in range(0, width + 160, 160):
                draw.line([(x - 80, y + 50), (x, y), (x + 80, y + 50)], fill=colour, width=22)
    else:  # triangles
        for y in range(0, height, 120):
            for x in range((y // 120) % 2 * 60, width, 120):
                draw.polygon([(x, y + 100), (x + 50, y + 15), (x + 100, y + 100)], fill=colour)


def draw_wide(spec):
    """A picture in the host's colour: a pattern, the host's initials in a block and the name of what
    it illustrates. Series pictures are dark with white letters; blog pictures are light with
    letters in the colour, so a post never looks like the series it is about."""
    dark = _hex(TONES[spec.tone][0])
    light = tuple(round(channel + (255 - channel) * 0.86) for channel in dark)
    background, ink = (light, dark) if spec.light else (dark, (255, 255, 255))
    picture = PILImage.new("RGB", WIDE_SIZE, background)
    draw = ImageDraw.Draw(picture, "RGBA")
    _pattern(draw, spec.pattern, (*ink, 30 if not spec.light else 40))
    # Text stays inside the middle 4:3, the narrowest cut the site makes of this 2:1 picture (search
    # thumbnails); cards cut 16:9 and the home hero 3:2.
    left, top, width = 290, 120, 1020
    mark_font = _font(170)
    box = draw.textbbox((left + 40, top + 30), spec.mark, font=mark_font)
    draw.rectangle((left, top, box[2] + 40, box[3] + 40), fill=ink)
    draw.text((left + 40, top + 30), spec.mark, font=mark_font, fill=background)
    # The largest size that sets the words in at most three lines.
    for size in (92, 80, 68, 58):
        label_font = _font(size)
        lines = _wrap(spec.text, label_font, width - 80)
        if len(lines) <= 3:
            break
    y = box[3] + 100
    for line in lines:
        line_box = draw.textbbox((left + 40, y), line, font=label_font)
        draw.rectangle((left, line_box[1] - 20, line_box[2] + 40, line_box[3] + 20), fill=background)
        draw.text((left + 40, y), line, font=label_font, fill=ink)
        y += round(size * 1.35)
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


# Image titles, by which a second load finds the pictures the first one saved.
TITLES = {
    "series-training-2-0": "Series: Training Series 2.0",
    "series-organizing-for-health": "Series: Organizing for Health",
    "series-leaders-for-just-schools": "Series: Leaders for Just Schools",
    "series-community-organizer-training": "Series: Community Organizer Training Program",
    "series-sample": "Series: Sample Organizing Basics",
    "blog-series-announced": "Blog: Training Series 2.0 announced",
    "blog-organizing-for-health": "Blog: Organizing for Health relaunches",
    "blog-recap": "Blog: Organizing for Health recap",
    "blog-leaders-for-just-schools": "Blog: Leaders for Just Schools cohorts",
    "blog-community-organizer-training": "Blog: Community Organizer Training",
}


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
    organizations = {organization.key: organization.name for organization in content.ORGANIZATIONS}
    series = {data.slug: data for data in (*content.SERIES, content.sample_series(datetime.date(2000, 1, 1)))}

    def host(keys):
        key = keys[0] if keys else "heal-together"
        return content.BRAND_COLOURS.get(key, "blue"), initials_of_organization(organizations[key])

    wide = [
        ("home-hero", "Home page: trainings", "Trainings", "heal-together", False),
        (
            "mission-hero",
            "Mission: honest, equitable public education",
            "Our mission",
            "heal-together",
            False,
        ),
        (
            "framework-hero",
            "Framework: Opportunity Coalition",
            "Developmental framework",
            "opportunity-coalition",
            False,
        ),
    ]
    wide += [(data.image, TITLES[data.image], data.title, data.hosts, False) for data in series.values()]
    for post in content.BLOG_POSTS:
        related = series[post.related_series[0]] if post.related_series else None
        wide.append((post.image, TITLES[post.image], post.title, related.hosts if related else (), True))
    for number, (key, title, text, hosts, light) in enumerate(wide):
        tone, mark = host((hosts,) if isinstance(hosts, str) else hosts)
        specs[key] = ImageSpec(
            key,
            f"Demo illustration: {title}",
            f"Illustration for {text}: {mark} in a block above the words “{text}”, on "
            f"{'a pale ' if light else ''}{TONES[tone][1]} with {PATTERNS[number % len(PATTERNS)]}.",
            "wide",
            text,
            tone=tone,
            pattern=number,
            mark=mark,
            light=light,
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
        # The description says what the picture shows: when it changes, so did the drawing.
        if image.description != spec.alt:
            image.description = spec.alt
            image.file = ImageFile(io.BytesIO(render(spec)), name=spec.filename)
            changed = True
        elif not image.file.storage.exists(image.file.name):
            image.file = ImageFile(io.BytesIO(render(spec)), name=spec.filename)
            changed = True
        if changed:
            image.save()
            # Sizes cut from the old drawing must not outlive it.
            image.renditions.all().delete()
        return image
    image = Image(title=spec.title, description=spec.alt)
    image.file = ImageFile(io.BytesIO(render(spec)), name=spec.filename)
    image.save()
    return image
