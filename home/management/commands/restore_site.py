"""`make restore FILE=…`: put back the database, media and documents of an archive from backup_site."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from home import page_cache
from home.backups import restore_backup


class Command(BaseCommand):
    help = (
        "Replaces the site's database and the contents of MEDIA_ROOT and DOCUMENTS_ROOT with those of "
        "an archive written by backup_site. Stop the app servers and the scheduler first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz file written by backup_site.")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, archive, interactive=True, **options):
        if interactive:
            question = (
                f"This replaces the database {connection.settings_dict['NAME']} and everything in "
                f"{settings.MEDIA_ROOT} and {settings.DOCUMENTS_ROOT} with the contents of {archive}.\n"
                "Type 'yes' to continue: "
            )
            if input(question).strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        manifest = restore_backup(archive)
        # Pages and lists cached from the replaced database must not be served again.
        page_cache.start_afresh()
        self.stdout.write(
            f"Restored the backup of {manifest['created']}. If the code is newer than the backup, "
            "run `python manage.py migrate` before starting the site."
        )
