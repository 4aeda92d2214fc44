"""Report drift between the public content and the search index (exit status 1 on drift)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from search.backends import BackendUnavailable, database_backend, elasticsearch_backend
from search.models import IndexOutbox
from search.services.indexing import index_drift


class Command(BaseCommand):
    help = (
        "Compare, per content type, the public items in the database with the items in "
        "each search index. Exit status 1 when any count differs or a backend is down."
    )

    def handle(self, *args, **options):
        backends = [database_backend()]
        elastic = elasticsearch_backend()
        if elastic is not None:
            backends.append(elastic)
        has_drift = False
        for backend in backends:
            try:
                rows = index_drift(backend)
            except BackendUnavailable as error:
                self.stdout.write(f"{backend.name}: unavailable ({error})")
                has_drift = True
                continue
            self.stdout.write(f"{backend.name}:")
            self.stdout.write(f"  {'type':<14}{'public':>8}{'indexed':>9}")
            for row in rows:
                mark = "  DRIFT" if row.has_drift else ""
                self.stdout.write(
                    f"  {row.kind:<14}{row.public:>8}{row.indexed:>9}{mark}"
                )
                has_drift = has_drift or row.has_drift
        waiting = IndexOutbox.objects.count()
        self.stdout.write(f"Outbox: {waiting} change(s) waiting to be indexed.")
        if has_drift:
            self.stdout.write("Drift found: run `manage.py search_reindex`.")
            sys.exit(1)
        self.stdout.write("No drift.")
