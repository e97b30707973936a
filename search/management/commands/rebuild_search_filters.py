"""Rewrite the filter values search stores for every page and resource (see `search.facet_index`)."""

from django.core.management.base import BaseCommand

from search import facet_index


class Command(BaseCommand):
    help = (
        "Rewrite the filter values (topic, series, presenter, year, format, session end) that search "
        "stores for every page and resource. Run it after changing pages or resources outside Wagtail, "
        "e.g. with bulk SQL."
    )

    def handle(self, *args, **options):
        written = facet_index.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Stored {written} filter values."))
