"""Framework levels name their number everywhere, are found by it, and lead to their neighbours."""

import pytest

from tests.factories.programs import (
    FrameworkLevelPageFactory,
    FrameworkPageFactory,
    TrainingIndexPageFactory,
    TrainingSeriesPageFactory,
)
from tests.helpers import search, titles

pytestmark = pytest.mark.django_db

NAMES = ["Self Exposure", "Team Growth", "Organization Application", "System Transformation"]


@pytest.fixture
def levels(site_root):
    framework = FrameworkPageFactory(parent=site_root)
    made = [
        FrameworkLevelPageFactory(
            parent=framework,
            number=number,
            title=f"Level {number}: {name}",
            summary="Leaders grow at every level, with support at the school and district level.",
        )
        for number, name in enumerate(NAMES, start=1)
    ]
    index = TrainingIndexPageFactory(parent=site_root)
    TrainingSeriesPageFactory(parent=index, title="Level One cohorts 3", framework_level=made[0])
    return made


@pytest.mark.parametrize("query", ["level 3", "Level 3", "level three", "Level Three"])
def test_a_level_is_found_first_by_its_number_in_figures_or_words(client, levels, query):
    assert titles(search(client, q=query))[0] == "Level 3: Organization Application"


def test_a_level_page_names_its_number_in_the_tab_and_heading_and_leads_to_its_neighbours(client, levels):
    html = client.get(levels[2].url).content.decode()
    assert "<title>Level 3: Organization Application |" in html
    assert "<h1>Level 3: Organization Application</h1>" in html
    assert "Level 3 of 4" in html
    assert f'href="{levels[1].url}" rel="prev"' in html
    assert f'href="{levels[3].url}" rel="next"' in html
    first = client.get(levels[0].url).content.decode()
    assert 'rel="prev"' not in first and f'href="{levels[1].url}" rel="next"' in first


def test_unpublished_and_private_levels_are_skipped_by_the_neighbour_links(client, levels):
    from wagtail.models import PageViewRestriction

    levels[1].unpublish()
    PageViewRestriction.objects.create(page=levels[3], restriction_type=PageViewRestriction.LOGIN)
    html = client.get(levels[2].url).content.decode()
    assert f'href="{levels[0].url}" rel="prev"' in html
    assert 'rel="next"' not in html
    assert "Level 3 of 3" in html


def test_the_editor_is_asked_to_name_the_number_in_a_level_title(client, levels, django_user_model):
    from django.urls import reverse
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    user = django_user_model.objects.create_superuser("level-editor", "levels@example.org", "pw")
    client.force_login(user)
    level = levels[2]

    def save(title):
        fields = {"title": title, "slug": level.slug, "number": 3, "summary": "", "audience": ""}
        data = nested_form_data({**fields, "support": rich_text(""), "body": streamfield([])})
        return client.post(reverse("wagtailadmin_pages:edit", args=[level.pk]), data)

    refused = save("Organization Application")
    assert refused.status_code == 200
    assert "Start the title with the level&#x27;s number, e.g. “Level 3: Organization Application”" in (
        refused.content.decode()
    )
    for title in ("Level Three: Organization Application", "Organization Application (level 3)"):
        assert save(title).status_code == 302
    level.refresh_from_db()
    assert level.get_latest_revision_as_object().title == "Organization Application (level 3)"


def test_an_older_title_without_the_number_still_shows_it(client, levels):
    from programs.models import FrameworkLevelPage

    FrameworkLevelPage.objects.filter(pk=levels[0].pk).update(title="Self Exposure")
    html = client.get(levels[0].url).content.decode()
    assert "<h1>Level 1: Self Exposure</h1>" in html
