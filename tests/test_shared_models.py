"""Models and helpers written once and shared: organization links, chosen series, tree paths, slugs."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from blog.models import BlogPostRelatedSeries
from home.models import Topic
from home.slugs import unique_slug
from programs.home_page import featured_series
from programs.models import (
    HomePageFeaturedSeries,
    MissionPartner,
    Organization,
    SeriesOrganization,
    SessionOrganization,
    SessionPage,
)
from programs.models.querysets import parent_path, parent_path_expression
from tests.factories.blog import BlogIndexPageFactory, BlogPostPageFactory
from tests.factories.home import HomePageFactory, MissionPageFactory
from tests.factories.programs import OrganizationFactory, build_series

BEFORE = [
    ("programs", "0004_dates_to_confirm_format_not_stated_open_call"),
    ("home", "0007_resource_files_kept_private"),
    ("blog", "0003_posts_per_page_limits"),
]
# Just before the home page's featured series moved from the home app to programs.
BEFORE_MOVE = [
    ("programs", "0006_organization_links_share_one_model"),
    ("home", "0008_chosen_series_shared"),
]

# Just before the mission page's founding partners moved from the home app to programs.
BEFORE_PARTNERS_MOVE = [
    ("programs", "0007_home_page_featured_series_moved_here"),
    ("home", "0009_featured_series_moved_to_programs"),
]


def latest_migrations():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def link_rows(apps):
    rows = {}
    for label in ("programs.SeriesOrganization", "programs.SessionOrganization"):
        model = apps.get_model(label)
        rows[label] = sorted(model.objects.values_list("page_id", "organization_id", "role", "sort_order"))
    rows["blog.BlogPostRelatedSeries"] = featured_rows(apps, "blog.BlogPostRelatedSeries")
    featured = "home" if "homepagefeaturedseries" in apps.all_models["home"] else "programs"
    rows["featured"] = featured_rows(apps, f"{featured}.HomePageFeaturedSeries")
    return rows


def featured_rows(apps, label):
    return sorted(apps.get_model(label).objects.values_list("pk", "series_id", "sort_order"))


def partner_rows(registry, label):
    return sorted(
        registry.get_model(label).objects.values_list("pk", "page_id", "organization_id", "sort_order")
    )


@pytest.fixture(scope="class")
def migrated_back_and_forth(django_db_setup, django_db_blocker):
    """Each test's rows, committed, then the migrations undone step by step back to the earliest
    state the tests look at (BEFORE_PARTNERS_MOVE, then BEFORE_MOVE, then BEFORE), the rows read at
    each, and every migration applied again: one trip back and forth for the class instead of one
    per test. Afterwards the database is emptied as after a transactional test."""
    from django.apps import apps
    from django.core.management import call_command

    from tests.conftest import ensure_site_root

    with django_db_blocker.unblock():
        site_root = ensure_site_root()
        world = SimpleNamespace(site_root=site_root)

        # The links of every kind the merging migrations moved.
        made = build_series(site_root, sessions=2)
        post = BlogPostPageFactory(parent=BlogIndexPageFactory(parent=site_root))
        BlogPostRelatedSeries.objects.create(post=post, series=made["series"], sort_order=0)
        other_home = HomePageFactory(parent=site_root.get_parent(), slug="other-home")
        HomePageFeaturedSeries.objects.create(page=other_home, series=made["series"], sort_order=0)

        # The home page's featured series, in the editors' order.
        world.featured = build_series(site_root, sessions=0)["series"]
        world.other_featured = build_series(site_root, sessions=0)["series"]
        HomePageFeaturedSeries.objects.create(page=site_root, series=world.other_featured, sort_order=0)
        HomePageFeaturedSeries.objects.create(page=site_root, series=world.featured, sort_order=1)

        # The mission page's founding partners, in the editors' order.
        world.mission = MissionPageFactory(parent=site_root)
        world.first = OrganizationFactory(name="Parents United")
        second = OrganizationFactory(name="Health Corps")
        MissionPartner.objects.create(page=world.mission, organization=second, sort_order=0)
        MissionPartner.objects.create(page=world.mission, organization=world.first, sort_order=1)

        # What the tables hold before, each test's rows among the others'.
        world.links_before = link_rows(apps)
        world.featured_before = featured_rows(apps, "programs.HomePageFeaturedSeries")
        world.partners_before = partner_rows(apps, "programs.MissionPartner")

        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE_PARTNERS_MOVE)
        executor.loader.build_graph()
        world.partners_back = partner_rows(
            executor.loader.project_state(BEFORE_PARTNERS_MOVE).apps, "home.MissionPartner"
        )
        executor.migrate(BEFORE_MOVE)
        executor.loader.build_graph()
        world.featured_back = featured_rows(
            executor.loader.project_state(BEFORE_MOVE).apps, "home.HomePageFeaturedSeries"
        )
        executor.migrate(BEFORE)
        executor.loader.build_graph()
        world.links_back = link_rows(executor.loader.project_state(BEFORE).apps)
        executor.migrate(latest_migrations())
    try:
        yield world
    finally:
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)


@pytest.mark.django_db
@pytest.mark.usefixtures("migrated_back_and_forth")
class TestRowsThroughTheMigrations:
    """Rows written before migrations that merged or moved models, read after undoing them and after
    applying them again. The class migrates once for its tests (see `migrated_back_and_forth`)."""

    def test_existing_links_survive_the_migrations_that_merged_their_models(self, migrated_back_and_forth):
        from django.apps import apps

        world = migrated_back_and_forth
        before = world.links_before
        assert all(before.values()) and len(before["programs.SessionOrganization"]) == 4
        assert world.links_back == before
        assert link_rows(apps) == before

    def test_featured_series_keep_their_rows_when_they_move_from_home_to_programs(
        self, migrated_back_and_forth
    ):
        from django.apps import apps

        world = migrated_back_and_forth
        before = world.featured_before
        # Migrating back copied them to the home app's table, where they were before.
        assert world.featured_back == before
        assert featured_rows(apps, "programs.HomePageFeaturedSeries") == before
        featured = [series.pk for series in featured_series(world.site_root)]
        assert featured == [world.other_featured.pk, world.featured.pk]
        # A row added after the move gets a new id, not one of the copied rows'.
        added = HomePageFeaturedSeries.objects.create(
            page=world.site_root, series=world.other_featured, sort_order=2
        )
        assert added.pk not in {pk for pk, _series, _order in before}

    def test_founding_partners_keep_their_rows_when_they_move_from_home_to_programs(
        self, migrated_back_and_forth
    ):
        from django.apps import apps

        world = migrated_back_and_forth
        before = world.partners_before
        assert world.partners_back == before
        assert partner_rows(apps, "programs.MissionPartner") == before
        assert [organization.name for organization in world.mission.partner_organizations()] == [
            "Health Corps",
            "Parents United",
        ]
        added = MissionPartner.objects.create(page=world.mission, organization=world.first, sort_order=2)
        assert added.pk not in {row[0] for row in before}


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
