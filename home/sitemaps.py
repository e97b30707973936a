"""The sitemap: an index at /sitemap.xml naming sections of at most SITEMAP_SECTION_SIZE addresses
each, /sitemap-1.xml, /sitemap-2.xml… in tree order.

A section costs the same few queries whatever the size of the site (the pages it lists, read
without their content), and both the index and each section are kept in the cache with the
site-wide reads (`home.site_reads`), so publishing, moving or deleting a page shows in them at
once; a caching proxy is purged of them too (`home.proxy_purge`).
"""

import math

from django.conf import settings
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import Page, Site

from home import site_reads
from home.site_url import absolute_url

CONTENT_TYPE = "application/xml; charset=utf-8"


def section_size():
    return settings.SITEMAP_SECTION_SIZE


def listed_pages(site):
    """The site's live, public pages, in tree order."""
    root = site.root_page
    return (
        Page.objects.filter(path__startswith=root.path, depth__gte=root.depth, live=True)
        .exclude(site_reads.private_q())
        .order_by("path")
    )


def section_count(site):
    return max(1, math.ceil(listed_pages(site).count() / section_size()))


def section_url(number):
    return absolute_url(reverse("sitemap_section", args=[number]))


def page_location(page, root):
    """The page's public address, from its url_path and the site root's, with no query."""
    return absolute_url("/" + page.url_path[len(root.url_path) :])


def build_index(site):
    sections = [{"location": section_url(number)} for number in range(1, section_count(site) + 1)]
    return render_to_string("sitemap_index.xml", {"sitemaps": sections})


def build_section(site, number):
    if number > section_count(site):
        return None
    size = section_size()
    pages = listed_pages(site).only("url_path", "last_published_at", "latest_revision_created_at")
    root = site.root_page
    urls = [
        {
            "location": page_location(page, root),
            "lastmod": page.last_published_at or page.latest_revision_created_at,
        }
        for page in pages[(number - 1) * size : number * size]
    ]
    return render_to_string("sitemap.xml", {"urlset": urls})


def site_or_404(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site answers this address")
    return site


def index(request):
    site = site_or_404(request)
    return HttpResponse(site_reads.remember(f"sitemap:{site.pk}", lambda: build_index(site)), CONTENT_TYPE)


def section(request, number):
    site = site_or_404(request)
    if number < 1:
        raise Http404("Sections are numbered from 1")
    body = site_reads.remember(f"sitemap:{site.pk}:{number}", lambda: build_section(site, number))
    if body is None:
        raise Http404("The sitemap has fewer sections")
    return HttpResponse(body, CONTENT_TYPE)


def section_urls():
    """The addresses of the index and of every section of the default site's sitemap."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    count = section_count(site) if site is not None else 1
    return [absolute_url(reverse("sitemap")), *(section_url(number) for number in range(1, count + 1))]
