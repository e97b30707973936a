"""Image uploads: photos larger than the site needs are scaled down once, when they arrive.

A large original makes every picture Wagtail cuts from it slow to build: a 40-megapixel upload held
the first admin view of it for seconds while its thumbnails were made. Uploads above
WAGTAILIMAGES_MAX_IMAGE_PIXELS are refused by Wagtail; those whose longer side exceeds
IMAGE_MAX_SIDE pixels are stored at that size, upright, without their camera metadata (which can
include where the photo was taken).
"""

from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from PIL import Image, ImageOps
from wagtail.images.forms import BaseImageForm

SAVE_OPTIONS = {"JPEG": {"quality": 88, "optimize": True}, "WEBP": {"quality": 88}, "PNG": {"optimize": True}}


def scaled_down(upload, longest):
    """`upload` as a new file whose longer side is `longest` pixels, or None when it is no larger
    already, or animated (frames are left as they are)."""
    upload.seek(0)
    with Image.open(upload) as image:
        if max(image.size) <= longest or getattr(image, "is_animated", False):
            return None
        original_format = image.format
        ratio = longest / max(image.size)
        size = (max(1, round(image.width * ratio)), max(1, round(image.height * ratio)))
        # JPEG decodes straight at a reduced scale, never less than the size asked for.
        image.draft(image.mode, size)
        picture = ImageOps.exif_transpose(image)
        # Within a square box, so that a picture turned upright keeps its longer side at `longest`.
        picture.thumbnail((longest, longest), Image.Resampling.LANCZOS)
        if original_format == "JPEG" and picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        data = BytesIO()
        picture.save(data, original_format, **SAVE_OPTIONS.get(original_format, {}))
    upload.seek(0)
    return SimpleUploadedFile(Path(upload.name).name, data.getvalue(), upload.content_type)


class ImageForm(BaseImageForm):
    """Wagtail's image form (single and multiple upload), scaling down oversized photos."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        longest = getattr(settings, "IMAGE_MAX_SIDE", 0)
        if longest and isinstance(upload, UploadedFile):
            smaller = scaled_down(upload, longest)
            if smaller is not None:
                return smaller
        return upload
