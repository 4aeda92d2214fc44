"""Write the public outcomes (of one edition, or all) as an igfplus-outcomes JSON file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.models import ForumEditionPage
from outcomes.services.open_data import export_outcomes, outcomes_json

UNKNOWN_EDITION = 'There is no edition "{acronym}".'
CANNOT_WRITE = "Cannot write {path}: {reason}"
WRITTEN = "Wrote {documents} document(s), {messages} message(s) and {transmissions} transmission(s) to {path}."


class Command(BaseCommand):
    help = (
        "Export the public outcomes (documents, messages, forums, transmissions and "
        "uptake events) as JSON in the format of docs/schemas/outcomes.schema.json."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "edition",
            nargs="?",
            help="An edition's acronym, e.g. igf2025 (default: all).",
        )
        parser.add_argument(
            "--output", metavar="FILE", help="Write to FILE instead of standard output."
        )

    def handle(self, *args, **options):
        edition = None
        if options["edition"]:
            edition = ForumEditionPage.objects.filter(slug=options["edition"]).first()
            if edition is None:
                raise CommandError(UNKNOWN_EDITION.format(acronym=options["edition"]))
        data = export_outcomes(edition)
        body = outcomes_json(data)
        if not options["output"]:
            self.stdout.write(body.decode("utf-8"), ending="")
            return
        path = Path(options["output"])
        try:
            path.write_bytes(body)
        except OSError as error:
            raise CommandError(
                CANNOT_WRITE.format(path=path, reason=error.strerror)
            ) from error
        self.stderr.write(
            WRITTEN.format(
                documents=len(data["documents"]),
                messages=sum(len(d["messages"]) for d in data["documents"]),
                transmissions=len(data["transmissions"]),
                path=path,
            )
        )
