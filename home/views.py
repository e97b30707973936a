"""Plain views the public web expects of every site."""

from django.http import HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from home.site_url import absolute_url


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    """Let crawlers in everywhere public, keep them out of the admin, and name the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Allow: /",
        "",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links to; send them to the static file."""
    return HttpResponseRedirect(static("favicon.ico"))
