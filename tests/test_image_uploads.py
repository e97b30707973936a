"""Image uploads: pixel bombs are refused with a clear message, and oversized photos are stored at a
size the site can cut pictures from quickly."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("picture-editor", "pictures@example.org", "pw")
    client.force_login(user)
    return client


def picture(width, height, fmt="JPEG", orientation=None, name=None):
    image = PILImage.new("RGB", (width, height), (180, 90, 40))
    # A dark left edge, to tell after rotation which way is up.
    image.paste((0, 0, 0), (0, 0, max(1, width // 10), height))
    data = BytesIO()
    options = {}
    if orientation:
        exif = PILImage.Exif()
        exif[0x0112] = orientation
        options["exif"] = exif.tobytes()
    image.save(data, fmt, **options)
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[fmt]
    content_type = f"image/{'jpeg' if fmt == 'JPEG' else fmt.lower()}"
    return SimpleUploadedFile(name or f"photo.{extension}", data.getvalue(), content_type)


def upload(client, file, title="A photo"):
    return client.post(reverse("wagtailimages:add"), {"title": title, "file": file})


def test_a_pixel_bomb_is_refused_with_a_clear_message(editor_client):
    # 6,300 x 6,300 pixels of one colour: a few KB of PNG that decodes to about 120 MB.
    bomb = picture(6300, 6300, fmt="PNG")
    assert len(bomb) < 200_000
    response = upload(editor_client, bomb)
    assert response.status_code == 200
    assert "pixels" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_an_oversized_photo_is_stored_at_the_longest_side_allowed(editor_client, settings):
    settings.IMAGE_MAX_SIDE = 3000
    response = upload(editor_client, picture(4000, 3000), title="Wide photo")
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Wide photo")
    assert (image.width, image.height) == (3000, 2250)
    with image.get_willow_image() as willow:
        assert willow.get_size() == (3000, 2250)
    assert image.file_size == image.file.size


def test_a_rotated_phone_photo_is_stored_upright(editor_client, settings):
    settings.IMAGE_MAX_SIDE = 1000
    # Orientation 6: the camera was turned; viewers rotate the picture 90 degrees clockwise.
    upload(editor_client, picture(2000, 1500, orientation=6), title="Turned")
    image = get_image_model().objects.get(title="Turned")
    assert (image.width, image.height) == (750, 1000)
    with image.file.open() as stored, PILImage.open(stored) as opened:
        assert opened.getexif().get(0x0112) is None
        # The dark edge that was on the left is now along the top.
        assert opened.getpixel((375, 5))[0] < 60
        assert opened.getpixel((375, 995))[0] > 120


def test_a_photo_within_the_limits_is_kept_byte_for_byte(editor_client, settings):
    settings.IMAGE_MAX_SIDE = 3000
    original = picture(1200, 800, fmt="PNG")
    upload(editor_client, original, title="Small")
    image = get_image_model().objects.get(title="Small")
    original.seek(0)
    with image.file.open() as stored:
        assert stored.read() == original.read()


def test_the_multiple_uploader_scales_down_too(editor_client, settings):
    settings.IMAGE_MAX_SIDE = 1000
    response = editor_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": picture(1600, 1200, fmt="WEBP", name="webp-photo.webp")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    assert response.json()["success"], response.json()
    image = get_image_model().objects.get()
    assert (image.width, image.height) == (1000, 750)
