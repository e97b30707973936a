"""One-file backups of the site: the database, the public media and the private documents.

An archive (`trainings-<UTC time>.tar.gz`) holds `manifest.json`, the database (`database.pgdump`
from pg_dump, or `database.sqlite3` from SQLite's backup API, both consistent while the site runs)
and the folders `media/` (MEDIA_ROOT) and `documents/` (DOCUMENTS_ROOT). The database is saved
first, so every file it names is in the archive. Archives hold private documents, so they are
written readable by their owner only (0600), in a folder only its owner may enter (0700).
"""

import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection

FORMAT = 1
FOLDERS = {"media": "MEDIA_ROOT", "documents": "DOCUMENTS_ROOT"}
DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


def backup_dir():
    folder = Path(settings.BACKUP_DIR).resolve()
    for public in (settings.MEDIA_ROOT, settings.STATIC_ROOT):
        if folder.is_relative_to(Path(public).resolve()):
            raise CommandError(f"BACKUP_DIR ({folder}) is inside {public}, which a web server may serve.")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def create_backup():
    """Write a new archive into BACKUP_DIR and return its path."""
    vendor = connection.vendor
    if vendor not in DUMP_NAMES:
        raise CommandError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    folder = backup_dir()
    created = datetime.now(UTC)
    target = folder / f"trainings-{created:%Y%m%d-%H%M%S}.tar.gz"
    partial = target.with_name(target.name + ".partial")
    with tempfile.TemporaryDirectory(dir=folder) as work:
        dump = Path(work) / DUMP_NAMES[vendor]
        if vendor == "postgresql":
            dump_postgresql(dump)
        else:
            dump_sqlite(dump)
        manifest = {"format": FORMAT, "created": created.isoformat(), "database": vendor}
        (Path(work) / "manifest.json").write_text(json.dumps(manifest, indent=2))
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as file, tarfile.open(fileobj=file, mode="w:gz") as archive:
                archive.add(Path(work) / "manifest.json", "manifest.json")
                archive.add(dump, dump.name)
                for name, setting in FOLDERS.items():
                    root = Path(getattr(settings, setting))
                    if root.is_dir():
                        archive.add(root, name)
            # Only a finished archive carries the final name.
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return target


def restore_backup(path):
    """Replace the database and both folders with the archive's. Returns its manifest."""
    path = Path(path)
    if not path.is_file():
        raise CommandError(f"No backup file at {path}.")
    vendor = connection.vendor
    with tempfile.TemporaryDirectory(dir=backup_dir()) as work, tarfile.open(path, "r:gz") as archive:
        work = Path(work)
        # The "data" filter refuses absolute paths, links out of the folder and device files.
        archive.extractall(work, filter="data")
        try:
            manifest = json.loads((work / "manifest.json").read_text())
        except (OSError, ValueError) as error:
            raise CommandError(f"{path} is not a backup of this site (no readable manifest).") from error
        if manifest.get("format") != FORMAT:
            raise CommandError(
                f"{path} has backup format {manifest.get('format')}, this site reads {FORMAT}."
            )
        if manifest.get("database") != vendor:
            raise CommandError(
                f"{path} holds a {manifest.get('database')} database but the site uses {vendor}. "
                "Restore it into a database of the same kind."
            )
        dump = work / DUMP_NAMES[vendor]
        if vendor == "postgresql":
            restore_postgresql(dump)
        else:
            restore_sqlite(dump)
        for name, setting in FOLDERS.items():
            replace_folder(work / name, Path(getattr(settings, setting)))
    return manifest


def replace_folder(source, root):
    """Make `root` hold exactly what `source` holds. The root itself stays, as it may be a mount."""
    root.mkdir(parents=True, exist_ok=True)
    for entry in root.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    if source.is_dir():
        for entry in source.iterdir():
            shutil.move(entry, root / entry.name)


def dump_sqlite(target):
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)


def restore_sqlite(source):
    connection.ensure_connection()
    # The backup API replaces the whole database in one step, under SQLite's own locks.
    with closing(sqlite3.connect(source)) as saved:
        saved.backup(connection.connection)


def postgresql_env():
    """libpq's variables for the site's database, so its password never shows in a process list."""
    database = connection.settings_dict
    options = database.get("OPTIONS", {})
    values = {
        "PGHOST": database.get("HOST"),
        "PGPORT": database.get("PORT"),
        "PGUSER": database.get("USER"),
        "PGPASSWORD": database.get("PASSWORD"),
        "PGDATABASE": database.get("NAME"),
        "PGSSLMODE": options.get("sslmode"),
    }
    return {**os.environ, **{key: str(value) for key, value in values.items() if value}}


def client_tool(name):
    """A PostgreSQL client program, checked to be at least as new as the server: an older pg_dump
    refuses a newer server, and an older pg_restore cannot read a newer dump."""
    program = shutil.which(name)
    if program is None:
        raise CommandError(
            f"{name} is not installed; install PostgreSQL's client programs (postgresql-client)."
        )
    found = subprocess.run([program, "--version"], capture_output=True, text=True, check=True).stdout  # noqa: S603
    # "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"
    version = int(re.search(r"\)\s+(\d+)", found).group(1))
    connection.ensure_connection()
    server = connection.pg_version // 10000
    if version < server:
        raise CommandError(
            f"{name} is version {version} but the server runs PostgreSQL {server}; "
            f"install PostgreSQL's client programs {server} or newer."
        )
    return program


def run(command):
    # Programs found on PATH, arguments built here; no shell.
    result = subprocess.run(command, env=postgresql_env(), capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise CommandError(f"{Path(command[0]).name} failed:\n{result.stderr.strip()}")
    return result


def dump_postgresql(target):
    # The custom format is compressed and lets pg_restore pick what to restore.
    run([client_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"])


def restore_postgresql(source):
    """Drop the site's tables and load the dump in one transaction: on any error the database is
    left as it was. Dropping first also removes tables the backup does not have."""
    pg_restore, psql = client_tool("pg_restore"), client_tool("psql")
    script = source.with_suffix(".sql")
    run([pg_restore, "--no-owner", "--no-privileges", f"--file={script}", str(source)])
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    drop = source.with_name("drop.sql")
    drop.write_text(
        "".join(f"DROP TABLE IF EXISTS {connection.ops.quote_name(t)} CASCADE;\n" for t in tables)
    )
    # This process's own connection would hold up the drop.
    connection.close()
    run(
        [
            psql,
            "--no-psqlrc",
            "--quiet",
            "--single-transaction",
            "--set=ON_ERROR_STOP=1",
            f"--file={drop}",
            f"--file={script}",
        ]
    )
