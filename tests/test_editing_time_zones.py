"""Time zones a person can choose: sessions start in their series' zone, which starts in the site's,
and the picker leads with the common US zones in plain words."""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse

from programs.models import SessionPage, TrainingSeriesPage
from programs.models.choices import COMMON_TIME_ZONES
from tests.factories.programs import SessionPageFactory, TrainingIndexPageFactory, TrainingSeriesPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user, "django.contrib.auth.backends.ModelBackend")
    return user


@pytest.fixture
def index(site_root):
    return TrainingIndexPageFactory(parent=site_root)


def options(html):
    """The time-zone picker's option groups and options, in order, as a person reads them."""
    picker = re.search(r'<select name="time_zone".*?</select>', html, re.S).group(0)
    groups = re.findall(r'<optgroup label="([^"]+)"', picker)
    values = re.findall(r'<option value="([^"]*)"', picker)
    labels = re.findall(r"<option [^>]*>([^<]*)</option>", picker)
    selected = re.findall(r'<option value="([^"]*)"[^>]*selected', picker)
    return groups, values, labels, selected


def add_page_html(client, model, parent):
    url = reverse("wagtailadmin_pages:add", args=["programs", model, parent.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_series_starts_in_the_sites_time_zone(client, editor, index, settings):
    settings.TIME_ZONE = "America/Denver"
    groups, values, labels, selected = options(add_page_html(client, "trainingseriespage", index))

    assert selected == ["America/Denver"]
    assert TrainingSeriesPage().time_zone == "America/Denver"


def test_a_new_session_starts_in_its_series_time_zone(client, editor, index):
    series = TrainingSeriesPageFactory(parent=index, time_zone="America/Chicago")

    groups, values, labels, selected = options(add_page_html(client, "sessionpage", series))

    assert selected == ["America/Chicago"]
    assert labels[values.index("America/Chicago")] == "Central Time — Chicago"


def test_the_picker_leads_with_common_us_zones_in_plain_words(client, editor, index):
    series = TrainingSeriesPageFactory(parent=index)

    groups, values, labels, selected = options(add_page_html(client, "sessionpage", series))

    assert groups == ["Common in the United States", "All time zones"]
    assert labels[: len(COMMON_TIME_ZONES)] == [label for _zone, label in COMMON_TIME_ZONES]
    assert "Pacific Time — Los Angeles" in labels
    # Each zone once, under its place name: no aliases beside the common ones.
    assert len(values) == len(set(values))
    for alias in ("US/Central", "CST6CDT", "EST", "US/Pacific", "Etc/GMT+6"):
        assert alias not in values
    # Still any zone in the world.
    assert {"Europe/Berlin", "Asia/Kolkata", "America/Argentina/Buenos_Aires", "UTC"} <= set(values)
    assert labels[values.index("America/Argentina/Buenos_Aires")] == "America/Argentina/Buenos Aires"


def test_a_session_in_an_older_alias_keeps_it(client, editor, index):
    series = TrainingSeriesPageFactory(parent=index)
    session = SessionPageFactory(parent=series, time_zone="US/Central")

    response = client.get(reverse("wagtailadmin_pages:edit", args=[session.pk]))

    groups, values, labels, selected = options(response.content.decode())
    assert selected == ["US/Central"]
    assert values[0] == "US/Central"


def test_any_zone_in_the_world_can_be_saved(editor, index):
    series = TrainingSeriesPageFactory(parent=index)
    session = SessionPageFactory(parent=series, time_zone="Asia/Kolkata")
    session.full_clean()
    session.time_zone = "Mars/Olympus_Mons"
    with pytest.raises(Exception, match="not a time zone we know"):
        session.full_clean()


def test_existing_series_take_the_zone_most_of_their_sessions_use(index):
    series = TrainingSeriesPageFactory(parent=index, time_zone="America/New_York")
    for zone in ("America/Chicago", "America/Chicago", "America/Denver"):
        SessionPageFactory(parent=series, time_zone=zone)
    empty = TrainingSeriesPageFactory(parent=index, time_zone="America/New_York")
    migration = importlib.import_module("programs.migrations.0009_series_time_zone")

    migration.series_take_their_sessions_zone(apps, None)

    assert TrainingSeriesPage.objects.get(pk=series.pk).time_zone == "America/Chicago"
    assert TrainingSeriesPage.objects.get(pk=empty.pk).time_zone == "America/New_York"
    assert SessionPage.objects.child_of(series).count() == 3
