"""Schedule exports for conference apps: frab XML and c3voc JSON of one release.

Both are built from the same plain values (``PublicSchedule``, the latest release) and
describe the same schedule. The JSON is also what ``sessions.services.importers`` reads:
an export imported into an empty site and released there exports again as the same
document, except ``version`` (the release number, which every site counts itself).

Choices made for the apps that read these files (Giggity, EventFahrplan, ConfClerk, …):

- **Cancelled sessions are left out**, as pretalx does. Neither format has a status: a
  title prefixed "Cancelled:" would still sit in the grid, in search and in people's
  favourites, while apps that compare versions (EventFahrplan) mark a session that
  disappeared as cancelled. The calendar feeds, which have a status, keep them.
- Sessions without a room or a time cannot sit in a day's room and are left out too.
- Days are the host's calendar days, midnight to midnight in the edition's time zone:
  every day of the meeting, plus any other day on which a session starts. Each day lists
  every room in use, in the venue's order, so columns stay put from day to day.
- ``persons`` are everyone the public session page lists, in its order, with their role
  and presence; never an e-mail, gender or account.
- ``guid`` is the session's GUID. ``id`` (a required integer) is derived from it, so it
  is as stable as the GUID and survives a re-import; a database key would not.
- ``slug`` is ``<acronym>-<prefix>-<number>`` ("igf2025-ws-12"); with the prefixes in
  ``conference.meta.session_types`` it lets the importer restore "WS #12".
- ``description`` carries interpretation, captioning, sign language and delivery as
  ``Key: value`` lines with language codes (neither schema has a place for them; c3voc
  events allow no extra keys). The importer reads them back.
- Text loses the characters XML 1.0 cannot carry and its surrounding whitespace (the
  importer strips whitespace too); escaping is the serialisers' job, never ours.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import uuid
import xml.etree.ElementTree as ET  # nosec B405  # builds XML, parses none
import zoneinfo

from django.utils.text import slugify

from sessions.selectors import PublicPerson, PublicSchedule, PublicSession
from sessions.services.participation import export_description

GENERATOR = "IGF+"
C3VOC_SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
TIMESLOT_DURATION = "00:15"  # the agenda builder's grid step
# The frab XSD's slug type wants at least four characters after "<acronym>-".
SLUG_TAIL_MIN_LENGTH = 4
# Rooms have no GUID of their own: theirs derives from this namespace, the edition's
# acronym and the room's name. Never change it, or apps see every room as new.
ROOM_GUID_NAMESPACE = uuid.UUID("5f0c6a1e-2d4b-4c7e-9b1a-7e3d2c8f4a60")
XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"
MAX_EVENT_ID = 2**31 - 1  # apps store ids in 32-bit signed integers
# Everything XML 1.0 allows, negated: control characters, lone surrogates, U+FFFE/FFFF.
NOT_XML_TEXT = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclasses.dataclass(frozen=True)
class ExportEvent:
    guid: str
    id: int
    slug: str
    url: str
    title: str
    type_name: str
    track: str  # the sub-theme, or ""
    abstract: str
    language: str  # "en, fr", or ""
    description: str  # the participation facets (see services.participation)
    room: str
    start: dt.datetime  # local, whole minutes
    end: dt.datetime
    persons: tuple[PublicPerson, ...]  # cleaned

    @property
    def duration(self) -> str:
        """``HH:MM``, as both formats want it."""
        minutes = int((self.end - self.start).total_seconds()) // 60
        return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclasses.dataclass(frozen=True)
class ExportRoom:
    name: str
    guid: str
    capacity: int | None


@dataclasses.dataclass(frozen=True)
class ExportDay:
    index: int
    date: dt.date
    start: dt.datetime  # local midnight
    end: dt.datetime  # the next local midnight
    rooms: tuple[tuple[str, tuple[ExportEvent, ...]], ...]  # every room, in order


@dataclasses.dataclass(frozen=True)
class ExportSchedule:
    """One release as both formats describe it: plain, cleaned, in document order."""

    version: str
    acronym: str
    title: str
    description: str
    start_on: dt.date
    end_on: dt.date
    time_zone: str
    url: str  # the programme page
    rooms: tuple[ExportRoom, ...]
    days: tuple[ExportDay, ...]
    session_types: tuple[tuple[str, str], ...]  # (name, prefix), by first appearance

    @property
    def events(self) -> list[ExportEvent]:
        return [
            event for day in self.days for _, events in day.rooms for event in events
        ]


# --- the two formats ---------------------------------------------------------------------


def c3voc_json(schedule: PublicSchedule, *, site_url: str, programme_url: str) -> bytes:
    """The release as a c3voc ``schedule.json`` (UTF-8), valid against its draft-06 schema.

    ``site_url`` is the site's origin without a trailing slash; ``programme_url`` the
    programme page's address, usually site-relative like the sessions' own.
    """
    document = export_schedule(schedule, site_url=site_url, programme_url=programme_url)
    data = {
        "$schema": C3VOC_SCHEMA_URL,
        "generator": {"name": GENERATOR},
        "schedule": {
            "version": document.version,
            "conference": {
                "acronym": document.acronym,
                "title": document.title,
                "description": document.description,
                "start": document.start_on.isoformat(),
                "end": document.end_on.isoformat(),
                "daysCount": len(document.days),
                "timeslot_duration": TIMESLOT_DURATION,
                "time_zone_name": document.time_zone,
                "url": document.url,
                "rooms": [_json_room(room) for room in document.rooms],
                # Read back by the importer, so that "WS #12" stays "WS #12".
                "meta": {
                    "session_types": [
                        {"name": name, "prefix": prefix}
                        for name, prefix in document.session_types
                    ]
                },
                "days": [_json_day(day) for day in document.days],
            },
        },
    }
    # Compact: the C encoder, four times faster than an indented one (browsers and
    # ``python -m json.tool`` indent it for people).
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def frab_xml(schedule: PublicSchedule, *, site_url: str, programme_url: str) -> bytes:
    """The release as a frab ``schedule.xml`` (UTF-8), valid against the c3voc XSD.

    Arguments as for ``c3voc_json``. The XML has no place for roles, groups or room
    capacities: people are names with their GUID, each once per event.
    """
    document = export_schedule(schedule, site_url=site_url, programme_url=programme_url)
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", name=GENERATOR)
    ET.SubElement(root, "url").text = f"{document.url}schedule.xml"
    ET.SubElement(root, "version").text = document.version
    conference = ET.SubElement(root, "conference")
    for tag, text in (
        ("title", document.title),
        ("acronym", document.acronym),
        ("start", document.start_on.isoformat()),
        ("end", document.end_on.isoformat()),
        ("days", str(len(document.days))),
        ("timeslot_duration", TIMESLOT_DURATION),
        ("url", document.url),
        ("time_zone_name", document.time_zone),
    ):
        ET.SubElement(conference, tag).text = text
    guids = {room.name: room.guid for room in document.rooms}
    for day in document.days:
        day_element = ET.SubElement(
            root,
            "day",
            index=str(day.index),
            date=day.date.isoformat(),
            start=day.start.isoformat(),
            end=day.end.isoformat(),
        )
        for name, events in day.rooms:
            room = ET.SubElement(day_element, "room", name=name, guid=guids[name])
            for event in events:
                _xml_event(room, event)
    # Not indented, like the JSON: 10% faster, and browsers show XML as a tree anyway.
    # Serialising to text and encoding once is much faster than encoding="utf-8".
    return f"{XML_DECLARATION}{ET.tostring(root, encoding='unicode')}\n".encode()


# --- shared: the release as plain, cleaned values ----------------------------------------


def export_schedule(
    schedule: PublicSchedule, *, site_url: str, programme_url: str
) -> ExportSchedule:
    """What both exports say about the release, in document order (no database access
    beyond ``schedule.rooms``)."""
    edition = schedule.edition
    zone = zoneinfo.ZoneInfo(edition.time_zone)
    acronym = edition.slug
    shown = sorted(
        (s for s in schedule.sessions if _is_exported(s)),
        key=lambda s: (s.start_at, s.end_at, s.type_prefix, s.number, s.guid),
    )
    rooms = _rooms(schedule, shown, acronym)
    room_names = {room_id: room.name for room_id, room in rooms.items()}

    taken_ids: set[int] = set()
    taken_slugs: set[str] = set()
    by_day: dict[dt.date, dict[str, list[ExportEvent]]] = {}
    types: dict[str, tuple[str, str]] = {}
    for session in shown:
        event = _event(
            session,
            zone=zone,
            acronym=acronym,
            room=room_names[session.room_id],
            site_url=site_url,
            taken_ids=taken_ids,
            taken_slugs=taken_slugs,
        )
        by_day.setdefault(event.start.date(), {}).setdefault(event.room, []).append(
            event
        )
        types.setdefault(
            event.type_name.casefold(), (event.type_name, clean(session.type_prefix))
        )

    first, last = edition.start_on, edition.end_on
    dates = {first + dt.timedelta(days=n) for n in range((last - first).days + 1)}
    order = [room.name for room in rooms.values()]
    days = []
    for index, date in enumerate(sorted(dates | by_day.keys()), start=1):
        midnight = dt.datetime.combine(date, dt.time(0), tzinfo=zone)
        next_midnight = dt.datetime.combine(
            date + dt.timedelta(days=1), dt.time(0), tzinfo=zone
        )
        events = by_day.get(date, {})
        days.append(
            ExportDay(
                index=index,
                date=date,
                start=midnight,
                end=next_midnight,
                rooms=tuple((name, tuple(events.get(name, ()))) for name in order),
            )
        )
    return ExportSchedule(
        version=str(schedule.release.number),
        acronym=acronym,
        title=clean(edition.title),
        description=clean(edition.overarching_theme),
        start_on=first,
        end_on=last,
        time_zone=edition.time_zone,
        url=_absolute(site_url, programme_url),
        rooms=tuple(rooms.values()),
        days=tuple(days),
        session_types=tuple(types.values()),
    )


def clean(text: str | None) -> str:
    """``text`` without what XML 1.0 cannot carry (control characters, lone surrogates)
    and without surrounding whitespace."""
    if not text:
        return ""
    # Printable text has no control character, surrogate or non-character: the usual
    # case, checked at C speed (a regular expression over every description is not).
    if text.isprintable() or _without_line_breaks(text).isprintable():
        return text.strip()
    return NOT_XML_TEXT.sub("", text).strip()


def _without_line_breaks(text: str) -> str:
    return text.replace("\n", "").replace("\r", "").replace("\t", "")


def event_id(guid: str) -> int:
    """A positive 31-bit integer from a session's GUID: as stable as the GUID itself."""
    return int(uuid.UUID(guid).hex[:8], 16) % MAX_EVENT_ID + 1


