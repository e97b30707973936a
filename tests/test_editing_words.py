"""Words editors read in the admin: a session status not confused with Wagtail's scheduling,
topics called topics and shown as typed, help texts that name menus that exist, and the favicon."""

import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from programs.models import SessionPage, Status, TrainingSeriesPage
from programs.models.choices import Status as StatusChoices
from tests.factories.programs import SessionPageFactory, TrainingIndexPageFactory, TrainingSeriesPageFactory

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"home", "programs", "blog", "search", "editing"}
# "under Partners & quotes → Organizations", "under Settings → Navigation", ...
MENU_PATH = re.compile(r"\bunder ((?:[^→.;“”()]+?\s→\s)+[^→.;,“”()]+?)(?=\s(?:first|if)\b|[.;,)]|$)")


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user, "django.contrib.auth.backends.ModelBackend")
    return user


def menu_tree(user):
    """The admin menu as the superuser sees it: {label: {sub-label: {...}}}."""
    request = RequestFactory().get("/admin/")
    request.user = user

    def tree(menu):
        items = {}
        for item in menu.menu_items_for_request(request):
            submenu = getattr(item, "menu", None)
            items[str(item.label)] = tree(submenu) if submenu is not None else {}
        return items

    return tree(admin_menu)


def help_texts():
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            text = str(getattr(field, "help_text", "") or "")
            if text:
                yield f"{model._meta.label}.{field.name}", text


def test_every_menu_a_help_text_names_exists(editor):
    menu = menu_tree(editor)
    named = []
    for where, text in help_texts():
        for path in MENU_PATH.findall(text):
            steps = [step.strip() for step in path.split("→")]
            named.append((where, steps))
            if steps[0] == "Pages":
                continue  # the rest are page titles, which editors choose
            level = menu
            for step in steps:
                assert step in level, f"{where} says “under {path}”, but the admin menu has {sorted(level)}"
                level = level[step]
    # The check found the help texts that send editors somewhere.
    assert ("programs.SessionOrganization.organization", ["Partners & quotes", "Organizations"]) in named
    assert ("programs.SeriesTestimonial.testimonial", ["Partners & quotes", "Testimonials"]) in named


def test_the_usual_session_status_is_not_called_scheduled():
    assert dict(StatusChoices.choices)[Status.SCHEDULED] == "Confirmed"
    assert "Scheduled" not in dict(SessionPage._meta.get_field("status").choices).values()


def test_topic_fields_are_called_topics_and_explained(client, editor, site_root):
    series = TrainingSeriesPageFactory(parent=TrainingIndexPageFactory(parent=site_root))
    session = SessionPageFactory(parent=series)
    session.topics.add("power mapping", "youth")
    session.save_revision()
    for model in (SessionPage, TrainingSeriesPage):
        assert model._meta.get_field("topics").verbose_name == "topics"

    html = client.get(reverse("wagtailadmin_pages:edit", args=[session.pk])).content.decode()

    field = re.search(r'<input[^>]*name="topics"[^>]*>', html).group(0)
    assert 'value="power mapping, youth"' in field
    assert "&quot;" not in re.search(r'value="([^"]*)"', field).group(1)
    assert "&quot;preprocessTag&quot;: null" in field
    assert "Press Enter or type a comma after each topic" in html
    assert "enclosed in double quotes" not in html
    assert re.search(r'<label for="id_topics"[^>]*><span[^>]*>Topics</span>', html)


def test_a_topic_of_several_words_is_one_topic(client, editor, site_root):
    from home.editing.topics import tags_from_string

    assert tags_from_string("power mapping") == ["power mapping"]
    assert tags_from_string("power mapping, youth organizing") == ["power mapping", "youth organizing"]
    # Values with quotes, as taggit wrote them before, still read the same.
    assert tags_from_string('"power mapping", youth') == ["power mapping", "youth"]


def test_the_site_has_a_favicon(client, site_root):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response.url == static("favicon.ico")
    # The static file it leads to is an icon (served by whitenoise once collected).
    with open(finders.find("favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"
    home = client.get("/")
    assert re.search(r'<link rel="icon" href="[^"]*favicon[^"]*\.ico"', home.content.decode())


def test_the_footer_names_the_organization_in_a_heading(client, site_root):
    html = client.get("/").content.decode()
    assert re.search(r'<h2 class="site-footer__name">', html)
    assert 'p class="site-footer__name"' not in html
