"""The web server snippet (deploy/nginx/media.conf) serves the folders images are stored in, and
nothing else of MEDIA_ROOT; documents are never in it."""

import re
from pathlib import Path

import pytest
import wagtail_factories
from django.conf import settings

MEDIA_CONF = Path(__file__).resolve().parent.parent / "deploy" / "nginx" / "media.conf"


def locations():
    """{location prefix: its directives} in the snippet, comments left out."""
    text = re.sub(r"#[^\n]*", "", MEDIA_CONF.read_text())
    return {prefix: body for prefix, body in re.findall(r"location\s+(\S+)\s*\{([^}]*)\}", text)}


def test_only_the_image_folders_of_one_media_root_are_served():
    served = {
        prefix: match.group(1)
        for prefix, body in locations().items()
        if (match := re.search(r"\b(?:alias|root)\s+(\S+);", body))
    }
    assert set(served) == {"/media/images/", "/media/original_images/"}
    media_root = served["/media/images/"].removesuffix("images/")
    assert served["/media/original_images/"] == f"{media_root}original_images/"
    assert "return 404" in locations()["/media/"]


@pytest.mark.django_db
def test_uploaded_images_and_their_resized_copies_are_stored_in_the_served_folders():
    image = wagtail_factories.ImageFactory()
    rendition = image.get_rendition("fill-80x60")
    assert image.file.url.startswith("/media/original_images/")
    assert rendition.url.startswith("/media/images/")
    media_root = Path(settings.MEDIA_ROOT).resolve()
    assert Path(image.file.path).resolve().parent == media_root / "original_images"
    assert Path(rendition.file.path).resolve().parent == media_root / "images"
