"""After a moderator approves a page from the dashboard's "Awaiting your review", the dashboard says
so. Wagtail's own view goes back to the dashboard without a word; this site's wraps it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import include, path, reverse
from wagtail.admin import urls as wagtailadmin_urls

from home.models import StandardPage
from tests.factories.home import StandardPageFactory
from tests.helpers import ensure_moderation

pytestmark = pytest.mark.django_db

# Wagtail's admin alone, without this site's views answering ahead of it.
urlpatterns = [path("admin/", include(wagtailadmin_urls))]


@pytest.fixture
def submitted(site_root):
    ensure_moderation()
    editor = get_user_model().objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    page = StandardPageFactory(parent=site_root, title="Our partners", live=False)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return StandardPage.objects.get(pk=page.pk)


@pytest.fixture
def moderator(client):
    user = get_user_model().objects.create_user("moderator", password="pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user, "django.contrib.auth.backends.ModelBackend")
    return user


def dashboard_action(client, page, action):
    """What the dashboard's button sends: a form posted to the action's address, back to the dashboard."""
    dashboard = client.get("/admin/").content.decode()
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, action, page.current_workflow_task_state.pk]
    )
    assert f'data-workflow-action-url="{url}"' in dashboard
    return client.post(url, {"next": "/admin/"}, follow=True)


def test_approving_from_the_dashboard_says_the_page_is_published(client, submitted, moderator):
    response = dashboard_action(client, submitted, "approve")

    assert response.redirect_chain[-1][0] == "/admin/"
    assert "“Our partners” was approved and published." in response.content.decode()
    assert [str(message).strip() for message in response.context["messages"]] == [
        "“Our partners” was approved and published."
    ]
    assert StandardPage.objects.get(pk=submitted.pk).live


def test_requesting_changes_from_the_dashboard_says_so(client, submitted, moderator):
    response = dashboard_action(client, submitted, "reject")

    assert "Changes were requested on “Our partners”." in response.content.decode()
    assert not StandardPage.objects.get(pk=submitted.pk).live


def test_an_approval_already_made_is_not_announced_again(client, submitted, moderator):
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[submitted.pk, "approve", submitted.current_workflow_task_state.pk],
    )
    assert "was approved and published" in client.post(url, {"next": "/admin/"}, follow=True).content.decode()
    again = client.post(url, {"next": "/admin/"}, follow=True).content.decode()

    assert "was approved and published" not in again
    assert "is not currently awaiting moderation" in again


@pytest.mark.urls(__name__)
def test_wagtail_itself_still_says_nothing(client, submitted, moderator):
    """When this fails, Wagtail confirms an approval from the dashboard itself, and
    home.editing.views.workflow_action can go."""
    response = dashboard_action(client, submitted, "approve")

    assert StandardPage.objects.get(pk=submitted.pk).live
    assert not response.context["messages"]