def event_slug(acronym: str, prefix: str, number: int) -> str:
    """The event slug of session ``<prefix> #<number>``: "igf2025-ws-12".

    Valid for both formats (lowercase ASCII, at least four characters after the
    acronym: "W #1" gives "igf2025-w-01"). The importer reads the number back from it.
    """
    kind = slugify(prefix) or "session"
    tail = f"{kind}-{number}"
    if len(tail) < SLUG_TAIL_MIN_LENGTH:
        tail = f"{kind}-{number:0{SLUG_TAIL_MIN_LENGTH - len(kind) - 1}d}"
    return f"{acronym}-{tail}"


def room_guid(acronym: str, name: str) -> str:
    """A room's GUID: the same for the same edition and room name, on any site."""
    return str(uuid.uuid5(ROOM_GUID_NAMESPACE, f"{acronym}\x1f{name}"))


def _is_exported(session: PublicSession) -> bool:
    return (
        not session.is_cancelled
        and session.room_id is not None
        and session.start_at is not None
        and session.end_at is not None
    )


def _rooms(
    schedule: PublicSchedule, shown: list[PublicSession], acronym: str
) -> dict[int, ExportRoom]:
    """The rooms the shown sessions use, in the venue's order, by room id."""
    used = {session.room_id: session for session in shown}
    rooms: dict[int, ExportRoom] = {}
    for room in schedule.rooms:
        if room.pk in used:
            name = clean(room.name)
            rooms[room.pk] = ExportRoom(name, room_guid(acronym, name), room.capacity)
    for room_id, session in used.items():  # not among the edition's rooms: unlikely
        if room_id not in rooms:
            name = clean(session.room_name)
            rooms[room_id] = ExportRoom(name, room_guid(acronym, name), None)
    return rooms


