"""Submitting a series and its draft sessions for moderation in one step."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from programs.models import SessionPage
from tests.factories.programs import SessionPageFactory, TrainingIndexPageFactory, TrainingSeriesPageFactory
from tests.helpers import ensure_moderation

pytestmark = pytest.mark.django_db

GROUPS_MIGRATION = importlib.import_module("programs.migrations.0011_editor_groups")


@pytest.fixture
def editor(client, site_root):
    GROUPS_MIGRATION.grant(apps)  # put back if a transactional test's flush emptied the groups
    ensure_moderation()
    user = get_user_model().objects.create_user("editor", password="pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user, "django.contrib.auth.backends.ModelBackend")
    return user


def test_the_series_and_its_drafts_go_to_the_moderators_together(client, editor, site_root):
    series = TrainingSeriesPageFactory(parent=TrainingIndexPageFactory(parent=site_root), live=False)
    series.save_revision(user=editor)
    drafts = [SessionPageFactory(parent=series, live=False) for _ in range(3)]
    for draft in drafts:
        draft.save_revision(user=editor)
    published = SessionPageFactory(parent=series)
    url = reverse("editing_submit_series", args=[series.pk])

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[series.pk])).content.decode()
    assert url in edit and "Submit with its sessions for moderation" in edit
    confirm = client.get(url).content.decode()
    assert "Submit 4 pages" in confirm

    response = client.post(url)

    assert response.status_code == 302
    series.refresh_from_db()
    assert series.workflow_in_progress
    for draft in drafts:
        assert SessionPage.objects.get(pk=draft.pk).workflow_in_progress
    assert not SessionPage.objects.get(pk=published.pk).workflow_in_progress
    # Nothing is left to send.
    assert "Nothing to submit" in client.get(url).content.decode()


def test_only_a_series_can_be_submitted_this_way(client, editor, site_root):
    series = TrainingSeriesPageFactory(parent=TrainingIndexPageFactory(parent=site_root))
    session = SessionPageFactory(parent=series)
    assert client.get(reverse("editing_submit_series", args=[session.pk])).status_code == 404
    assert client.get(reverse("editing_submit_series", args=[987654])).status_code == 404
