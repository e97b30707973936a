"""The editors' guide inside the admin: reached from the Help menu and the dashboard, in the words
of the admin it describes."""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.html import strip_tags

from tests.test_editing_words import MENU_PATH, menu_tree

pytestmark = pytest.mark.django_db

GROUPS_MIGRATION = importlib.import_module("programs.migrations.0011_editor_groups")


@pytest.fixture
def editor(client, site_root):
    GROUPS_MIGRATION.grant(apps)  # put back if a transactional test's flush emptied the groups
    user = get_user_model().objects.create_user("editor", password="pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user, "django.contrib.auth.backends.ModelBackend")
    return user


def guide_text(client):
    html = client.get(reverse("editing_guide")).content.decode()
    body = html[html.index('id="site-guide"') :]
    return re.sub(r"\s+", " ", strip_tags(body)).replace("&amp;", "&")


def test_an_editor_finds_the_guide_in_the_help_menu(client, editor):
    help_menu = menu_tree(editor)["Help"]
    assert list(help_menu)[0] == "How to edit this site"

    response = client.get(reverse("editing_guide"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>How to edit this site" in html
    for heading in ["A training series and its sessions", "Dates and time zones", "Sending for moderation"]:
        assert heading in html


def test_the_dashboard_links_to_the_guide(client, editor):
    dashboard = client.get("/admin/").content.decode()
    assert f'href="{reverse("editing_guide")}"' in dashboard


def test_every_menu_the_guide_names_is_in_an_editors_menu(client, editor):
    # The guide says "under Partners & quotes → Organizations"; "Pages → ..." continues with page
    # titles, which are the site's own, so only its first step is a menu.
    menu = menu_tree(editor)
    text = guide_text(client)
    named = MENU_PATH.findall(text)
    assert "Partners & quotes → Organizations" in named
    for path in named:
        steps = [step.strip() for step in path.split("→")]
        level = menu
        for step in steps[:1] if steps[0] == "Pages" else steps:
            assert step in level, f"The guide says “under {path}”, but an editor's menu has {sorted(level)}"
            level = level[step]
    assert "the Sessions menu" in text and "Sessions" in menu


def test_the_guide_names_the_choices_the_editor_shows(client, editor):
    from programs.models import SessionPage
    from programs.models.choices import DatePrecision

    text = guide_text(client)
    for choice in DatePrecision.labels:
        assert choice.split(" (")[0] in text
    assert str(SessionPage._meta.get_field("date_to_be_confirmed").verbose_name).capitalize() in text


def test_the_guide_needs_an_admin_login(client):
    response = client.get(reverse("editing_guide"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
