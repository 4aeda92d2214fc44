"""Schedule conflicts: a pure rule over plain values (no ORM), fast enough to run live.

``find_conflicts`` takes every session of the work-in-progress schedule as a
``SlotTiming`` and the edition's ``ScheduleRules`` and returns what is wrong, in a stable
order. Times are half-open intervals ``[start, end)``: a session ending at 10:30 and one
starting at 10:30 do not overlap. Overlaps are found by sorting and sweeping, so the cost
grows with the number of sessions and real clashes, not with every pair of sessions.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from django.utils.translation import gettext_lazy as _


class ConflictKind(StrEnum):
    ROOM_OVERLAP = "room_overlap"
    PERSON_DOUBLE_BOOKED = "person_double_booked"
    PERSON_OVER_LIMIT = "person_over_limit"
    THEME_CLASH = "theme_clash"
    CAPACITY = "capacity"
    HYBRID_ROOM = "hybrid_room"
    INTERPRETATION = "interpretation"
    OUTSIDE_HOURS = "outside_hours"
    DURATION = "duration"


# Conflicts that block a release unless the secretariat overrides them with a reason.
HARD_KINDS = frozenset({ConflictKind.ROOM_OVERLAP, ConflictKind.PERSON_DOUBLE_BOOKED})

KIND_LABELS = {
    ConflictKind.ROOM_OVERLAP: _("Room double-booked"),
    ConflictKind.PERSON_DOUBLE_BOOKED: _("Person in two places"),
    ConflictKind.PERSON_OVER_LIMIT: _("Person in too many sessions"),
    ConflictKind.THEME_CLASH: _("Too many sessions of one sub-theme in parallel"),
    ConflictKind.CAPACITY: _("Room too small"),
    ConflictKind.HYBRID_ROOM: _("No hybrid equipment"),
    ConflictKind.INTERPRETATION: _("Interpretation missing"),
    ConflictKind.OUTSIDE_HOURS: _("Outside the meeting's days or hours"),
    ConflictKind.DURATION: _("Duration not allowed"),
}

ROOM_OVERLAP_MESSAGE = _("%(first)s and %(second)s overlap in %(room)s.")
PERSON_DOUBLE_BOOKED_MESSAGE = _(
    "%(person)s is booked in %(first)s and %(second)s at the same time."
)
PERSON_OVER_LIMIT_MESSAGE = _(
    "%(person)s takes part in %(count)d sessions (at most %(limit)d): %(sessions)s."
)
THEME_CLASH_MESSAGE = _(
    "%(count)d sessions of the sub-theme “%(theme)s” run in parallel "
    "(at most %(limit)d): %(sessions)s."
)
CAPACITY_MESSAGE = _(
    "%(session)s expects %(expected)d participants but %(room)s holds %(capacity)d."
)
HYBRID_ROOM_MESSAGE = _("%(session)s is hybrid but %(room)s has no hybrid equipment.")
ONLINE_ROOM_MESSAGE = _(
    "%(session)s is online but %(room)s has no hybrid equipment to stream it."
)
INTERPRETATION_MESSAGE = _(
    "%(session)s needs interpretation in %(languages)s but %(room)s offers %(offered)s."
)
NO_INTERPRETATION = _("none")
OUTSIDE_DAYS_MESSAGE = _(
    "%(session)s is on %(day)s, outside the meeting days %(first_day)s to %(last_day)s."
)
ACROSS_MIDNIGHT_MESSAGE = _(
    "%(session)s runs past midnight (%(start)s to %(end)s, %(time_zone)s)."
)
OUTSIDE_VENUE_HOURS_MESSAGE = _(
    "%(session)s runs %(start)s–%(end)s (%(time_zone)s), outside the venue hours "
    "%(opens)s–%(closes)s."
)
DURATION_MESSAGE = _(
    "%(session)s lasts %(minutes)s minutes; its session type allows %(allowed)s minutes."
)
ALLOWED_JOINER = _(" or ")
_MESSAGES = {
    "ROOM_OVERLAP_MESSAGE": ROOM_OVERLAP_MESSAGE,
    "PERSON_DOUBLE_BOOKED_MESSAGE": PERSON_DOUBLE_BOOKED_MESSAGE,
    "PERSON_OVER_LIMIT_MESSAGE": PERSON_OVER_LIMIT_MESSAGE,
    "THEME_CLASH_MESSAGE": THEME_CLASH_MESSAGE,
    "CAPACITY_MESSAGE": CAPACITY_MESSAGE,
    "HYBRID_ROOM_MESSAGE": HYBRID_ROOM_MESSAGE,
    "ONLINE_ROOM_MESSAGE": ONLINE_ROOM_MESSAGE,
    "INTERPRETATION_MESSAGE": INTERPRETATION_MESSAGE,
    "NO_INTERPRETATION": NO_INTERPRETATION,
    "OUTSIDE_DAYS_MESSAGE": OUTSIDE_DAYS_MESSAGE,
    "ACROSS_MIDNIGHT_MESSAGE": ACROSS_MIDNIGHT_MESSAGE,
    "OUTSIDE_VENUE_HOURS_MESSAGE": OUTSIDE_VENUE_HOURS_MESSAGE,
    "DURATION_MESSAGE": DURATION_MESSAGE,
    "ALLOWED_JOINER": ALLOWED_JOINER,
}


@dataclass(frozen=True)
class RoomInfo:
    id: int
    name: str
    capacity: int | None
    has_hybrid_equipment: bool
    interpretation_languages: frozenset[str]


@dataclass(frozen=True)
class PersonInfo:
    id: int
    name: str


@dataclass(frozen=True)
class SlotTiming:
    """One session of the schedule; unscheduled when ``room`` or ``start_at`` is None."""

    guid: str
    code: str
    title: str
    room: RoomInfo | None
    start_at: dt.datetime | None  # aware, UTC
    end_at: dt.datetime | None
    people: tuple[PersonInfo, ...]
    theme_id: int | None
    theme_name: str
    delivery: str  # "onsite", "hybrid" or "online"
    languages: frozenset[str]
    needs_interpretation: bool
    expected_attendance: int | None
    allowed_durations: tuple[int, ...]

    @property
    def is_scheduled(self) -> bool:
        return (
            self.room is not None
            and self.start_at is not None
            and self.end_at is not None
        )

    @property
    def label(self) -> str:
        return f"{self.code} “{self.title}”"


@dataclass(frozen=True)
class ScheduleRules:
    time_zone: str  # IANA name
    first_day: dt.date
    last_day: dt.date
    venue_opens_at: dt.time
    venue_closes_at: dt.time
    max_parallel_per_theme: int
    max_sessions_per_person: int


@dataclass(frozen=True)
class Conflict:
    kind: ConflictKind
    session_guids: tuple[str, ...]
    people: tuple[str, ...]
    room: str | None
    message: str

    @property
    def is_hard(self) -> bool:
        return self.kind in HARD_KINDS

    def to_dict(self) -> dict:
        return {
            "kind": str(self.kind),
            "sessions": list(self.session_guids),
            "people": list(self.people),
            "room": self.room,
            "message": self.message,
        }


def find_conflicts(slots: Sequence[SlotTiming], rules: ScheduleRules) -> list[Conflict]:
    """Every conflict of the scheduled slots, ordered by kind, then time, then codes."""
    scheduled = sorted((s for s in slots if s.is_scheduled), key=_slot_order)
    # Translated once per call: a lookup per message would cost more than the checks.
    t = {name: str(text) for name, text in _MESSAGES.items()}
    found: list[tuple[tuple, Conflict]] = []
    found += _room_overlaps(scheduled, t)
    found += _people_conflicts(scheduled, rules, t)
    found += _theme_clashes(scheduled, rules, t)
    tz = _zone(rules.time_zone)
    for slot in scheduled:
        found += _room_fit(slot, t)
        found += _timing(slot, rules, tz, t)
    kind_rank = {kind: rank for rank, kind in enumerate(ConflictKind)}
    found.sort(key=lambda item: (kind_rank[item[1].kind], *item[0]))
    return [conflict for _key, conflict in found]


# --- overlaps ----------------------------------------------------------------------------


def _slot_order(slot: SlotTiming) -> tuple:
    return (slot.start_at, slot.end_at, slot.code, slot.guid)


def _overlapping_pairs(ordered: Iterable[SlotTiming]):
    """Pairs (earlier, later) of overlapping slots, from slots sorted by start."""
    active: list[SlotTiming] = []
    for slot in ordered:
        active = [other for other in active if other.end_at > slot.start_at]
        for other in active:
            yield other, slot
        active.append(slot)


def _room_overlaps(scheduled: list[SlotTiming], t: dict[str, str]):
    by_room: dict[int, list[SlotTiming]] = defaultdict(list)
    for slot in scheduled:
        by_room[slot.room.id].append(slot)
    for room_slots in by_room.values():
        for first, second in _overlapping_pairs(room_slots):
            message = t["ROOM_OVERLAP_MESSAGE"] % {
                "first": first.label,
                "second": second.label,
                "room": first.room.name,
            }
            yield (
                _key(first, second),
                Conflict(
                    ConflictKind.ROOM_OVERLAP,
                    (first.guid, second.guid),
                    (),
                    first.room.name,
                    str(message),
                ),
            )


def _people_conflicts(
    scheduled: list[SlotTiming], rules: ScheduleRules, t: dict[str, str]
):
    by_person: dict[int, list[SlotTiming]] = defaultdict(list)
    names: dict[int, str] = {}
    for slot in scheduled:
        seen = set()
        for person in slot.people:
            # One person may hold two roles at one session: that is no double booking.
            if person.id not in seen:
                seen.add(person.id)
                by_person[person.id].append(slot)
                names[person.id] = person.name
    for person_id, person_slots in by_person.items():
        name = names[person_id]
        for first, second in _overlapping_pairs(person_slots):
            message = t["PERSON_DOUBLE_BOOKED_MESSAGE"] % {
                "person": name,
                "first": first.label,
                "second": second.label,
            }
            yield (
                (*_key(first, second), name),
                Conflict(
                    ConflictKind.PERSON_DOUBLE_BOOKED,
                    (first.guid, second.guid),
                    (name,),
                    None,
                    str(message),
                ),
            )
        if len(person_slots) > rules.max_sessions_per_person:
            message = t["PERSON_OVER_LIMIT_MESSAGE"] % {
                "person": name,
                "count": len(person_slots),
                "limit": rules.max_sessions_per_person,
                "sessions": _labels(person_slots),
            }
            yield (
                (*_key(*person_slots), name),
                Conflict(
                    ConflictKind.PERSON_OVER_LIMIT,
                    tuple(s.guid for s in person_slots),
                    (name,),
                    None,
                    str(message),
                ),
            )


def _theme_clashes(
    scheduled: list[SlotTiming], rules: ScheduleRules, t: dict[str, str]
):
    by_theme: dict[int, list[SlotTiming]] = defaultdict(list)
    for slot in scheduled:
        if slot.theme_id is not None:
            by_theme[slot.theme_id].append(slot)
    limit = rules.max_parallel_per_theme
    for theme_slots in by_theme.values():
        if len(theme_slots) <= limit:
            continue
        for group in _clash_groups(theme_slots, limit):
            message = t["THEME_CLASH_MESSAGE"] % {
                "count": len(group),
                "theme": group[0].theme_name,
                "limit": limit,
                "sessions": _labels(group),
            }
            yield (
                _key(*group),
                Conflict(
                    ConflictKind.THEME_CLASH,
                    tuple(s.guid for s in group),
                    (),
                    None,
                    str(message),
                ),
            )


def _clash_groups(slots: list[SlotTiming], limit: int) -> list[list[SlotTiming]]:
    """Sessions running while more than ``limit`` run at once, one group per clash period.

    A clash period is a maximal stretch of time with more than ``limit`` sessions running;
    its group is every session running at some instant of it.
    """
    # At one instant, ends (0) come before starts (1): touching sessions do not overlap.
    events = sorted(
        [(s.start_at, 1, i) for i, s in enumerate(slots)]
        + [(s.end_at, 0, i) for i, s in enumerate(slots)]
    )
    groups: list[list[SlotTiming]] = []
    active: set[int] = set()
    group: set[int] | None = None
    index = 0
    while index < len(events):
        instant = events[index][0]
        started = []
        while index < len(events) and events[index][0] == instant:
            _at, is_start, i = events[index]
            if is_start:
                active.add(i)
                started.append(i)
            else:
                active.discard(i)
            index += 1
        if len(active) > limit:
            if group is None:
                group = set(active)
            else:
                group.update(started)
        elif group is not None:
            groups.append(sorted((slots[i] for i in group), key=_slot_order))
            group = None
    return groups


# --- one session at a time ---------------------------------------------------------------


def _room_fit(slot: SlotTiming, t: dict[str, str]):
    room = slot.room
    if (
        slot.expected_attendance is not None
        and room.capacity is not None
        and slot.expected_attendance > room.capacity
    ):
        message = t["CAPACITY_MESSAGE"] % {
            "session": slot.label,
            "expected": slot.expected_attendance,
            "room": room.name,
            "capacity": room.capacity,
        }
        yield _single(ConflictKind.CAPACITY, slot, message)
    if slot.delivery in ("hybrid", "online") and not room.has_hybrid_equipment:
        template = (
            t["HYBRID_ROOM_MESSAGE"]
            if slot.delivery == "hybrid"
            else t["ONLINE_ROOM_MESSAGE"]
        )
        message = template % {"session": slot.label, "room": room.name}
        yield _single(ConflictKind.HYBRID_ROOM, slot, message)
    offered = room.interpretation_languages
    # A session that needs interpretation needs a room that offers some, even when it
    # has not listed its languages yet.
    if slot.needs_interpretation and (not offered or not slot.languages <= offered):
        message = t["INTERPRETATION_MESSAGE"] % {
            "session": slot.label,
            "languages": _languages(slot.languages) or t["NO_INTERPRETATION"],
            "room": room.name,
            "offered": _languages(offered) or t["NO_INTERPRETATION"],
        }
        yield _single(ConflictKind.INTERPRETATION, slot, message)


def _timing(
    slot: SlotTiming, rules: ScheduleRules, tz: zoneinfo.ZoneInfo, t: dict[str, str]
):
    start = slot.start_at.astimezone(tz)
    end = slot.end_at.astimezone(tz)
    hhmm = "%H:%M"
    if not rules.first_day <= start.date() <= rules.last_day:
        message = t["OUTSIDE_DAYS_MESSAGE"] % {
            "session": slot.label,
            "day": start.date().isoformat(),
            "first_day": rules.first_day.isoformat(),
            "last_day": rules.last_day.isoformat(),
        }
        yield _single(ConflictKind.OUTSIDE_HOURS, slot, message)
    elif end.date() != start.date():
        message = t["ACROSS_MIDNIGHT_MESSAGE"] % {
            "session": slot.label,
            "start": start.strftime("%Y-%m-%d %H:%M"),
            "end": end.strftime("%Y-%m-%d %H:%M"),
            "time_zone": rules.time_zone,
        }
        yield _single(ConflictKind.OUTSIDE_HOURS, slot, message)
    elif start.time() < rules.venue_opens_at or end.time() > rules.venue_closes_at:
        message = t["OUTSIDE_VENUE_HOURS_MESSAGE"] % {
            "session": slot.label,
            "start": start.strftime(hhmm),
            "end": end.strftime(hhmm),
            "time_zone": rules.time_zone,
            "opens": rules.venue_opens_at.strftime(hhmm),
            "closes": rules.venue_closes_at.strftime(hhmm),
        }
        yield _single(ConflictKind.OUTSIDE_HOURS, slot, message)
    if slot.allowed_durations:
        seconds = (slot.end_at - slot.start_at).total_seconds()
        minutes = seconds / 60
        if minutes not in slot.allowed_durations:
            message = t["DURATION_MESSAGE"] % {
                "session": slot.label,
                "minutes": f"{minutes:g}",
                "allowed": t["ALLOWED_JOINER"].join(
                    str(m) for m in sorted(slot.allowed_durations)
                ),
            }
            yield _single(ConflictKind.DURATION, slot, message)


# --- helpers -----------------------------------------------------------------------------


def _single(kind: ConflictKind, slot: SlotTiming, message) -> tuple[tuple, Conflict]:
    return _key(slot), Conflict(kind, (slot.guid,), (), slot.room.name, str(message))


def _key(*slots: SlotTiming) -> tuple:
    return (min(s.start_at for s in slots), tuple(s.code for s in slots))


def _labels(slots: Iterable[SlotTiming]) -> str:
    return ", ".join(s.label for s in slots)


def _languages(codes: Iterable[str]) -> str:
    return ", ".join(sorted(code.upper() for code in codes))


@lru_cache(maxsize=32)
def _zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)
