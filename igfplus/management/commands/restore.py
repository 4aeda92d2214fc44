"""``manage.py restore DIR``: replace the database's content and the media files with a
backup's, then check the rows against the backup's manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from igfplus.services.backups import BackupError, read_backup, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` (replaces the current data)."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Do not ask for confirmation (the current data is replaced).",
        )

    def handle(self, *args, **options):
        try:
            backup = read_backup(options["folder"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        if not options["yes"]:
            answer = input(
                f"Replace the current database and media with {backup.folder}? [y/N] "
            )
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("Nothing was restored.")
        try:
            counts = restore_backup(backup)
        except BackupError as error:
            raise CommandError(str(error)) from error
        differing = {
            label: (expected, counts.get(label))
            for label, expected in backup.counts.items()
            if counts.get(label) != expected
        }
        if differing:
            details = ", ".join(
                f"{label}: {found} rows, {expected} in the backup"
                for label, (expected, found) in sorted(differing.items())
            )
            raise CommandError(f"The restored data differs from the backup: {details}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {backup.folder}: {sum(counts.values())} rows, as backed up."
            )
        )
