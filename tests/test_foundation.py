"""The foundation: settings per environment, databases, cache, search backend, set-up commands.

Settings are read as a process started with a given environment would read them, but in this
process (tests/deployment.py), which is what `manage.py` does first whatever command it runs.
"""

import psycopg
import pytest
from django.core.cache import CacheHandler
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from tests.deployment import settings_for

PRODUCTION = {"DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": "x" * 60}


def settings_value(name, env, without=()):
    return settings_for(env, without)[name]


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_database_url_switches_to_postgresql(scheme, postgres_url):
    url = postgres_url.replace("postgres://", f"{scheme}://", 1)
    database = settings_value("DATABASES", {"DATABASE_URL": url})["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    # The settings reach the server: a connection made from them answers a query.
    with psycopg.connect(
        dbname=database["NAME"],
        user=database["USER"],
        password=database["PASSWORD"] or None,
        host=database["HOST"],
        port=database["PORT"],
    ) as server:
        assert server.execute("SELECT 1").fetchone() == (1,)


def test_sqlite_is_the_default_database():
    database = settings_value("DATABASES", {}, without=["DATABASE_URL"])["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"


def test_redis_url_switches_the_cache_to_redis(redis_url):
    env = {"REDIS_URL": redis_url, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    caches = CacheHandler(settings_value("CACHES", env))
    cache = caches["default"]
    try:
        assert f"{type(cache).__module__}.{type(cache).__name__}" == "home.redis_cache.ResilientRedisCache"
        cache.set("foundation-check", "ok", 30)
        assert cache.get("foundation-check") == "ok"
        cache.delete("foundation-check")
    finally:
        caches.close_all()


def test_the_page_cache_is_on_only_with_a_cache_every_process_shares(redis_url):
    # Publishing clears the cache of the process it runs in; only a shared cache clears for all.
    alone = {**PRODUCTION, "REDIS_URL": "", "PAGE_CACHE_SECONDS": ""}
    assert settings_value("PAGE_CACHE_SECONDS", alone) == 0
    assert settings_value("PAGE_CACHE_SECONDS", {**alone, "REDIS_URL": redis_url}) == 300
    assert settings_value("PAGE_CACHE_SECONDS", {**alone, "PAGE_CACHE_SECONDS": "120"}) == 120


def test_debug_is_off_unless_dev_settings():
    assert settings_value("DEBUG", {"DJANGO_SETTINGS_MODULE": "config.settings.dev"}) is True
    assert settings_value("DEBUG", PRODUCTION) is False
    assert settings_value("DEBUG", {"DJANGO_SETTINGS_MODULE": "config.settings.test"}) is False


def test_production_refuses_to_start_without_a_secret_key():
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        settings_for({"DJANGO_SETTINGS_MODULE": "config.settings.production"}, without=["SECRET_KEY"])


def test_production_reads_hosts_and_origins_from_the_environment():
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "y" * 60,
        "ALLOWED_HOSTS": "trainings.example.org, www.trainings.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://trainings.example.org",
        "WAGTAILADMIN_BASE_URL": "https://trainings.example.org",
    }
    values = settings_for(env)
    assert values["ALLOWED_HOSTS"] == ["trainings.example.org", "www.trainings.example.org"]
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://trainings.example.org"]
    assert values["WAGTAILADMIN_BASE_URL"] == "https://trainings.example.org"
    storage = values["STORAGES"]["staticfiles"]["BACKEND"]
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"


# Settings a running process cannot swap: its database connections, caches and installed apps
# stay those of the suite while the deployment checks read production's other settings.
FIXED_AT_START = {"DATABASES", "CACHES", "INSTALLED_APPS", "LOGGING", "LOGGING_CONFIG", "SETTINGS_MODULE"}


def test_production_passes_the_deployment_checklist(capsys, monkeypatch):
    """`check --deploy` with production's settings (.ci/run runs it again in a fresh process)."""
    # Only the browser tests need this relaxation; the deployment checks rightly reject it.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    env = {**PRODUCTION, "SECRET_KEY": "a-long-random-value-" * 4, "ALLOWED_HOSTS": "trainings.example.org"}
    production = {name: value for name, value in settings_for(env).items() if name not in FIXED_AT_START}
    with override_settings(**production):
        call_command("check", "--deploy", "--fail-level", "WARNING")
    assert "System check identified no issues" in capsys.readouterr().out


def test_whitenoise_comes_right_after_the_middleware_that_adds_security_headers(settings):
    middleware = settings.MIDDLEWARE
    assert middleware[0] == "django.middleware.security.SecurityMiddleware"
    # Static files are served before sessions, the database or the page cache are touched, and
    # still get the headers (tests/test_security_headers.py checks a file's).
    assert middleware[1:5] == [
        "home.headers.ContentSecurityPolicyMiddleware",
        "django_permissions_policy.PermissionsPolicyMiddleware",
        "home.headers.CrossOriginResourcePolicyMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]


@pytest.mark.django_db
def test_search_uses_the_full_text_backend_not_the_fallback(site_root):
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    expected = {
        "sqlite": "SQLiteSearchBackend",
        "postgresql": "PostgresSearchBackend",
    }[connection.vendor]
    assert type(backend).__name__ == expected
    assert "fallback" not in type(backend).__module__


@pytest.mark.django_db
def test_full_text_search_finds_a_published_page(site_root):
    from wagtail.models import Page

    site_root.title = "Organizing bootcamp"
    site_root.save_revision().publish()
    found = list(Page.objects.live().search("bootcamp"))
    assert [page.pk for page in found] == [site_root.pk]


@pytest.mark.django_db
def test_home_page_and_admin_respond(client, site_root):
    response = client.get("/")
    assert response.status_code == 200
    assert "Trainings for organizers" in response.content.decode()
    admin = client.get("/admin/")
    assert admin.status_code == 302
    assert "/admin/login/" in admin["Location"]


@pytest.fixture
def site_with_content(site_root):
    """A site that already has a page of its own, so prepare_site leaves the content alone."""
    from wagtail.models import Page

    return site_root.add_child(instance=Page(title="Staff page", slug="staff-page"))


@pytest.mark.django_db
def test_prepare_site_makes_one_admin_and_keeps_its_password(monkeypatch, capsys, site_with_content):
    from django.contrib.auth import get_user_model

    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    call_command("prepare_site")
    first = capsys.readouterr().out
    assert "already has content" in first
    assert "password:" in first
    password = first.split("password:")[1].split()[0]
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)

    call_command("prepare_site")
    second = capsys.readouterr().out
    assert password not in second
    user.refresh_from_db()
    assert user.check_password(password)
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db
def test_prepare_site_takes_the_admin_password_from_the_environment(monkeypatch, capsys, site_with_content):
    from django.contrib.auth import get_user_model

    monkeypatch.setenv("ADMIN_PASSWORD", "chosen-by-the-team-1")
    call_command("prepare_site")
    assert "chosen-by-the-team-1" not in capsys.readouterr().out
    assert get_user_model().objects.get(username="admin").check_password("chosen-by-the-team-1")


@pytest.mark.django_db
def test_migrations_are_complete(capsys):
    call_command("makemigrations", "--check", "--dry-run")
    assert "No changes detected" in capsys.readouterr().out
