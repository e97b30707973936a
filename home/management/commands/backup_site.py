"""`make backup`: the database, media and private documents in one archive (home/backups.py)."""

from django.core.management.base import BaseCommand

from home.backups import create_backup


class Command(BaseCommand):
    help = (
        "Writes the database, MEDIA_ROOT and DOCUMENTS_ROOT into one archive in BACKUP_DIR "
        "(default backups/), readable by its owner only, and prints its path."
    )

    def handle(self, *args, **options):
        path = create_backup()
        self.stdout.write(str(path))
