"""Releasing the schedule: version N of what the public sees, with a changelog.

``changes_between`` is the pure rule (plain states in, changelog out); ``release_schedule``
is the write service around it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from igfplus.http import forget_documents
from sessions.enums import SessionStatus
from sessions.models import Placement, Release, ReleasedSession, SessionPage
from sessions.models.pages import effective_interpretation
from sessions.services.conflicts import HARD_KINDS, Conflict

HARD_CONFLICTS_BLOCK_RELEASE = _(
    "The schedule still has %(count)s hard conflict(s) (rooms double-booked or people in "
    "two places at once). Resolve them, or release anyway with a written reason."
)
NOTHING_TO_RELEASE = _("No session is scheduled yet: there is nothing to release.")


def programme_documents(edition_id: int) -> str:
    """The scope under which an edition's feeds and exports are kept (``keep_in``)."""
    return f"programme:{edition_id}"


class ChangeKind(StrEnum):
    NEW = "new"
    MOVED = "moved"
    CHANGED = "changed"
    CANCELLED = "cancelled"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class ReleasedState:
    """What one release shows of a session, as plain values."""

    code: str
    title: str
    status: str
    room: str | None
    start_at: dt.datetime | None
    end_at: dt.datetime | None
    revision_id: int | None
    # Interpretation as released (the session's, else its room's): a room's booths
    # changing is a change of the session for the people who rely on them.
    interpretation: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    guid: str
    code: str
    title: str
    detail: str

    def to_dict(self) -> dict[str, str]:
        return {
            "change": str(self.kind),
            "guid": self.guid,
            "code": self.code,
            "title": self.title,
            "detail": self.detail,
        }


def placement_changed(before: ReleasedState, after: ReleasedState) -> bool:
    """Whether time, room or status differ — what calendar clients must be told (SEQUENCE)."""
    return (before.status, before.room, before.start_at, before.end_at) != (
        after.status,
        after.room,
        after.start_at,
        after.end_at,
    )


def changes_between(
    previous: Mapping[str, ReleasedState], current: Mapping[str, ReleasedState]
) -> list[Change]:
    """The changelog from one release to the next, keyed by session GUID, in code order."""
    changes = []
    for guid, after in current.items():
        before = previous.get(guid)
        if before is None:
            changes.append(
                Change(ChangeKind.NEW, guid, after.code, after.title, _when(after))
            )
        elif (
            after.status == SessionStatus.CANCELLED
            and before.status != SessionStatus.CANCELLED
        ):
            changes.append(
                Change(ChangeKind.CANCELLED, guid, after.code, after.title, "")
            )
        elif placement_changed(before, after):
            detail = f"{_when(before)} → {_when(after)}"
            changes.append(
                Change(ChangeKind.MOVED, guid, after.code, after.title, detail)
            )
        elif (
            before.revision_id != after.revision_id
            or before.title != after.title
            or before.interpretation != after.interpretation
        ):
            changes.append(
                Change(ChangeKind.CHANGED, guid, after.code, after.title, "")
            )
    for guid, before in previous.items():
        if guid not in current:
            changes.append(
                Change(ChangeKind.WITHDRAWN, guid, before.code, before.title, "")
            )
    return sorted(changes, key=lambda change: (change.code, change.kind))


def _when(state: ReleasedState) -> str:
    if state.start_at is None:
        return ""
    return f"{state.room}, {state.start_at:%Y-%m-%d %H:%M}–{state.end_at:%H:%M} UTC"


class ReleaseBlocked(Exception):
    """Hard conflicts remain and no reason was given to release anyway."""

    def __init__(self, conflicts: list[Conflict]):
        self.conflicts = conflicts
        super().__init__(HARD_CONFLICTS_BLOCK_RELEASE % {"count": len(conflicts)})


class NothingToRelease(Exception):
    def __init__(self):
        super().__init__(NOTHING_TO_RELEASE)


