"""Reads of the programme, with related rows loaded: their query count never grows with data."""

from __future__ import annotations

import datetime as dt
import functools
import math
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import groupby

from django.conf import settings
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from cms.models import ForumEditionPage
from sessions.enums import Delivery, PersonRole, SessionStatus, Track
from sessions.models import (
    ProgrammeRules,
    Release,
    ReleasedSession,
    Room,
    SessionPage,
    SessionPageTranslation,
    SessionParticipant,
    Star,
)
from sessions.services.conflicts import (
    Conflict,
    PersonInfo,
    RoomInfo,
    ScheduleRules,
    SlotTiming,
    find_conflicts,
)
from sessions.services.participation import Participation
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
    """Accepted and scheduled sessions of the edition with their placements (3 queries).

    Plain rows, not page objects: building 400 Wagtail pages and 3,000 participants
    costs far more than the conflict check itself.
    """
    sessions = (
        SessionPage.objects.filter(edition=edition, status__in=SCHEDULABLE_STATUSES)
        .order_by("session_type__sort_order", "session_type__prefix", "number")
        .values(
            "pk",
            "guid",
            "title",
            "number",
            "status",
            "duration_minutes",
            "theme_id",
            "theme__name",
            "delivery",
            "languages",
            "expected_attendance",
            "session_type__prefix",
            "session_type__has_interpretation",
            "session_type__allowed_durations",
            "placement__version",
            "placement__room_id",
            "placement__start_at",
            "placement__end_at",
        )
    )
    rooms = {room.pk: _room_info(room) for room in Room.objects.filter(edition=edition)}
    people: dict[int, list[PersonInfo]] = defaultdict(list)
    for session_id, person_id, name in (
        SessionParticipant.objects.filter(
            session__edition=edition, session__status__in=SCHEDULABLE_STATUSES
        )
        .order_by("sort_order", "pk")
        .values_list("session_id", "person_id", "person__name")
    ):
        people[session_id].append(PersonInfo(id=person_id, name=name))
    return [_entry(row, rooms, people[row["pk"]]) for row in sessions]


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


