"""The groups staff are put in: what Editors, Moderators and Program staff may do."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from programs.models import Organization
from tests.factories.programs import SessionPageFactory, TrainingIndexPageFactory, TrainingSeriesPageFactory

pytestmark = pytest.mark.django_db

GROUPS_MIGRATION = importlib.import_module("programs.migrations.0011_editor_groups")


SNIPPETS = ["programs.organization", "programs.testimonial", "home.topic"]


def image_policy():
    return policy_registry.get_by_type(get_image_model())


def document_policy():
    return policy_registry.get_by_type(get_document_model())


def member(name, client=None):
    user = get_user_model().objects.create_user(f"{name.lower().replace(' ', '-')}-user", password="pw")
    user.groups.add(Group.objects.get(name=name))
    if client is not None:
        client.force_login(user, "django.contrib.auth.backends.ModelBackend")
    return user


@pytest.fixture
def session(site_root):
    series = TrainingSeriesPageFactory(parent=TrainingIndexPageFactory(parent=site_root))
    return SessionPageFactory(parent=series)


def can_edit_like_an_editor(user, site_root, session):
    for page in (site_root, session.get_parent(), session):
        rights = page.permissions_for_user(user)
        assert rights.can_add_subpage() or not page.specific.allowed_subpage_models()
        assert rights.can_edit()
    assert session.permissions_for_user(user).can_submit_for_moderation()
    for snippet in SNIPPETS:
        app_label, model = snippet.split(".")
        assert user.has_perm(f"{app_label}.add_{model}"), snippet
        assert user.has_perm(f"{app_label}.change_{model}"), snippet
    for policy in (image_policy(), document_policy()):
        assert policy.user_has_permission(user, "add")
        assert policy.user_has_permission(user, "choose")
    assert user.has_perm("wagtailadmin.access_admin")


def test_editors_create_edit_and_submit_but_do_not_publish(site_root, session):
    editor = member("Editors")
    can_edit_like_an_editor(editor, site_root, session)
    assert not session.permissions_for_user(editor).can_publish()
    assert not editor.has_perm("programs.delete_organization")


def test_moderators_also_publish_and_delete_snippets(site_root, session):
    moderator = member("Moderators")
    can_edit_like_an_editor(moderator, site_root, session)
    assert session.permissions_for_user(moderator).can_publish()
    assert moderator.has_perm("programs.delete_organization")
    assert moderator.has_perm("programs.delete_testimonial")


def test_program_staff_edit_like_editors(site_root, session):
    staff = member("Program staff")
    can_edit_like_an_editor(staff, site_root, session)
    assert not session.permissions_for_user(staff).can_publish()


def test_only_program_staff_see_registrants():
    assert member("Program staff").has_perm("programs.view_registrants")
    assert not member("Editors").has_perm("programs.view_registrants")
    assert not member("Moderators").has_perm("programs.view_registrants")


def test_granting_again_puts_back_the_registrants_permission():
    # What the tests' flushes and the registrations migration both rely on.
    staff = Group.objects.get(name="Program staff")
    staff.permissions.remove(*staff.permissions.filter(codename="view_registrants"))
    assert not staff.permissions.filter(codename="view_registrants").exists()

    GROUPS_MIGRATION.grant(apps)

    assert staff.permissions.filter(codename="view_registrants").exists()
    assert not Group.objects.get(name="Editors").permissions.filter(codename="view_registrants").exists()


def test_an_editor_adds_a_partner_organization(client):
    member("Editors", client)
    url = reverse("wagtailsnippets_programs_organization:add")
    assert client.get(url).status_code == 200

    response = client.post(url, {"name": "Detroit Teachers United", "brand_colour": "teal"})

    assert response.status_code == 302
    assert Organization.objects.get(name="Detroit Teachers United").brand_colour == "teal"


def test_the_organization_chooser_adds_a_new_one_in_place(client):
    member("Editors", client)
    chooser = client.get("/admin/snippets/choose/programs/organization/")
    assert chooser.status_code == 200
    html = chooser.json()["html"]
    assert "Add organization" in html and 'name="name"' in html

    created = client.post(
        "/admin/snippets/choose/programs/organization/create/",
        {"name": "Parents for Fair Schools", "website": "https://fair.example.org", "description": ""},
    )

    assert created.json()["step"] == "chosen"
    added = Organization.objects.get(name="Parents for Fair Schools")
    assert (added.slug, added.brand_colour) == ("parents-for-fair-schools", "blue")


def test_the_chooser_offers_no_form_to_someone_who_may_not_add(client):
    viewer = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    viewer.is_superuser = False
    viewer.save()
    viewer.user_permissions.add(
        *Group.objects.get(name="Editors").permissions.exclude(codename="add_organization")
    )
    client.force_login(viewer, "django.contrib.auth.backends.ModelBackend")

    chooser = client.get("/admin/snippets/choose/programs/organization/")

    assert chooser.status_code == 200
    assert "Add organization" not in chooser.json()["html"]


def test_the_groups_image_and_document_rights_cover_the_sites_own_models():
    # Wagtail checks rights on its own Document and Image models, also for the site's Resource.
    assert get_document_model()._meta.label == "home.Resource"
    assert document_policy().auth_model._meta.label == "wagtaildocs.Document"
    assert image_policy().auth_model._meta.label == get_image_model()._meta.label == "wagtailimages.Image"