def _event(
    session: PublicSession,
    *,
    zone: zoneinfo.ZoneInfo,
    acronym: str,
    room: str,
    site_url: str,
    taken_ids: set[int],
    taken_slugs: set[str],
) -> ExportEvent:
    number = event_id(session.guid)
    # Two GUIDs sharing their first 31 bits: the next free id, in a stable order.
    while number in taken_ids:
        number = number % MAX_EVENT_ID + 1
    taken_ids.add(number)
    slug = event_slug(acronym, session.type_prefix, session.number)
    if slug in taken_slugs:  # two prefixes with the same slug ("WS" and "W.S")
        slug = f"{slug}-{session.guid[:8]}"
    taken_slugs.add(slug)
    start = session.start_at.astimezone(zone).replace(second=0, microsecond=0)
    end = session.end_at.astimezone(zone).replace(second=0, microsecond=0)
    return ExportEvent(
        guid=session.guid,
        id=number,
        slug=slug,
        url=_absolute(site_url, session.url),
        # An empty title cannot be imported; the code is what everyone quotes anyway.
        title=clean(session.title) or session.code,
        type_name=clean(session.type_name) or session.type_prefix,
        track=clean(session.theme_name),
        abstract=clean(session.description),
        language=", ".join(session.languages),
        description=export_description(session.participation),
        room=room,
        start=start,
        end=end,
        # A nameless person can be neither shown nor imported.
        persons=tuple(p for p in map(_person, session.people) if p.name),
    )


