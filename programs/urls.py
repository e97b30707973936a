"""Calendar files for training pages. Include before Wagtail's own page URLs."""

from django.urls import re_path

from programs import views

urlpatterns = [
    re_path(r"^(?P<path>(?:[\w\-]+/)*)calendar\.ics$", views.page_calendar, name="programs_calendar"),
]
