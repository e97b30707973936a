"""Wagtail addresses this site answers itself (home.access); included ahead of Wagtail's URLs.

Each keeps Wagtail's address, so links Wagtail builds still lead here.
"""

from django.urls import path

from home import access

admin_urlpatterns = [
    path("password_reset/", access.LimitedPasswordResetView.as_view(), name="wagtailadmin_password_reset"),
    path("reports/site-history/", access.site_history_view()),
    path("reports/site-history/results/", access.site_history_view(results_only=True)),
]

site_urlpatterns = [
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        access.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
]
