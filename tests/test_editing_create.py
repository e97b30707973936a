"""A new page is created once, with the editor's slug, however autosave and the save buttons overlap.

Autosave posts the create form in the background (asking for JSON); a click on a save button posts
the same form to the same address. The browser test of the real timing is in
tests/test_editing_create_browser.py.
"""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.views.pages.create import CreateView as WagtailCreateView
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import PageCreation, StandardPage
from tests.helpers import ensure_moderation

pytestmark = pytest.mark.django_db

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


def member_of(group, username):
    """A user in one of the staff groups made by programs/migrations/0011_editor_groups.py."""
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


def log_in(client, user):
    client.force_login(user, "django.contrib.auth.backends.ModelBackend")
    return user


@pytest.fixture
def editor(client):
    """A member of the Editors group, the people the autosave race happened to: they save drafts
    and submit them for moderation, and cannot publish."""
    return log_in(client, member_of("Editors", "editor"))


def form(title, slug=None, token=None, **extra):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug if slug is not None else title.lower().replace(" ", "-"),
            "intro": rich_text(""),
            "body": streamfield([]),
        }
    )
    if token:
        data["creation_token"] = str(token)
    data.update(extra)
    return data


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["home", "standardpage", parent.pk])


def pages_under(parent):
    return list(StandardPage.objects.child_of(parent).order_by("pk"))


def test_the_create_form_carries_a_token(client, editor, site_root):
    response = client.get(add_url(site_root))
    assert response.status_code == 200
    token = response.context["creation_token"]
    assert f'name="creation_token" value="{token}"' in response.content.decode()


def test_save_draft_after_autosave_made_the_page_edits_that_page(client, editor, site_root):
    token = uuid.uuid4()
    # Entries from before the test (a flushed database's site root is logged when it is remade).
    before = PageLogEntry.objects.order_by("pk").last()
    autosaved = client.post(add_url(site_root), form("Power mapping", token=token), **AUTOSAVE)
    assert autosaved.json()["success"] is True

    # The editor clicked Save draft before the autosave's answer reached the browser.
    response = client.post(add_url(site_root), form("Power mapping", token=token))

    assert response.status_code == 302
    [page] = pages_under(site_root)
    assert (page.title, page.slug, page.live) == ("Power mapping", "power-mapping", False)
    assert response.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
    # Only the page that stays has a history: one creation, one saved draft.
    entries = PageLogEntry.objects.filter(pk__gt=before.pk if before else 0)
    actions = list(entries.order_by("pk").values_list("page_id", "action"))
    assert actions == [(page.pk, "wagtail.create"), (page.pk, "wagtail.edit")]
    assert page.revisions.count() == 1


def test_the_editors_own_slug_wins_over_the_autosaved_one(client, editor, site_root):
    token = uuid.uuid4()
    client.post(add_url(site_root), form("Power", token=token), **AUTOSAVE)

    client.post(add_url(site_root), form("Power mapping", slug="mapping-power", token=token))

    [page] = pages_under(site_root)
    assert (page.title, page.slug) == ("Power mapping", "mapping-power")


@pytest.fixture
def moderation(site_root):
    ensure_moderation()


@pytest.mark.parametrize("button, group", [("action-submit", "Editors"), ("action-publish", "Moderators")])
def test_publish_or_submit_after_autosave_leaves_one_page(client, site_root, moderation, button, group):
    log_in(client, member_of(group, "staff"))
    token = uuid.uuid4()
    client.post(add_url(site_root), form("Power mapping", token=token), **AUTOSAVE)

    response = client.post(add_url(site_root), form("Power mapping", token=token, **{button: "1"}))

    assert response.status_code == 302
    [page] = pages_under(site_root)
    assert page.slug == "power-mapping"
    if button == "action-publish":
        assert page.live
    else:
        assert page.current_workflow_state is not None


def test_a_late_autosave_changes_nothing(client, editor, site_root):
    token = uuid.uuid4()
    client.post(add_url(site_root), form("Power mapping", token=token))

    late = client.post(add_url(site_root), form("Power map", token=token), **AUTOSAVE)

    assert late.json()["success"] is False
    assert late.json()["error_code"] == "invalid_revision"
    assert [page.title for page in pages_under(site_root)] == ["Power mapping"]


def test_a_second_click_leads_to_the_page_already_saved(client, editor, site_root):
    token = uuid.uuid4()
    client.post(add_url(site_root), form("Power mapping", token=token))

    again = client.post(add_url(site_root), form("Power mapping", token=token), follow=True)

    [page] = pages_under(site_root)
    assert again.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert "already saved" in again.content.decode()


def test_a_refused_submission_keeps_the_autosaved_draft(client, editor, site_root, moderation):
    token = uuid.uuid4()
    client.post(add_url(site_root), form("Power mapping", token=token), **AUTOSAVE)

    refused = client.post(add_url(site_root), form("", slug="", token=token, **{"action-submit": "1"}))

    assert refused.status_code == 200
    assert refused.context["form"].errors["title"]
    # The form shown again keeps its token, so the next save still replaces the draft.
    assert refused.context["creation_token"] == token
    assert [page.title for page in pages_under(site_root)] == ["Power mapping"]

    client.post(add_url(site_root), form("Power mapping", token=token, **{"action-submit": "1"}))
    [page] = pages_under(site_root)
    assert page.workflow_in_progress and not page.live


def test_two_forms_make_two_pages(client, editor, site_root):
    client.post(add_url(site_root), form("Power mapping", token=uuid.uuid4()), **AUTOSAVE)
    client.post(add_url(site_root), form("One on ones", token=uuid.uuid4()))

    assert [page.title for page in pages_under(site_root)] == ["Power mapping", "One on ones"]
    assert PageCreation.objects.count() == 2


def test_another_users_token_is_not_theirs_to_replace(client, editor, site_root):
    token = uuid.uuid4()
    client.post(add_url(site_root), form("Power mapping", token=token), **AUTOSAVE)
    log_in(client, member_of("Editors", "other"))

    response = client.post(add_url(site_root), form("Power mapping", token=token))

    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert [page.owner for page in pages_under(site_root)] == [editor]


def test_wagtail_itself_still_creates_twice(editor, site_root):
    """Wagtail's own create view still treats the second post of one form as a new page (the cause
    of the workaround in editing/views.py). When this fails, Wagtail recognizes the form's earlier
    autosave itself, and home.editing.views.CreatePageView can go."""
    factory = RequestFactory()

    def post(**headers):
        request = factory.post(add_url(site_root), form("Power mapping"), **headers)
        request.user = editor
        request.session = SessionStore()
        request._messages = FallbackStorage(request)
        return WagtailCreateView.as_view()(request, "home", "standardpage", site_root.pk)

    assert post(**AUTOSAVE).status_code == 200
    second = post()
    second.render()
    assert second.status_code == 200
    assert "The slug &#x27;power-mapping&#x27; is already in use" in second.content.decode()
