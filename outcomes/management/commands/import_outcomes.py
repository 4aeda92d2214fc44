"""Import an igfplus-outcomes JSON file, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from outcomes.services.open_data import (
    ImportReport,
    OutcomesInvalid,
    OutcomesNotReadable,
    import_outcomes,
    load_outcomes,
    parse_outcomes,
)

NOTHING_IMPORTED = "Nothing was imported: {count} problem(s) in {path}:"
CANNOT_READ = "Cannot read {path}: {reason}"
KINDS = ("forums", "documents", "versions", "messages", "transmissions", "events")


class Command(BaseCommand):
    help = (
        "Import outcomes (forums, documents, messages, transmissions, uptake events) "
        "from JSON in the format of docs/schemas/outcomes.schema.json, creating or "
        "updating by GUID (forums by slug). All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The outcomes JSON file.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(
                CANNOT_READ.format(path=path, reason=error.strerror)
            ) from error
        try:
            report = import_outcomes(document=parse_outcomes(load_outcomes(raw)))
        except OutcomesNotReadable as error:
            raise CommandError(f"{path}: {error}") from error
        except OutcomesInvalid as error:
            lines = [NOTHING_IMPORTED.format(count=len(error.errors), path=path)]
            lines += [f"  - {problem}" for problem in error.errors]
            raise CommandError("\n".join(lines)) from error
        self._print_report(report)

    def _print_report(self, report: ImportReport) -> None:
        for heading, counter in (
            ("Created", report.created),
            ("Updated", report.updated),
            ("Unchanged", report.unchanged),
        ):
            counts = ", ".join(f"{counter[kind]} {kind}" for kind in KINDS)
            self.stdout.write(f"{heading}: {counts}.")
        if report.deleted["events"]:
            self.stdout.write(f"Deleted: {report.deleted['events']} events.")
        if report.warnings:
            self.stdout.write(self.style.WARNING(f"Warnings ({len(report.warnings)}):"))
            for warning in report.warnings:
                self.stdout.write(f"  - {warning}")
        self.stdout.write(self.style.SUCCESS("Import complete."))
