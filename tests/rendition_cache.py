"""Resized copies of pictures, encoded once and kept between tests, test processes and runs.

Showing a page makes its pictures' renditions, and encoding them as AVIF and WebP takes most of the
time it takes to show the demo site for the first time: about 20 s of processor time for its 60
pictures. Many modules show the same pictures (the demo pictures are drawn the same way each time;
uploads in tests use the same few test files), and each test process, and each module that builds
its own content, made them again.

So while tests run, the step that turns a picture into a rendition's bytes (Wagtail's
`Filter.run`) first looks in `.test-cache/renditions/` for the bytes it gave before for the same
picture bytes, the same filter and the same focal point, under the same versions of Wagtail,
Willow and Pillow and the same quality settings. Everything around that step runs as usual:
choosing filters, naming files, storing them, saving the rendition rows. The first time a picture
is resized with a filter, the real encoder runs and its output is kept. Delete `.test-cache/` (or
run `make clean`) to encode everything again.
"""

import hashlib
import os
from contextlib import contextmanager
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / ".test-cache" / "renditions"


def versions():
    """What else decides a rendition's bytes: the libraries that make them and the site's settings."""
    import PIL
    import wagtail
    import willow
    from django.conf import settings

    qualities = [
        f"{name}={getattr(settings, name, None)}"
        for name in (
            "WAGTAILIMAGES_AVIF_QUALITY",
            "WAGTAILIMAGES_WEBP_QUALITY",
            "WAGTAILIMAGES_JPEG_QUALITY",
            "WAGTAILIMAGES_FORMAT_CONVERSIONS",
        )
    ]
    return " ".join([wagtail.__version__, willow.__version__, PIL.__version__, *qualities])


def picture_bytes(image, source):
    """The bytes of the picture being resized: those Wagtail already read, or the stored file."""
    if source is not None:
        source.seek(0)
        data = source.read()
        source.seek(0)
        return data
    with image.open_file() as file:
        return file.read()


@contextmanager
def kept_renditions():
    """While inside, renditions' bytes come from the folder when they were made before. Yields
    Wagtail's own `Filter.run`, which always encodes."""
    import willow.image
    from wagtail.images.models import Filter

    FOLDER.mkdir(parents=True, exist_ok=True)
    salt = versions()
    encode = Filter.run

    def run(self, image, output, source=None):
        data = picture_bytes(image, source)
        key = hashlib.sha256(f"{salt} {self.spec} {self.get_cache_key(image)} ".encode() + data).hexdigest()
        kept = FOLDER / key
        if kept.exists():
            kind, _, encoded = kept.read_bytes().partition(b"\n")
            output.write(encoded)
            output.seek(0)
            return getattr(willow.image, kind.decode())(output)
        made = encode(self, image, output, source=source)
        made.f.seek(0)
        encoded = made.f.read()
        made.f.seek(0)
        partial = kept.with_name(f"{key}.{os.getpid()}.partial")
        partial.write_bytes(type(made).__name__.encode() + b"\n" + encoded)
        os.replace(partial, kept)
        return made

    Filter.run = run
    try:
        yield encode
    finally:
        Filter.run = encode
