"""The dashboard's "Your next steps": the editor's unsent drafts, and sessions soon but unpublished."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from home.models import StandardPage
from tests.factories.home import StandardPageFactory
from tests.factories.programs import SessionPageFactory, TrainingIndexPageFactory, TrainingSeriesPageFactory
from tests.helpers import ensure_moderation

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user, "django.contrib.auth.backends.ModelBackend")
    return user


def draft(parent, owner, title):
    page = StandardPageFactory(parent=parent, title=title, live=False, owner=owner)
    page.save_revision(user=owner)
    return StandardPage.objects.get(pk=page.pk)


def panel(client):
    html = client.get("/admin/").content.decode()
    start = html.find("Your next steps")
    return html[start : html.find("</section>", start)] if start >= 0 else ""


def test_the_editors_drafts_are_listed_until_submitted(client, editor, site_root):
    ensure_moderation()
    mine = draft(site_root, editor, "About our coalition")
    someone_else = get_user_model().objects.create_user("other", password="pw")
    draft(site_root, someone_else, "Someone else's draft")
    sent = draft(site_root, editor, "Sent for review")
    sent.get_workflow().start(sent, editor)

    shown = panel(client)

    assert "Your drafts, not yet submitted or published" in shown
    assert mine.title in shown
    assert "Someone else's draft" not in shown
    assert "Sent for review" not in shown


def test_sessions_soon_but_unpublished_are_listed(client, editor, site_root):
    series = TrainingSeriesPageFactory(parent=TrainingIndexPageFactory(parent=site_root))
    soon = SessionPageFactory(
        parent=series, title="Power mapping", live=False, start=timezone.now() + timedelta(days=3)
    )
    SessionPageFactory(parent=series, title="Far off", live=False, start=timezone.now() + timedelta(days=40))
    SessionPageFactory(parent=series, title="Published", start=timezone.now() + timedelta(days=2))

    shown = panel(client)

    assert "Sessions in the next two weeks that are not published" in shown
    assert soon.title in shown
    assert "Far off" not in shown and "Published" not in shown


def test_nothing_to_do_says_so_and_leads_to_the_guide(client, editor, site_root):
    shown = panel(client)
    assert "Nothing is waiting for you" in shown
    assert f'href="{reverse("editing_guide")}"' in shown


@pytest.mark.parametrize("drafts", [1, 10])
def test_the_panel_costs_the_same_however_many_drafts(
    client, editor, site_root, drafts, django_assert_max_num_queries
):
    for number in range(drafts):
        draft(site_root, editor, f"Draft {number}")
    client.get("/admin/")  # caches warm
    with django_assert_max_num_queries(60):
        assert client.get("/admin/").status_code == 200
