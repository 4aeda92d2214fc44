"""Importing a c3voc schedule JSON document into an edition's programme.

Two steps. ``parse_schedule`` is the pure rule: the decoded document in, plain
dataclasses out, or ``ScheduleInvalid`` naming every bad item and field (no ORM).
``import_schedule`` is the write service: one transaction that checks what only the
database knows, then creates or updates the edition, rooms, session types, sub-themes,
people, sessions and placements. Any error leaves the database as it was.

The format is the one of ``schemas/c3voc-schedule.schema.json`` (voc/schedule). Only the
fields used here are checked, since the schema itself demands fields we do not need.
People may carry five keys the schema does not know: ``organization``,
``stakeholder_group``, ``regional_group``, ``role`` and ``presence`` (by default onsite,
online for online moderators; a person already at the session keeps theirs).

What IGF+'s own export (``sessions.exporters``) writes comes back as it was: a new
session type takes its prefix from ``conference.meta.session_types`` (``[{"name",
"prefix"}]``) and a new session its number from an event slug such as
``igf2025-ws-12``, when that number is free; interpretation, captioning, sign language and
delivery from an event ``description`` in the form ``sessions.services.participation``
writes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from cms.models import EditionTheme, ForumEditionPage, HomePage
from cms.services.editions import (
    END_BEFORE_START,
    INVALID_ACRONYM,
    INVALID_TIME_ZONE,
    is_valid_acronym,
    is_valid_time_zone,
)
from igfplus.enums import RegionalGroup, StakeholderGroup
from igfplus.fields import UN_LANGUAGES
from sessions.enums import PersonRole, Presence, SessionStatus
from sessions.exporters import event_slug
from sessions.models import Person, Placement, Room, SessionPage, SessionType
from sessions.services.participation import parse_export_description
from sessions.services.scheduling import (
    NOT_SCHEDULABLE,
    SCHEDULABLE_STATUSES,
    StalePlacement,
    place_session,
)
from sessions.services.sessions import (
    ParticipantSpec,
    create_session,
    latest_content,
    update_session_content,
)

DEFAULT_ROOM_CAPACITY = 100
PROGRESS_EVERY = 50
MAX_TITLE_LENGTH = 255
PREFIX_MAX_LENGTH = 8

# Whole-document problems: one message, nothing else is checked.
NOT_JSON = _("The file is not JSON (%(detail)s).")
NOT_UTF8 = _("The file is not UTF-8 text.")
NOT_C3VOC = _(
    "The file is JSON but not a c3voc schedule: it has no schedule.conference object."
)

# Where a problem is. Every item problem reads "<where>: <what>".
AT_CONFERENCE = _("conference")
AT_DAY = _("day %(day)s")
AT_ROOM = _('day %(day)s, room "%(room)s"')
AT_EVENT = _('day %(day)s, room "%(room)s", event %(event)s')
AT_PERSON = _('%(event)s, person "%(person)s"')
ITEM_PROBLEM = "%(where)s: %(what)s"

# What is wrong with a field.
FIELD_MISSING = _("%(field)s is missing")
FIELD_NOT_TEXT = _("%(field)s must be text")
FIELD_NOT_LIST = _("%(field)s must be a list")
FIELD_NOT_OBJECT = _("%(field)s must be an object")
FIELD_EMPTY = _("%(field)s is empty")
TITLE_TOO_LONG = _("title is longer than %(limit)s characters")
BAD_ACRONYM = _('acronym "%(value)s" cannot be an edition acronym: %(rule)s')
BAD_TIME_ZONE = _("time_zone_name: %(rule)s")
BAD_DATE = _('%(field)s "%(value)s" is not a date (YYYY-MM-DD)')
BAD_DATETIME = _('%(field)s "%(value)s" is not an ISO 8601 date and time')
NO_OFFSET = _(
    '%(field)s "%(value)s" has no UTC offset and the conference has no time_zone_name'
)
NO_DATES = _("start and end are missing and no day has a date")
BAD_DURATION = _('duration "%(value)s" is not HH:MM')
DURATION_ZERO = _('duration "%(value)s" is zero')
DURATION_TOO_LONG = _('duration "%(value)s" is 24 hours or more')
END_NOT_AFTER_START = _('end "%(end)s" is not after the start "%(start)s"')
LASTS_TOO_LONG = _('it lasts 24 hours or more ("%(start)s" to "%(end)s")')
END_AND_DURATION_DIFFER = _('end "%(end)s" does not match duration "%(duration)s"')
NO_END = _("duration and end are both missing")
ROOM_DIFFERS = _('room "%(value)s" differs from the room it is listed under')
BAD_GUID = _('guid "%(value)s" is not a UUID')
DUPLICATE_GUID = _("guid %(guid)s is also used by %(other)s")
ROOM_OVERLAP = _(
    "overlaps %(other)s in the same room (%(start)s–%(end)s and %(other_start)s–%(other_end)s)"
)
PERSON_NOT_OBJECT = _("person %(position)s must be an object")
PERSON_NO_NAME = _("person %(position)s has no name or public_name")
UNKNOWN_ROLE = _(
    'role "%(value)s" is not one of organizer, speaker, moderator, online_moderator, '
    "rapporteur"
)
UNKNOWN_STAKEHOLDER_GROUP = _('stakeholder_group "%(value)s" is not one of %(choices)s')
UNKNOWN_REGIONAL_GROUP = _('regional_group "%(value)s" is not one of %(choices)s')
UNKNOWN_PRESENCE = _('presence "%(value)s" is not one of %(choices)s')

# Problems only the database reveals.
NO_TIME_ZONE_FOR_NEW_EDITION = _(
    'time_zone_name is missing: it is needed to create the edition "%(acronym)s"'
)
YEAR_TAKEN = _(
    'start "%(start)s": edition "%(other)s" is already held in %(year)s, so edition '
    '"%(acronym)s" cannot be created'
)
ADDRESS_TAKEN = _(
    'acronym "%(acronym)s" is already the address of the page "%(title)s", so the '
    "edition cannot be created"
)
NO_HOME_PAGE = _("the site has no home page to put a new edition under")
SESSION_IN_OTHER_EDITION = _(
    'the session with this guid belongs to edition "%(edition)s"'
)
OVERLAPS_PLACED = _(
    'overlaps %(code)s "%(title)s", already placed in this room (%(start)s–%(end)s UTC)'
)

MOVED_MEANWHILE = _(
    "someone moved this session in the schedule editor during the import; import the "
    "file again"
)

# Warnings: the import goes ahead.
EDITION_CREATED = _(
    'edition "%(acronym)s" was created: fill in its overarching theme, host city, '
    "country and venue"
)
TIME_ZONE_KEPT = _(
    'conference time_zone_name "%(value)s" differs from edition "%(acronym)s" '
    "(%(current)s); the edition keeps its own"
)
ROOM_CREATED = _(
    'room "%(name)s" was not in edition "%(acronym)s": created with capacity %(capacity)s'
)
TYPE_CREATED = _(
    'session type "%(name)s" was not in edition "%(acronym)s": created with prefix '
    '"%(prefix)s" and allowed durations %(durations)s minutes'
)
THEME_CREATED = _('sub-theme "%(name)s" was not in edition "%(acronym)s": created')
LANGUAGE_LEFT_OUT = _(
    '%(where)s: language "%(value)s" is not a UN language (ar, zh, en, fr, ru, es) and '
    "was left out"
)
PERSON_WITHOUT_GROUPS = _(
    'person "%(name)s" was created without %(missing)s: fill it in'
)
PERSON_AMBIGUOUS = _(
    'person "%(name)s" matches %(count)s people by name; the one with guid %(guid)s '
    "was used (give a guid to choose)"
)
TYPE_KEPT = _(
    '%(where)s: type "%(value)s" differs from the session\'s type "%(current)s", which '
    "was kept"
)
DURATION_NOT_ALLOWED = _(
    '%(where)s: %(minutes)s minutes is not an allowed duration of "%(type)s" '
    "(%(allowed)s)"
)
PREFIX_NOT_USED = _(
    'conference: meta.session_types gives "%(name)s" the prefix "%(value)s", which is '
    "not 1 to %(limit)s characters: it was not used"
)
NUMBER_TAKEN = _(
    "%(where)s: %(code)s is already taken, so the new session was numbered %(number)s"
)
SESSIONS_LEFT_ALONE = _(
    '%(count)s session(s) of edition "%(acronym)s" are not in the file and were left '
    "as they were"
)

ROLE_ALIASES = {
    "organizer": PersonRole.ORGANIZER,
    "organiser": PersonRole.ORGANIZER,
    "speaker": PersonRole.SPEAKER,
    "moderator": PersonRole.ONSITE_MODERATOR,
    "onsite_moderator": PersonRole.ONSITE_MODERATOR,
    "online_moderator": PersonRole.ONLINE_MODERATOR,
    "rapporteur": PersonRole.RAPPORTEUR,
}
UN_LANGUAGE_CODES = frozenset(code for code, _label in UN_LANGUAGES)
DURATION_PATTERN = re.compile(r"^(\d+):(\d{2})$")
LANGUAGE_SEPARATORS = re.compile(r"[\s,;/]+")


class ScheduleNotReadable(Exception):
    """The file is not JSON, or JSON that is not a c3voc schedule."""


class ScheduleInvalid(Exception):
    """Items of the schedule are wrong; ``errors`` names each one. Nothing was imported."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass(frozen=True)
