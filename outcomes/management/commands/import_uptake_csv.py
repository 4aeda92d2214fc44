"""Add uptake events in bulk from a CSV file, all rows or none."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from outcomes.services.open_data import (
    CSV_COLUMNS,
    UptakeCsvInvalid,
    import_uptake_csv,
)

NOTHING_SAVED = "Nothing was saved: {count} problem(s) in {path}:"
CANNOT_READ = "Cannot read {path}: {reason}"
NOT_UTF8 = "Cannot read {path}: it is not UTF-8 text (save it as CSV UTF-8)."
SUMMARY = (
    "{created} event(s) added, {updated} updated, {unchanged} unchanged; the status of "
    "{transmissions} transmission(s) derived again."
)


class Command(BaseCommand):
    help = (
        "Record uptake events from a CSV file with the columns "
        f"{','.join(CSV_COLUMNS)} (transmission = its GUID). Statuses are kept "
        "current in bulk or not at all: any bad cell and nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except OSError as error:
            raise CommandError(
                CANNOT_READ.format(path=path, reason=error.strerror)
            ) from error
        except UnicodeDecodeError as error:
            raise CommandError(NOT_UTF8.format(path=path)) from error
        try:
            report = import_uptake_csv(text=text)
        except UptakeCsvInvalid as error:
            lines = [NOTHING_SAVED.format(count=len(error.errors), path=path)]
            lines += [f"  - {problem}" for problem in error.errors]
            raise CommandError("\n".join(lines)) from error
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(warning))
        self.stdout.write(
            self.style.SUCCESS(
                SUMMARY.format(
                    created=report.created,
                    updated=report.updated,
                    unchanged=report.unchanged,
                    transmissions=report.transmissions,
                )
            )
        )
