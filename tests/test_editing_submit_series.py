"""Submitting a series and its draft sessions for moderation in one step, and approving them so."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from programs.models import SessionPage
from tests.factories.programs import SessionPageFactory, TrainingIndexPageFactory, TrainingSeriesPageFactory
from tests.helpers import ensure_moderation

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, site_root):
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


def user_in(group):
    user = get_user_model().objects.create_user(group.lower(), password="pw")
    user.groups.add(Group.objects.get(name=group))
    return user


def series_in_moderation(site_root, editor, sessions=3):
    """A draft series with draft sessions, all submitted, and one published session."""
    series = TrainingSeriesPageFactory(parent=TrainingIndexPageFactory(parent=site_root), live=False)
    drafts = [SessionPageFactory(parent=series, live=False) for _ in range(sessions)]
    for page in [series, *drafts]:
        page.save_revision(user=editor)
        page.get_workflow().start(page, editor)
    published = SessionPageFactory(parent=series)
    return series, drafts, published


def test_a_moderator_approves_the_series_and_its_sessions_in_one_step(client, editor, site_root):
    series, drafts, published = series_in_moderation(site_root, editor)
    moderator = user_in("Moderators")
    client.force_login(moderator, "django.contrib.auth.backends.ModelBackend")
    url = reverse("editing_approve_series", args=[series.pk])

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[series.pk])).content.decode()
    assert url in edit and "Approve with its sessions" in edit
    confirm = client.get(url).content.decode()
    assert "Approve 4 pages" in confirm
    for page in [series, *drafts]:
        assert page.title in confirm
    assert published.title not in confirm

    response = client.post(url, {"task_state": task_states_on(confirm)}, follow=True)

    assert "4 pages approved and published." in response.content.decode()
    for page in [series, *drafts]:
        page = page.specific_class.objects.get(pk=page.pk)
        assert page.live and not page.has_unpublished_changes and not page.workflow_in_progress
    assert "Nothing to approve" in client.get(url).content.decode()


def task_states_on(html):
    """The moderation tasks a confirmation page would approve."""
    return re.findall(r'name="task_state" value="(\d+)"', html)


def test_only_what_the_moderator_saw_is_approved(client, editor, site_root):
    series, drafts, _published = series_in_moderation(site_root, editor, sessions=2)
    client.force_login(user_in("Moderators"), "django.contrib.auth.backends.ModelBackend")
    url = reverse("editing_approve_series", args=[series.pk])
    seen = task_states_on(client.get(url).content.decode())
    # Meanwhile a third session is submitted: it was not on the confirmation page.
    late = SessionPageFactory(parent=series, live=False)
    late.save_revision(user=editor)
    late.get_workflow().start(late, editor)

    client.post(url, {"task_state": seen})

    assert SessionPage.objects.get(pk=late.pk).workflow_in_progress
    assert not SessionPage.objects.get(pk=late.pk).live
    assert all(SessionPage.objects.get(pk=draft.pk).live for draft in drafts)
    # Posting the same confirmation again approves nothing and says so.
    again = client.post(url, {"task_state": seen}, follow=True).content.decode()
    assert "Nothing was approved" in again


def test_editors_cannot_approve(client, editor, site_root):
    series, drafts, _published = series_in_moderation(site_root, editor, sessions=1)
    url = reverse("editing_approve_series", args=[series.pk])

    assert url not in client.get(reverse("wagtailadmin_pages:edit", args=[series.pk])).content.decode()
    # Wagtail answers a refusal in the admin with the dashboard and a message.
    refused = client.get(url, follow=True)
    assert refused.redirect_chain == [("/admin/", 302)]
    assert "Sorry, you do not have permission to access this area." in refused.content.decode()
    assert client.post(url, {"task_state": ["1", "2"]}).url == "/admin/"
    assert SessionPage.objects.get(pk=drafts[0].pk).workflow_in_progress


def test_only_a_series_can_be_approved_this_way(client, editor, site_root):
    series, drafts, _published = series_in_moderation(site_root, editor, sessions=1)
    client.force_login(user_in("Moderators"), "django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("editing_approve_series", args=[drafts[0].pk])).status_code == 404
    assert client.get(reverse("editing_approve_series", args=[987654])).status_code == 404
