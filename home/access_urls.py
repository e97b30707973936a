"""Wagtail addresses this site answers itself, with its limits; included ahead of Wagtail's URLs.

Each keeps Wagtail's address, so links Wagtail builds still lead here.
"""

from django.urls import path

from home import access

site_urlpatterns = [
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        access.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
]
