"""Index work: queue it with a change, apply it after commit, rebuild, check for drift."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction

from search.backends import BackendUnavailable, database_backend, writing_backends
from search.models import IndexOutbox
from search.registry import adapters

logger = logging.getLogger(__name__)

DRAIN_BATCH = 500
MAX_ERROR_CHARS = 2000


def queue_index_work(kind: str, keys: Iterable[str], action: str = "index") -> None:
    """Write outbox rows in the caller's transaction, and drain once it commits."""
    rows = [
        IndexOutbox(kind=kind, object_key=str(key)[:64], action=action)
        for key in dict.fromkeys(keys)
    ]
    if not rows:
        return
    IndexOutbox.objects.bulk_create(rows)
    _drain_after_commit()


def _drain_after_commit() -> None:
    connection = transaction.get_connection()
    # One drain per transaction however many rows it queued.
    if connection.in_atomic_block and any(
        entry[1] is _enqueue_drain for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(_enqueue_drain)


def _enqueue_drain() -> None:
    from search.tasks import drain_search_outbox

    try:
        drain_search_outbox.enqueue()
    except Exception:  # the work stays in the outbox for the next drain
        logger.exception("Could not queue the search outbox drain")


@dataclass
class DrainReport:
    applied: int = 0  # outbox rows applied everywhere and removed
    kept: int = 0  # rows kept for a retry (a backend was down or an adapter failed)
    errors: list[str] = field(default_factory=list)


def drain_outbox() -> DrainReport:
    """Apply the outbox rows present now to every backend; keep what failed somewhere.

    Each key is looked up again: an item indexes only if its adapter finds it public now,
    and otherwise leaves every index (unpublished, unreleased, soft-deleted or gone).
    """
    report = DrainReport()
    last = IndexOutbox.objects.order_by("-pk").values_list("pk", flat=True).first()
    cursor = 0
    while last is not None and cursor < last:
        rows = list(
            IndexOutbox.objects.filter(pk__gt=cursor, pk__lte=last).order_by("pk")[
                :DRAIN_BATCH
            ]
        )
        if not rows:
            break
        cursor = rows[-1].pk
        _apply(rows, report)
    return report


def _apply(rows: list[IndexOutbox], report: DrainReport) -> None:
    by_kind: dict[str, list[IndexOutbox]] = defaultdict(list)
    for row in rows:
        by_kind[row.kind].append(row)
    for kind, kind_rows in by_kind.items():
        keys = list(dict.fromkeys(row.object_key for row in kind_rows))
        adapter = adapters().get(kind)
        try:
            found = adapter.documents(keys) if adapter else {}
        except Exception as error:
            logger.exception("Search adapter %s failed", kind)
            _keep(kind_rows, f"{type(error).__name__}: {error}", report)
            continue
        gone = [key for key in keys if key not in found]
        failure = ""
        for backend in writing_backends():
            try:
                backend.index(list(found.values()))
                backend.delete(kind, gone)
            except BackendUnavailable as error:
                failure = str(error)
                logger.warning("Search backend %s unavailable: %s", backend.name, error)
        if failure:
            _keep(kind_rows, failure, report)
        else:
            IndexOutbox.objects.filter(pk__in=[row.pk for row in kind_rows]).delete()
            report.applied += len(kind_rows)


def _keep(rows: list[IndexOutbox], error: str, report: DrainReport) -> None:
    for row in rows:
        row.attempts += 1
        row.last_error = error[:MAX_ERROR_CHARS]
    IndexOutbox.objects.bulk_update(rows, ["attempts", "last_error"])
    report.kept += len(rows)
    report.errors.append(error)


def rebuild_index(
    backend, *, kinds: Iterable[str] | None = None, progress: Callable[[int, int], None]
) -> int:
    """Reindex every public item of the kinds into the backend; returns the count."""
    chosen = [a for kind, a in adapters().items() if kinds is None or kind in kinds]
    total = sum(adapter.public_count() for adapter in chosen)

    def batches():
        for adapter in chosen:
            yield from adapter.all_documents()

    return backend.rebuild(batches(), lambda done: progress(done, total))


@dataclass(frozen=True)
class Drift:
    kind: str
    public: int  # items the site shows publicly
    indexed: int  # items in the index

    @property
    def has_drift(self) -> bool:
        return self.public != self.indexed


def index_drift(backend=None) -> list[Drift]:
    """For each content type: public items in the database against items indexed."""
    backend = backend or database_backend()
    indexed = backend.counts()
    return [
        Drift(kind=kind, public=adapter.public_count(), indexed=indexed.get(kind, 0))
        for kind, adapter in adapters().items()
    ]
