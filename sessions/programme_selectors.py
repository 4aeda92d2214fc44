"""Reads for the public programme: always from an edition's latest release."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Prefetch, Q, QuerySet

from sessions.enums import Delivery
from sessions.models import Release, ReleasedSession, SessionParticipant, Star


@dataclass(frozen=True)
class ProgrammeFilters:
    theme_id: int | None = None
    type_id: int | None = None
    track: str = ""
    room_id: int | None = None
    language: str = ""
    attendance: str = ""  # "onsite" or "online": how the visitor wants to take part
    text: str = ""


@dataclass
class ProgrammeDay:
    date: dt.date
    items: list[ReleasedSession] = field(default_factory=list)


def latest_release(edition) -> Release | None:
    """The edition's newest release, or None before the first one."""
    return Release.objects.filter(edition=edition).order_by("-number").first()


def _participants_prefetch(prefix: str) -> Prefetch:
    return Prefetch(
        f"{prefix}participants",
        queryset=SessionParticipant.objects.select_related("person").order_by(
            "sort_order"
        ),
    )


def released_sessions(
    release: Release, filters: ProgrammeFilters | None = None
) -> QuerySet[ReleasedSession]:
    """The release's sessions in time order, with type, theme, room and people loaded."""
    rows = (
        release.sessions.select_related(
            "session__session_type", "session__theme", "room"
        )
        .prefetch_related(_participants_prefetch("session__"))
        .order_by("start_at", "room__sort_order", "room__name", "session__number")
    )
    if filters is None:
        return rows
    if filters.theme_id:
        rows = rows.filter(session__theme_id=filters.theme_id)
    if filters.type_id:
        rows = rows.filter(session__session_type_id=filters.type_id)
    if filters.track:
        rows = rows.filter(session__session_type__track=filters.track)
    if filters.room_id:
        rows = rows.filter(room_id=filters.room_id)
    if filters.language:
        # JSON list membership that works on SQLite and PostgreSQL alike.
        rows = rows.filter(session__languages__icontains=f'"{filters.language}"')
    if filters.attendance == "onsite":
        rows = rows.filter(session__delivery__in=[Delivery.ONSITE, Delivery.HYBRID])
    elif filters.attendance == "online":
        rows = rows.filter(session__delivery__in=[Delivery.HYBRID, Delivery.ONLINE])
    if filters.text:
        matching = Q(session__title__icontains=filters.text) | Q(
            session__description__icontains=filters.text
        )
        people = SessionParticipant.objects.filter(person__name__icontains=filters.text)
        rows = rows.filter(matching | Q(session__in=people.values("session")))
    return rows


def programme_days(
    rows: Iterable[ReleasedSession], time_zone: str
) -> list[ProgrammeDay]:
    """Rows grouped by the local day (in the edition's zone) on which they start."""
    zone = zoneinfo.ZoneInfo(time_zone)
    dated = [row for row in rows if row.start_at]
    return [
        ProgrammeDay(day, list(items))
        for day, items in groupby(
            dated, key=lambda row: row.start_at.astimezone(zone).date()
        )
    ]


def released_session(release: Release | None, session) -> ReleasedSession | None:
    """How the latest release shows this session, or None if it is not in it."""
    if release is None:
        return None
    return release.sessions.select_related("room").filter(session=session).first()


def starred_session_ids(user) -> set[int]:
    """Ids of the sessions the user starred (empty for visitors)."""
    if not user.is_authenticated:
        return set()
    return set(Star.objects.filter(user=user).values_list("session_id", flat=True))


def agenda_rows(user) -> list[ReleasedSession]:
    """The user's starred sessions as their editions' latest releases show them."""
    latest_ids = _latest_release_ids_for_stars(user)
    return list(
        ReleasedSession.objects.filter(
            release_id__in=latest_ids, session__stars__user=user
        )
        .select_related(
            "session__session_type", "session__theme", "session__edition", "room"
        )
        .prefetch_related(_participants_prefetch("session__"))
        .order_by("start_at", "session__number")
    )


def _latest_release_ids_for_stars(user) -> list[int]:
    edition_ids = set(
        Star.objects.filter(user=user).values_list("session__edition_id", flat=True)
    )
    latest: dict[int, tuple[int, int]] = {}
    for release_id, edition_id, number in Release.objects.filter(
        edition_id__in=edition_ids
    ).values_list("id", "edition_id", "number"):
        if edition_id not in latest or number > latest[edition_id][1]:
            latest[edition_id] = (release_id, number)
    return [release_id for release_id, _number in latest.values()]
