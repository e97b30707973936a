"""What keeps the suite quick gives the same tests the same start: the test database made from the
kept migrated copy (MigratedDatabaseCache in tests/conftest.py) on SQLite and on PostgreSQL is the
database migrate would make now, parallel runs keep the modules that serve the demo together, and
indexes updated when they are read show every save."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


def test_every_migration_on_disk_is_applied_and_nothing_else():
    executor = MigrationExecutor(connection)
    applied = set(executor.recorder.applied_migrations())
    on_disk = set(executor.loader.disk_migrations)
    assert on_disk - applied == set()
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


def test_what_the_migrations_made_is_there():
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, Page, Workflow

    assert Page.get_first_root_node() is not None
    assert Collection.get_first_root_node() is not None
    assert Group.objects.filter(name="Editors").exists()
    assert Permission.objects.filter(codename="add_sessionpage").exists()
    assert Workflow.objects.filter(active=True).exists()


class ParallelRunOptions:
    """The options of `pytest -n 2`, as the scheduler reads them."""

    def __init__(self, dist):
        self.values = {"dist": dist, "tx": ["2*popen"]}

    def getvalue(self, name):
        return self.values[name]


def test_parallel_runs_send_every_module_serving_the_demo_to_one_worker():
    from tests.conftest import modules_serving_the_demo, pytest_xdist_make_scheduler

    demo_modules = modules_serving_the_demo()
    # The demo content's own tests read the same snapshot, taken when `prepare_site` loaded the demo.
    assert {"test_demo_browser.py", "test_site_look_browser.py", "test_demo_content.py"} <= demo_modules
    assert "test_hostile_input.py" not in demo_modules

    scheduler = pytest_xdist_make_scheduler(ParallelRunOptions("loadscope"), log=None)
    demo_browser, site_look, demo_content, api, pages, foundation = (
        scheduler._split_scope(nodeid)
        for nodeid in (
            "tests/test_demo_browser.py::test_a[390]",
            "tests/test_site_look_browser.py::test_b",
            "tests/test_demo_content.py::TestDemoSite::test_f",
            "tests/test_hostile_input.py::TestTheAPI::test_c",
            "tests/test_hostile_input.py::TestSitePages::test_d",
            "tests/test_foundation.py::test_e",
        )
    )
    assert demo_browser == site_look == demo_content
    assert len({demo_browser, api, pages, foundation}) == 4
    assert foundation == "tests/test_foundation.py"
    # Another way of handing out tests, asked for on the command line, is left as xdist makes it.
    assert pytest_xdist_make_scheduler(ParallelRunOptions("load"), log=None) is None


def test_a_tests_saves_are_indexed_when_the_index_is_next_read(site_root, client):
    """Saves in a test hold back their search and reference index updates (tests/deferred_indexing.py)
    until either index is read; a search and a usage count then see every save, and the held-back
    statements are not counted against the page that read them."""
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import ReferenceIndex
    from wagtail.search.models import IndexEntry

    from home.models import StandardPage
    from programs.models import PresenterPage
    from tests.deferred_indexing import DEFERRED_INDEXING
    from tests.factories.programs import PresenterPageFactory

    image = get_image_model().objects.create(title="Portrait", file=get_test_image_file())
    presenter = PresenterPageFactory(parent=site_root, title="Quillwort Okafor", photo=image)
    page = site_root.add_child(instance=StandardPage(title="Quillwort pressing", slug="quillwort"))
    page.save_revision().publish()
    assert DEFERRED_INDEXING.pending, "saves in a test no longer go through the held-back tasks"

    # Reading the index is one statement to a query count, the held-back updates run before it aside.
    with CaptureQueriesContext(connection) as captured:
        indexed = IndexEntry.objects.filter(object_id__in=[str(presenter.pk), str(page.pk)]).count()
    assert len(captured) == 1
    assert indexed == 2
    assert not DEFERRED_INDEXING.pending

    text = client.get("/search/", {"q": "quillwort"}).content.decode()
    assert "Quillwort Okafor" in text and "Quillwort pressing" in text
    users = {
        (ref.content_type.model_class(), ref.object_id) for ref in ReferenceIndex.get_references_to(image)
    }
    assert (PresenterPage, str(presenter.pk)) in users

    # Whatever is saved later is held back again, and a usage count sees it.
    other = PresenterPageFactory(parent=site_root, title="Quillwort Adeyemi", photo=image)
    assert DEFERRED_INDEXING.pending
    users = {
        (ref.content_type.model_class(), ref.object_id) for ref in ReferenceIndex.get_references_to(image)
    }
    assert (PresenterPage, str(other.pk)) in users


@pytest.mark.django_db(transaction=True)
def test_a_test_with_committed_data_indexes_on_every_save():
    """Other processes may read what such a test commits, so nothing is held back."""
    from tests.conftest import ensure_site_root
    from tests.deferred_indexing import DEFERRED_INDEXING
    from tests.factories.home import StandardPageFactory

    StandardPageFactory(parent=ensure_site_root(), title="Quillwort pressing")
    assert not DEFERRED_INDEXING.pending
