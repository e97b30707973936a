"""Hands `<page-url>calendar.ics` to the page's own calendar route.

Wagtail's page URLs end in a slash and allow no dots, so `calendar.ics` needs its own pattern; the
page tree still decides which page answers, and Wagtail's serve view still applies drafts, privacy
and the page's own checks.
"""

from wagtail.views import serve


def page_calendar(request, path):
    return serve(request, f"{path}calendar.ics/")
