"""Pages scheduled to go live are published by the scheduler, with nobody running a command."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from django.db import connection, connections
from django.utils import timezone

from home import scheduler
from tests.factories.home import StandardPageFactory

ROOT = Path(__file__).resolve().parent.parent


def start_scheduler(database, interval):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(database.env, DJANGO_SETTINGS_MODULE="config.settings.test", PYTHONUNBUFFERED="1")
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_scheduler", "--interval", str(interval)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_a_scheduled_page_goes_live_soon_after_its_time(client, site_root, subprocess_database):
    page = StandardPageFactory(parent=site_root, title="Spring cohort", slug="spring-cohort", live=False)
    subprocess_database.push()
    process = start_scheduler(subprocess_database, interval=1)
    try:
        assert "Running the scheduled jobs every 1 seconds" in process.stdout.readline()
        # Scheduled once the scheduler runs, so that it has had the chance to publish too early.
        go_live_at = timezone.now() + timedelta(seconds=2)
        page.go_live_at = go_live_at
        page.save_revision().publish()
        page.refresh_from_db()
        assert not page.live
        subprocess_database.push()

        deadline = time.monotonic() + 20
        while not page.live and time.monotonic() < deadline:
            time.sleep(0.25)
            subprocess_database.pull()
            page.refresh_from_db()
        assert page.live, "the scheduler did not publish the page"
        assert go_live_at <= page.last_published_at <= go_live_at + timedelta(seconds=5)
        assert "Spring cohort" in client.get("/spring-cohort/").content.decode()
    finally:
        process.send_signal(signal.SIGTERM)
        output = process.communicate(timeout=15)[0]
    # Stopped by systemd's signal, it finishes cleanly and logged no failure.
    assert process.returncode == 0, output
    assert "Traceback" not in output


def test_a_failing_job_is_logged_and_the_others_still_run(transactional_db, caplog):
    ran = []

    def broken():
        raise RuntimeError("mail server refused")

    def reminders():
        ran.append("reminders")

    assert scheduler.run_round([broken, reminders]) is True
    assert ran == ["reminders"]
    assert "Scheduled job broken failed" in caplog.text


def test_the_jobs_run_on_one_server_at_a_time(transactional_db):
    ran = []
    if connection.vendor == "postgresql":
        # Another app server's scheduler, in the middle of a round on the same database.
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s)", [scheduler.LOCK_KEY])
            assert scheduler.run_round([lambda: ran.append("busy")]) is False
            # The other server ends its round. Closing its connection would release the lock
            # too, but the server ends that backend after close() returns, so a round started
            # straight away could still find the lock held.
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [scheduler.LOCK_KEY])
                assert cursor.fetchone()[0] is True
        finally:
            other.close()
        assert ran == []
    assert scheduler.run_round([lambda: ran.append("free")]) is True
    assert ran == ["free"]
