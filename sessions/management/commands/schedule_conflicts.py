"""Print the conflicts of an edition's work-in-progress schedule (exit status 1 if any)."""

import json
import sys

from django.core.management.base import BaseCommand

from cms.management.editions import edition_argument
from sessions.selectors import edition_conflicts

NO_CONFLICTS = "{acronym}: no conflicts."
SOME_CONFLICTS = "{acronym}: {count} conflict(s), {hard} hard."

# 0: no conflicts; 1: conflicts found (printed); 2: the command could not run.
# (cms.management.editions.EXIT_ERROR)
EXIT_CONFLICTS = 1


class Command(BaseCommand):
    help = (
        "List the conflicts of an edition's work-in-progress schedule: rooms or people "
        "booked twice, too many sessions per person or sub-theme, rooms that do not fit, "
        "times outside the meeting. Exits with status 1 when there are any."
    )

    def add_arguments(self, parser):
        parser.add_argument("edition", help="The edition's acronym, e.g. igf2025.")
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="text (default) for people, json for scripts: a list of "
            '{"kind", "sessions", "people", "room", "message"} objects.',
        )

    def handle(self, *args, edition: str, format: str, **options):
        found = edition_argument(edition)
        conflicts = edition_conflicts(found)
        if format == "json":
            self.stdout.write(
                json.dumps(
                    [c.to_dict() for c in conflicts], ensure_ascii=False, indent=2
                )
            )
        elif conflicts:
            hard = sum(1 for c in conflicts if c.is_hard)
            self.stdout.write(
                SOME_CONFLICTS.format(
                    acronym=found.slug, count=len(conflicts), hard=hard
                )
            )
            for conflict in conflicts:
                marker = "HARD " if conflict.is_hard else ""
                self.stdout.write(f"- {marker}[{conflict.kind}] {conflict.message}")
        else:
            self.stdout.write(NO_CONFLICTS.format(acronym=found.slug))
        if conflicts:
            sys.exit(EXIT_CONFLICTS)
