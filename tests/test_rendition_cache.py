"""The tests' kept renditions (tests/rendition_cache.py) give what Wagtail itself would encode, and
only for the same picture, filter and focal point."""

import io

import pytest
from PIL import Image as PillowImage
from wagtail.images.models import Filter, Image
from wagtail.images.rect import Rect
from wagtail.images.tests.utils import get_test_image_file

pytestmark = pytest.mark.django_db


def two_colour_picture(title):
    """A picture red on its left and blue on its right, so that crops at each side differ."""
    from django.core.files.images import ImageFile

    picture = PillowImage.new("RGB", (300, 200), "red")
    picture.paste((0, 0, 255), (150, 0, 300, 200))
    data = io.BytesIO()
    picture.save(data, "PNG")
    return Image.objects.create(title=title, file=ImageFile(data, name="two-colours.png"))


def pixels(data):
    with PillowImage.open(io.BytesIO(data)) as picture:
        return picture.format, picture.size, picture.convert("RGB").tobytes()


def test_a_kept_rendition_is_what_wagtails_encoder_makes(kept_renditions):
    image = Image.objects.create(title="Kite", file=get_test_image_file(colour="blue", size=(320, 240)))
    for spec in ("fill-80x60|format-webp", "max-100x100|format-avif", "width-50"):
        shown = image.get_rendition(spec)
        with shown.file.open("rb") as file:
            kept = file.read()
        output = io.BytesIO()
        encoded = kept_renditions(Filter(spec=spec), image, output).f.getvalue()
        kind, size, _ = pixels(encoded)
        assert pixels(kept)[:2] == (kind, size), spec
        if kind == "WEBP":  # lossy but repeatable: the same bytes each time
            assert kept == encoded
        # Made again from the kept bytes: the same file content, without encoding.
        shown.delete()
        with image.get_rendition(spec).file.open("rb") as file:
            assert file.read() == kept


def test_another_focal_point_or_picture_is_encoded_afresh():
    image = two_colour_picture("Kite")
    image.set_focal_point(Rect(5, 95, 15, 105))
    image.save()
    left = image.get_rendition("fill-60x60-c100|format-png")
    image.set_focal_point(Rect(285, 95, 295, 105))
    image.save()
    right = image.get_rendition("fill-60x60-c100|format-png")
    assert left.pk != right.pk
    with left.file.open("rb") as a, right.file.open("rb") as b:
        assert pixels(a.read())[2][:3] == b"\xff\x00\x00"  # red: the left of the picture
        assert pixels(b.read())[2][:3] == b"\x00\x00\xff"  # blue: the right
    green = Image.objects.create(title="Green", file=get_test_image_file(colour="green", size=(300, 200)))
    with green.get_rendition("fill-60x60-c100|format-png").file.open("rb") as file:
        assert pixels(file.read())[2][:3] == b"\x00\x80\x00"
