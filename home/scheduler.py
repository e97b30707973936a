"""The site's periodic jobs, run by `python manage.py run_scheduler`.

Every job runs on every round (SCHEDULER_INTERVAL seconds apart), so each must be safe to run again
and quick when there is nothing to do: publishing pages whose time has come, sending registration
reminders and erasing old registrants' personal data. The jobs of this app are in JOBS; an app
above it (which this one may not import) adds its own with add_job() when it is ready, as
`programs` does for registrations.

Several app servers may each run the scheduler. On PostgreSQL a round first takes an advisory lock,
so only one server runs the jobs at a time and no page is published (or mail sent) twice.
"""

import logging
from contextlib import contextmanager

from django.core.management import call_command
from django.db import DatabaseError, close_old_connections, connection

logger = logging.getLogger(__name__)

# Any fixed number that no other program takes advisory locks with on the same database.
LOCK_KEY = 7_413_290_125


def publish_scheduled_pages():
    """Publish pages and snippets whose "go live" time has passed; unpublish expired ones."""
    call_command("publish_scheduled")


JOBS = [publish_scheduled_pages]


def add_job(job):
    """Run `job` (a function taking no arguments) on every round, after the jobs already listed.
    Adding the same function again changes nothing."""
    if job not in JOBS:
        JOBS.append(job)


@contextmanager
def exclusive_round():
    """Yields whether this process may run the jobs now: False while another holds the lock."""
    if connection.vendor != "postgresql":
        # SQLite serves a single machine, where one scheduler runs.
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
            except DatabaseError:
                # The lock belongs to the connection: closing it releases the lock too.
                connection.close()


def run_round(jobs=None):
    """Run every job once. One failing job is logged and does not stop the others.

    Returns False when another server is running the jobs.
    """
    # A long-running process must drop connections the database closed or that grew too old.
    close_old_connections()
    try:
        with exclusive_round() as mine:
            if not mine:
                logger.info("Another scheduler is running the jobs; skipping this round.")
                return False
            for job in JOBS if jobs is None else jobs:
                try:
                    job()
                except Exception:
                    logger.exception("Scheduled job %s failed", job.__name__)
        return True
    finally:
        close_old_connections()
