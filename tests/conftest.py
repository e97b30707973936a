"""Shared fixtures: the site's page tree, a real browser, and service checks that CI makes strict."""

import io
import os
import socket
import sqlite3
import threading
import time
import uuid
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.core.management import call_command

from tests.deferred_indexing import DEFERRED_INDEXING

# Playwright's sync API runs an event loop in the test thread; Django's guard against ORM calls from
# async code would otherwise trip on the test's own database setup.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
# Scratch PostgreSQL databases are named with this prefix, for machines where names are shared.
SCRATCH_PREFIX = os.environ.get("TEST_SCRATCH_DATABASE_PREFIX", "scratch_")


def pytest_configure(config):
    """Test servers share the test thread's connection to an in-memory SQLite database, and both
    sides use it at once: a browser sends requests side by side (an editor page's autosave and
    its editing-session ping beside a link just followed) while the test reads what they wrote.
    Two users of one SQLite connection at once end in "Recursive use of cursors" or in one
    transaction swallowing another's, so on such a database the test server answers one request at
    a time, and the test's own statements wait until no request is being answered. A server with
    connections of its own (PostgreSQL, a database file) stays fully threaded, as in production."""
    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.test.testcases import LiveServerThread

    turn = threading.RLock()

    def statement_in_turn(execute, sql, params, many, context):
        with turn:
            return execute(sql, params, many, context)

    class OneAtATimeOnASharedConnection(ThreadedWSGIServer):
        def set_app(self, application):
            if not self.connections_override:
                return super().set_app(application)
            for connection in self.connections_override.values():
                # Kept for the connection's life: a request still being answered when its server
                # stops goes on holding its turn while the test empties the database.
                if statement_in_turn not in connection.execute_wrappers:
                    connection.execute_wrappers.append(statement_in_turn)

            from django.conf import settings

            # Static files and uploaded pictures are files, read without the database: a page's
            # many of them are still served side by side.
            files = tuple(prefix for prefix in (settings.STATIC_URL, settings.MEDIA_URL) if prefix)

            def request_in_turn(environ, start_response):
                if environ.get("PATH_INFO", "").startswith(files):
                    return application(environ, start_response)
                with turn:
                    return application(environ, start_response)

            return super().set_app(request_in_turn)

    LiveServerThread.server_class = OneAtATimeOnASharedConnection


def modules_serving_the_demo():
    """The test modules whose tests ask for the demo site (`demo_server`, or `demo_snapshot`
    without a server), by file name."""
    here = Path(__file__).resolve().parent
    return {
        path.name
        for path in here.glob("test_*.py")
        if "demo_server" in (text := path.read_text()) or "demo_snapshot" in text
    }


def pytest_xdist_make_scheduler(config, log):
    """Parallel runs send each module (or class) to one worker whole (`--dist loadscope`), and every
    module that serves the demo site to the same worker, so that the demo is loaded and its pages
    first shown once per run (`DemoSnapshot`) rather than once on each worker that gets one of them."""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    demo_modules = modules_serving_the_demo()

    class DemoModulesTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            if Path(nodeid.split("::", 1)[0]).name in demo_modules:
                return "modules serving the demo site"
            return super()._split_scope(nodeid)

    return DemoModulesTogether(config, log)


