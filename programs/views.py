"""Hands `<page-url>calendar.ics` to the page's own calendar route.

Wagtail's page URLs end in a slash and allow no dots, so `calendar.ics` needs its own pattern; the
page tree still decides which page answers, and Wagtail's serve view still applies drafts, privacy
and the page's own checks.
"""

from wagtail.views import serve

from home import site_reads


def page_calendar(request, path):
    page_path = f"{path}calendar.ics/"
    site_reads.route(request, page_path)
    return serve(request, page_path)
