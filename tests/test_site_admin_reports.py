"""Site history, the admin's log of everyone's actions, is for superusers and moderators only;
editors keep the reports their work needs."""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db

SITE_HISTORY = "/admin/reports/site-history/"
PAGE_TYPES = "/admin/reports/page-types-usage/"


@pytest.fixture
def member(client, django_user_model, site_root):
    def log_in_as(group_name=None, superuser=False):
        if superuser:
            user = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
        else:
            user = django_user_model.objects.create_user("someone", "someone@example.org", "pw")
            user.groups.add(Group.objects.get_or_create(name=group_name)[0])
        client.force_login(user)
        return client

    return log_in_as


def reports_menu(client):
    """The addresses the admin's menu offers (it is drawn from data in the dashboard page)."""
    return client.get("/admin/").content.decode()


@pytest.mark.parametrize("role", [{"superuser": True}, {"group_name": "Moderators"}])
def test_superusers_and_moderators_open_site_history(member, role):
    client = member(**role)
    assert SITE_HISTORY in reports_menu(client)
    report = client.get(SITE_HISTORY)
    assert report.status_code == 200
    assert "Site history" in report.content.decode()
    assert client.get(SITE_HISTORY + "results/").status_code == 200
    assert client.get(SITE_HISTORY, {"export": "csv"}).status_code == 200


def test_editors_neither_see_nor_open_site_history(member):
    client = member(group_name="Editors")
    menu = reports_menu(client)
    assert SITE_HISTORY not in menu
    assert PAGE_TYPES in menu  # the reports about their own work stay
    for url, params in (
        (SITE_HISTORY, {}),
        (SITE_HISTORY + "results/", {}),
        (SITE_HISTORY, {"export": "csv"}),
    ):
        response = client.get(url, params)
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
    assert client.get(PAGE_TYPES).status_code == 200


def test_visitors_who_are_not_logged_in_are_sent_to_the_login(client):
    response = client.get(SITE_HISTORY)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_groups_allowed_are_a_setting(member, settings):
    settings.SITE_HISTORY_GROUPS = ["Moderators", "Editors"]
    client = member(group_name="Editors")
    assert SITE_HISTORY in reports_menu(client)
    assert client.get(SITE_HISTORY).status_code == 200
