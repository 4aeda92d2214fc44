"""Placing, moving and unscheduling sessions in the work-in-progress schedule (write services).

Every change raises the placement's version; a change made from a stale view (one that
names another version than the current one) is refused with ``StalePlacement``, so two
MAG members moving sessions at once never overwrite each other unseen. Conflicts do not
block a placement: they are shown to the MAG, and only a release is blocked by them.
"""

from __future__ import annotations

import datetime as dt
import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from sessions.enums import SessionStatus
from sessions.models import Placement, Room, SessionPage

END_NOT_AFTER_START = _("A session must end after it starts.")
NAIVE_TIME = _("Times must carry a time zone.")
ROOM_OF_ANOTHER_EDITION = _("This room belongs to another edition than the session.")
SESSION_OF_ANOTHER_EDITION = _("This session belongs to another edition.")
NOT_SCHEDULABLE = _(
    "Only accepted or scheduled sessions can be placed; this session is “%(status)s”."
)
STALE_PLACEMENT = _(
    "Someone else changed this session's place in the meantime; your change was not saved."
)

CANNOT_CANCEL = _(
    "Only accepted or scheduled sessions can be cancelled; this one is “%(status)s”."
)
NOT_CANCELLED = _("This session is not cancelled.")

SCHEDULABLE_STATUSES = (SessionStatus.ACCEPTED, SessionStatus.SCHEDULED)


class StalePlacement(Exception):
    """A change named an old version; ``current`` is the placement now (None: unscheduled)."""

    message = STALE_PLACEMENT

    def __init__(self, current: Placement | None):
        super().__init__(str(STALE_PLACEMENT))
        self.current = current

    @property
    def current_version(self) -> int | None:
        return self.current.version if self.current else None


@transaction.atomic
def place_session(
    *,
    session: SessionPage,
    room: Room,
    start_at: dt.datetime,
    end_at: dt.datetime,
    by=None,
    expected_version: int | None,
    edition=None,
) -> Placement:
    """The session's placement after placing or moving it into ``room`` at the given times.

    ``expected_version`` is the version the caller saw (None: it saw the session
    unscheduled). ``edition``, when given, is the edition the caller works on.
    """
    _check(session=session, edition=edition)
    if start_at.tzinfo is None or end_at.tzinfo is None:
        raise ValidationError(NAIVE_TIME, code="naive_time")
    if end_at <= start_at:
        raise ValidationError(END_NOT_AFTER_START, code="end_not_after_start")
    if room.edition_id != session.edition_id:
        raise ValidationError(ROOM_OF_ANOTHER_EDITION, code="room_of_another_edition")
    placement = _current_placement(session, expected_version)
    if placement is None:
        # Versions start from the clock, so a session unscheduled and placed again never
        # reuses a version an old view may still hold.
        placement = Placement(session=session, version=time.time_ns() // 1_000_000)
    else:
        placement.version += 1
    placement.room = room
    placement.start_at = start_at
    placement.end_at = end_at
    placement.updated_by = by
    placement.save()
    _set_status(session, SessionStatus.SCHEDULED)
    return placement


@transaction.atomic
def unschedule_session(
    *, session: SessionPage, by=None, expected_version: int | None, edition=None
) -> None:
    """Take the session out of the schedule; it goes back to the accepted sessions."""
    _check(session=session, edition=edition)
    placement = _current_placement(session, expected_version)
    if placement is not None:
        placement.delete()
    _set_status(session, SessionStatus.ACCEPTED)


def _check(*, session: SessionPage, edition) -> None:
    if edition is not None and session.edition_id != edition.pk:
        raise ValidationError(
            SESSION_OF_ANOTHER_EDITION, code="session_of_another_edition"
        )
    if session.status not in SCHEDULABLE_STATUSES:
        raise ValidationError(
            NOT_SCHEDULABLE,
            code="not_schedulable",
            params={"status": session.get_status_display()},
        )


def _current_placement(
    session: SessionPage, expected_version: int | None
) -> Placement | None:
    # Locked until the transaction ends, so two concurrent moves see each other's version.
    placement = (
        Placement.objects.select_for_update()
        .select_related("room")
        .filter(session=session)
        .first()
    )
    current_version = placement.version if placement else None
    if expected_version != current_version:
        raise StalePlacement(placement)
    return placement


def _set_status(session: SessionPage, status: str) -> None:
    # The status is the MAG's, not organizer content: written to the row without a
    # revision, so a live session's public content stays as its last release showed it.
    if session.status != status:
        SessionPage.objects.filter(pk=session.pk).update(status=status)
        session.status = status


# Audit log actions (registered in sessions.wagtail_hooks): a session is never deleted;
# cancelling is its soft delete and reinstating its restore.
CANCEL_ACTION = "forum_sessions.cancel"
REINSTATE_ACTION = "forum_sessions.reinstate"


@transaction.atomic
def cancel_session(*, session: SessionPage, by=None) -> SessionPage:
    """The session, cancelled: it keeps its place so calendars show what was called off.

    The next release publishes it as cancelled (STATUS:CANCELLED in feeds).
    """
    if session.status not in SCHEDULABLE_STATUSES:
        raise ValidationError(
            CANNOT_CANCEL,
            code="cannot_cancel",
            params={"status": session.get_status_display()},
        )
    _set_status(session, SessionStatus.CANCELLED)
    log(instance=session, action=CANCEL_ACTION, user=by)
    return session


@transaction.atomic
def reinstate_session(*, session: SessionPage, by=None) -> SessionPage:
    """The cancelled session back in the programme: scheduled if it still has a place."""
    if session.status != SessionStatus.CANCELLED:
        raise ValidationError(NOT_CANCELLED, code="not_cancelled")
    has_place = Placement.objects.filter(session=session).exists()
    _set_status(
        session, SessionStatus.SCHEDULED if has_place else SessionStatus.ACCEPTED
    )
    log(instance=session, action=REINSTATE_ACTION, user=by)
    return session
