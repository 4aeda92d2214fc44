"""``manage.py backup [--to DIR]``: the database and media files, restorable with
``manage.py restore``. Safe while the site runs."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from igfplus.services.backups import BackupError, make_backup


class Command(BaseCommand):
    help = "Back up the database and the media files into a new folder."

    def add_arguments(self, parser):
        parser.add_argument(
            "--to",
            type=Path,
            default=Path(settings.DATA_DIR) / "backups",
            help="Folder to create the backup in (default: data/backups).",
        )

    def handle(self, *args, **options):
        try:
            backup = make_backup(options["to"], now=timezone.now())
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(backup.counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the {backup.engine} database ({rows} rows) and the media "
                f"files to {backup.folder}"
            )
        )