class MigratedDatabaseCache:
    """The SQLite test database as migrate leaves it, kept in a file between runs.

    Applying the migrations takes each test process about fifteen seconds, nearly all of it Django
    working out the models' state after each operation, and gives the same tables and rows every
    time. So the first process to need it migrates as usual and saves a copy; the others, in the
    same run (the workers of `pytest -n`) or a later one, copy the file into their in-memory
    database instead. The file's name is a digest of every migration's source (Django's, Wagtail's
    and every app's) and of the project modules they import, so a new or changed migration makes a
    new file. Delete `.test-cache/` to force a fresh migrate.

    On PostgreSQL the copy is a database on the server, `<scratch prefix>migrated_<digest>`, and each
    test database is made from it as a template; a copy made for other migrations is dropped when a
    new one is made."""

    folder = Path(__file__).resolve().parent.parent / ".test-cache"

    def __init__(self, connection):
        self.connection = connection

    def applies(self):
        if self.connection.vendor == "postgresql":
            return True
        return self.connection.vendor == "sqlite" and self.connection.is_in_memory_db()

    def digest(self):
        import ast
        import hashlib
        import sys
        from importlib.util import find_spec

        import django
        from django.db.migrations.loader import MigrationLoader

        project = {"home", "programs", "blog", "search", "config"}
        # Named by module, not by path: the same packages may be reached by more than one path.
        files = {}
        for migration in MigrationLoader(None, ignore_no_migrations=True).disk_migrations.values():
            name = type(migration).__module__
            file = files[name] = Path(sys.modules[name].__file__)
            # Data migrations may build rows with project code; a change there changes the rows.
            for node in ast.walk(ast.parse(file.read_bytes())):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
                else:
                    continue
                for imported in names:
                    if imported.split(".")[0] in project:
                        try:
                            spec = find_spec(imported)
                        except ModuleNotFoundError:
                            spec = None
                        if spec is not None and spec.origin:
                            files[imported] = Path(spec.origin)
        # Settings name the swappable models (users, images, documents) that migrations point at.
        for settings_file in (Path(__file__).resolve().parent.parent / "config" / "settings").glob("*.py"):
            files[f"config.settings.{settings_file.stem}"] = settings_file
        digest = hashlib.sha256(f"{django.__version__} {sqlite3.sqlite_version}".encode())
        for name, file in sorted(files.items()):
            digest.update(name.encode())
            digest.update(file.read_bytes())
        return digest.hexdigest()[:16]

    @contextmanager
    def migrate_from_file(self):
        """While the test databases are created (and only then: tests of migrations migrate for
        real), migrate is answered from the file when there is one, made by whichever process got
        there first while the others waited for it."""
        import fcntl

        from django.core import management

        migrate = management.call_command

        def call_command(name, *args, **options):
            if name != "migrate" or not self.applies():
                return migrate(name, *args, **options)
            self.folder.mkdir(exist_ok=True)
            with open(self.folder / "lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if self.connection.vendor == "postgresql":
                    return self.migrate_from_template(migrate, name, *args, **options)
                file = self.folder / f"migrated-{self.digest()}.sqlite3"
                self.connection.ensure_connection()
                if file.exists():
                    with closing(sqlite3.connect(file)) as source:
                        source.backup(self.connection.connection)
                    return None
                result = migrate(name, *args, **options)
                self.save(file)
                return result

        management.call_command = call_command
        try:
            yield
        finally:
            management.call_command = migrate

    def migrate_from_template(self, migrate, *args, **options):
        """On PostgreSQL: the test database made again from the kept copy, or migrated and kept."""
        settings = self.connection.settings_dict
        login, test_database = postgres_login(settings), settings["NAME"]
        kept = f"{SCRATCH_PREFIX}migrated_{self.digest()}"
        with closing(psycopg.connect(dbname="postgres", autocommit=True, **login)) as server:
            names = [row[0] for row in server.execute("SELECT datname FROM pg_database")]
        if kept in names:
            self.connection.close()
            on_server(login, f'DROP DATABASE "{test_database}" WITH (FORCE)')
            on_server(login, f'CREATE DATABASE "{test_database}" TEMPLATE "{kept}"')
            return None
        result = migrate(*args, **options)
        self.connection.close()
        on_server(login, f'CREATE DATABASE "{kept}" TEMPLATE "{test_database}"')
        for old in names:
            if old.startswith(f"{SCRATCH_PREFIX}migrated_") and old != kept:
                # Left for later if another run is making a test database from it right now.
                with suppress(psycopg.errors.ObjectInUse):
                    on_server(login, f'DROP DATABASE IF EXISTS "{old}"')
        return result

    def save(self, file):
        partial_file = file.with_suffix(".partial")
        with closing(sqlite3.connect(partial_file)) as target:
            self.connection.connection.backup(target)
        os.replace(partial_file, file)
        for old in self.folder.glob("migrated-*.sqlite3"):
            if old != file:
                old.unlink()


@pytest.fixture(scope="session")
def migrated_database_cache():
    from contextlib import ExitStack

    from django.db import connection

    with ExitStack() as creating:
        creating.enter_context(MigratedDatabaseCache(connection).migrate_from_file())
        yield creating


@pytest.fixture(scope="session", autouse=True)
def kept_renditions():
    """Pictures' resized copies encoded once and kept (see tests/rendition_cache.py). Yields Wagtail's
    own encoding step."""
    from tests.rendition_cache import kept_renditions

    with kept_renditions() as encode:
        yield encode


@pytest.fixture(scope="session")
def django_db_setup(migrated_database_cache, django_db_setup):
    """pytest-django's test database, migrated from a file where one was kept (see
    MigratedDatabaseCache)."""
    migrated_database_cache.close()
    return django_db_setup


def skip_unless_required(reason, variable):
    """Skip on a machine without the service, but fail where CI says the service must be there."""
    if os.environ.get(variable) == "1":
        pytest.fail(f"{reason} ({variable}=1 makes this a failure)")
    pytest.skip(reason)


def port_open(host, port):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session", autouse=True)
def indexing_held_back_until_read():
    with pytest.MonkeyPatch.context() as patch:
        DEFERRED_INDEXING.install(patch)
        yield DEFERRED_INDEXING


@pytest.fixture(autouse=True)
def indexes_updated_when_read(request, indexing_held_back_until_read):
    """A test's own saves bring the search and reference indexes up to date when either is next
    read (see tests/deferred_indexing.py), unless its data is committed for others to read."""
    marker = request.node.get_closest_marker("django_db")
    if (
        "transactional_db" in request.fixturenames
        or "live_server" in request.fixturenames
        or (marker is not None and marker.kwargs.get("transaction"))
    ):
        yield
        return
    deferred = indexing_held_back_until_read
    deferred.watch_connections()
    deferred.holding = True
    try:
        yield
    finally:
        deferred.holding = False
        deferred.drop()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, so that rate-limit counts and lockouts never carry over."""
    from django.core.cache import cache

    cache.clear()


def free_port():
    """A loopback port nothing listens on, for a server a test starts."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """The site's static files as production collects them (`manage.py collectstatic` with the
    production settings: compressed copies and names with a digest of the content), in a folder that
    the servers tests start serve them from (their STATIC_ROOT). Collecting takes a process several
    seconds, and the files do not change while the suite runs, so they are collected once per run:
    the workers of a parallel run share the folder, the first to need it collecting while the others
    wait. Servers only read it."""
    import fcntl
    import subprocess
    import sys

    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's own folder, above each worker's
    folder = shared / "collected-static"
    with open(shared / "collected-static.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        # Written once every file is in place; a collection that failed half way is done again.
        collected = folder / ".collected"
        if not collected.exists():
            env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL")}
            env.update(
                DJANGO_SETTINGS_MODULE="config.settings.production",
                SECRET_KEY="collectstatic-only-" * 3,
                STATIC_ROOT=str(folder),
            )
            result = subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
                cwd=Path(__file__).resolve().parent.parent,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert result.returncode == 0, result.stderr
            collected.touch()
    return folder


@pytest.fixture
def postgres_url():
    """A URL for a reachable PostgreSQL server, whichever database the suite itself runs on."""
    url = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    if not port_open("127.0.0.1", 5432):
        skip_unless_required("PostgreSQL is not reachable on 127.0.0.1:5432", "REQUIRE_POSTGRES")
    return url


@pytest.fixture
def redis_url():
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    if not port_open("127.0.0.1", 6379):
        skip_unless_required("Redis is not reachable on 127.0.0.1:6379", "REQUIRE_REDIS")
    return url


class SubprocessDatabase:
    """The test's database as another process (a command, a server) opens it.

    `env` points the process at it. PostgreSQL's test database is shared as it is. SQLite's lives in
    this process's memory, so `push()` copies it to a file the process opens and `pull()` copies that
    file back; both do nothing on PostgreSQL.
    """

    def __init__(self, folder):
        from django.db import connection

        self.connection = connection
        settings = connection.settings_dict
        if connection.vendor == "postgresql":
            self.file = None
            password = f":{quote(settings['PASSWORD'])}" if settings["PASSWORD"] else ""
            login = quote(settings["USER"]) + password
            address = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
            self.url = f"postgres://{login}@{address}/{settings['NAME']}"
        else:
            self.file = folder / "shared.sqlite3"
            self.url = f"sqlite:///{self.file}"
        self.env = {"DATABASE_URL": self.url}

    def push(self):
        DEFERRED_INDEXING.flush()
        if self.file:
            self.connection.ensure_connection()
            with closing(sqlite3.connect(self.file)) as target:
                self.connection.connection.backup(target)

    def pull(self):
        if self.file:
            self.connection.ensure_connection()
            with closing(sqlite3.connect(self.file)) as source:
                source.backup(self.connection.connection)


def postgres_login(database):
    """psycopg's connection arguments for a Django PostgreSQL database's server."""
    return {
        "host": database["HOST"] or "127.0.0.1",
        "port": database["PORT"] or 5432,
        "user": database["USER"],
        "password": database["PASSWORD"] or None,
    }


def end_other_connections(name, login):
    """End every connection to the PostgreSQL database `name` but the caller's. For the test
    database once this process has closed its own: what is left belongs to a server an earlier test
    stopped (a live server's request thread whose browser kept the socket open), used by no one."""
    on_server(
        login,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = %s AND pid <> pg_backend_pid()",
        [name],
    )


def on_server(login, statement, params=None):
    """Run one statement on the PostgreSQL server, outside any database's transaction."""
    with psycopg.connect(dbname="postgres", autocommit=True, **login) as admin:
        admin.execute(statement, params)


class ScratchDatabase:
    """A copy of the test database for other processes to work on and change at will (a backup and
    restore, servers behind a proxy): a file on SQLite, a database made from the test database as a
    template on PostgreSQL. `url` names it; `drop()` removes it."""

    def __init__(self, folder):
        from django.db import connection, connections

        self.vendor = connection.vendor
        DEFERRED_INDEXING.flush()
        if self.vendor == "postgresql":
            database = connection.settings_dict
            self.name = f"{SCRATCH_PREFIX}{uuid.uuid4().hex[:8]}"
            self.login = postgres_login(database)
            # A template must have no other connection, this process's included (its connections
            # under every alias, such as a replica that mirrors the default database).
            connections.close_all()
            self.copy_from(database["NAME"])
            self.url = SubprocessDatabase(folder).url.rsplit("/", 1)[0] + f"/{self.name}"
        else:
            shared = SubprocessDatabase(folder)
            shared.push()
            self.file, self.url = shared.file, shared.url

    def copy_from(self, template):
        """Create the scratch database from the test database, ending the connections left to it
        (see `end_other_connections`; PostgreSQL waits five seconds before it says it is in use)."""
        for _attempt in range(5):
            try:
                self.server(f'CREATE DATABASE "{self.name}" TEMPLATE "{template}"')
                return
            except psycopg.errors.ObjectInUse:
                end_other_connections(template, self.login)
                time.sleep(0.2)
        raise AssertionError(f"the test database {template} stayed in use")

    def server(self, statement):
        on_server(self.login, statement)

    def lose(self):
        """The database is gone: an empty one (PostgreSQL) or none at all (SQLite) in its place."""
        if self.vendor == "postgresql":
            self.server(f'DROP DATABASE "{self.name}" WITH (FORCE)')
            self.server(f'CREATE DATABASE "{self.name}"')
        else:
            self.file.unlink()

    # PostgreSQL writes every changed page to disk (a checkpoint) before it drops a database, for
    # seconds on a busy server; nothing waits for the copy to be gone, so a thread drops it while
    # the tests go on, and the run waits for those threads at its end (`scratch_databases_dropped`).
    dropping = []

    def drop(self):
        if self.vendor == "postgresql":
            statement = f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'
            dropper = ThreadWithOutcome(target=self.server, args=(statement,))
            dropper.start()
            self.dropping.append(dropper)


class ThreadWithOutcome(threading.Thread):
    """A thread whose exception, if any, `join` raises in the thread that waits for it."""

    error = None

    def run(self):
        try:
            super().run()
        except Exception as error:  # noqa: BLE001 - raised again by join()
            self.error = error

    def join(self, timeout=None):
        super().join(timeout)
        if self.error is not None:
            raise self.error


@pytest.fixture(scope="session", autouse=True)
def scratch_databases_dropped():
    """Every scratch database dropped before the run ends (see ScratchDatabase.drop)."""
    yield
    while ScratchDatabase.dropping:
        ScratchDatabase.dropping.pop().join()


@pytest.fixture
def subprocess_database(transactional_db, tmp_path):
    """See SubprocessDatabase. Transactional, so that what the test writes is committed."""
    return SubprocessDatabase(tmp_path)


def ensure_root_page():
    """The tree's root page and the locale it needs, created if a flush emptied them."""
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code="en")
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))


