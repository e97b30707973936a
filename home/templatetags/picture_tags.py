"""Pictures shown at one fixed size (portraits, logos, thumbnails): AVIF with WebP for browsers
without it, each at the displayed size and twice it for sharp screens.

Pictures whose width follows the layout use Wagtail's own ``{% picture %}`` tag with several widths
and a ``sizes`` attribute instead.
"""

from django import template
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

register = template.Library()

FORMATS = ("avif", "webp")


@register.simple_tag
def fixed_picture(image, spec, spec_2x, sizes=None, **attrs):
    """``image`` cut by ``spec`` (as displayed) and ``spec_2x`` (the same at twice the size), in
    each of FORMATS. ``sizes`` defaults to the width ``spec`` gives, so a browser on an ordinary
    screen fetches the small one; other keyword arguments become attributes of the <img>."""
    if not image:
        return ""
    specs = [f"{cut}|format-{name}" for name in FORMATS for cut in (spec, spec_2x)]
    renditions = get_renditions_or_not_found(image, specs)
    displayed = renditions[specs[0]]
    attrs["sizes"] = sizes or f"{displayed.width}px"
    return Picture(renditions, attrs)
