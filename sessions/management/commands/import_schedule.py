"""Import a c3voc schedule JSON file into an edition's programme, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sessions.services.importers import (
    ImportReport,
    ScheduleInvalid,
    ScheduleNotReadable,
    import_schedule,
    load_schedule,
    parse_schedule,
)
from sessions.services.releases import (
    NothingToRelease,
    ReleaseBlocked,
    release_schedule,
)

NOTHING_IMPORTED = "Nothing was imported: {count} problem(s) in {path}:"
CANNOT_READ = "Cannot read {path}: {reason}"
NOT_RELEASED = (
    "The import was saved, but the schedule was not released: {message}\n{conflicts}"
)


class Command(BaseCommand):
    help = (
        "Import a c3voc schedule (JSON): the edition (conference.acronym), rooms, session "
        "types, sub-themes, people, sessions and their placements. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The c3voc schedule JSON file.")
        parser.add_argument(
            "--release",
            metavar="MESSAGE",
            help="Release the schedule after a successful import, with this message.",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(
                CANNOT_READ.format(path=path, reason=error.strerror)
            ) from error
        try:
            document = parse_schedule(load_schedule(raw))
            report = import_schedule(document=document, progress=self._progress)
        except ScheduleNotReadable as error:
            raise CommandError(f"{path}: {error}") from error
        except ScheduleInvalid as error:
            lines = [NOTHING_IMPORTED.format(count=len(error.errors), path=path)]
            lines += [f"  - {problem}" for problem in error.errors]
            raise CommandError("\n".join(lines)) from error
        self._print_report(report)
        if options["release"] is not None:
            self._release(report, options["release"])

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(f"Imported {done}/{total} events")

    def _print_report(self, report: ImportReport) -> None:
        edition = report.edition
        state = "created" if report.edition_created else "existing"
        self.stdout.write(f"Edition {edition.slug} ({state}): {edition.title}")
        self.stdout.write(
            "Created: "
            f"{len(report.rooms_created)} room(s), "
            f"{len(report.session_types_created)} session type(s), "
            f"{len(report.themes_created)} sub-theme(s), "
            f"{len(report.people_created)} person(s), "
            f"{len(report.sessions_created)} session(s), "
            f"{report.placements_created} placement(s)."
        )
        self.stdout.write(
            "Updated: "
            f"{len(report.people_updated)} person(s), "
            f"{len(report.sessions_updated)} session(s), "
            f"{len(report.placements_moved)} session(s) moved; "
            f"{report.sessions_unchanged} session(s) unchanged."
        )
        for heading, items in (
            ("Rooms created", report.rooms_created),
            ("Session types created", report.session_types_created),
            ("Sub-themes created", report.themes_created),
            ("People updated", report.people_updated),
            ("Sessions updated", report.sessions_updated),
            ("Sessions moved", report.placements_moved),
        ):
            if items:
                self.stdout.write(f"{heading}:")
                for item in items:
                    self.stdout.write(f"  - {item}")
        if report.warnings:
            self.stdout.write(self.style.WARNING(f"Warnings ({len(report.warnings)}):"))
            for warning in report.warnings:
                self.stdout.write(f"  - {warning}")
        self.stdout.write(self.style.SUCCESS("Import complete."))

    def _release(self, report: ImportReport, message: str) -> None:
        try:
            release = release_schedule(edition=report.edition, by=None, message=message)
        except NothingToRelease as error:
            raise CommandError(
                NOT_RELEASED.format(message=error, conflicts="").rstrip()
            ) from error
        except ReleaseBlocked as error:
            conflicts = "\n".join(f"  - {c.message}" for c in error.conflicts)
            raise CommandError(
                NOT_RELEASED.format(message=error, conflicts=conflicts)
            ) from error
        self.stdout.write(
            self.style.SUCCESS(f"Released version {release.number} of the schedule.")
        )
