"""Background work of search: applying the outbox after commit (see services/indexing)."""

from __future__ import annotations

from django_tasks import task

from search.services.indexing import drain_outbox


@task()
def drain_search_outbox() -> dict:
    """Apply queued index work to every backend; returns what was applied and kept."""
    report = drain_outbox()
    return {"applied": report.applied, "kept": report.kept, "errors": report.errors[:5]}
