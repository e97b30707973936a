"""`make backup` and `make restore`: a site changed or lost after a backup comes back with the same
rows and the same files, on the database the suite runs on (SQLite or PostgreSQL)."""

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import dj_database_url
import pytest
import wagtail_factories
from django.db import ConnectionHandler

from tests.conftest import ScratchDatabase
from tests.factories.search import build_world

ROOT = Path(__file__).resolve().parent.parent


def checksums(*folders):
    """{path under its folder: sha256} of every file in the folders."""
    found = {}
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                found[f"{Path(folder).name}/{path.relative_to(folder)}"] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
    return found


@pytest.fixture
def site(site_root, transactional_db, tmp_path):
    """A site with pages, a public image and a private document, its files in folders of its own."""
    world = build_world(site_root)
    image = wagtail_factories.ImageFactory(title="Workshop photo")
    folders = {"MEDIA_ROOT": tmp_path / "media", "DOCUMENTS_ROOT": tmp_path / "private-media"}
    for stored, root in (
        (image.file, folders["MEDIA_ROOT"]),
        (world.resource.file, folders["DOCUMENTS_ROOT"]),
    ):
        (root / stored.name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(stored.path, root / stored.name)
    scratch = ScratchDatabase(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        {name: str(path) for name, path in folders.items()},
        DATABASE_URL=scratch.url,
        BACKUP_DIR=str(tmp_path / "backups"),
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="backup-test-" * 6,
    )
    yield scratch, folders, env
    scratch.drop()


def manage(env, *args, input=None):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        input=input,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@contextmanager
def opened(env):
    """A connection of this process to the database the commands work on, closed after the block
    (PostgreSQL cannot drop or restore a database someone is connected to)."""
    handler = ConnectionHandler({"default": dj_database_url.parse(env["DATABASE_URL"])})
    try:
        with handler["default"].cursor() as cursor:
            yield handler["default"], cursor
    finally:
        handler.close_all()


def row_counts(env):
    """{table: number of rows} of every table in the database the commands work on."""
    with opened(env) as (database, cursor):
        counts = {}
        for table in database.introspection.table_names(cursor):
            # A table name the database itself listed, quoted.
            cursor.execute("SELECT COUNT(*) FROM " + database.ops.quote_name(table))  # noqa: S608
            counts[table] = cursor.fetchone()[0]
        return counts


def change_database(env):
    """What changes after a backup: a table added, rows deleted."""
    with opened(env) as (database, cursor):
        cursor.execute("CREATE TABLE added_after_the_backup (id integer)")
        cursor.execute("DELETE FROM wagtailcore_pagelogentry")


def test_a_backup_brings_back_the_rows_and_files_after_changes_and_after_total_loss(site):
    scratch, folders, env = site
    rows = row_counts(env)
    assert rows["home_resource"] == 1 and rows["wagtailimages_image"] == 1
    assert rows["wagtailcore_pagelogentry"] > 0
    files = checksums(*folders.values())
    assert len(files) == 2

    archive = Path(manage(env, "backup_site").strip())
    assert archive.parent == Path(env["BACKUP_DIR"]) and archive.name.endswith(".tar.gz")
    # It holds private documents: only its owner may read it or enter its folder.
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert stat.S_IMODE(archive.parent.stat().st_mode) == 0o700

    # Changed since the backup: a table added, rows deleted, a document replaced by another file.
    change_database(env)
    for path in folders["DOCUMENTS_ROOT"].rglob("*.pdf"):
        path.unlink()
    (folders["DOCUMENTS_ROOT"] / "uploaded-after-the-backup.pdf").write_bytes(b"%PDF-1.4 later")
    changed = row_counts(env)
    assert changed != rows
    # The restore asks first, and changes nothing unless told "yes".
    refused = subprocess.run(
        [sys.executable, "manage.py", "restore_site", str(archive)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        input="no\n",
        timeout=180,
    )
    assert refused.returncode != 0 and "cancelled" in refused.stderr
    assert row_counts(env) == changed
    manage(env, "restore_site", str(archive), input="yes\n")
    assert row_counts(env) == rows
    assert checksums(*folders.values()) == files

    # Everything lost: the database, and both folders.
    scratch.lose()
    for root in folders.values():
        shutil.rmtree(root)
    manage(env, "restore_site", "--noinput", str(archive))
    assert row_counts(env) == rows
    assert checksums(*folders.values()) == files
