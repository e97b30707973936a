"""Run the site's periodic jobs (home/scheduler.py) every SCHEDULER_INTERVAL seconds until stopped."""

import logging
import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand

from home import scheduler

logger = logging.getLogger("home.scheduler")


class Command(BaseCommand):
    help = (
        "Runs the site's periodic jobs, such as publishing pages whose go-live time has come, every "
        "SCHEDULER_INTERVAL seconds (default 30) until stopped. With --once, runs them once and exits."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Seconds between rounds (default: the SCHEDULER_INTERVAL setting).",
        )
        parser.add_argument("--once", action="store_true", help="Run the jobs once and exit.")

    def handle(self, *args, interval=None, once=False, **options):
        if once:
            scheduler.run_round()
            return
        interval = interval or settings.SCHEDULER_INTERVAL
        stop = threading.Event()
        # systemd and `make run` stop the scheduler with SIGTERM: finish the job at hand, then exit.
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        self.stdout.write(f"Running the scheduled jobs every {interval:g} seconds.")
        while not stop.is_set():
            try:
                scheduler.run_round()
            except Exception:
                # For example the database restarting: try again next round.
                logger.exception("Scheduled jobs could not run")
            stop.wait(interval)
