"""Import content changes to an edition's sessions from a CSV file, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.management.editions import edition_argument
from sessions.services.csv_exchange import CsvInvalid, import_sessions_csv

NOTHING_IMPORTED = "Nothing was imported: {count} problem(s) in {path}:"
NOT_UTF8 = "{path} is not UTF-8 text: save it from the spreadsheet as “CSV UTF-8”."


class Command(BaseCommand):
    help = (
        "Update the title, sub-theme, delivery, languages, duration and description of "
        "existing sessions from a CSV file made by export_sessions_csv. Never creates or "
        "deletes sessions; all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("edition", help="The edition's acronym, e.g. igf2025.")
        parser.add_argument("file", help="The CSV file.")

    def handle(self, *args, **options):
        edition = edition_argument(options["edition"])
        path = Path(options["file"])
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise CommandError(NOT_UTF8.format(path=path)) from error
        try:
            report = import_sessions_csv(edition=edition, text=text)
        except CsvInvalid as error:
            lines = [NOTHING_IMPORTED.format(count=len(error.errors), path=path)]
            lines += [f"  - {problem}" for problem in error.errors]
            raise CommandError("\n".join(lines)) from error
        self.stdout.write(
            f"Updated {len(report.updated)} session(s); {report.unchanged} unchanged."
        )
        for label in report.updated:
            self.stdout.write(f"  - {label}")
        if report.warnings:
            self.stdout.write(self.style.WARNING(f"Warnings ({len(report.warnings)}):"))
            for warning in report.warnings:
                self.stdout.write(f"  - {warning}")
        self.stdout.write(self.style.SUCCESS("Import complete."))
