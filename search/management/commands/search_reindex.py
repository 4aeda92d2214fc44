"""Rebuild the search index from the public content (on Elasticsearch: new index + alias swap)."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from search.backends import BackendUnavailable, database_backend, elasticsearch_backend
from search.registry import adapters
from search.services.indexing import rebuild_index

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Rebuild the search index from every public item. The database index is always "
        "rebuilt; with ELASTICSEARCH_URL set, Elasticsearch too (into a new index, then "
        "an alias swap: search keeps working meanwhile)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--type",
            action="append",
            choices=sorted(adapters()),
            dest="kinds",
            help="Only this content type (repeatable). Default: all.",
        )
        parser.add_argument(
            "--backend", choices=["all", "database", "elasticsearch"], default="all"
        )

    def handle(self, *args, **options):
        backends = []
        if options["backend"] in ("all", "database"):
            backends.append(database_backend())
        if options["backend"] in ("all", "elasticsearch"):
            elastic = elasticsearch_backend()
            if elastic is None and options["backend"] == "elasticsearch":
                raise CommandError("ELASTICSEARCH_URL is not set.")
            if elastic is not None:
                backends.append(elastic)
        if options["kinds"] and any(b.name == "database" for b in backends):
            # The database rebuild replaces the whole table: only a full rebuild is safe.
            raise CommandError("--type needs --backend elasticsearch.")
        for backend in backends:
            started = time.perf_counter()
            try:
                count = rebuild_index(
                    backend,
                    kinds=options["kinds"],
                    progress=self._progress(backend.name),
                )
            except BackendUnavailable as error:
                raise CommandError(str(error)) from error
            seconds = time.perf_counter() - started
            self.stdout.write("")
            self.stdout.write(
                self.style.SUCCESS(
                    f"{backend.name}: indexed {count} items in {seconds:.1f} s "
                    f"({count / max(seconds, 1e-9):.0f} items/s)"
                )
            )

    def _progress(self, name: str):
        is_terminal = hasattr(self.stdout, "isatty") and self.stdout.isatty()
        last = {"shown": -1}

        def show(done: int, total: int) -> None:
            share = done / total if total else 1.0
            percent = int(share * 100)
            if percent == last["shown"] and done != total:
                return
            last["shown"] = percent
            filled = int(share * BAR_WIDTH)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            line = f"{name}: [{bar}] {done}/{total} ({percent}%)"
            if is_terminal:
                sys.stdout.write("\r" + line)
                sys.stdout.flush()
            else:
                self.stdout.write(line)

        return show