def _person(person: PublicPerson) -> PublicPerson:
    """``person`` with clean text: itself when it is clean already (nearly always)."""
    name, organisation = clean(person.name), clean(person.organisation)
    if name == person.name and organisation == person.organisation:
        return person
    return dataclasses.replace(person, name=name, organisation=organisation)


def _absolute(site_url: str, url: str) -> str:
    return url if url.startswith(("http://", "https://")) else f"{site_url}{url}"


# --- c3voc JSON pieces -------------------------------------------------------------------


def _json_room(room: ExportRoom) -> dict:
    return {"name": room.name, "guid": room.guid, "capacity": room.capacity}


def _json_day(day: ExportDay) -> dict:
    return {
        "index": day.index,
        "date": day.date.isoformat(),
        "day_start": day.start.isoformat(),
        "day_end": day.end.isoformat(),
        "rooms": {
            name: [_json_event(event) for event in events] for name, events in day.rooms
        },
    }


def _json_event(event: ExportEvent) -> dict:
    return {
        "guid": event.guid,
        "id": event.id,
        "date": event.start.isoformat(),
        "start": f"{event.start:%H:%M}",
        "end": event.end.isoformat(),
        "duration": event.duration,
        "room": event.room,
        "slug": event.slug,
        "url": event.url,
        "title": event.title,
        "subtitle": "",
        "track": event.track or None,
        "type": event.type_name,
        "language": event.language or None,
        "abstract": event.abstract,
        "description": event.description,
        "persons": [_json_person(person) for person in event.persons],
        "links": [],
    }


def _json_person(person: PublicPerson) -> dict:
    """A pretalx-style person (``name``), with the keys the importer reads back."""
    data = {"name": person.name, "guid": person.guid}
    for key, value in (
        ("organization", person.organisation),
        ("stakeholder_group", person.stakeholder_group),
        ("regional_group", person.regional_group),
    ):
        if value:
            data[key] = value
    data["role"] = person.role
    data["presence"] = person.presence
    return data


# --- frab XML pieces ---------------------------------------------------------------------


def _xml_event(room: ET.Element, event: ExportEvent) -> None:
    element = ET.SubElement(room, "event", guid=event.guid, id=str(event.id))
    for tag, text in (
        ("room", event.room),
        ("title", event.title),
        ("subtitle", ""),
        ("type", event.type_name),
        ("date", event.start.isoformat()),
        ("start", f"{event.start:%H:%M}"),
        ("duration", event.duration),
        ("abstract", event.abstract),
        ("slug", event.slug),
        ("track", event.track),
    ):
        ET.SubElement(element, tag).text = text
    persons = ET.SubElement(element, "persons")
    # Without roles, someone who both speaks and moderates is one name, listed once.
    for guid, name in {p.guid: p.name for p in event.persons}.items():
        ET.SubElement(persons, "person", guid=guid).text = name
    if event.language:
        ET.SubElement(element, "language").text = event.language
    ET.SubElement(element, "description").text = event.description
    ET.SubElement(element, "url").text = event.url
