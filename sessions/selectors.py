"""Reads of the programme, with related rows loaded: their query count never grows with data."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from cms.models import ForumEditionPage
from sessions.models import ProgrammeRules, Room, SessionPage, SessionParticipant
from sessions.services.conflicts import (
    Conflict,
    PersonInfo,
    RoomInfo,
    ScheduleRules,
    SlotTiming,
    find_conflicts,
)
from sessions.services.scheduling import SCHEDULABLE_STATUSES

GRID_STEP_MINUTES = 15


# --- the work-in-progress schedule -------------------------------------------------------


@dataclass(frozen=True)
class AgendaEntry:
    """A session of the work-in-progress schedule with what the agenda builder needs."""

    pk: int
    status: str
    duration_minutes: int
    version: int | None  # of its placement; None while unscheduled
    slot: SlotTiming

    @property
    def guid(self) -> str:
        return self.slot.guid

    @property
    def code(self) -> str:
        return self.slot.code

    @property
    def title(self) -> str:
        return self.slot.title

    @property
    def is_scheduled(self) -> bool:
        return self.slot.is_scheduled


def schedule_rules(edition: ForumEditionPage) -> ScheduleRules:
    """The edition's scheduling rules as plain values (the MAG's rules, created if missing)."""
    rules = ProgrammeRules.for_edition(edition)
    return ScheduleRules(
        time_zone=edition.time_zone,
        first_day=edition.start_on,
        last_day=edition.end_on,
        venue_opens_at=rules.venue_opens_at,
        venue_closes_at=rules.venue_closes_at,
        max_parallel_per_theme=rules.max_parallel_per_theme,
        max_sessions_per_person=rules.max_sessions_per_person,
    )


def schedule_entries(edition: ForumEditionPage) -> list[AgendaEntry]:
    """Accepted and scheduled sessions of the edition with their placements (3 queries)."""
    sessions = (
        SessionPage.objects.filter(edition=edition, status__in=SCHEDULABLE_STATUSES)
        .select_related("session_type", "theme", "placement__room")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=SessionParticipant.objects.select_related("person").order_by(
                    "sort_order", "pk"
                ),
            )
        )
        .order_by("session_type__sort_order", "session_type__prefix", "number")
    )
    return [_entry(session) for session in sessions]


def schedule_slots(edition: ForumEditionPage) -> tuple[list[SlotTiming], ScheduleRules]:
    """The work-in-progress schedule as plain values, with the rules to check it against."""
    return [entry.slot for entry in schedule_entries(edition)], schedule_rules(edition)


def edition_conflicts(edition: ForumEditionPage) -> list[Conflict]:
    """Every conflict of the edition's work-in-progress schedule."""
    slots, rules = schedule_slots(edition)
    return find_conflicts(slots, rules)


def edition_rooms(edition: ForumEditionPage) -> list[Room]:
    """The edition's rooms in their display order."""
    return list(
        Room.objects.filter(edition=edition).order_by("sort_order", "name", "pk")
    )


def _entry(session: SessionPage) -> AgendaEntry:
    session_type = session.session_type
    # A reverse one-to-one that select_related found empty raises instead of giving None.
    placement = getattr(session, "placement", None)
    room = placement.room if placement else None
    slot = SlotTiming(
        guid=str(session.guid),
        code=session.code,
        title=session.title,
        room=_room_info(room) if room else None,
        start_at=placement.start_at if placement else None,
        end_at=placement.end_at if placement else None,
        people=tuple(
            PersonInfo(id=p.person_id, name=p.person.name)
            for p in session.participants.all()
        ),
        theme_id=session.theme_id,
        theme_name=session.theme.name if session.theme else "",
        delivery=session.delivery,
        languages=frozenset(session.languages or ()),
        needs_interpretation=session_type.has_interpretation,
        expected_attendance=session.expected_attendance,
        allowed_durations=tuple(session_type.allowed_durations or ()),
    )
    return AgendaEntry(
        pk=session.pk,
        status=session.status,
        duration_minutes=session.duration_minutes,
        version=placement.version if placement else None,
        slot=slot,
    )


def _room_info(room: Room) -> RoomInfo:
    return RoomInfo(
        id=room.pk,
        name=room.name,
        capacity=room.capacity,
        has_hybrid_equipment=room.has_hybrid_equipment,
        interpretation_languages=frozenset(room.interpretation_languages or ()),
    )


# --- the agenda builder's grid -----------------------------------------------------------


@dataclass(frozen=True)
class GridBlock:
    """A scheduled session drawn on one day's grid; rows count from 1, in grid steps."""

    entry: AgendaEntry
    column: int
    row: int
    span: int
    lane: int
    local_start: dt.datetime
    local_end: dt.datetime
    conflicts: tuple[Conflict, ...]

    @property
    def has_conflicts(self) -> bool:
        return bool(self.conflicts)

    @property
    def has_hard_conflicts(self) -> bool:
        return any(c.is_hard for c in self.conflicts)


@dataclass(frozen=True)
class GridRow:
    row: int
    time: dt.time
    is_hour: bool


