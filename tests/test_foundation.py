"""The foundation: settings per environment, databases, cache, search backend, set-up commands."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, env=None):
    environment = {**os.environ, **(env or {})}
    # Only the browser tests need this relaxation; the deployment checks rightly reject it.
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_value(name, env):
    """A setting's value as a fresh process with this environment sees it."""
    code = f"from django.conf import settings; print(repr(settings.{name}))"
    result = run_manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_database_url_switches_to_postgresql(scheme, postgres_url):
    url = postgres_url.replace("postgres://", f"{scheme}://", 1)
    engine = settings_value("DATABASES['default']['ENGINE']", {"DATABASE_URL": url})
    assert engine == "'django.db.backends.postgresql'"
    result = run_manage("check", "--database", "default", env={"DATABASE_URL": url})
    assert result.returncode == 0, result.stderr


def test_sqlite_is_the_default_database():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "django.db.backends.sqlite3", result.stderr


def test_redis_url_switches_the_cache_to_redis(redis_url):
    code = (
        "from django.core.cache import cache; from django.conf import settings;"
        "print(settings.CACHES['default']['BACKEND']);"
        "cache.set('foundation-check', 'ok', 30); print(cache.get('foundation-check'))"
    )
    env = {"REDIS_URL": redis_url, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    result = run_manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["home.redis_cache.ResilientRedisCache", "ok"]


def test_the_page_cache_is_on_only_with_a_cache_every_process_shares(redis_url):
    # Publishing clears the cache of the process it runs in; only a shared cache clears for all.
    production = {"DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": "x" * 60}
    alone = {**production, "REDIS_URL": "", "PAGE_CACHE_SECONDS": ""}
    assert settings_value("PAGE_CACHE_SECONDS", alone) == "0"
    assert settings_value("PAGE_CACHE_SECONDS", {**alone, "REDIS_URL": redis_url}) == "300"
    assert settings_value("PAGE_CACHE_SECONDS", {**alone, "PAGE_CACHE_SECONDS": "120"}) == "120"


def test_debug_is_off_unless_dev_settings():
    assert settings_value("DEBUG", {"DJANGO_SETTINGS_MODULE": "config.settings.dev"}) == "True"
    production = {"DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": "x" * 60}
    assert settings_value("DEBUG", production) == "False"
    assert settings_value("DEBUG", {"DJANGO_SETTINGS_MODULE": "config.settings.test"}) == "False"


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_reads_hosts_and_origins_from_the_environment():
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "y" * 60,
        "ALLOWED_HOSTS": "trainings.example.org, www.trainings.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://trainings.example.org",
        "WAGTAILADMIN_BASE_URL": "https://trainings.example.org",
    }
    assert settings_value("ALLOWED_HOSTS", env) == "['trainings.example.org', 'www.trainings.example.org']"
    assert settings_value("CSRF_TRUSTED_ORIGINS", env) == "['https://trainings.example.org']"
    assert settings_value("WAGTAILADMIN_BASE_URL", env) == "'https://trainings.example.org'"
    storage = settings_value("STORAGES['staticfiles']['BACKEND']", env)
    assert storage == "'whitenoise.storage.CompressedManifestStaticFilesStorage'"


def test_production_passes_the_deployment_checklist():
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "a-long-random-value-" * 4,
        "ALLOWED_HOSTS": "trainings.example.org",
    }
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


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


def test_migrations_are_complete():
    result = run_manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr
