"""The test database, made from the kept migrated copy (MigratedDatabaseCache in tests/conftest.py)
on SQLite and on PostgreSQL, is the database migrate would make now."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

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
