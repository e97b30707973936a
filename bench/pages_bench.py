"""Server time and queries of every public page type: median and p95, at demo size and at scale.

    python bench/pages_bench.py [--sessions 10000] [--rounds 20] [--fresh]

Uses DATABASE_URL when set (PostgreSQL), otherwise its own SQLite file, pages_bench.sqlite3 in the
system's temporary folder. Migrates, loads the demo site if the database is empty and measures it;
then generates content until there are at least --sessions sessions and measures again (a database
that already has them is measured once). --fresh starts the SQLite file over.

Each page is asked for through Django's WSGI handler in this process (view, queries, template and
middleware), once to warm the caches and then --rounds times, timed. The whole-page cache is off;
the site-wide reads (site, settings, menus, view restrictions, routes) are cached as on a production
site with a shared cache (REDIS_URL selects a Redis). Each page is measured twice: built each time
(pages' parts off, as for the first visitor after a publish), then with its rendered parts kept in
the cache (home/fragments.py), as a production site serves it between publishes. The query count
is that of one warm request. A fixed Python loop and a fixed database query time the
machine, so runs on a busier or slower machine can be told apart from a slower site.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from search_bench import machine_check, percentile  # noqa: E402


def first_url(model, **filters):
    page = model.objects.live().public().filter(**filters).order_by("path").first()
    return page.url if page is not None else None


def page_urls():
    """{page type: address} for one page of each public type, the largest where it matters."""
    from django.db.models import Count

    from blog.models import BlogIndexPage, BlogPostPage
    from home.models import MissionPage, StandardPage
    from programs.models import (
        FrameworkLevelPage,
        FrameworkPage,
        Organization,
        PresenterIndexPage,
        PresenterPage,
        SessionPage,
        TrainingIndexPage,
        TrainingSeriesPage,
    )

    busiest_series = TrainingSeriesPage.objects.live().public().order_by("-numchild", "path").first()
    busiest_presenter = (
        PresenterPage.objects.live()
        .public()
        .annotate(size=Count("session_links"))
        .order_by("-size", "path")
        .first()
    )
    host = Organization.objects.filter(seriesorganization_links__isnull=False).order_by("name").first()
    trainings = TrainingIndexPage.objects.live().public().order_by("path").first()
    urls = {
        "home": "/",
        "mission": first_url(MissionPage),
        "standard page": first_url(StandardPage),
        "training index": trainings.url if trainings else None,
        "series": busiest_series.url if busiest_series else None,
        "session": first_url(SessionPage),
        "presenter index": first_url(PresenterIndexPage),
        "presenter": busiest_presenter.url if busiest_presenter else None,
        "organization": f"{trainings.url}organizations/{host.slug}/" if trainings and host else None,
        "framework": first_url(FrameworkPage),
        "framework level": first_url(FrameworkLevelPage),
        "blog index": first_url(BlogIndexPage),
        "blog post": first_url(BlogPostPage),
        "search": "/search/?q=organizing",
        "sitemap index": "/sitemap.xml",
        "sitemap section": "/sitemap-1.xml",
    }
    return {name: url for name, url in urls.items() if url}


def count_queries(client, url):
    """The number of SQL statements one request for `url` runs."""
    from django.db import connection

    statements = []

    def counted(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        client.get(url)
    return len(statements)


def measure_one(client, url, rounds):
    """(queries, median ms, p95 ms) of `url`."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    queries = count_queries(client, url)
    timings = []
    for _round in range(rounds):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return queries, statistics.median(timings), percentile(timings, 0.95)


def measure(client, urls, rounds):
    """{page type: (figures with every page built, figures with pages' parts from the cache)}."""
    from django.test import override_settings

    results = {}
    for name, url in urls.items():
        with override_settings(FRAGMENT_CACHE_SECONDS=0):
            built = measure_one(client, url, rounds)
        with override_settings(FRAGMENT_CACHE_SECONDS=300):
            parts = measure_one(client, url, rounds)
        results[name] = (built, parts)
    return results


def report(title, results):
    print(title)
    print(f"  {'':<18} {'built each time':^29}   {'parts from the cache':^29}")
    print(f"  {'page':<18} {'queries':>7} {'median':>9} {'p95':>9}   {'queries':>7} {'median':>9} {'p95':>9}")
    for name, figures in results.items():
        line = "   ".join(f"{count:>7} {median:>6.1f} ms {p95:>6.1f} ms" for count, median, p95 in figures)
        print(f"  {name:<18} {line}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--fresh", action="store_true", help="Start the benchmark's SQLite file over.")
    args = parser.parse_args()

    bench_file = Path(tempfile.gettempdir()) / "pages_bench.sqlite3"
    if args.fresh and "DATABASE_URL" not in os.environ:
        bench_file.unlink(missing_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{bench_file}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings

    from programs.models import SessionPage

    call_command("migrate", verbosity=0, interactive=False)
    call_command("prepare_site", stdout=io.StringIO())  # demo content and admin user, if missing

    cache_settings = {"PAGE_CACHE_SECONDS": 0, "SITE_CACHE_SECONDS": 300, "DEBUG": False}
    if os.environ.get("REDIS_URL"):
        backend = "django.core.cache.backends.redis.RedisCache"
        location = os.environ["REDIS_URL"]
        cache_settings["CACHES"] = {
            "default": {"BACKEND": backend, "LOCATION": location, "KEY_PREFIX": "pages-bench"}
        }
    override_settings(**cache_settings).enable()
    client = Client()

    print(f"database: {connection.vendor}")
    python_ms, database_ms = machine_check(connection)
    print(f"machine check (lower is faster): Python loop {python_ms:.0f} ms, database {database_ms:.0f} ms")
    have = SessionPage.objects.count()
    if have < args.sessions:
        report(f"at {have} sessions ({args.rounds} rounds):", measure(client, page_urls(), args.rounds))
        call_command("generate_content", sessions=args.sessions - have)
    sessions = SessionPage.objects.count()
    report(f"at {sessions} sessions ({args.rounds} rounds):", measure(client, page_urls(), args.rounds))


if __name__ == "__main__":
    main()
