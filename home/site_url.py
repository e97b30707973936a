"""The site's public address, the one origin every absolute link the site writes starts with.

It is the ``WAGTAILADMIN_BASE_URL`` setting (e.g. ``https://trainings.example.org``): page links
in the sitemap, canonical and ``og:url`` tags, JSON-LD, calendar files, the RSS feed, robots.txt,
the API and e-mails all use it, whatever host a request came in on and whatever host name the
Wagtail Site record holds (which then only decides which pages a request is routed to).
"""

import logging

from django.conf import settings
from wagtail.images.models import SourceImageIOError

logger = logging.getLogger(__name__)


def site_origin():
    """Scheme, host and port of the public site, without a trailing slash."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(url):
    """``url`` (a path such as ``/media/…``) on the public site; an absolute URL stays as it is."""
    if not url or "://" in url:
        return url
    return site_origin() + url


def share_rendition(image):
    """The picture at the size social networks show, or None if its file is missing from storage
    (the page is still served, without a picture to share)."""
    try:
        return image.get_rendition("fill-1200x630")
    except SourceImageIOError:
        logger.warning("Share picture %s has no file in storage; the page is shared without it.", image.pk)
        return None


def share_image_url(image):
    """The absolute address of ``image`` at the sharing size, or None without a usable picture."""
    rendition = share_rendition(image) if image is not None else None
    return absolute_url(rendition.url) if rendition is not None else None
