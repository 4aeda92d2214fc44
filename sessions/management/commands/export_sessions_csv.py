"""Export an edition's sessions as CSV for spreadsheet users."""

import io

from django.core.management.base import BaseCommand, CommandError

from cms.management.editions import edition_argument
from sessions.services.csv_exchange import write_sessions_csv


class Command(BaseCommand):
    help = (
        "Write an edition's sessions as CSV (UTF-8, times in the edition's local time) "
        "to a file or to standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("edition", help="The edition's acronym, e.g. igf2025.")
        parser.add_argument(
            "--output", metavar="FILE", help="Write to FILE instead of standard output."
        )

    def handle(self, *args, **options):
        edition = edition_argument(options["edition"])
        path = options["output"]
        if path is None:
            buffer = io.StringIO(newline="")
            count = write_sessions_csv(edition=edition, out=buffer)
            self.stdout.write(buffer.getvalue(), ending="")
            # The CSV is on standard output: the summary goes to the error stream.
            self.stderr.write(f"Exported {count} session(s) of {edition.slug}.")
            return
        try:
            # The byte order mark lets spreadsheets recognise UTF-8 (Arabic, Chinese, …).
            with open(path, "w", encoding="utf-8-sig", newline="") as out:
                count = write_sessions_csv(edition=edition, out=out)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {count} session(s) of {edition.slug} to {path}."
            )
        )