class PersonEntry:
    name: str
    guid: uuid.UUID | None
    organisation: str | None  # None: the file does not say
    stakeholder_group: str | None  # a StakeholderGroup value
    regional_group: str | None  # a RegionalGroup value
    role: str  # a PersonRole value
    presence: str  # a Presence value

    @property
    def key(self) -> str:
        """Who this is within one file: the guid, else the name."""
        return str(self.guid) if self.guid else f"name:{self.name.casefold()}"


@dataclass(frozen=True)
class EventEntry:
    where: str  # 'day 2, room "Main Hall", event 7f3c1a2b… ("Opening")'
    guid: uuid.UUID
    title: str
    description: str
    type_name: str
    theme_name: str | None
    room_name: str
    start_at: dt.datetime  # aware, with the file's own offset
    end_at: dt.datetime
    languages: tuple[str, ...]
    persons: tuple[PersonEntry, ...]
    slug: str | None = None  # "igf2025-ws-12" from IGF+ names the session's number
    # Interpretation, captioning, sign language and delivery, when the description is
    # IGF+'s ``Key: value`` lines (``services.participation``); None: left as they are.
    participation: dict | None = None

    @property
    def duration_minutes(self) -> int:
        return int((self.end_at - self.start_at).total_seconds() // 60)


@dataclass(frozen=True)
class RoomEntry:
    name: str
    capacity: int | None


@dataclass(frozen=True)
class ConferenceEntry:
    acronym: str
    title: str
    description: str
    start_on: dt.date
    end_on: dt.date
    time_zone: str | None
    # Prefixes for new session types, by casefolded type name (meta.session_types).
    type_prefixes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ScheduleDocument:
    conference: ConferenceEntry
    rooms: tuple[RoomEntry, ...]  # in order of first appearance
    events: tuple[EventEntry, ...]
    warnings: tuple[str, ...]


@dataclass
class ImportReport:
    """What an import created and changed, and what the secretariat should look at."""

    edition: ForumEditionPage
    edition_created: bool = False
    rooms_created: list[str] = field(default_factory=list)
    session_types_created: list[str] = field(default_factory=list)
    themes_created: list[str] = field(default_factory=list)
    people_created: list[str] = field(default_factory=list)
    people_updated: list[str] = field(default_factory=list)
    sessions_created: list[str] = field(default_factory=list)
    sessions_updated: list[str] = field(default_factory=list)
    sessions_unchanged: int = 0
    placements_created: int = 0
    placements_moved: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- reading and parsing (pure) -------------------------------------------------------


def load_schedule(raw: bytes | str) -> dict[str, Any]:
    """The decoded JSON document, if it is a c3voc schedule at all."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ScheduleNotReadable(str(NOT_UTF8)) from error
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        detail = f"line {error.lineno}, column {error.colno}: {error.msg}"
        raise ScheduleNotReadable(str(NOT_JSON % {"detail": detail})) from error
    schedule = data.get("schedule") if isinstance(data, dict) else None
    if not isinstance(schedule, dict) or not isinstance(
        schedule.get("conference"), dict
    ):
        raise ScheduleNotReadable(str(NOT_C3VOC))
    return data


def parse_schedule(data: dict[str, Any]) -> ScheduleDocument:
    """The schedule as plain values; raises ``ScheduleInvalid`` listing every problem."""
    parser = _Parser()
    document = parser.parse(data)
    if parser.errors:
        raise ScheduleInvalid(parser.errors)
    return document


def find_room_overlaps(events: Iterable[EventEntry]) -> list[str]:
    """A message for each event that overlaps an earlier one in the same room.

    Intervals are half-open: one session ending at 10:30 and the next starting at 10:30
    do not overlap.
    """
    by_room: dict[str, list[EventEntry]] = {}
    for event in events:
        by_room.setdefault(event.room_name.casefold(), []).append(event)
    problems = []
    for room_events in by_room.values():
        room_events.sort(key=lambda e: (e.start_at, e.end_at))
        latest: EventEntry | None = None  # the event reaching furthest so far
        for event in room_events:
            if latest is not None and event.start_at < latest.end_at:
                what = ROOM_OVERLAP % {
                    "other": _event_name(str(latest.guid), latest.title),
                    "start": f"{event.start_at:%H:%M}",
                    "end": f"{event.end_at:%H:%M}",
                    "other_start": f"{latest.start_at:%H:%M}",
                    "other_end": f"{latest.end_at:%H:%M}",
                }
                problems.append(_problem(event.where, what))
            if latest is None or event.end_at > latest.end_at:
                latest = event
    return problems


def derive_prefix(name: str, taken: Iterable[str]) -> str:
    """Initials of a type's name as a number prefix ("Open Forum" → "OF"), made unique."""
    initials = "".join(word[0] for word in re.findall(r"\w+", name)).upper()
    base = (initials or "S")[: PREFIX_MAX_LENGTH - 1]
    taken_folded = {prefix.casefold() for prefix in taken}
    candidate, counter = base, 1
    while candidate.casefold() in taken_folded:
        counter += 1
        candidate = f"{base[: PREFIX_MAX_LENGTH - len(str(counter))]}{counter}"
    return candidate


def parse_duration(value: str) -> int:
    """Minutes of an ``HH:MM`` duration; ``ValueError`` with the message when wrong."""
    match = DURATION_PATTERN.fullmatch(value.strip())
    if not match or int(match.group(2)) >= 60:
        raise ValueError(BAD_DURATION % {"value": value})
    minutes = int(match.group(1)) * 60 + int(match.group(2))
    if minutes == 0:
        raise ValueError(DURATION_ZERO % {"value": value})
    if minutes >= 24 * 60:
        raise ValueError(DURATION_TOO_LONG % {"value": value})
    return minutes


def choice_value(choices: type, raw: str) -> str | None:
    """The value of a TextChoices member named by its value or label, in any case."""
    wanted = raw.strip().casefold()
    with translation.override("en"):
        english = {str(label).casefold(): value for value, label in choices.choices}
    for value, label in choices.choices:
        if wanted in (value.casefold(), str(label).casefold()):
            return value
    return english.get(wanted)


def _problem(where: str, what: str) -> str:
    return ITEM_PROBLEM % {"where": where, "what": what}


def _event_name(guid: str, title: str) -> str:
    short = f"{guid[:8]}…" if len(guid) > 8 else guid
    return f'{short} ("{title}")' if title else short


def _choices_list(choices: type) -> str:
    with translation.override("en"):
        return ", ".join(f"{value} ({label})" for value, label in choices.choices)


class _Parser:
    """Walks the document once, collecting every error rather than stopping at the first."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.time_zone: zoneinfo.ZoneInfo | None = None

    def error(self, where: str, what: str) -> None:
        self.errors.append(_problem(where, what))

    def parse(self, data: dict[str, Any]) -> ScheduleDocument:
        conference_data = data["schedule"]["conference"]
        where = str(AT_CONFERENCE)
        acronym = self.text(conference_data, "acronym", where, required=True)
        if acronym and not is_valid_acronym(acronym):
            self.error(where, BAD_ACRONYM % {"value": acronym, "rule": INVALID_ACRONYM})
        title = self.text(conference_data, "title", where, required=True)
        description = self.text(conference_data, "description", where) or ""
        time_zone = self.text(conference_data, "time_zone_name", where)
        if time_zone is not None:
            if is_valid_time_zone(time_zone):
                self.time_zone = zoneinfo.ZoneInfo(time_zone)
            else:
                rule = INVALID_TIME_ZONE % {"value": time_zone}
                self.error(where, BAD_TIME_ZONE % {"rule": rule})
                time_zone = None
        rooms = self.conference_rooms(conference_data, where)
        type_prefixes = self.type_prefixes(conference_data)
        days = conference_data.get("days")
        events: list[EventEntry] = []
        day_dates: list[dt.date] = []
        if not isinstance(days, list):
            self.error(
                where,
                (FIELD_MISSING if days is None else FIELD_NOT_LIST) % {"field": "days"},
            )
            days = []
        for position, day in enumerate(days, start=1):
            events.extend(self.day(day, position, rooms, day_dates))
        before = len(self.errors)
        start_on = self.conference_date(conference_data, "start", where)
        end_on = self.conference_date(conference_data, "end", where)
        if day_dates:
            start_on = start_on or min(day_dates)
            end_on = end_on or max(day_dates)
        if len(self.errors) == before:
            if start_on is None or end_on is None:
                self.error(where, str(NO_DATES))
            elif end_on < start_on:
                self.error(where, str(END_BEFORE_START))
        self.check_duplicate_guids(events)
        self.errors.extend(find_room_overlaps(events))
        return ScheduleDocument(
            conference=ConferenceEntry(
                acronym=acronym or "",
                title=title or "",
                description=description,
                start_on=start_on or dt.date.min,
                end_on=end_on or dt.date.min,
                time_zone=time_zone,
                type_prefixes=type_prefixes,
            ),
            rooms=tuple(rooms.values()),
            events=tuple(events),
            warnings=tuple(self.warnings),
        )

    # -- fields

    def text(
        self, data: dict, key: str, where: str, *, required: bool = False
    ) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.error(where, FIELD_MISSING % {"field": key})
            return None
        if not isinstance(value, str):
            self.error(where, FIELD_NOT_TEXT % {"field": key})
            return None
        if required and not value.strip():
            self.error(where, FIELD_EMPTY % {"field": key})
            return None
        return value.strip()

    def conference_date(self, data: dict, key: str, where: str) -> dt.date | None:
        value = self.text(data, key, where)
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
        try:
            # A date-time names the day in its own offset, which is the host's.
            return dt.datetime.fromisoformat(value).date()
        except ValueError:
            self.error(where, BAD_DATE % {"field": key, "value": value})
            return None

    def datetime(self, value: str, key: str, where: str) -> dt.datetime | None:
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            self.error(where, BAD_DATETIME % {"field": key, "value": value})
            return None
        if moment.tzinfo is None:
            if self.time_zone is None:
                self.error(where, NO_OFFSET % {"field": key, "value": value})
                return None
            moment = moment.replace(tzinfo=self.time_zone)
        return moment

    # -- rooms, days, events

    def conference_rooms(self, data: dict, where: str) -> dict[str, RoomEntry]:
        rooms: dict[str, RoomEntry] = {}
        listed = data.get("rooms")
        if listed is None:
            return rooms
        if not isinstance(listed, list):
            self.error(where, FIELD_NOT_LIST % {"field": "rooms"})
            return rooms
        for item in listed:
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                continue  # a room without a name says nothing we can use
            name = item["name"].strip()
            capacity = item.get("capacity")
            capacity = (
                int(capacity)
                if isinstance(capacity, int | float)
                and not isinstance(capacity, bool)
                and capacity >= 1
                else None
            )
            rooms.setdefault(name.casefold(), RoomEntry(name, capacity))
        return rooms

    def type_prefixes(self, data: dict) -> dict[str, str]:
        """Prefixes of session types by casefolded name, from ``meta.session_types``."""
        meta = data.get("meta")
        listed = meta.get("session_types") if isinstance(meta, dict) else None
        prefixes: dict[str, str] = {}
        for item in listed if isinstance(listed, list) else ():
            if not isinstance(item, dict) or not all(
                isinstance(item.get(key), str) for key in ("name", "prefix")
            ):
                continue  # says nothing we can use
            name, prefix = item["name"].strip(), item["prefix"].strip()
            if not name:
                continue
            if not prefix or len(prefix) > PREFIX_MAX_LENGTH:
                self.warnings.append(
                    str(
                        PREFIX_NOT_USED
                        % {"name": name, "value": prefix, "limit": PREFIX_MAX_LENGTH}
                    )
                )
                continue
            prefixes.setdefault(name.casefold(), prefix)
        return prefixes

    def day(
        self,
        day: Any,
        position: int,
        rooms: dict[str, RoomEntry],
        day_dates: list[dt.date],
    ) -> list[EventEntry]:
        if not isinstance(day, dict):
            self.error(
                str(AT_DAY % {"day": position}), FIELD_NOT_OBJECT % {"field": "day"}
            )
            return []
        index = day.get("index")
        label = (
            index
            if isinstance(index, int) and not isinstance(index, bool)
            else position
        )
        where = str(AT_DAY % {"day": label})
        day_date = None
        raw_date = self.text(day, "date", where)
        if raw_date:
            try:
                day_date = dt.date.fromisoformat(raw_date)
                day_dates.append(day_date)
            except ValueError:
                self.error(where, BAD_DATE % {"field": "date", "value": raw_date})
        day_rooms = day.get("rooms")
        if not isinstance(day_rooms, dict):
            self.error(
                where,
                (FIELD_MISSING if day_rooms is None else FIELD_NOT_OBJECT)
                % {"field": "rooms"},
            )
            return []
        events = []
        for room_name, room_events in day_rooms.items():
            room_where = str(AT_ROOM % {"day": label, "room": room_name})
            if not isinstance(room_events, list):
                self.error(room_where, FIELD_NOT_LIST % {"field": "events"})
                continue
            rooms.setdefault(
                room_name.strip().casefold(), RoomEntry(room_name.strip(), None)
            )
            for event_position, event in enumerate(room_events, start=1):
                entry = self.event(event, event_position, label, room_name, day_date)
                if entry is not None:
                    events.append(entry)
        return events

    def event(
        self,
        data: Any,
        position: int,
        day_label: Any,
        room_name: str,
        day_date: dt.date | None,
    ) -> EventEntry | None:
        if not isinstance(data, dict):
            where = str(
                AT_EVENT % {"day": day_label, "room": room_name, "event": position}
            )
            self.error(where, FIELD_NOT_OBJECT % {"field": "event"})
            return None
        raw_title = data.get("title") if isinstance(data.get("title"), str) else ""
        raw_guid = data.get("guid") if isinstance(data.get("guid"), str) else ""
        name = _event_name(raw_guid or str(position), raw_title.strip())
        where = str(AT_EVENT % {"day": day_label, "room": room_name, "event": name})
        before = len(self.errors)

        guid = None
        if "guid" not in data or data["guid"] is None:
            self.error(where, FIELD_MISSING % {"field": "guid"})
        elif not isinstance(data["guid"], str):
            self.error(where, FIELD_NOT_TEXT % {"field": "guid"})
        else:
            try:
                guid = uuid.UUID(data["guid"])
            except ValueError:
                self.error(where, BAD_GUID % {"value": data["guid"]})
        title = self.text(data, "title", where, required=True)
        if title and len(title) > MAX_TITLE_LENGTH:
            self.error(where, TITLE_TOO_LONG % {"limit": MAX_TITLE_LENGTH})
        type_name = self.text(data, "type", where, required=True)
        theme_name = self.text(data, "track", where) or None
        event_room = self.text(data, "room", where)
        if event_room and event_room.casefold() != room_name.strip().casefold():
            self.error(where, ROOM_DIFFERS % {"value": event_room})
        abstract = self.text(data, "abstract", where) or ""
        description = self.text(data, "description", where) or ""
        participation = parse_export_description(description)
        if participation is not None:
            description = ""
        parts = [abstract, description] if abstract != description else [abstract]
        languages = self.languages(data, where)
        start_at, end_at = self.timing(data, where, day_date)
        persons = self.persons(data, where)
        # Only a hint (see import_schedule): a slug of any other shape is no error.
        slug = data["slug"].strip() if isinstance(data.get("slug"), str) else None

        if len(self.errors) > before:
            return None
        return EventEntry(
            where=where,
            guid=guid,
            title=title,
            description="\n\n".join(part for part in parts if part),
            type_name=type_name,
            theme_name=theme_name,
            room_name=room_name.strip(),
            start_at=start_at,
            end_at=end_at,
            languages=languages,
            persons=persons,
            slug=slug,
            participation=participation,
        )

    def timing(
        self, data: dict, where: str, day_date: dt.date | None
    ) -> tuple[dt.datetime | None, dt.datetime | None]:
        start_at = None
        raw_date = self.text(data, "date", where)
        raw_start = self.text(data, "start", where)
        if raw_date:
            start_at = self.datetime(raw_date, "date", where)
        elif raw_start and day_date:
            # The deprecated "start" (HH:MM) on the day's date.
            start_at = self.datetime(
                f"{day_date.isoformat()}T{raw_start}", "start", where
            )
        else:
            self.error(where, FIELD_MISSING % {"field": "date"})
        raw_duration = self.text(data, "duration", where)
        raw_end = self.text(data, "end", where)
        minutes = None
        if raw_duration:
            try:
                minutes = parse_duration(raw_duration)
            except ValueError as error:
                self.error(where, str(error))
        end_at = self.datetime(raw_end, "end", where) if raw_end else None
        if (
            start_at is None
            or (raw_duration and minutes is None)
            or (raw_end and end_at is None)
        ):
            return None, None
        if end_at is None:
            if minutes is None:
                self.error(where, str(NO_END))
                return None, None
            end_at = start_at + dt.timedelta(minutes=minutes)
        shown = {"start": raw_date or raw_start, "end": raw_end}
        if end_at <= start_at:
            self.error(where, END_NOT_AFTER_START % shown)
        elif end_at - start_at >= dt.timedelta(hours=24):
            self.error(where, LASTS_TOO_LONG % shown)
        elif minutes is not None and end_at - start_at != dt.timedelta(minutes=minutes):
            self.error(
                where,
                END_AND_DURATION_DIFFER % {"end": raw_end, "duration": raw_duration},
            )
        return start_at, end_at

    def languages(self, data: dict, where: str) -> tuple[str, ...]:
        raw = self.text(data, "language", where)
        codes: list[str] = []
        for part in LANGUAGE_SEPARATORS.split(raw or ""):
            code = part.strip().lower()
            if not code:
                continue
            if code in UN_LANGUAGE_CODES:
                if code not in codes:
                    codes.append(code)
            else:
                self.warnings.append(
                    str(LANGUAGE_LEFT_OUT % {"where": where, "value": part.strip()})
                )
        return tuple(codes)

    def persons(self, data: dict, where: str) -> tuple[PersonEntry, ...]:
        raw = data.get("persons")
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.error(where, FIELD_NOT_LIST % {"field": "persons"})
            return ()
        entries = []
        for position, item in enumerate(raw, start=1):
            entry = self.person(item, position, where)
            if entry is not None:
                entries.append(entry)
        return tuple(entries)

    def person(self, item: Any, position: int, event_where: str) -> PersonEntry | None:
        if not isinstance(item, dict):
            self.error(event_where, PERSON_NOT_OBJECT % {"position": position})
            return None
        name = next(
            (
                item[key].strip()
                for key in ("name", "public_name")
                if isinstance(item.get(key), str) and item[key].strip()
            ),
            None,
        )
        if name is None:
            self.error(event_where, PERSON_NO_NAME % {"position": position})
            return None
        where = str(AT_PERSON % {"event": event_where, "person": name})
        before = len(self.errors)
        guid = None
        raw_guid = item.get("guid")
        if raw_guid not in (None, ""):
            try:
                guid = uuid.UUID(str(raw_guid))
            except ValueError:
                self.error(where, BAD_GUID % {"value": raw_guid})
        # An empty organisation says nothing: it never wipes a known one.
        organisation = (
            self.text(item, "organization", where)
            or self.text(item, "organisation", where)
            or None
        )
        stakeholder = self.choice(
            item,
            "stakeholder_group",
            StakeholderGroup,
            UNKNOWN_STAKEHOLDER_GROUP,
            where,
        )
        regional = self.choice(
            item, "regional_group", RegionalGroup, UNKNOWN_REGIONAL_GROUP, where
        )
        role = PersonRole.SPEAKER
        raw_role = self.text(item, "role", where)
        if raw_role:
            role = ROLE_ALIASES.get(raw_role.casefold())
            if role is None:
                self.error(where, UNKNOWN_ROLE % {"value": raw_role})
        presence = (
            Presence.ONLINE if role == PersonRole.ONLINE_MODERATOR else Presence.ONSITE
        )
        raw_presence = self.text(item, "presence", where)
        if raw_presence:
            presence = choice_value(Presence, raw_presence)
            if presence is None:
                self.error(
                    where,
                    UNKNOWN_PRESENCE
                    % {"value": raw_presence, "choices": _choices_list(Presence)},
                )
        if len(self.errors) > before:
            return None
        return PersonEntry(
            name=name,
            guid=guid,
            organisation=organisation,
            stakeholder_group=stakeholder,
            regional_group=regional,
            role=role,
            presence=presence,
        )

    def choice(
        self, item: dict, key: str, choices: type, message, where: str
    ) -> str | None:
        raw = self.text(item, key, where)
        if not raw:
            return None
        value = choice_value(choices, raw)
        if value is None:
            self.error(
                where, message % {"value": raw, "choices": _choices_list(choices)}
            )
        return value

    def check_duplicate_guids(self, events: list[EventEntry]) -> None:
        seen: dict[uuid.UUID, EventEntry] = {}
        for event in events:
            first = seen.setdefault(event.guid, event)
            if first is not event:
                self.error(
                    event.where,
                    DUPLICATE_GUID % {"guid": event.guid, "other": first.where},
                )


# --- applying (one transaction) -------------------------------------------------------


@transaction.atomic
def import_schedule(
    *,
    document: ScheduleDocument,
    by=None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Create or update everything the document describes; all or nothing."""
    conference = document.conference
    edition = ForumEditionPage.objects.filter(slug=conference.acronym).first()
    sessions = {
        session.guid: session
        for session in SessionPage.objects.filter(
            guid__in=[event.guid for event in document.events]
        ).select_related("edition", "session_type", "placement__room")
    }
    errors = _database_problems(document, edition, sessions)
    if errors:
        raise ScheduleInvalid(errors)

    warnings = list(document.warnings)
    if edition is None:
        edition = _create_edition(conference, _theme_names(document.events))
        report = ImportReport(edition=edition, edition_created=True)
        warnings.append(str(EDITION_CREATED % {"acronym": edition.slug}))
        for theme in edition.themes.all():
            report.themes_created.append(theme.name)
            warnings.append(
                str(THEME_CREATED % {"name": theme.name, "acronym": edition.slug})
            )
    else:
        report = ImportReport(edition=edition)
        if conference.time_zone and conference.time_zone != edition.time_zone:
            warnings.append(
                str(
                    TIME_ZONE_KEPT
                    % {
                        "value": conference.time_zone,
                        "acronym": edition.slug,
                        "current": edition.time_zone,
                    }
                )
            )
    acronym = edition.slug

    rooms = _ensure_rooms(edition, document.rooms, report, warnings)
    themes = _ensure_themes(
        edition, _theme_names(document.events), report, warnings, by
    )
    types = _ensure_types(
        edition, document.events, conference.type_prefixes, report, warnings
    )
    people = _ensure_people(document.events, report, warnings)

    total = len(document.events)
    for done, event in enumerate(document.events, start=1):
        session_type = types[event.type_name.casefold()]
        if event.duration_minutes not in session_type.allowed_durations:
            warnings.append(
                str(
                    DURATION_NOT_ALLOWED
                    % {
                        "where": event.where,
                        "minutes": event.duration_minutes,
                        "type": session_type.name,
                        "allowed": ", ".join(map(str, session_type.allowed_durations)),
                    }
                )
            )
        theme = themes[event.theme_name.casefold()] if event.theme_name else None
        participants = [
            (people[person.key], person.role, person.presence)
            for person in event.persons
        ]
        session = sessions.get(event.guid)
        room = rooms[event.room_name.casefold()]
        if session is None:
            session = _create_session(
                edition, session_type, theme, event, participants, by
            )
            _restore_number(session, event, acronym, by, warnings)
            report.sessions_created.append(_label(session))
            _place(session, None, room, event, by, report)
        else:
            _update_session(
                session, session_type, theme, event, participants, by, report, warnings
            )
            _place(
                session, getattr(session, "placement", None), room, event, by, report
            )
        if progress and (done % PROGRESS_EVERY == 0 or done == total):
            progress(done, total)

    left_alone = (
        SessionPage.objects.filter(edition=edition)
        .exclude(guid__in=[event.guid for event in document.events])
        .count()
    )
    if left_alone:
        warnings.append(
            str(SESSIONS_LEFT_ALONE % {"count": left_alone, "acronym": acronym})
        )
    report.warnings = warnings
    return report


def _database_problems(
    document: ScheduleDocument,
    edition: ForumEditionPage | None,
    sessions: dict[uuid.UUID, SessionPage],
) -> list[str]:
    conference = document.conference
    where = str(AT_CONFERENCE)
    problems = []
    if edition is None:
        if not conference.time_zone:
            problems.append(
                _problem(
                    where,
                    NO_TIME_ZONE_FOR_NEW_EDITION % {"acronym": conference.acronym},
                )
            )
        other = ForumEditionPage.objects.filter(year=conference.start_on.year).first()
        if other is not None:
            problems.append(
                _problem(
                    where,
                    YEAR_TAKEN
                    % {
                        "start": conference.start_on.isoformat(),
                        "other": other.slug,
                        "year": conference.start_on.year,
                        "acronym": conference.acronym,
                    },
                )
            )
        home = HomePage.objects.first()
        if home is None:
            problems.append(_problem(where, NO_HOME_PAGE))
        else:
            taken = home.get_children().filter(slug=conference.acronym).first()
            if taken is not None:
                what = ADDRESS_TAKEN % {
                    "acronym": conference.acronym,
                    "title": taken.title,
                }
                problems.append(_problem(where, what))
    for event in document.events:
        session = sessions.get(event.guid)
        if session is None:
            continue
        if edition is None or session.edition_id != edition.pk:
            problems.append(
                _problem(
                    event.where,
                    SESSION_IN_OTHER_EDITION % {"edition": session.edition.slug},
                )
            )
            continue
        placement = getattr(session, "placement", None)
        moves = placement is None or _moves(placement, event)
        if moves and session.status not in SCHEDULABLE_STATUSES:
            what = NOT_SCHEDULABLE % {"status": session.get_status_display()}
            problems.append(_problem(event.where, what))
    if edition is not None:
        problems.extend(_overlaps_with_placed(document.events, edition))
    return problems


def _overlaps_with_placed(events: tuple[EventEntry, ...], edition) -> list[str]:
    """Events overlapping sessions already placed that the file does not move."""
    names = {event.room_name.casefold() for event in events}
    placed = [
        placement
        for placement in Placement.objects.filter(
            room__edition=edition, session__status__in=SCHEDULABLE_STATUSES
        )
        .exclude(session__guid__in=[event.guid for event in events])
        .select_related("room", "session__session_type")
        if placement.room.name.casefold() in names
    ]
    problems = []
    for event in events:
        for placement in placed:
            if (
                placement.room.name.casefold() == event.room_name.casefold()
                and event.start_at < placement.end_at
                and placement.start_at < event.end_at
            ):
                what = OVERLAPS_PLACED % {
                    "code": placement.session.code,
                    "title": placement.session.title,
                    "start": f"{placement.start_at.astimezone(dt.UTC):%Y-%m-%d %H:%M}",
                    "end": f"{placement.end_at.astimezone(dt.UTC):%H:%M}",
                }
                problems.append(_problem(event.where, what))
    return problems


def _theme_names(events: Iterable[EventEntry]) -> list[str]:
    names: dict[str, str] = {}
    for event in events:
        if event.theme_name:
            names.setdefault(event.theme_name.casefold(), event.theme_name)
    return list(names.values())


def _create_edition(
    conference: ConferenceEntry, theme_names: list[str]
) -> ForumEditionPage:
    top = ForumEditionPage.objects.aggregate(top=Max("ordinal"))["top"] or 0
    edition = ForumEditionPage(
        title=conference.title,
        slug=conference.acronym,
        ordinal=top + 1,
        year=conference.start_on.year,
        start_on=conference.start_on,
        end_on=conference.end_on,
        time_zone=conference.time_zone,
        # Required on the page; a placeholder the secretariat replaces (see the warning).
        overarching_theme=conference.description or conference.title,
    )
    edition.themes = [
        EditionTheme(name=name, sort_order=order)
        for order, name in enumerate(theme_names)
    ]
    HomePage.objects.get().add_child(instance=edition)
    edition.save_revision().publish()
    return edition


def _ensure_rooms(
    edition, entries, report: ImportReport, warnings: list[str]
) -> dict[str, Room]:
    rooms = {
        room.name.casefold(): room for room in Room.objects.filter(edition=edition)
    }
    order = max((room.sort_order for room in rooms.values()), default=0)
    for entry in entries:
        if entry.name.casefold() in rooms:
            continue
        order += 1
        capacity = entry.capacity or DEFAULT_ROOM_CAPACITY
        rooms[entry.name.casefold()] = Room.objects.create(
            edition=edition, name=entry.name, capacity=capacity, sort_order=order
        )
        report.rooms_created.append(entry.name)
        if entry.capacity is None:
            warnings.append(
                str(
                    ROOM_CREATED
                    % {
                        "name": entry.name,
                        "acronym": edition.slug,
                        "capacity": capacity,
                    }
                )
            )
    return rooms


def _ensure_themes(edition, names, report, warnings, by) -> dict[str, EditionTheme]:
    themes = {
        theme.name.casefold(): theme
        for theme in EditionTheme.objects.filter(page=edition)
    }
    missing = [name for name in names if name.casefold() not in themes]
    if not missing:
        return themes
    draft = (
        edition.get_latest_revision_as_object()
        if edition.has_unpublished_changes
        else None
    )
    current = list(draft.themes.all()) if draft else []
    order = max((theme.sort_order or 0 for theme in themes.values()), default=-1)
    new = []
    for offset, name in enumerate(missing, start=1):
        theme = EditionTheme.objects.create(
            page=edition, name=name, sort_order=order + offset
        )
        themes[name.casefold()] = theme
        new.append(theme)
        report.themes_created.append(name)
        warnings.append(str(THEME_CREATED % {"name": name, "acronym": edition.slug}))
    if draft is not None:
        # A pending draft of the edition would drop the new rows when it is published
        # (and the sessions using them protect them): it gets them too.
        draft.themes = [*current, *new]
        draft.save_revision(user=by)
    return themes


def _ensure_types(
    edition, events, prefixes: dict[str, str], report, warnings
) -> dict[str, SessionType]:
    types = {
        kind.name.casefold(): kind
        for kind in SessionType.objects.filter(edition=edition)
    }
    durations: dict[str, set[int]] = {}
    names: dict[str, str] = {}
    for event in events:
        key = event.type_name.casefold()
        if key not in types:
            names.setdefault(key, event.type_name)
            durations.setdefault(key, set()).add(event.duration_minutes)
    taken = [kind.prefix for kind in types.values()]
    order = max((kind.sort_order for kind in types.values()), default=0)
    for key, name in names.items():
        prefix = prefixes.get(key)
        if prefix is None or prefix.casefold() in {p.casefold() for p in taken}:
            prefix = derive_prefix(name, taken)
        taken.append(prefix)
        order += 1
        allowed = sorted(durations[key])
        types[key] = SessionType.objects.create(
            edition=edition,
            name=name,
            prefix=prefix,
            allowed_durations=allowed,
            sort_order=order,
        )
        report.session_types_created.append(name)
        warnings.append(
            str(
                TYPE_CREATED
                % {
                    "name": name,
                    "acronym": edition.slug,
                    "prefix": prefix,
                    "durations": ", ".join(map(str, allowed)),
                }
            )
        )
    return types


def _ensure_people(
    events, report: ImportReport, warnings: list[str]
) -> dict[str, Person]:
    """Each person of the file, by ``PersonEntry.key``: matched by guid, then by name."""
    entries: dict[str, PersonEntry] = {}
    for event in events:
        for person in event.persons:
            entries.setdefault(person.key, person)
    guids = [entry.guid for entry in entries.values() if entry.guid]
    by_guid = {person.guid: person for person in Person.objects.filter(guid__in=guids)}
    folded = {entry.name.casefold() for entry in entries.values()}
    by_name: dict[str, list[Person]] = {}
    # Lower() in SQLite folds ASCII only: exact names are looked up as well.
    candidates = Person.objects.annotate(lowered=Lower("name")).filter(
        Q(lowered__in={entry.name.lower() for entry in entries.values()})
        | Q(name__in=[entry.name for entry in entries.values()])
    )
    for person in candidates.order_by("pk"):
        if person.name.casefold() in folded:
            by_name.setdefault(person.name.casefold(), []).append(person)

    people: dict[str, Person] = {}
    for key, entry in entries.items():
        person = by_guid.get(entry.guid) if entry.guid else None
        matched_by_guid = person is not None
        if person is None:
            person = _by_name(entry, by_name.get(entry.name.casefold(), []), warnings)
        if person is None:
            person = Person.objects.create(
                guid=entry.guid or uuid.uuid4(),
                name=entry.name,
                organisation=entry.organisation or "",
                stakeholder_group=entry.stakeholder_group or "",
                regional_group=entry.regional_group or "",
            )
            by_name.setdefault(entry.name.casefold(), []).append(person)
            report.people_created.append(entry.name)
            missing = [
                label
                for label, value in (
                    ("stakeholder_group", entry.stakeholder_group),
                    ("regional_group", entry.regional_group),
                )
                if not value
            ]
            if missing:
                warnings.append(
                    str(
                        PERSON_WITHOUT_GROUPS
                        % {"name": entry.name, "missing": " and ".join(missing)}
                    )
                )
        elif _update_person(person, entry, rename=matched_by_guid):
            report.people_updated.append(person.name)
        people[key] = person
    return people


def _by_name(
    entry: PersonEntry, candidates: list[Person], warnings: list[str]
) -> Person | None:
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    if entry.organisation:
        same_org = [
            p
            for p in candidates
            if p.organisation.casefold() == entry.organisation.casefold()
        ]
        if len(same_org) == 1:
            return same_org[0]
    chosen = candidates[0]
    warnings.append(
        str(
            PERSON_AMBIGUOUS
            % {"name": entry.name, "count": len(candidates), "guid": chosen.guid}
        )
    )
    return chosen


def _update_person(person: Person, entry: PersonEntry, *, rename: bool) -> bool:
    """Bring a known person in line with what the file says; whether anything changed."""
    wanted = {
        "name": entry.name if rename else None,
        "organisation": entry.organisation,
        "stakeholder_group": entry.stakeholder_group,
        "regional_group": entry.regional_group,
    }
    changed = [
        name
        for name, value in wanted.items()
        if value is not None and getattr(person, name) != value
    ]
    for name in changed:
        setattr(person, name, wanted[name])
    if changed:
        person.save(update_fields=[*changed, "updated_at"])
    return bool(changed)


def _create_session(
    edition, session_type, theme, event: EventEntry, participants, by
) -> SessionPage:
    return create_session(
        edition=edition,
        session_type=session_type,
        title=event.title,
        by=by,
        participants=[
            ParticipantSpec(person=person, role=role, presence=presence)
            for person, role, presence in participants
        ],
        status=SessionStatus.SCHEDULED,
        guid=event.guid,
        description=event.description,
        theme=theme,
        languages=list(event.languages),
        duration_minutes=event.duration_minutes,
        **(event.participation or {}),
    )


def number_in_slug(slug: str | None, acronym: str, prefix: str) -> int | None:
    """The session number an IGF+ event slug names ("igf2025-ws-12" → 12), else None."""
    match = re.search(r"-(\d+)$", slug or "")
    if match is None or int(match.group(1)) < 1:
        return None
    number = int(match.group(1))
    return number if event_slug(acronym, prefix, number) == slug else None


def _restore_number(
    session: SessionPage, event: EventEntry, acronym: str, by, warnings: list[str]
) -> None:
    """Give a session just created the number its event slug names, if that is free."""
    prefix = session.session_type.prefix
    wanted = number_in_slug(event.slug, acronym, prefix)
    if wanted is None or wanted == session.number:
        return
    # The page slug create_session would have given that number.
    slug = f"{slugify(prefix) or 'session'}-{wanted}"
    if (
        SessionPage.objects.filter(
            session_type_id=session.session_type_id, number=wanted
        ).exists()
        or session.get_siblings(inclusive=False).filter(slug=slug).exists()
    ):
        warnings.append(
            str(
                NUMBER_TAKEN
                % {
                    "where": event.where,
                    "code": f"{prefix} #{wanted}",
                    "number": session.code,
                }
            )
        )
        return
    session.number = wanted
    update_session_content(session=session, by=by, slug=slug)


def _update_session(
    session: SessionPage,
    session_type: SessionType,
    theme: EditionTheme | None,
    event: EventEntry,
    participants,
    by,
    report: ImportReport,
    warnings: list[str],
) -> None:
    if session.session_type_id != session_type.pk:
        # The number belongs to the type: changing it is a renumbering, not an import.
        warnings.append(
            str(
                TYPE_KEPT
                % {
                    "where": event.where,
                    "value": event.type_name,
                    "current": session.session_type.name,
                }
            )
        )
    current = latest_content(session)
    wanted = {
        "title": event.title,
        "description": event.description,
        "duration_minutes": event.duration_minutes,
        "languages": list(event.languages),
        **(event.participation or {}),
    }
    content = {
        name: value for name, value in wanted.items() if getattr(current, name) != value
    }
    if current.theme_id != (theme.pk if theme else None):
        content["theme"] = theme
    existing = list(current.participants.all())
    specs = None
    if [(p.person_id, p.role) for p in existing] != [
        (person.pk, role) for person, role, _ in participants
    ]:
        kept = {(p.person_id, p.role): p for p in existing}
        specs = []
        for person, role, presence in participants:
            before = kept.get((person.pk, role))
            specs.append(
                ParticipantSpec(
                    person=person,
                    role=role,
                    presence=before.presence if before else presence,
                    is_confirmed=before.is_confirmed if before else True,
                )
            )
    if not content and specs is None:
        report.sessions_unchanged += 1
        return
    update_session_content(session=current, by=by, participants=specs, **content)
    report.sessions_updated.append(_label(current))


def _place(
    session: SessionPage,
    placement: Placement | None,
    room: Room,
    event: EventEntry,
    by,
    report: ImportReport,
) -> None:
    if placement is not None and not _moves(placement, event):
        return
    try:
        place_session(
            session=session,
            room=room,
            start_at=event.start_at.astimezone(dt.UTC),
            end_at=event.end_at.astimezone(dt.UTC),
            by=by,
            expected_version=placement.version if placement else None,
            edition=session.edition,
        )
    except StalePlacement as error:
        # Someone moved it in the schedule editor while this import ran.
        raise ScheduleInvalid([_problem(event.where, MOVED_MEANWHILE)]) from error
    if placement is None:
        report.placements_created += 1
    else:
        report.placements_moved.append(f"{session.code} “{event.title}”")


def _moves(placement: Placement, event: EventEntry) -> bool:
    """Whether the event puts its session elsewhere than ``placement``."""
    return (placement.room.name.casefold(), placement.start_at, placement.end_at) != (
        event.room_name.casefold(),
        event.start_at,
        event.end_at,
    )


def _label(session: SessionPage) -> str:
    return f"{session.code} “{session.title}”"