def _entry(
    row: dict, rooms: dict[int, RoomInfo], people: list[PersonInfo]
) -> AgendaEntry:
    is_placed = row["placement__room_id"] is not None
    slot = SlotTiming(
        guid=str(row["guid"]),
        code=f"{row['session_type__prefix']} #{row['number']}",
        title=row["title"],
        room=rooms[row["placement__room_id"]] if is_placed else None,
        start_at=row["placement__start_at"],
        end_at=row["placement__end_at"],
        people=tuple(people),
        theme_id=row["theme_id"],
        theme_name=row["theme__name"] or "",
        delivery=row["delivery"],
        languages=frozenset(row["languages"] or ()),
        needs_interpretation=row["session_type__has_interpretation"],
        expected_attendance=row["expected_attendance"],
        allowed_durations=tuple(row["session_type__allowed_durations"] or ()),
    )
    return AgendaEntry(
        pk=row["pk"],
        status=row["status"],
        duration_minutes=row["duration_minutes"],
        version=row["placement__version"],
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

    def session_choices(self, unscheduled_label: str) -> list[tuple[int, str]]:
        """(pk, "WS #1 — Title (Room, Mon 23 Jun 10:00)") for the keyboard form's list."""
        tz = self.edition.tzinfo
        choices = []
        for entry in self.entries:
            if entry.is_scheduled:
                start = entry.slot.start_at.astimezone(tz)
                where = f"{entry.slot.room.name}, {start:%a %d %b %H:%M}"
            else:
                where = unscheduled_label
            choices.append((entry.pk, f"{entry.code} — {entry.title} ({where})"))
        return choices


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


# --- the public programme: always from an edition's latest release ----------------------


@dataclass(frozen=True)
class ProgrammeFilters:
    theme_id: int | None = None
    type_id: int | None = None
    track: str = ""
    room_id: int | None = None
    language: str = ""
    attendance: str = ""  # "onsite" or "online": how the visitor wants to take part
    interpretation: str = ""  # a language code the session is interpreted into
    captioned: bool = False
    sign_language: bool = False
    online: bool = False  # can be joined online (hybrid or online)
    text: str = ""
    person_id: int | None = None  # sessions where this person takes part in any role
    session_ids: frozenset[int] | None = None  # only these sessions (a personal agenda)


@dataclass
class ProgrammeDay:
    date: dt.date
    items: list[ReleasedSession] = field(default_factory=list)


def latest_release(edition) -> Release | None:
    """The edition's newest release, or None before the first one."""
    return Release.objects.filter(edition=edition).order_by("-number").first()


def released_sessions(
    release: Release, filters: ProgrammeFilters | None = None
) -> QuerySet[ReleasedSession]:
    """The release's sessions that match the filters, in time and room order."""
    rows = release.sessions.order_by(
        "start_at", "room__sort_order", "room__name", "session__number"
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
    if filters.interpretation:
        # The release's frozen list (the session's own, else its room's).
        rows = rows.filter(
            interpretation_languages__icontains=f'"{filters.interpretation}"'
        )
    if filters.captioned:
        rows = rows.filter(session__has_captioning=True)
    if filters.sign_language:
        rows = rows.exclude(session__sign_language="")
    if filters.online:
        rows = rows.filter(session__delivery__in=[Delivery.HYBRID, Delivery.ONLINE])
    if filters.session_ids is not None:
        rows = rows.filter(session_id__in=filters.session_ids)
    if filters.person_id:
        rows = rows.filter(
            session__in=SessionParticipant.objects.filter(
                person_id=filters.person_id
            ).values("session")
        )
    if filters.text:
        matching = Q(session__title__icontains=filters.text) | Q(
            session__description__icontains=filters.text
        )
        people = SessionParticipant.objects.filter(person__name__icontains=filters.text)
        rows = rows.filter(matching | Q(session__in=people.values("session")))
    return rows


def on_local_day(
    rows: QuerySet[ReleasedSession], day: dt.date, time_zone: str
) -> QuerySet[ReleasedSession]:
    """The rows that start on ``day`` in the edition's time zone."""
    start = dt.datetime.combine(day, dt.time(0), tzinfo=zoneinfo.ZoneInfo(time_zone))
    return rows.filter(start_at__gte=start, start_at__lt=start + dt.timedelta(days=1))


def release_days(release: Release, time_zone: str) -> list[dt.date]:
    """The local days on which the release has sessions, in order."""
    zone = zoneinfo.ZoneInfo(time_zone)
    starts = release.sessions.exclude(start_at=None).values_list("start_at", flat=True)
    return sorted({start.astimezone(zone).date() for start in starts})


@dataclass(frozen=True)
class ProgrammeRow:
    """One session of the public programme as plain values (cheap to build by hundreds)."""

    session_id: int
    guid: str
    slug: str
    code: str
    title: str
    status: str
    type_name: str
    track_label: str
    theme_name: str
    delivery_label: str
    room_name: str
    start_at: dt.datetime | None
    end_at: dt.datetime | None
    speaker_names: tuple[str, ...]
    participation: Participation = field(default_factory=Participation)


def programme_rows(
    rows: QuerySet[ReleasedSession], *, language: str | None = None
) -> list[ProgrammeRow]:
    """The released sessions as ``ProgrammeRow`` values, speakers included (2 queries;
    a third for titles translated into ``language`` when it is not the original's)."""
    values = list(
        rows.values(
            "session_id",
            "session__guid",
            "session__slug",
            "session__number",
            "session__title",
            "status",
            "session__session_type__prefix",
            "session__session_type__name",
            "session__session_type__track",
            "session__theme__name",
            "session__delivery",
            "session__languages",
            "session__has_captioning",
            "session__captioning_languages",
            "session__sign_language",
            "interpretation_languages",
            "room__name",
            "start_at",
            "end_at",
        )
    )
    names: dict[int, list[str]] = defaultdict(list)
    for session_id, name in (
        SessionParticipant.objects.filter(
            session_id__in=[row["session_id"] for row in values],
            role=PersonRole.SPEAKER,
        )
        .order_by("sort_order", "pk")
        .values_list("session_id", "person__name")
    ):
        names[session_id].append(name)
    tracks, deliveries = dict(Track.choices), dict(Delivery.choices)
    result = [
        ProgrammeRow(
            session_id=row["session_id"],
            guid=str(row["session__guid"]),
            slug=row["session__slug"],
            code=f"{row['session__session_type__prefix']} #{row['session__number']}",
            title=row["session__title"],
            status=row["status"],
            type_name=row["session__session_type__name"],
            track_label=str(tracks.get(row["session__session_type__track"], "")),
            theme_name=row["session__theme__name"] or "",
            delivery_label=str(deliveries[row["session__delivery"]]),
            room_name=row["room__name"] or "",
            start_at=row["start_at"],
            end_at=row["end_at"],
            speaker_names=tuple(names[row["session_id"]]),
            participation=_participation(row),
        )
        for row in values
    ]
    titles = translated_session_text(
        [row.session_id for row in result], language, fields=("title",)
    )
    return [
        replace(row, title=titles[row.session_id]["title"])
        if row.session_id in titles
        else row
        for row in result
    ]


def _participation(row: dict) -> Participation:
    """The facets of a ``values()`` row of released sessions."""
    return Participation(
        interpretation=tuple(row["interpretation_languages"] or ()),
        has_captioning=row["session__has_captioning"],
        captioning=tuple(row["session__captioning_languages"] or ()),
        sign_language=row["session__sign_language"] or "",
        delivery=row["session__delivery"],
        spoken=tuple(row["session__languages"] or ()),
    )


def translated_session_text(
    session_ids: Iterable[int],
    language: str | None,
    *,
    fields: tuple[str, ...] = SessionPageTranslation.translated_fields,
) -> dict[int, dict[str, str]]:
    """``{session id: {field: text}}`` of the sessions' translations into ``language``.

    Blank translated fields are left out (the original shows); nothing is read for the
    original's language. Only text: a translation never changes which sessions there
    are, nor when, where or with whom they take place.
    """
    if not language or language == settings.LANGUAGE_CODE:
        return {}
    session_ids = list(session_ids)
    if not session_ids:
        return {}
    found: dict[int, dict[str, str]] = {}
    for row in SessionPageTranslation.objects.filter(
        page_id__in=session_ids, language=language
    ).values("page_id", *fields):
        texts = {name: row[name] for name in fields if (row[name] or "").strip()}
        if texts:
            found[row["page_id"]] = texts
    return found


def programme_days(rows: Iterable[ProgrammeRow], time_zone: str) -> list[ProgrammeDay]:
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


def starred_key(starred_ids: set[int]) -> str:
    """The set of stars as a cache key part: pages cached per set of stars stay right."""
    return ",".join(map(str, sorted(starred_ids)))


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


# --- the released schedule as plain values: feeds, exports and the PDF booklet ----------


# Not frozen: a frozen dataclass sets each field through object.__setattr__, which made
# building the thousands of these in a programme a third of its read time.
@dataclass(slots=True)
class PublicPerson:
    """A person as a released session shows them publicly (never their e-mail or gender)."""

    guid: str
    name: str
    organisation: str
    stakeholder_group: str  # a StakeholderGroup value
    regional_group: str  # a RegionalGroup value
    role: str  # a PersonRole value
    presence: str  # a Presence value


@dataclass(frozen=True)
class PublicSession:
    """One session of a release with everything the public may see of it."""

    session_id: int
    guid: str
    code: str
    number: int
    title: str
    slug: str
    url: str  # site-relative, e.g. /igf2025/programme/ws-12-data-flows/
    status: str  # as released: scheduled or cancelled
    type_id: int
    type_name: str
    type_prefix: str
    track: str  # a Track value, or ""
    theme_id: int | None
    theme_name: str
    description: str
    policy_questions: tuple[str, ...]
    discussion_format: str
    languages: tuple[str, ...]
    delivery: str
    online_participation: str
    room_id: int | None
    room_name: str
    start_at: dt.datetime | None  # aware (UTC from the database)
    end_at: dt.datetime | None
    sequence: int  # raised by every released change of time, room or status
    changed_at: dt.datetime  # when the release that last changed it came out
    people: tuple[PublicPerson, ...]
    participation: Participation = field(default_factory=Participation)
    # The language of the title shown (a translation's, else the original's), and of the
    # description: a translation may leave it blank, and then the original shows.
    content_language: str = settings.LANGUAGE_CODE
    description_language: str = settings.LANGUAGE_CODE

    @property
    def speaker_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.people if p.role == PersonRole.SPEAKER)

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED


@dataclass
class PublicSchedule:
    """What one release of an edition shows, filtered; ``rooms`` are all the edition's."""

    edition: ForumEditionPage
    release: Release
    sessions: list[PublicSession]

    @functools.cached_property
    def rooms(self) -> list[Room]:
        """The edition's rooms in display order (read on first use: feeds never need them)."""
        return edition_rooms(self.edition)

    @property
    def last_modified(self) -> dt.datetime:
        """When anything in this document last changed: the release's own time at most."""
        return self.release.released_at


def public_schedule(
    edition: ForumEditionPage,
    filters: ProgrammeFilters | None = None,
    *,
    release: Release | None = None,
    programme_url: str | None = None,
    language: str | None = None,
) -> PublicSchedule | None:
    """The edition's latest release (or ``release``) as plain values: 3 queries, any size.

    None before the first release: nothing unreleased is ever read here. Content comes
    from the live pages, which a release publishes; a later draft stays out of it.
    With ``language``, titles and descriptions come from the sessions' translations
    into it where they exist (one more query); everything else stays the original's.
    """
    release = release or latest_release(edition)
    if release is None:
        return None
    programme_url = programme_url or _programme_url(edition)
    chosen = released_sessions(release, filters)
    values = list(
        chosen.values(
            "session_id",
            "session__guid",
            "session__number",
            "session__title",
            "session__slug",
            "status",
            "session__session_type_id",
            "session__session_type__name",
            "session__session_type__prefix",
            "session__session_type__track",
            "session__theme_id",
            "session__theme__name",
            "session__description",
            "session__policy_questions",
            "session__discussion_format",
            "session__languages",
            "session__delivery",
            "session__online_participation",
            "session__has_captioning",
            "session__captioning_languages",
            "session__sign_language",
            "interpretation_languages",
            "room_id",
            "room__name",
            "start_at",
            "end_at",
            "sequence",
            "changed_at",
        )
    )
    people = _public_people(chosen.order_by().values("session_id"))
    sessions = [
        PublicSession(
            session_id=row["session_id"],
            guid=str(row["session__guid"]),
            code=f"{row['session__session_type__prefix']} #{row['session__number']}",
            number=row["session__number"],
            title=row["session__title"],
            slug=row["session__slug"],
            url=f"{programme_url}{row['session__slug']}/",
            status=row["status"],
            type_id=row["session__session_type_id"],
            type_name=row["session__session_type__name"],
            type_prefix=row["session__session_type__prefix"],
            track=row["session__session_type__track"] or "",
            theme_id=row["session__theme_id"],
            theme_name=row["session__theme__name"] or "",
            description=row["session__description"] or "",
            policy_questions=tuple(
                line.strip()
                for line in (row["session__policy_questions"] or "").splitlines()
                if line.strip()
            ),
            discussion_format=row["session__discussion_format"],
            languages=tuple(row["session__languages"] or ()),
            delivery=row["session__delivery"],
            online_participation=row["session__online_participation"] or "",
            room_id=row["room_id"],
            room_name=row["room__name"] or "",
            start_at=row["start_at"],
            end_at=row["end_at"],
            sequence=row["sequence"],
            changed_at=row["changed_at"],
            people=people.get(row["session_id"], ()),
            participation=_participation(row),
        )
        for row in values
    ]
    sessions = _translated(sessions, language)
    return PublicSchedule(
        edition=edition,
        release=release,
        sessions=sessions,
    )


def _translated(sessions: list[PublicSession], language: str | None):
    texts = translated_session_text([s.session_id for s in sessions], language)
    if not texts:
        return sessions
    result = []
    for session in sessions:
        text = texts.get(session.session_id)
        if text is None:
            result.append(session)
            continue
        questions = text.pop("policy_questions", None)
        if questions is not None:
            text["policy_questions"] = tuple(
                line.strip() for line in questions.splitlines() if line.strip()
            )
        description_language = (
            language if "description" in text else session.description_language
        )
        result.append(
            replace(
                session,
                **text,
                content_language=language,
                description_language=description_language,
            )
        )
    return result


def _programme_url(edition: ForumEditionPage) -> str:
    """The programme page's site-relative URL; sessions are its children."""
    from sessions.models import ProgrammePage

    programme = ProgrammePage.objects.child_of(edition).first()
    return programme.url if programme else f"{edition.url}programme/"


def uuid_text(value: str) -> str:
    """A UUID read as text in its canonical dashed form (SQLite stores 32 hex digits)."""
    if len(value) == 32:
        return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
    return value


def _public_people(session_ids) -> dict[int, tuple[PublicPerson, ...]]:
    """People of the sessions (ids or a subquery of them), grouped by session, in order."""
    grouped: dict[int, list[PublicPerson]] = defaultdict(list)
    # Tuples, not dicts: a programme has thousands of participations.
    for (
        session_id,
        role,
        presence,
        guid,
        name,
        organisation,
        stakeholder_group,
        regional_group,
    ) in (
        SessionParticipant.objects.filter(session_id__in=session_ids)
        .order_by("sort_order", "pk")
        # Text, not uuid.UUID objects: converting thousands of them dominated the read.
        .annotate(person_guid=Cast("person__guid", output_field=CharField()))
        .values_list(
            "session_id",
            "role",
            "presence",
            "person_guid",
            "person__name",
            "person__organisation",
            "person__stakeholder_group",
            "person__regional_group",
        )
    ):
        grouped[session_id].append(
            PublicPerson(
                guid=uuid_text(guid),
                name=name,
                organisation=organisation or "",
                stakeholder_group=stakeholder_group or "",
                regional_group=regional_group or "",
                role=role,
                presence=presence,
            )
        )
    return {session_id: tuple(items) for session_id, items in grouped.items()}


def track_nri_events(edition: ForumEditionPage, track: str) -> list:
    """A track's regional events held at NRIs on the road to ``edition``: those since
    the previous annual meeting ended, up to this one's end — and every later one too,
    while no newer edition is published. One query for the events, two for the
    editions around it."""
    from cms.selectors import nri_events

    editions = ForumEditionPage.objects.live()
    previous = (
        editions.filter(year__lt=edition.year)
        .order_by("-year")
        .values_list("end_on", flat=True)
        .first()
    )
    is_latest = not editions.filter(year__gt=edition.year).exists()
    zone = edition.tzinfo
    after = previous or dt.date.min
    return [
        event
        for event in nri_events(track=track)
        if event.start_at.astimezone(zone).date() > after
        and (is_latest or event.start_at.astimezone(zone).date() <= edition.end_on)
    ]
