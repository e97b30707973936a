"""Build the demo site: the four published programs, their people and partners, and a sample series."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from search.demo.loader import Loader


class Command(BaseCommand):
    help = (
        "Creates or refreshes the demo content: mission, trainings with their sessions, presenters, "
        "framework, blog posts, organizations, testimonials and pictures. Safe to run again: it updates "
        "the demo pages in place, leaves pages edited or created by staff alone, and finishes by "
        "rebuilding the search index, its filter values and the reference index."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="Place the sample series' sessions around this date (YYYY-MM-DD) instead of today.",
        )
        parser.add_argument(
            "--skip-indexes", action="store_true", help="Do not rebuild the search and reference indexes."
        )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]

        def log(message):
            if verbosity >= 2 or not message.startswith("  "):
                self.stdout.write(message)

        try:
            Loader(today=options["today"], log=log).run()
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        if not options["skip_indexes"]:
            call_command("update_index", verbosity=0, stdout=self.stdout)
            call_command("rebuild_references_index", verbosity=0, stdout=self.stdout)
            call_command("rebuild_search_filters", verbosity=0, stdout=StringIO())
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
