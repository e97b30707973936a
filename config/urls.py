from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents.views import serve as documents

from home import access_urls, sitemaps
from home.api import api_router
from home.editing import urls as editing_urls
from home.views import favicon, robots_txt
from search import views as search_views

urlpatterns = [
    # Wagtail views this site answers itself (home/access_urls.py), ahead of Wagtail's own.
    path("admin/", include(access_urls.admin_urlpatterns)),
    path("admin/", include(editing_urls.admin_urlpatterns)),
    path("", include(access_urls.site_urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's own document routes, with Django's int converter instead of Wagtail's `\d+`: an id
    # too long for int() (over 4,300 digits) is then no match, a 404, rather than a server error.
    path("documents/<int:document_id>/<path:document_filename>", documents.serve, name="wagtaildocs_serve"),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        documents.authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("search/", search_views.search, name="search"),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<int:number>.xml", sitemaps.section, name="sitemap_section"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # `<page-url>calendar.ics`: Wagtail's page URLs allow no dots, so calendars get their own pattern.
    path("", include("programs.urls")),
    # Wagtail serves every page not matched above; keep this last.
    path("", include(wagtail_urls)),
]
