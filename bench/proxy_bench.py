"""Varnish in front of two app servers: requests per second for a kept page and for a static file,
and how soon a published change shows through it.

    python bench/proxy_bench.py [--requests 4000] [--concurrency 8] [--publishes 5]

Builds the demo site (`load_demo_content`) in a SQLite file in a temporary folder, removed
afterwards, or in the database DATABASE_URL names, then starts two gunicorn app servers with the
production settings behind Varnish with deploy/varnish/default.vcl (bench/proxy_stack.py). With
REDIS_URL set, the app servers and this process share that Redis as their cache, so the app's own
page cache is on, as on a production site.

Each measurement sends --requests GET requests from --concurrency Python threads, each over one
connection kept open where the server allows (gunicorn closes it after every answer), asking for
gzip as browsers do:

- the home page through Varnish (kept: a HIT each time);
- a static file (the site's stylesheet, by its hashed name) through Varnish, and straight from one
  app server (whitenoise);
- the home page straight from one app server: built each time, or with REDIS_URL from the app's
  page cache.

The client is Python, so on a small machine it can be slower than Varnish itself: compare the rows
with one another. Then it publishes a new title for a session --publishes times from this process,
timing the publish (which sends the purges) and the time until Varnish serves the new title.
"""

import argparse
import http.client
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.proxy_stack import ProxyStack  # noqa: E402 - after the project is on the path


def load(port, path, host, requests, concurrency):
    """(requests per second, p50 ms, p95 ms) for `requests` GETs of `path` on `port`."""
    per_thread = max(1, requests // concurrency)

    def worker(_number):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        timings = []
        for _ in range(per_thread):
            started = time.perf_counter()
            connection.request("GET", path, headers={"Host": host, "Accept-Encoding": "gzip"})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}")
            timings.append((time.perf_counter() - started) * 1000)
        connection.close()
        return timings

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        timings = [ms for thread in pool.map(worker, range(concurrency)) for ms in thread]
    elapsed = time.perf_counter() - started
    quantiles = statistics.quantiles(timings, n=20)
    return len(timings) / elapsed, statistics.median(timings), quantiles[18]


def build_site(stack):
    from django.core.management import call_command
    from django.templatetags.static import static
    from django.test import override_settings
    from wagtail.models import Site

    # Varnish is not running yet: nothing to purge while the site is built.
    with override_settings(WAGTAILFRONTENDCACHE={}):
        call_command("migrate", "--noinput", verbosity=0)
        call_command("load_demo_content", verbosity=0)
        call_command("collectstatic", "--noinput", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "127.0.0.1", stack.public_port
    site.save()
    return static("css/site.css")


def publish_to_fresh(stack, rounds):
    """[(publish ms, ms from publish to the new title through Varnish, addresses purged)]."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    from home.proxy_purge import add_page
    from programs.models import SessionPage

    session = SessionPage.objects.live().public().order_by("start").last()
    original_title = session.title
    results = []
    for number in range(1, rounds + 1):
        stack.get(session.url)
        if stack.get(session.url)[0].get("x-cache") != "HIT":
            raise RuntimeError("the session page was not kept by Varnish")
        session.title = f"{original_title} (edit {number})"
        started = time.perf_counter()
        session.save_revision().publish()
        published = time.perf_counter()
        while session.title not in stack.get(session.url)[1]:
            if time.perf_counter() - published > 30:
                raise RuntimeError("the new title never showed through Varnish")
        fresh = time.perf_counter()
        batch = PurgeBatch()
        add_page(batch, session)
        purged = len(batch.urls) + 1  # and the sitemap
        results.append(((published - started) * 1000, (fresh - published) * 1000, purged))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=4000, help="requests per measurement")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads")
    parser.add_argument("--publishes", type=int, default=5, help="changes published and timed")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="proxy-bench-") as folder:
        run(folder, args)


def run(folder, args):
    redis_url = os.environ.get("REDIS_URL", "")
    # A prefix of this run's own: nothing cached by another run or site is read, and its keys are
    # removed at the end.
    prefix = Path(folder).name  # proxy-bench-…
    env = {"REDIS_URL": redis_url, "CACHE_KEY_PREFIX": prefix} if redis_url else {}
    stack = ProxyStack(folder, database_url=os.environ.get("DATABASE_URL"), env=env)
    os.environ.update(stack.env)
    import django

    django.setup()
    try:
        with stack:
            measure(stack, args, redis_url)
    finally:
        if redis_url:
            import redis

            client = redis.Redis.from_url(redis_url)
            for key in client.scan_iter(match=f"{prefix}:*"):
                client.delete(key)


def measure(stack, args, redis_url):
    stylesheet = build_site(stack)
    stack.start_app_servers()
    stack.start_varnish()
    host = f"127.0.0.1:{stack.public_port}"
    app = stack.app_ports[0]
    rows = [
        ("Home page through Varnish", stack.public_port, "/"),
        ("Static file through Varnish", stack.public_port, stylesheet),
        ("Static file from one app server", app, stylesheet),
        ("Home page from one app server" + (" (page cache)" if redis_url else " (built)"), app, "/"),
    ]
    cache_used = "Redis" if redis_url else "none"
    print(f"\n{args.requests} requests, {args.concurrency} threads, shared cache: {cache_used}")
    print(f"{'':40} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for label, port, path in rows:
        load(port, path, host, min(args.requests, 200), args.concurrency)  # warm up and fill caches
        rate, p50, p95 = load(port, path, host, args.requests, args.concurrency)
        print(f"{label:40} {rate:8.0f} {p50:8.1f} {p95:8.1f}", flush=True)

    results = publish_to_fresh(stack, args.publishes)
    publish_ms = statistics.median(result[0] for result in results)
    fresh_ms = [result[1] for result in results]
    print(f"\nPublishing a session ({results[0][2]} addresses purged): median {publish_ms:.0f} ms")
    print(
        f"New title through Varnish after the publish: median {statistics.median(fresh_ms):.0f} ms, "
        f"slowest {max(fresh_ms):.0f} ms (of {len(fresh_ms)})"
    )


if __name__ == "__main__":
    main()