@transaction.atomic
def release_schedule(
    *, edition, by, message: str, override_reason: str = ""
) -> Release:
    """Publish the work-in-progress schedule as the edition's next release."""
    from sessions.selectors import edition_conflicts

    previous_release = edition.releases.order_by("-number").first()
    previous_rows = (
        {
            row.session.guid: row
            for row in previous_release.sessions.select_related(
                "session__session_type", "room"
            )
        }
        if previous_release
        else {}
    )
    sessions = list(
        SessionPage.objects.filter(edition=edition)
        .filter(status__in=[SessionStatus.SCHEDULED, SessionStatus.CANCELLED])
        .select_related("session_type", "placement__room", "latest_revision")
    )
    # A cancelled session stays visible as cancelled, but only once it has been public.
    sessions = [
        s
        for s in sessions
        if s.status == SessionStatus.SCHEDULED or s.guid in previous_rows
    ]
    if not any(s.status == SessionStatus.SCHEDULED for s in sessions):
        raise NothingToRelease

    hard = [c for c in edition_conflicts(edition) if c.kind in HARD_KINDS]
    if hard and not override_reason.strip():
        raise ReleaseBlocked(hard)

    # The public sees organizers' latest content from this release on.
    for session in sessions:
        if session.latest_revision and (
            not session.live or session.has_unpublished_changes
        ):
            session.latest_revision.publish(user=by, skip_permission_checks=True)
            session.refresh_from_db(
                fields=[
                    "live",
                    "live_revision",
                    "title",
                    "latest_revision",
                    "interpretation_languages",
                ]
            )

    now = timezone.now()
    number = (edition.releases.aggregate(top=Max("number"))["top"] or 0) + 1
    current_states = {s.guid: _state_of(s) for s in sessions}
    previous_states = {
        guid: _released_state(row) for guid, row in previous_rows.items()
    }
    changelog = changes_between(
        {str(k): v for k, v in previous_states.items()},
        {str(k): v for k, v in current_states.items()},
    )
    release = Release.objects.create(
        edition=edition,
        number=number,
        message=message,
        changelog=[change.to_dict() for change in changelog],
        override_reason=override_reason.strip() if hard else "",
        overridden_conflicts=[c.to_dict() for c in hard]
        if override_reason.strip()
        else [],
        released_by=by,
    )
    ReleasedSession.objects.bulk_create(
        [
            _released_row(
                release, session, previous_rows.get(session.guid), current_states, now
            )
            for session in sessions
        ]
    )
    # Every kept feed and export of the edition now describes an older release.
    forget_documents(programme_documents(edition.pk))
    transaction.on_commit(lambda: _prepare_documents(release.pk))
    return release


def _prepare_documents(release_id: int) -> None:
    from sessions.tasks import prepare_release_documents

    prepare_release_documents.enqueue(release_id)


def _state_of(session: SessionPage) -> ReleasedState:
    placement: Placement | None = getattr(session, "placement", None)
    return ReleasedState(
        code=session.code,
        title=session.title,
        status=session.status,
        room=placement.room.name if placement else None,
        start_at=placement.start_at if placement else None,
        end_at=placement.end_at if placement else None,
        revision_id=session.live_revision_id,
        interpretation=tuple(_interpretation(session, placement)),
    )


def _interpretation(session: SessionPage, placement: Placement | None) -> list[str]:
    room_languages = placement.room.interpretation_languages if placement else []
    return effective_interpretation(session.interpretation_languages, room_languages)


def _released_state(row: ReleasedSession) -> ReleasedState:
    return ReleasedState(
        code=row.session.code,
        title=row.session.title,
        status=row.status,
        room=row.room.name if row.room_id else None,
        start_at=row.start_at,
        end_at=row.end_at,
        revision_id=row.revision_id,
        interpretation=tuple(row.interpretation_languages or ()),
    )


def _released_row(
    release, session, previous_row, current_states, now
) -> ReleasedSession:
    state = current_states[session.guid]
    placement = getattr(session, "placement", None)
    if previous_row is None:
        sequence, changed_at = 0, now
    else:
        before = _released_state(previous_row)
        moved = placement_changed(before, state)
        sequence = previous_row.sequence + (1 if moved else 0)
        changed_at = (
            now
            if moved
            or before.revision_id != state.revision_id
            or before.interpretation != state.interpretation
            else previous_row.changed_at
        )
    return ReleasedSession(
        release=release,
        session=session,
        status=session.status,
        room=placement.room if placement else None,
        start_at=placement.start_at if placement else None,
        end_at=placement.end_at if placement else None,
        revision_id=session.live_revision_id,
        interpretation_languages=list(state.interpretation),
        sequence=sequence,
        changed_at=changed_at,
    )
