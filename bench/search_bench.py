"""Search latency on a large generated site: p50 and p95 over a set of realistic queries.

    python bench/search_bench.py [--sessions 10000] [--rounds 5]

With REDIS_URL set, the cache is that Redis, as on a production site; otherwise this process's memory.

Uses DATABASE_URL when set (PostgreSQL), otherwise its own SQLite file, search_bench.sqlite3 in
the system's temporary folder, so the development database is never touched. Migrates (which
creates the site), generates content until there are at least --sessions sessions, then times
each query through Django's test client (the whole request: view, queries and template), after
one untimed warm-up round. The cache lifetimes are those of a production site with a shared
cache, so the menus and each result's card come from the cache as they do on the live site; which
results a search finds is worked out by every request. Then it times every pair of filters with
two broad searches (the better of two requests each) and prints the slowest, to catch a
combination the database plans badly. It also times the search box's suggestions for a few words
typed letter by letter, and a fixed Python loop and a fixed database query, so that runs on a
busier or slower machine can be told apart from a slower site.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    {"q": "organizing"},
    {"q": "school budgets"},
    {"q": "power mapping", "when": "past"},
    {"q": "parent power", "format": "virtual"},
    {"q": '"community clinics"'},
    {"q": "health equity", "type": "session"},
    {"q": "campaigns", "year": "2023"},
    {"q": "youth leadership", "type": "resource"},
    {"q": "coalitions oakland"},
    {"q": "slides"},
    {"q": "restorative justice", "page": "3"},
    {"q": "zebra unicorn"},
]


# What the search box asks for, keystroke by keystroke, while a visitor types.
TYPED = ["or", "org", "orga", "organ", "organiz", "parent p", "health eq", "slid"]


def suggestion_timings(client, rounds):
    """Milliseconds for each suggestions request over `rounds` rounds of TYPED, after a warm-up."""
    for typed in TYPED:
        client.get("/search/", {"q": typed, "suggest": "1"})
    timings = []
    for _round in range(rounds):
        for typed in TYPED:
            started = time.perf_counter()
            response = client.get("/search/", {"q": typed, "suggest": "1"})
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    return timings


# Filters combined in pairs with a few broad searches, to catch a combination that plans badly.
SWEEP_WORDS = ["organizing", "health"]
SWEEP_FILTERS = [
    ("type", "session"),
    ("type", "resource"),
    ("year", "2023"),
    ("format", "virtual"),
    ("when", "past"),
    ("when", "upcoming"),
]


def sweep(client):
    """The slowest request among every pair of filters with each broad search."""
    from itertools import combinations

    from search.models import PageFacet

    filters = list(SWEEP_FILTERS)
    for facet in ("topic", "series", "presenter"):
        value = PageFacet.objects.filter(facet=facet).values_list("value", flat=True).first()
        if value:
            filters.append((facet, value))
    slowest = (0.0, None)
    for word in SWEEP_WORDS:
        for pair in combinations(filters, 2):
            params = {"q": [word]}
            for name, value in pair:
                params.setdefault(name, []).append(value)
            # The better of two requests: a plan the database gets wrong is slow both times, while a
            # moment when another process takes the processor is seldom there twice.
            times = []
            for _attempt in range(2):
                started = time.perf_counter()
                response = client.get("/search/", params)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
            slowest = max(slowest, (min(times), str(params)), key=lambda item: item[0])
    return slowest


def machine_check(connection):
    """Best-of-three times of a fixed Python loop and a fixed database query, in ms.

    Timings on a shared machine move from day to day; these two numbers say how fast the machine
    was during this run, so that runs on different days can be compared fairly.
    """

    def best(work):
        times = []
        for _ in range(3):
            started = time.perf_counter()
            work()
            times.append((time.perf_counter() - started) * 1000)
        return min(times)

    def python_work():
        total = 0
        for number in range(1_000_000):
            total += number % 7
        return total

    if connection.vendor == "postgresql":
        query = "SELECT COUNT(*) FROM generate_series(1, 300000) AS g WHERE g % 7 = 3"
    else:
        query = (
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000) "
            "SELECT COUNT(*) FROM c WHERE x % 7 = 3"
        )

    def database_work():
        with connection.cursor() as cursor:
            cursor.execute(query)
            cursor.fetchall()

    return best(python_work), best(database_work)


def percentile(values, share):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--no-sweep", action="store_true", help="Skip timing every pair of filters with two broad searches."
    )
    args = parser.parse_args()

    bench_file = Path(tempfile.gettempdir()) / "search_bench.sqlite3"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{bench_file}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from wagtail.models import Site

    from programs.models import SessionPage

    call_command("migrate", verbosity=0, interactive=False)
    if not Site.objects.exists():
        raise SystemExit("No site: run `manage.py prepare_site` on this database first.")
    have = SessionPage.objects.count()
    if have < args.sessions:
        call_command("generate_content", sessions=args.sessions - have)
    sessions = SessionPage.objects.count()

    # The cache lifetimes of a production site with its shared cache (in this one process the memory
    # cache is shared): menus, and what each result shows (search.cards), come from the cache; which
    # results a search finds, their counts and excerpts never do.
    from django.test import override_settings

    cache_settings = {"PAGE_CACHE_SECONDS": 300, "FRAGMENT_CACHE_SECONDS": 300}
    if os.environ.get("REDIS_URL"):
        # The shared cache a production site uses, instead of this process's memory.
        backend = "django.core.cache.backends.redis.RedisCache"
        location = os.environ["REDIS_URL"]
        cache_settings["CACHES"] = {
            "default": {"BACKEND": backend, "LOCATION": location, "KEY_PREFIX": "search-bench"}
        }
    override_settings(**cache_settings).enable()
    client = Client()
    for params in QUERIES:
        response = client.get("/search/", params)
        assert response.status_code == 200, (params, response.status_code)
    timings, per_query = [], {}
    for _round in range(args.rounds):
        for params in QUERIES:
            started = time.perf_counter()
            response = client.get("/search/", params)
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200
            timings.append(elapsed)
            per_query.setdefault(str(params), []).append(elapsed)

    print(f"database: {connection.vendor}, sessions: {sessions}, requests: {len(timings)}")
    python_ms, database_ms = machine_check(connection)
    print(f"machine check (lower is faster): Python loop {python_ms:.0f} ms, database {database_ms:.0f} ms")
    for name, values in per_query.items():
        print(f"  {statistics.median(values):7.1f} ms  {name}")
    print(f"p50 {percentile(timings, 0.50):.1f} ms, p95 {percentile(timings, 0.95):.1f} ms")
    typed = suggestion_timings(client, args.rounds)
    print(f"suggestions: p50 {percentile(typed, 0.50):.1f} ms, p95 {percentile(typed, 0.95):.1f} ms")
    if not args.no_sweep:
        elapsed, params = sweep(client)
        print(f"slowest pair of filters: {elapsed:.1f} ms  {params}")


if __name__ == "__main__":
    main()
