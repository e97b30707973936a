"""Models and helpers written once and shared: organization links, chosen series, tree paths, slugs."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from blog.models import BlogPostRelatedSeries
from home.models import HomePageFeaturedSeries, Topic
from home.slugs import unique_slug
from programs.models import Organization, SeriesOrganization, SessionOrganization, SessionPage
from programs.models.querysets import parent_path, parent_path_expression
from tests.factories.blog import BlogIndexPageFactory, BlogPostPageFactory
from tests.factories.programs import OrganizationFactory, build_series

BEFORE = [
    ("programs", "0004_dates_to_confirm_format_not_stated_open_call"),
    ("home", "0007_resource_files_kept_private"),
    ("blog", "0003_posts_per_page_limits"),
]
AFTER = [
    ("programs", "0006_organization_links_share_one_model"),
    ("home", "0008_chosen_series_shared"),
    ("blog", "0004_chosen_series_shared"),
]


def link_rows(apps):
    rows = {}
    for label in ("programs.SeriesOrganization", "programs.SessionOrganization"):
        model = apps.get_model(label)
        rows[label] = sorted(model.objects.values_list("page_id", "organization_id", "role", "sort_order"))
    for label in ("home.HomePageFeaturedSeries", "blog.BlogPostRelatedSeries"):
        rows[label] = sorted(apps.get_model(label).objects.values_list("pk", "series_id", "sort_order"))
    return rows


@pytest.mark.django_db(transaction=True)
def test_existing_links_survive_the_migrations_that_merged_their_models(site_root):
    made = build_series(site_root, sessions=2)
    post = BlogPostPageFactory(parent=BlogIndexPageFactory(parent=site_root))
    BlogPostRelatedSeries.objects.create(post=post, series=made["series"], sort_order=0)
    HomePageFeaturedSeries.objects.create(page=site_root, series=made["series"], sort_order=0)
    from django.apps import apps

    before = link_rows(apps)
    assert all(before.values()) and len(before["programs.SessionOrganization"]) == 4

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    executor.loader.build_graph()
    assert link_rows(executor.loader.project_state(BEFORE).apps) == before
    executor.migrate(AFTER)
    assert link_rows(apps) == before


@pytest.mark.django_db
def test_organization_links_share_their_editing_and_keep_their_own_first_role(site_root):
    made = build_series(site_root, sessions=1)
    assert SeriesOrganization().role == SeriesOrganization.Role.HOST
    assert SessionOrganization().role == SessionOrganization.Role.PARTNER
    for model in (SeriesOrganization, SessionOrganization):
        assert [panel.field_name for panel in model.panels] == ["organization", "role"]
    host = made["host"]
    assert [link.page_id for link in host.seriesorganization_links.all()] == [made["series"].pk]
    partner = made["sessions"][0].session_organizations.first().organization
    assert [link.page_id for link in partner.sessionorganization_links.all()] == [made["sessions"][0].pk]
    # Both kinds of link still say who takes part.
    assert set(Organization.objects.taking_part()) >= {host, partner}


@pytest.mark.django_db
def test_the_parent_path_is_the_same_in_python_and_in_the_database(site_root):
    made = build_series(site_root, sessions=3, presenters_per_session=0, organizations_per_session=0)
    sessions = SessionPage.objects.annotate(parent=parent_path_expression())
    assert {session.parent for session in sessions} == {made["series"].path}
    assert all(session.parent == parent_path(session) for session in sessions)


@pytest.mark.django_db
def test_unique_slugs_count_up_from_two_and_fall_back_when_a_name_has_no_letters():
    first = OrganizationFactory(name="Parents United", slug="")
    second = OrganizationFactory(name="Parents United", slug="")
    third = OrganizationFactory(name="Parents  United!", slug="")
    assert [first.slug, second.slug, third.slug] == ["parents-united", "parents-united-2", "parents-united-3"]
    assert OrganizationFactory(name="!!!", slug="").slug == "organization"
    # Room is kept for the number within the field's length.
    long_name = "x" * 300
    assert len(unique_slug(long_name, Organization.objects.all(), "organization")) <= 190
    Topic.objects.create(name="Budgets", slug="budgets")
    assert unique_slug("Budgets", Topic.objects.all(), "topic") == "budgets-2"
