"""Calendar files for training pages, and registrants' own pages. Include before Wagtail's own
page URLs."""

from django.urls import path, re_path

from programs import views
from programs.registrations import views as registration_views

urlpatterns = [
    path("registration/<str:token>/", registration_views.manage, name="registration_manage"),
    re_path(r"^(?P<path>(?:[\w\-]+/)*)calendar\.ics$", views.page_calendar, name="programs_calendar"),
]