def ensure_site_root():
    """The default Site and its HomePage, created if missing (a transactional test may flush them)."""
    from wagtail.models import Site

    from home.models import HomePage
    from tests.factories.home import HomePageFactory

    root = ensure_root_page()
    home = HomePage.objects.first()
    if home is None:
        home = HomePageFactory(parent=root, slug="home")
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return home


def load_demo():
    """Load the demo content into the test database as a new site gets it, through `prepare_site`
    (the demo, and an admin login); returns what the command printed."""
    from wagtail.models import Collection

    # A transactional test starts from an empty database, without the root collection images need.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    output = io.StringIO()
    call_command("prepare_site", stdout=output)
    return output.getvalue()


def delete_demo_pictures(originals=True, keep=()):
    """Delete the demo pictures' files named in the database: their resized copies, and unless told
    otherwise the pictures themselves; never the files named in `keep`."""
    from wagtail.images import get_image_model

    Image = get_image_model()
    names = [rendition.file.name for rendition in Image.get_rendition_model().objects.all()]
    if originals:
        names += [image.file.name for image in Image.objects.all()]
    keep = set(keep)
    delete_files(name for name in names if "demo-" in name and name not in keep)


def delete_files(names):
    from django.core.files.storage import default_storage

    for name in names:
        if default_storage.exists(name):
            default_storage.delete(name)


