"""Create or update NRIs from a CSV file, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cms.models import NriIndexPage
from cms.services.nri_import import NriCsvInvalid, import_nris, parse_nri_csv

NOTHING_IMPORTED = "Nothing was imported: {count} problem(s) in {path}:"
NOT_UTF8 = "{path} is not UTF-8 text: save it from the spreadsheet as “CSV UTF-8”."
NO_DIRECTORY = "There is no NRI directory page (/nris/) to put the initiatives under."


class Command(BaseCommand):
    help = (
        "Create or update NRIs from a CSV file with the columns "
        "name,acronym,kind,country,region,website,established. An NRI is matched by "
        "acronym (in any case), else by name. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file (UTF-8).")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        except UnicodeDecodeError as error:
            raise CommandError(NOT_UTF8.format(path=path)) from error
        index = NriIndexPage.objects.order_by("path").first()
        if index is None:
            raise CommandError(NO_DIRECTORY)
        try:
            rows = parse_nri_csv(text, current_year=timezone.localdate().year)
            report = import_nris(rows=rows, index=index, progress=self._progress)
        except NriCsvInvalid as error:
            lines = [NOTHING_IMPORTED.format(count=len(error.problems), path=path)]
            lines += [f"  - {problem}" for problem in error.problems]
            raise CommandError("\n".join(lines)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {len(report.created)}, updated {len(report.updated)}, "
                f"unchanged {len(report.unchanged)}."
            )
        )

    def _progress(self, done: int, total: int, label: str) -> None:
        self.stdout.write(f"  [{done}/{total}] {label}")
