"""What became of a transmission: its status, derived from its dated events (pure rules)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from outcomes.enums import UptakeKind, UptakeStatus

# Same-day events: the one further along the vocabulary is the newer state.
_ORDER = {kind: position for position, kind in enumerate(UptakeKind.values)}


@dataclass(frozen=True)
class EventFact:
    """An uptake event as plain values: what happened and when."""

    kind: str  # an UptakeKind value
    occurred_on: dt.date
    recorded_order: int = 0  # creation order, for two events of one kind on one day


def current_status(events: Iterable[EventFact]) -> UptakeStatus:
    """The transmission's status: its latest event's kind, or *sent* while it has none."""
    latest = max(
        events,
        key=lambda e: (e.occurred_on, _ORDER[e.kind], e.recorded_order),
        default=None,
    )
    return UptakeStatus.SENT if latest is None else UptakeStatus(latest.kind)


def refresh_status(transmission) -> UptakeStatus:
    """Recompute and store a transmission's status from its events that are not deleted."""
    facts = [
        EventFact(kind, occurred_on, pk)
        for kind, occurred_on, pk in transmission.events.filter(
            deleted_at=None
        ).values_list("kind", "occurred_on", "pk")
    ]
    status = current_status(facts)
    if transmission.status != status:
        type(transmission).objects.filter(pk=transmission.pk).update(status=status)
        transmission.status = status
    return status
