"""Build the demo site: the four published programs, their people and partners, and a sample series."""

import datetime
from contextlib import contextmanager, nullcontext
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from wagtail.signal_handlers import disable_reference_index_auto_update

from search.demo.loader import Loader


@contextmanager
def indexes_left_for_later():
    """Saving a page updates Wagtail's search index and reference index; the loader saves each demo
    page several times (created, then a revision published), and about half of a load went on
    updating both indexes after every save. While this is open neither is updated; the command
    rebuilds both once the content is in. The search backends' `AUTO_UPDATE` option, which Wagtail
    reads on every save, is what turns the search index's updates off."""
    backends = settings.WAGTAILSEARCH_BACKENDS
    before = {name: dict(params) for name, params in backends.items()}
    try:
        for params in backends.values():
            params["AUTO_UPDATE"] = False
        with disable_reference_index_auto_update():
            yield
    finally:
        for name, params in before.items():
            backends[name].clear()
            backends[name].update(params)


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

        rebuild = not options["skip_indexes"]
        try:
            with indexes_left_for_later() if rebuild else nullcontext():
                Loader(today=options["today"], log=log).run()
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        if rebuild:
            call_command("update_index", verbosity=0, stdout=self.stdout)
            call_command("rebuild_references_index", verbosity=0, stdout=self.stdout)
            call_command("rebuild_search_filters", verbosity=0, stdout=StringIO())
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
