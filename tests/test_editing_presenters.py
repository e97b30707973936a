"""A presenter added from a session's form: the presenters panel links to a new presenter's form
under the presenters list, in a new tab, since Wagtail's page chooser cannot create a page."""

import importlib
from html import unescape

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories.programs import (
    PresenterIndexPageFactory,
    SessionPageFactory,
    TrainingIndexPageFactory,
    TrainingSeriesPageFactory,
)

pytestmark = pytest.mark.django_db

GROUPS_MIGRATION = importlib.import_module("programs.migrations.0011_editor_groups")


def log_in(client, group):
    GROUPS_MIGRATION.grant(apps)  # put back if a transactional test's flush emptied the groups
    user = get_user_model().objects.create_user("someone", password="pw")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user, "django.contrib.auth.backends.ModelBackend")
    return user


@pytest.fixture
def session(site_root):
    series = TrainingSeriesPageFactory(parent=TrainingIndexPageFactory(parent=site_root))
    return SessionPageFactory(parent=series)


def presenters_panel(client, page):
    html = unescape(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode())
    start = html.index('id="id_session_presenters-ADD"')
    return html, html[start : html.index("</div>", start)]


def test_an_editor_can_open_a_new_presenters_form_from_the_session(client, site_root, session):
    presenters = PresenterIndexPageFactory(parent=site_root)
    log_in(client, "Editors")
    add_url = reverse("wagtailadmin_pages:add", args=("programs", "presenterpage", presenters.pk))

    html, panel = presenters_panel(client, session)

    assert f'href="{add_url}"' in panel
    assert 'target="_blank"' in panel and "Add a presenter" in panel
    assert "“Add a presenter” opens a new presenter's form in another tab" in html
    # The form it opens is one the editor may fill in.
    assert client.get(add_url).status_code == 200


def test_no_link_without_a_presenters_list(client, site_root, session):
    log_in(client, "Editors")
    _html, panel = presenters_panel(client, session)
    assert "Add a presenter" not in panel


def test_the_series_has_no_such_link(client, site_root, session):
    PresenterIndexPageFactory(parent=site_root)
    log_in(client, "Editors")
    html = client.get(reverse("wagtailadmin_pages:edit", args=[session.get_parent().pk])).content.decode()
    assert "Add a presenter" not in html