@dataclass
class AgendaGrid:
    """One day of an edition's work-in-progress schedule as a time × room grid."""

    edition: ForumEditionPage
    rules: ScheduleRules
    day: dt.date
    days: list[dt.date]
    step_minutes: int
    rooms: list[Room]
    rows: list[GridRow]
    blocks: list[GridBlock]
    unscheduled: list[AgendaEntry]
    entries: list[AgendaEntry]
    conflicts: list[Conflict]
    time_zone_abbreviation: str
    conflicts_by_guid: dict[str, list[Conflict]] = field(default_factory=dict)

    @property
    def entry_by_guid(self) -> dict[str, AgendaEntry]:
        return {entry.guid: entry for entry in self.entries}


def agenda_grid(
    edition: ForumEditionPage,
    day: dt.date | None = None,
    *,
    step_minutes: int = GRID_STEP_MINUTES,
) -> AgendaGrid:
    """The agenda builder's view of one day (default: the first), with every conflict."""
    rules = schedule_rules(edition)
    entries = schedule_entries(edition)
    rooms = edition_rooms(edition)
    conflicts = find_conflicts([entry.slot for entry in entries], rules)
    tz = edition.tzinfo

    conflicts_by_guid: dict[str, list[Conflict]] = defaultdict(list)
    for conflict in conflicts:
        for guid in conflict.session_guids:
            conflicts_by_guid[guid].append(conflict)

    placed = [
        (entry, entry.slot.start_at.astimezone(tz), entry.slot.end_at.astimezone(tz))
        for entry in entries
        if entry.is_scheduled
    ]
    days = _days(rules, {start.date() for _entry, start, _end in placed})
    day = day if day in days else days[0]
    on_day = [
        (entry, start, end) for entry, start, end in placed if start.date() == day
    ]

    first_minute, last_minute = _grid_range(rules, on_day, step_minutes)
    rows = [
        GridRow(
            row=index + 1,
            time=dt.time(minute // 60, minute % 60),
            is_hour=minute % 60 == 0,
        )
        for index, minute in enumerate(range(first_minute, last_minute, step_minutes))
    ]
    columns = {room.pk: index + 1 for index, room in enumerate(rooms)}
    blocks = []
    lanes = _lanes(on_day)
    for entry, start, end in on_day:
        start_minute = start.hour * 60 + start.minute
        end_minute = _minute_of_day(start, end)
        row = (start_minute - first_minute) // step_minutes + 1
        last_row = math.ceil((end_minute - first_minute) / step_minutes)
        blocks.append(
            GridBlock(
                entry=entry,
                column=columns.get(entry.slot.room.id, 1),
                row=row,
                span=max(1, last_row - row + 1),
                lane=lanes[entry.guid],
                local_start=start,
                local_end=end,
                conflicts=tuple(conflicts_by_guid.get(entry.guid, ())),
            )
        )
    midday = dt.datetime.combine(day, dt.time(12, 0), tzinfo=tz)
    return AgendaGrid(
        edition=edition,
        rules=rules,
        day=day,
        days=days,
        step_minutes=step_minutes,
        rooms=rooms,
        rows=rows,
        blocks=blocks,
        unscheduled=[entry for entry in entries if not entry.is_scheduled],
        entries=entries,
        conflicts=conflicts,
        time_zone_abbreviation=midday.tzname() or "",
        conflicts_by_guid=dict(conflicts_by_guid),
    )


def _days(rules: ScheduleRules, placed_days: set[dt.date]) -> list[dt.date]:
    # Sessions placed outside the meeting days get their own day so they can be moved back.
    days = {
        rules.first_day + dt.timedelta(days=n)
        for n in range((rules.last_day - rules.first_day).days + 1)
    }
    return sorted(days | placed_days)


def _minute_of_day(start: dt.datetime, end: dt.datetime) -> int:
    """Minutes from the start day's midnight to ``end``, at most the end of that day."""
    if end.date() != start.date():
        return 24 * 60
    return end.hour * 60 + end.minute + (1 if end.second or end.microsecond else 0)


def _grid_range(rules: ScheduleRules, on_day, step: int) -> tuple[int, int]:
    """First and last minute of the day shown: venue hours, widened to every session."""
    first = rules.venue_opens_at.hour * 60 + rules.venue_opens_at.minute
    last = rules.venue_closes_at.hour * 60 + rules.venue_closes_at.minute
    if last <= first:
        first, last = 0, 24 * 60
    for _entry, start, end in on_day:
        first = min(first, start.hour * 60 + start.minute)
        last = max(last, _minute_of_day(start, end))
    first = first // 60 * 60
    last = min(24 * 60, math.ceil(last / step) * step)
    return first, last


def _lanes(on_day) -> dict[str, int]:
    """Side-by-side lanes for sessions overlapping in one room, so each stays visible."""
    lanes: dict[str, int] = {}
    by_room: dict[int, list] = defaultdict(list)
    for item in on_day:
        by_room[item[0].slot.room.id].append(item)
    for items in by_room.values():
        lane_ends: list[dt.datetime] = []
        for entry, start, end in sorted(
            items, key=lambda item: (item[1], item[2], item[0].code)
        ):
            for lane, lane_end in enumerate(lane_ends):
                if lane_end <= start:
                    lane_ends[lane] = end
                    lanes[entry.guid] = lane
                    break
            else:
                lanes[entry.guid] = len(lane_ends)
                lane_ends.append(end)
    return lanes
