"""The database options in config/settings/base.py, in effect on a real database.

On SQLite (the embedded default) overlapping admin requests, such as autosave while an editor
clicks Save draft, must wait for each other rather than fail with "database is locked": the
settings turn on the write-ahead log, a busy timeout and transactions that take the write lock
when they begin. Two writers, each in its own thread with its own connection to a database file,
prove it. They use a database file of their own, so they run in the suite's SQLite and PostgreSQL
runs alike.
"""

import sqlite3
import threading
import time

import pytest
from django.db import connections, transaction
from django.db.utils import ConnectionHandler

from tests.deployment import settings_for

ALIAS = "sqlite_file"


def settings_database(url):
    """DATABASES["default"] as a process started with DATABASE_URL=`url` reads it."""
    return settings_for({"DATABASE_URL": url})["DATABASES"]["default"]


@pytest.fixture
def database_file(tmp_path, django_db_blocker):
    """Makes the settings' database, on an empty file of its own, a database the suite may use
    under another name; each thread that uses it gets its own connection, as each request would."""

    def use(**options):
        database = settings_database(f"sqlite:///{tmp_path / 'site.sqlite3'}")
        database["OPTIONS"] = {**database["OPTIONS"], **options}
        filled = ConnectionHandler().configure_settings({"default": database})["default"]
        connections.settings[ALIAS] = filled
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("CREATE TABLE IF NOT EXISTS counter (id integer PRIMARY KEY, value integer)")
            cursor.execute("INSERT OR REPLACE INTO counter VALUES (1, 0)")
        return database

    with django_db_blocker.unblock():
        try:
            yield use
        finally:
            if ALIAS in connections.settings:
                connections[ALIAS].close()
                del connections[ALIAS]
                del connections.settings[ALIAS]


def test_sqlite_gets_a_write_ahead_log_a_busy_timeout_and_immediate_transactions(tmp_path):
    options = settings_database(f"sqlite:///{tmp_path / 'site.sqlite3'}")["OPTIONS"]
    assert "PRAGMA journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 5
    assert options["transaction_mode"] == "IMMEDIATE"


def test_postgresql_gets_none_of_the_sqlite_options():
    """Those options are SQLite's: psycopg would refuse them. PostgreSQL makes a second writer of a
    row wait by itself, and connections are checked before they are reused."""
    database = settings_database("postgres://trainings@db.example.org:5432/trainings")
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert not {"init_command", "timeout", "transaction_mode"} & set(database.get("OPTIONS", {}))
    assert database["CONN_HEALTH_CHECKS"] is True


def test_postgresql_connections_turn_jit_compilation_off_and_keep_the_addresss_options():
    """PostgreSQL's JIT compilation costs most of a second on a query of the pages' many-table joins
    whose estimates are high, as they are until the tables have statistics; the site turns it off."""
    database = settings_database("postgres://trainings@db.example.org:5432/trainings")
    assert database["OPTIONS"]["options"] == "-c jit=off"
    given = settings_database("postgres://t@db.example.org/t?options=-c%20statement_timeout%3D5000")
    assert given["OPTIONS"]["options"] == "-c statement_timeout=5000 -c jit=off"


def test_a_postgresql_connection_made_from_the_settings_has_jit_off(postgres_url, django_db_blocker):
    """On a real server, whichever database the suite itself runs on."""
    filled = ConnectionHandler().configure_settings({"default": settings_database(postgres_url)})["default"]
    connections.settings[ALIAS] = filled
    try:
        with django_db_blocker.unblock(), connections[ALIAS].cursor() as cursor:
            cursor.execute("SHOW jit")
            assert cursor.fetchone()[0] == "off"
    finally:
        connections[ALIAS].close()
        del connections[ALIAS]
        del connections.settings[ALIAS]


def test_the_file_database_has_the_write_ahead_log_and_the_busy_timeout(database_file):
    database = database_file()
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == database["OPTIONS"]["timeout"] * 1000


def test_a_transaction_takes_the_write_lock_when_it_begins(database_file):
    database = database_file()
    other = sqlite3.connect(database["NAME"], timeout=0, isolation_level=None)
    try:
        with transaction.atomic(using=ALIAS):
            connections[ALIAS].cursor().execute("SELECT value FROM counter")
            # Nothing written yet, and already no one else may start writing.
            with pytest.raises(sqlite3.OperationalError, match="database is locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again once the transaction has ended
        other.execute("ROLLBACK")
    finally:
        other.close()


def add_one(outcomes, both_read=None):
    """One writer, in a thread of its own: read the counter, hold the transaction open a moment (so
    that the other writer comes along meanwhile), and write the counter plus one."""
    try:
        with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
            cursor.execute("SELECT value FROM counter WHERE id = 1")
            value = cursor.fetchone()[0]
            if both_read:
                both_read.wait(timeout=5)
            time.sleep(0.3)
            cursor.execute("UPDATE counter SET value = %s WHERE id = 1", [value + 1])
        outcomes.append("saved")
    except Exception as error:  # noqa: BLE001 (the writer's outcome is what the test reads)
        outcomes.append(str(error))
    finally:
        connections[ALIAS].close()


def run_two_writers(both_read=None):
    outcomes = []
    writers = [threading.Thread(target=add_one, args=(outcomes, both_read)) for _ in range(2)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=30)
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("SELECT value FROM counter WHERE id = 1")
        return sorted(outcomes), cursor.fetchone()[0]


def test_two_writers_take_turns_instead_of_failing(database_file):
    database_file()

    outcomes, counter = run_two_writers()

    assert outcomes == ["saved", "saved"]
    assert counter == 2  # the second writer read the first one's value: nothing was lost


def test_without_immediate_transactions_the_second_writer_would_fail(database_file):
    """What the settings prevent: with SQLite's default transactions both writers read first, and the
    one that writes second is refused, busy timeout or not."""
    database_file(transaction_mode="DEFERRED")

    outcomes, counter = run_two_writers(both_read=threading.Barrier(2))

    assert outcomes == ["database is locked", "saved"]
    assert counter == 1