def show_every_page():
    """Every live page shown once, so that the pictures' renditions are made now, with the content
    a module serves, and kept for its tests. Made in a test instead, on SQLite they would be made
    in that test's transaction (the server shares its connection), rolled back with it, and made
    again by the next test to show the page: AVIF and WebP encoding, seconds a page."""
    from django.test import Client
    from wagtail.models import Page

    visitor = Client()
    for page in Page.objects.live().filter(depth__gt=1).specific():
        if page.url:
            visitor.get(page.url)


def last_answers_given(wait=5):
    """Wait, for a few seconds at most, for the test server's threads to finish with the connections
    of a browser tab the last test has just closed: each uses the test's database connection until
    it ends, and one that ends after the server has stopped fails on it."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and any(
        thread.name.endswith("(process_request_thread)") for thread in threading.enumerate()
    ):
        time.sleep(0.01)


@contextmanager
def committed(django_db_blocker, build, cleanup=None, show_pages=True):
    """What `build()` makes, committed, for a module or class whose tests only read it (each test's
    own changes are rolled back with it): built once instead of once per test. Yields what `build()`
    returned. Afterwards `cleanup()` runs and the database is emptied as after a transactional
    test, so the next module starts from the site as migrate left it. The tests need the `django_db`
    mark (which sets up the test database) and must not be transactional, whose emptying of the
    database would take the content from the tests after. Its pages are shown once first
    (`show_every_page`) unless `show_pages` is false."""
    from django.db import connection, connections

    with django_db_blocker.unblock():
        built = build()
        if show_pages:
            show_every_page()
        try:
            yield built
        finally:
            if cleanup is not None:
                cleanup()
            call_command("flush", interactive=False, verbosity=0)
            if connection.vendor == "postgresql":
                connections.close_all()
                end_other_connections(
                    connection.settings_dict["NAME"], postgres_login(connection.settings_dict)
                )


@contextmanager
def served(django_db_blocker, build, cleanup=None, show_pages=True):
    """As `committed`, and served by a thread of this process, for a module whose browser tests only
    read it. Yields the server (`.url`) and what `build()` returned."""
    from pytest_django.live_server_helper import LiveServer

    with committed(django_db_blocker, build, cleanup, show_pages) as built:
        server = LiveServer("localhost")
        try:
            yield server, built
        finally:
            last_answers_given()
            server.stop()


class DemoSnapshot:
    """The test database just after the demo content was loaded and its pages shown once (which
    makes the pictures' renditions), kept so that the next module that serves the demo puts it back
    in a moment instead of loading it again: on SQLite a copy of the in-memory database in memory,
    on PostgreSQL a database made from the test database as a template. The demo's pictures and
    those renditions stay until the test process ends; other resized copies go with each module."""

    def __init__(self):
        self.copy = None
        self.pictures = []
        # What `prepare_site` printed when it loaded the demo on the empty site, for the test of it.
        self.output = ""

    def load(self):
        from django.core.cache import cache
        from django.db import connection

        if self.copy is None:
            from wagtail.images import get_image_model

            ensure_site_root()
            self.output = load_demo()
            show_every_page()
            Image = get_image_model()
            self.pictures = [image.file.name for image in Image.objects.all()]
            self.pictures += [rendition.file.name for rendition in Image.get_rendition_model().objects.all()]
            self.copy = self.take(connection)
        else:
            from django.contrib.contenttypes.models import ContentType

            self.put_back(connection)
            cache.clear()
            # The copy's content types may have other ids than those the emptied database was
            # given again (PostgreSQL's sequences go on counting): forget the ids this process knew.
            ContentType.objects.clear_cache()

    def take(self, connection):
        DEFERRED_INDEXING.flush()
        if connection.vendor == "postgresql":
            name = f"{SCRATCH_PREFIX}demo_{uuid.uuid4().hex[:8]}"
            self.close_connections(connection)
            self.copy_database(connection, connection.settings_dict["NAME"], name)
            return name
        connection.ensure_connection()
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        return copy

    def put_back(self, connection):
        if connection.vendor == "postgresql":
            name = connection.settings_dict["NAME"]
            self.close_connections(connection)
            on_server(postgres_login(connection.settings_dict), f'DROP DATABASE "{name}" WITH (FORCE)')
            self.copy_database(connection, self.copy, name)
        else:
            connection.ensure_connection()
            self.copy.backup(connection.connection)

    @staticmethod
    def close_connections(connection):
        from django.db import connections

        connections.close_all()
        end_other_connections(connection.settings_dict["NAME"], postgres_login(connection.settings_dict))

    @staticmethod
    def copy_database(connection, template, name):
        login = postgres_login(connection.settings_dict)
        for _attempt in range(5):
            try:
                on_server(login, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
                return
            except psycopg.errors.ObjectInUse:
                end_other_connections(template, login)
                time.sleep(0.2)
        raise AssertionError(f"{template} stayed in use")

    def drop(self):
        from django.db import connection

        if isinstance(self.copy, str):
            on_server(postgres_login(connection.settings_dict), f'DROP DATABASE IF EXISTS "{self.copy}"')
        elif self.copy is not None:
            self.copy.close()
        delete_files(self.pictures)


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    snapshot = DemoSnapshot()
    yield snapshot
    snapshot.drop()


@pytest.fixture(scope="module")
def demo_server(demo_snapshot, django_db_blocker):
    """The demo site served for a module whose browser tests only read it (see `served`)."""

    def resized():
        delete_demo_pictures(originals=False, keep=demo_snapshot.pictures)

    with served(django_db_blocker, demo_snapshot.load, cleanup=resized, show_pages=False) as (server, _built):
        yield server


def _restore_what_migrations_made(sender, using="default", **kwargs):
    """A transactional test, and a module that served content it built (`served`), ends with a
    flush, which empties the tables the migrations filled. The flush then sends post_migrate, and
    on the last app's signal (when every permission is back) this puts back what those migrations
    made that tests rely on: the root collection and root page, the staff groups with their rights
    (programs/migrations/0011_editor_groups.py) and the moderation workflow, so the next test on
    the same worker starts from a site as migrate left it. On a database straight from migrate it
    changes nothing."""
    import importlib

    from django.apps import apps
    from wagtail.models import Collection

    from tests.helpers import ensure_moderation

    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender is not with_models[-1]:
        return
    if not Collection.objects.using(using).exists():
        Collection.add_root(name="Root")
    ensure_root_page()
    importlib.import_module("programs.migrations.0011_editor_groups").grant(apps)
    ensure_moderation()


@pytest.fixture(scope="session", autouse=True)
def flush_keeps_what_migrations_made():
    from django.db.models.signals import post_migrate

    post_migrate.connect(_restore_what_migrations_made, dispatch_uid="tests-migration-data")
    yield
    post_migrate.disconnect(dispatch_uid="tests-migration-data")


@pytest.fixture
def site_root(db):
    return ensure_site_root()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        skip_unless_required(f"Chromium is not installed at {CHROMIUM}", "REQUIRE_BROWSER")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser):
    """A fresh browser tab at desktop width; tests resize it for phones."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    in_flight = requests_in_flight(context)
    page = context.new_page()
    yield page
    wait_for_answers(page, in_flight)
    context.close()


def requests_in_flight(target):
    """The set of requests a page, or every page of a browser context, has sent and not yet had
    answered, kept up to date by its request events; for `wait_for_answers`."""
    in_flight = set()
    target.on("request", lambda request: in_flight.add(request))
    target.on("requestfinished", lambda request: in_flight.discard(request))
    target.on("requestfailed", lambda request: in_flight.discard(request))
    return in_flight


def wait_for_answers(page, in_flight):
    """Requests still in flight (a picture resized on first sight, a link just followed) would be
    served while the test's database is being emptied; let them finish first. Waiting for those
    very requests ends as soon as they are answered, where waiting for the network to be idle
    would always wait half a second more. `in_flight` comes from `requests_in_flight`."""
    deadline = time.monotonic() + 30
    while not page.is_closed():
        # A moment first, in which the browser's latest news of its requests arrives.
        page.wait_for_timeout(20)
        if not in_flight:
            break
        assert time.monotonic() < deadline, f"still waiting for {[request.url for request in in_flight]}"


@pytest.fixture
def screenshot():
    """Save a full-page screenshot under test-artifacts/screenshots/ and return its path, when
    screenshots are asked for (SCREENSHOTS=1, `make screenshots`); other runs check the same pages
    without spending the time to draw and save them, and get None."""
    if not os.environ.get("SCREENSHOTS"):
        return lambda page, name: None
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        # Pictures below the fold load as a visitor scrolls; a full-page screenshot shows them too.
        page.evaluate(LOAD_PICTURES)
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


# Every picture in the page loaded now, lazily loaded ones included.
LOAD_PICTURES = """() => Promise.all([...document.images].map((img) => {
    img.loading = "eager";
    return img.complete ? null : new Promise((done) => { img.onload = img.onerror = done; });
}))"""


class AxeChecker:
    """axe-core run in a page or frame, returning only its violations (an empty list means none).

    axe-core is put into a document once, under a name of its own (a preview in the editor loads
    Wagtail's own copy of axe as `axe`), and later runs in the same document reuse it. Only the
    violations come back from the browser, not every rule's outcome, which nothing reads; the
    other outcomes are not gathered either (`resultTypes`), whichever rules a test runs."""

    NAME = "axeForTests"

    def __init__(self):
        from axe_playwright_python.base import AXE_SCRIPT

        self.inject = f"() => {{ {AXE_SCRIPT}\n; window.{self.NAME} = axe; }}"

    def __call__(self, page, context=None, options=None):
        if not page.evaluate(f"() => typeof window.{self.NAME} === 'object'"):
            page.evaluate(self.inject)
        options = {"resultTypes": ["violations"], **(options or {})}
        return page.evaluate(
            f"async ([context, options]) => (await window.{self.NAME}.run(context ?? document, options))"
            ".violations",
            [context, options],
        )


@pytest.fixture(scope="session")
def axe():
    """Run axe-core in the page and return its violations (see AxeChecker)."""
    return AxeChecker()


@pytest.fixture
def world(site_root):
    """One of every searchable thing, each with a word only it contains (tests/factories/search.py)."""
    from tests.factories.search import build_world

    return build_world(site_root)


@contextmanager
def built_once(django_db_blocker, build):
    """What `build(site_root)` makes, built once for a module or class whose tests only read it (or
    change the database inside their own test, which is rolled back), and rolled back after them."""
    from django.core.cache import cache
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield build(ensure_site_root())
        transaction.set_rollback(True)
    cache.clear()


def world_built_once(django_db_blocker):
    from tests.factories.search import build_world

    return built_once(django_db_blocker, build_world)


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """The same world, built once for a module whose tests only read it (or change the database
    inside their own test, which is rolled back), and rolled back after the module's last test."""
    with world_built_once(django_db_blocker) as world:
        yield world


@pytest.fixture(scope="class")
def class_world(django_db_setup, django_db_blocker):
    """The same world, built once for a class of such tests, in a module whose other tests build
    content of their own and must not see it."""
    with world_built_once(django_db_blocker) as world:
        yield world


@pytest.fixture(scope="session")
def production_header_settings():
    """The header settings config/settings/production.py makes, read once in a fresh process."""
    from tests.deployment import read_header_settings

    return read_header_settings()


@pytest.fixture
def production_headers(settings, production_header_settings):
    """This test's responses carry the headers production sends (requests must be HTTPS to get HSTS
    and to escape the redirect to HTTPS)."""
    for name, value in production_header_settings.items():
        setattr(settings, name, value)
    return production_header_settings


def pytest_collection_modifyitems(config, items):
    """Screenshots are taken on request (`make screenshots`); other runs leave those tests out
    rather than skip them, so that a run that must not skip anything can still be asked for."""
    if os.environ.get("SCREENSHOTS"):
        return
    left_out = [item for item in items if item.get_closest_marker("screenshots")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker("screenshots")]
