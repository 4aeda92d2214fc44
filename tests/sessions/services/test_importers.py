import datetime as dt
import json
import time
import uuid
from pathlib import Path

import pytest

from cms.models import StandardPage
from igfplus.enums import RegionalGroup, StakeholderGroup
from sessions.enums import PersonRole, Presence, SessionStatus
from sessions.models import Placement, SessionPage
from sessions.services.importers import (
    EventEntry,
    ScheduleInvalid,
    ScheduleNotReadable,
    choice_value,
    derive_prefix,
    find_room_overlaps,
    import_schedule,
    load_schedule,
    parse_duration,
    parse_schedule,
)
from sessions.services.sessions import ParticipantSpec, update_session_content
from tests.factories import ForumEditionPageFactory, PersonFactory, RoomFactory
from tests.factories.programme import (
    PlacementFactory,
    SessionPageFactory,
    SessionTypeFactory,
)

FIXTURE = Path(__file__).parents[2] / "fixtures" / "c3voc" / "igf2031.json"
OSLO = dt.timezone(dt.timedelta(hours=2))


def fixture() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def clock_ms() -> int:
    """The wall clock in milliseconds: where a new placement's version starts."""
    return time.time_ns() // 1_000_000


def minimal(*events: dict, **conference) -> dict:
    """A c3voc document with one day in one room holding ``events``."""
    return {
        "schedule": {
            "version": "1",
            "conference": {
                "acronym": "igf2031",
                "title": "IGF 2031",
                "start": "2031-06-23",
                "end": "2031-06-24",
                "time_zone_name": "Europe/Oslo",
                "days": [
                    {
                        "index": 1,
                        "date": "2031-06-23",
                        "rooms": {"Room A": list(events)},
                    }
                ],
                **conference,
            },
        }
    }


def an_event(n: int = 1, **fields) -> dict:
    return {
        "guid": str(uuid.UUID(int=n)),
        "title": f"Session {n}",
        "type": "Workshop",
        "date": "2031-06-23T09:00:00+02:00",
        "duration": "01:00",
        "room": "Room A",
        "track": None,
        "language": "en",
        "abstract": "",
        "persons": [],
        **fields,
    }


def errors_of(document: dict) -> list[str]:
    with pytest.raises(ScheduleInvalid) as caught:
        parse_schedule(document)
    return caught.value.errors


def entry(
    room: str, start: tuple[int, int], end: tuple[int, int], n: int
) -> EventEntry:
    return EventEntry(
        where=f"event {n}",
        guid=uuid.UUID(int=n),
        title=f"S{n}",
        description="",
        type_name="Workshop",
        theme_name=None,
        room_name=room,
        start_at=dt.datetime(2031, 6, 23, *start, tzinfo=OSLO),
        end_at=dt.datetime(2031, 6, 23, *end, tzinfo=OSLO),
        languages=(),
        persons=(),
    )


# --- pure rules -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "minutes"),
    [
        pytest.param("01:30", 90, id="hh_mm"),
        pytest.param("0:20", 20, id="single_digit_hours"),
        pytest.param("23:59", 1439, id="just_under_a_day"),
    ],
)
def test_parse_duration(value, minutes):
    assert parse_duration(value) == minutes


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param("1:75", 'duration "1:75" is not HH:MM', id="minutes_over_59"),
        pytest.param("90", 'duration "90" is not HH:MM', id="minutes_only"),
        pytest.param("1h30", 'duration "1h30" is not HH:MM', id="letters"),
        pytest.param("00:00", 'duration "00:00" is zero', id="zero"),
        pytest.param("24:00", 'duration "24:00" is 24 hours or more', id="a_day"),
        pytest.param(
            "36:15", 'duration "36:15" is 24 hours or more', id="more_than_a_day"
        ),
    ],
)
def test_parse_duration_refuses(value, message):
    with pytest.raises(ValueError, match="duration") as caught:
        parse_duration(value)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("name", "taken", "prefix"),
    [
        pytest.param("Open Forum", [], "OF", id="initials"),
        pytest.param("Workshop", [], "W", id="one_word"),
        pytest.param("Day 0 Event", [], "D0E", id="digits_count"),
        pytest.param(
            "BPF / Policy Network session", [], "BPNS", id="punctuation_ignored"
        ),
        pytest.param("Open Forum", ["OF"], "OF2", id="taken"),
        pytest.param("Open Forum", ["of", "OF2"], "OF3", id="taken_any_case"),
        pytest.param("— / —", [], "S", id="no_letters"),
        pytest.param("A B C D E F G H I J", [], "ABCDEFG", id="at_most_seven_initials"),
        pytest.param(
            "A B C D E F G H", ["ABCDEFG"], "ABCDEFG2", id="counter_fits_eight"
        ),
    ],
)
def test_derive_prefix(name, taken, prefix):
    assert derive_prefix(name, taken) == prefix


@pytest.mark.parametrize(
    ("choices", "raw", "value"),
    [
        pytest.param(StakeholderGroup, "civil_society", "civil_society", id="value"),
        pytest.param(StakeholderGroup, "Civil Society", "civil_society", id="label"),
        pytest.param(
            StakeholderGroup, "  TECHNICAL COMMUNITY ", "technical", id="any_case"
        ),
        pytest.param(RegionalGroup, "GRULAC", "grulac", id="value_upper"),
        pytest.param(
            RegionalGroup,
            "latin american and caribbean group (grulac)",
            "grulac",
            id="long_label",
        ),
        pytest.param(StakeholderGroup, "Academia", None, id="unknown"),
    ],
)
def test_choice_value(choices, raw, value):
    assert choice_value(choices, raw) == value


@pytest.mark.parametrize(
    ("events", "overlapping"),
    [
        pytest.param(
            [entry("A", (9, 0), (10, 30), 1), entry("A", (10, 30), (12, 0), 2)],
            [],
            id="touching_ends_ok",
        ),
        pytest.param(
            [entry("A", (9, 0), (10, 30), 1), entry("B", (9, 0), (10, 30), 2)],
            [],
            id="other_room_ok",
        ),
        pytest.param(
            [entry("A", (9, 0), (10, 30), 1), entry("a", (10, 0), (11, 0), 2)],
            ["event 2"],
            id="room_names_in_any_case",
        ),
        pytest.param(
            [
                entry("A", (9, 0), (13, 0), 1),
                entry("A", (10, 0), (11, 0), 2),
                entry("A", (12, 0), (14, 0), 3),
            ],
            ["event 2", "event 3"],
            id="contained_then_overlapping_the_long_one",
        ),
        pytest.param(
            [entry("A", (9, 0), (10, 0), 1), entry("A", (9, 0), (10, 0), 2)],
            ["event 2"],
            id="exact",
        ),
    ],
)
def test_find_room_overlaps(events, overlapping):
    problems = find_room_overlaps(events)
    assert [problem.split(":")[0] for problem in problems] == overlapping


def test_find_room_overlaps_names_both_sessions():
    problems = find_room_overlaps(
        [entry("A", (9, 0), (10, 30), 1), entry("A", (10, 0), (11, 0), 2)]
    )
    assert problems == [
        'event 2: overlaps 00000000… ("S1") in the same room (10:00–11:00 and 09:00–10:30)'
    ]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        pytest.param(b"\xff\xfe{", "The file is not UTF-8 text.", id="not_utf8"),
        pytest.param(
            "{'schedule': {}}",
            "The file is not JSON (line 1, column 2: Expecting property name enclosed "
            "in double quotes).",
            id="single_quotes",
        ),
        pytest.param(
            "[1, 2]",
            "The file is JSON but not a c3voc schedule: it has no schedule.conference object.",
            id="a_list",
        ),
        pytest.param(
            '{"schedule": {"conference": "igf2031"}}',
            "The file is JSON but not a c3voc schedule: it has no schedule.conference object.",
            id="conference_not_an_object",
        ),
    ],
)
def test_load_schedule_refuses(raw, message):
    with pytest.raises(ScheduleNotReadable) as caught:
        load_schedule(raw)
    assert str(caught.value) == message


def test_load_schedule_accepts_a_byte_order_mark():
    raw = "\ufeff" + json.dumps(minimal())
    assert (
        load_schedule(raw.encode("utf-8"))["schedule"]["conference"]["acronym"]
        == "igf2031"
    )


def test_parse_schedule_reads_the_fixture():
    document = parse_schedule(fixture())

    conference = document.conference
    assert (
        conference.acronym,
        conference.title,
        conference.start_on,
        conference.end_on,
        conference.time_zone,
    ) == (
        "igf2031",
        "IGF 2031 Bergen",
        dt.date(2031, 6, 23),
        dt.date(2031, 6, 24),
        "Europe/Oslo",
    )
    assert [(room.name, room.capacity) for room in document.rooms] == [
        ("Plenary Hall", 2000),
        ("Workshop Room 1", None),
    ]
    main = document.events[1]
    assert (
        main.where,
        main.title,
        main.type_name,
        main.theme_name,
        main.room_name,
        main.start_at,
        main.end_at,
        main.duration_minutes,
        main.languages,
    ) == (
        'day 1, room "Plenary Hall", event 7f3c1a2b… ("Main session: digital trust")',
        "Main session: digital trust",
        "Main Session",
        "Digital trust and resilience",
        "Plenary Hall",
        dt.datetime(2031, 6, 23, 10, 30, tzinfo=OSLO),
        dt.datetime(2031, 6, 23, 12, 0, tzinfo=OSLO),
        90,
        ("en", "fr"),
    )
    assert [
        (p.name, p.role, p.presence, p.stakeholder_group, p.regional_group)
        for p in main.persons
    ] == [
        (
            "Kwame Mensah",
            PersonRole.SPEAKER,
            Presence.ONSITE,
            "civil_society",
            "african",
        ),
        (
            "Mei Chen",
            PersonRole.ONSITE_MODERATOR,
            Presence.ONSITE,
            "technical",
            "asia_pacific",
        ),
        (
            "Sofía Álvarez",
            PersonRole.ONLINE_MODERATOR,
            Presence.ONLINE,
            "civil_society",
            "grulac",
        ),
        ("Olga Ivanova", PersonRole.RAPPORTEUR, Presence.ONSITE, None, None),
    ]
    assert document.warnings == ()


def test_dates_come_from_the_days_when_the_conference_has_none():
    data = minimal(an_event())
    conference = data["schedule"]["conference"]
    del conference["start"], conference["end"]
    conference["days"].append({"index": 2, "date": "2031-06-26", "rooms": {}})

    document = parse_schedule(data)

    assert (document.conference.start_on, document.conference.end_on) == (
        dt.date(2031, 6, 23),
        dt.date(2031, 6, 26),
    )


def test_conference_dates_may_be_date_times():
    document = parse_schedule(
        minimal(start="2031-06-23T08:00:00+02:00", end="2031-06-27T23:30:00+02:00")
    )
    assert (document.conference.start_on, document.conference.end_on) == (
        dt.date(2031, 6, 23),
        dt.date(2031, 6, 27),
    )


def test_times_without_an_offset_are_in_the_conference_time_zone():
    document = parse_schedule(minimal(an_event(date="2031-06-23T09:00:00")))
    assert document.events[0].start_at.astimezone(dt.UTC) == dt.datetime(
        2031, 6, 23, 7, 0, tzinfo=dt.UTC
    )


def test_the_deprecated_start_is_read_on_the_day_when_date_is_missing():
    event = an_event(start="14:15")
    del event["date"]
    document = parse_schedule(minimal(event))
    assert document.events[0].start_at.astimezone(dt.UTC) == dt.datetime(
        2031, 6, 23, 12, 15, tzinfo=dt.UTC
    )


def test_end_may_replace_duration():
    event = an_event(end="2031-06-23T10:15:00+02:00")
    del event["duration"]
    assert parse_schedule(minimal(event)).events[0].duration_minutes == 75


def test_languages_outside_the_un_six_are_left_out_with_a_warning():
    document = parse_schedule(minimal(an_event(language="de/EN; ar")))
    assert document.events[0].languages == ("en", "ar")
    assert document.warnings == (
        'day 1, room "Room A", event 00000000… ("Session 1"): language "de" is not a UN '
        "language (ar, zh, en, fr, ru, es) and was left out",
    )


def test_a_person_without_a_role_is_a_speaker_and_public_name_is_a_name():
    document = parse_schedule(
        minimal(an_event(persons=[{"id": 3, "public_name": "Ola Nordmann"}]))
    )
    person = document.events[0].persons[0]
    assert (person.name, person.guid, person.role, person.organisation) == (
        "Ola Nordmann",
        None,
        PersonRole.SPEAKER,
        None,
    )


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        pytest.param(
            {"acronym": "IGF-2031"},
            'conference: acronym "IGF-2031" cannot be an edition acronym: Use lowercase '
            "letters, digits and underscores only, at least four characters, with no "
            "spaces — for example igf2025.",
            id="acronym",
        ),
        pytest.param({"title": "  "}, "conference: title is empty", id="empty_title"),
        pytest.param({"days": None}, "conference: days is missing", id="no_days"),
        pytest.param(
            {"days": {"1": []}}, "conference: days must be a list", id="days_not_a_list"
        ),
        pytest.param(
            {"start": "23.06.2031"},
            'conference: start "23.06.2031" is not a date (YYYY-MM-DD)',
            id="start_not_a_date",
        ),
        pytest.param(
            {"start": "2031-06-25", "end": "2031-06-23"},
            "conference: The last day cannot be before the first day.",
            id="end_before_start",
        ),
        pytest.param(
            {"start": None, "end": None, "days": []},
            "conference: start and end are missing and no day has a date",
            id="no_dates_at_all",
        ),
    ],
)
def test_conference_problems(change, problem):
    data = minimal()
    data["schedule"]["conference"].update(change)
    assert errors_of(data) == [problem]


DEFAULT_EVENT = '00000000… ("Session 1")'


@pytest.mark.parametrize(
    ("change", "event", "problem"),
    [
        pytest.param(
            {"guid": None}, '1 ("Session 1")', "guid is missing", id="no_guid"
        ),
        pytest.param(
            {"guid": "7f3c"},
            '7f3c ("Session 1")',
            'guid "7f3c" is not a UUID',
            id="bad_guid",
        ),
        pytest.param(
            {"title": 12}, "00000000…", "title must be text", id="title_not_text"
        ),
        pytest.param(
            {"title": "x" * 256},
            f'00000000… ("{"x" * 256}")',
            "title is longer than 255 characters",
            id="long_title",
        ),
        pytest.param({"type": None}, DEFAULT_EVENT, "type is missing", id="no_type"),
        pytest.param(
            {"room": "Room B"},
            DEFAULT_EVENT,
            'room "Room B" differs from the room it is listed under',
            id="room_differs",
        ),
        pytest.param(
            {"date": "2031-06-23 nine"},
            DEFAULT_EVENT,
            'date "2031-06-23 nine" is not an ISO 8601 date and time',
            id="bad_date",
        ),
        pytest.param(
            {"end": "2031-06-24T09:00:00+02:00", "duration": None},
            DEFAULT_EVENT,
            'it lasts 24 hours or more ("2031-06-23T09:00:00+02:00" to '
            '"2031-06-24T09:00:00+02:00")',
            id="end_a_day_later",
        ),
        pytest.param(
            {"end": "2031-06-23T09:00:00+02:00", "duration": None},
            DEFAULT_EVENT,
            'end "2031-06-23T09:00:00+02:00" is not after the start '
            '"2031-06-23T09:00:00+02:00"',
            id="end_equals_start",
        ),
        pytest.param(
            {"end": "2031-06-23T10:30:00+02:00"},
            DEFAULT_EVENT,
            'end "2031-06-23T10:30:00+02:00" does not match duration "01:00"',
            id="end_and_duration_differ",
        ),
        pytest.param(
            {"duration": None},
            DEFAULT_EVENT,
            "duration and end are both missing",
            id="no_end",
        ),
        pytest.param(
            {"persons": {"name": "A"}},
            DEFAULT_EVENT,
            "persons must be a list",
            id="persons_not_a_list",
        ),
        pytest.param(
            {"persons": ["Ann"]},
            DEFAULT_EVENT,
            "person 1 must be an object",
            id="person_not_an_object",
        ),
        pytest.param(
            {"persons": [{"guid": str(uuid.UUID(int=9))}]},
            DEFAULT_EVENT,
            "person 1 has no name or public_name",
            id="nameless",
        ),
    ],
)
def test_event_problems(change, event, problem):
    fields = an_event()
    for key, value in change.items():
        if value is None:
            del fields[key]
        else:
            fields[key] = value
    assert errors_of(minimal(fields)) == [
        f'day 1, room "Room A", event {event}: {problem}'
    ]


def test_naive_times_need_a_time_zone():
    data = minimal(an_event(date="2031-06-23T09:00:00"))
    del data["schedule"]["conference"]["time_zone_name"]
    assert errors_of(data) == [
        'day 1, room "Room A", event 00000000… ("Session 1"): date "2031-06-23T09:00:00" '
        "has no UTC offset and the conference has no time_zone_name"
    ]


def test_a_person_with_a_bad_guid_and_group_is_named():
    person = {"name": "Ann Lee", "guid": "ann", "regional_group": "Europe"}
    assert errors_of(minimal(an_event(persons=[person]))) == [
        'day 1, room "Room A", event 00000000… ("Session 1"), person "Ann Lee": guid "ann" '
        "is not a UUID",
        'day 1, room "Room A", event 00000000… ("Session 1"), person "Ann Lee": '
        'regional_group "Europe" is not one of african (African Group), asia_pacific '
        "(Asia-Pacific Group), eastern_european (Eastern European Group), grulac (Latin "
        "American and Caribbean Group (GRULAC)), weog (Western European and Others Group "
        "(WEOG)), intergovernmental (Intergovernmental Organizations)",
    ]


# --- applying -------------------------------------------------------------------------


@pytest.fixture
def edition(home_page):
    return ForumEditionPageFactory(slug="igf2031", year=2031, time_zone="Europe/Oslo")


@pytest.mark.django_db
def test_import_refuses_to_move_a_cancelled_session(edition):
    room = RoomFactory(edition=edition, name="Room A")
    workshop = SessionTypeFactory(edition=edition, name="Workshop", prefix="WS")
    session = SessionPageFactory(session_type=workshop, status=SessionStatus.CANCELLED)
    PlacementFactory(session=session, room=room)

    with pytest.raises(ScheduleInvalid) as caught:
        import_schedule(
            document=parse_schedule(minimal(an_event(guid=str(session.guid))))
        )

    assert caught.value.errors == [
        f'day 1, room "Room A", event {str(session.guid)[:8]}… ("Session 1"): Only '
        "accepted or scheduled sessions can be placed; this session is “Cancelled”."
    ]


@pytest.mark.django_db
def test_import_places_an_accepted_session_and_schedules_it(edition):
    RoomFactory(edition=edition, name="Room A")
    workshop = SessionTypeFactory(
        edition=edition, name="Workshop", prefix="WS", allowed_durations=[60]
    )
    session = SessionPageFactory(
        session_type=workshop, title="Session 1", description=""
    )
    before = clock_ms()

    report = import_schedule(
        document=parse_schedule(minimal(an_event(guid=str(session.guid))))
    )

    after = clock_ms()
    session.refresh_from_db()
    assert (session.status, session.placement.start_at) == (
        SessionStatus.SCHEDULED,
        dt.datetime(2031, 6, 23, 7, 0, tzinfo=dt.UTC),
    )
    # A new placement: its version starts from the clock.
    assert before <= session.placement.version <= after
    assert (report.sessions_unchanged, report.placements_created, report.warnings) == (
        1,
        1,
        [],
    )

    # A later content change keeps the status the placement gave it (no revision has it).
    renamed = an_event(guid=str(session.guid), title="Session 1, renamed")
    import_schedule(document=parse_schedule(minimal(renamed)))

    session.refresh_from_db()
    assert (session.title, session.status) == (
        "Session 1, renamed",
        SessionStatus.SCHEDULED,
    )


@pytest.mark.django_db
def test_import_keeps_the_session_type_and_says_so(edition):
    RoomFactory(edition=edition, name="Room A")
    open_forum = SessionTypeFactory(
        edition=edition, name="Open Forum", prefix="OF", allowed_durations=[60]
    )
    SessionTypeFactory(
        edition=edition, name="Workshop", prefix="WS", allowed_durations=[60]
    )
    session = SessionPageFactory(
        session_type=open_forum, title="Session 1", description=""
    )

    report = import_schedule(
        document=parse_schedule(minimal(an_event(guid=str(session.guid))))
    )

    assert SessionPage.objects.get(pk=session.pk).code == "OF #1"
    assert report.warnings == [
        f'day 1, room "Room A", event {str(session.guid)[:8]}… ("Session 1"): type '
        '"Workshop" differs from the session\'s type "Open Forum", which was kept'
    ]


@pytest.mark.django_db
def test_import_updates_the_draft_of_a_live_session_and_keeps_presence(edition):
    room = RoomFactory(edition=edition, name="Room A")
    workshop = SessionTypeFactory(
        edition=edition, name="Workshop", prefix="WS", allowed_durations=[60]
    )
    speaker = PersonFactory(name="Ann Lee")
    session = SessionPageFactory(
        session_type=workshop,
        title="Session 1",
        status=SessionStatus.SCHEDULED,
        participants=[ParticipantSpec(person=speaker, presence=Presence.ONLINE)],
    )
    placement = PlacementFactory(
        session=session,
        room=room,
        start_at=dt.datetime(2031, 6, 23, 7, 0, tzinfo=dt.UTC),
    )
    session.get_latest_revision().publish()
    session.refresh_from_db()
    # An organizer's pending edit: the import must build on it, not on the public copy.
    update_session_content(
        session=session.get_latest_revision_as_object(), description="Draft text"
    )
    other = {"guid": str(uuid.UUID(int=42)), "name": "Bo Chen"}

    report = import_schedule(
        document=parse_schedule(
            minimal(
                an_event(
                    guid=str(session.guid),
                    title="Session 1, renamed",
                    abstract="Draft text",
                    persons=[{"name": "Ann Lee"}, other],
                )
            )
        )
    )

    session.refresh_from_db()
    latest = session.get_latest_revision_as_object()
    assert (session.title, latest.title, latest.description) == (
        "Session 1",  # the public copy waits for the next release
        "Session 1, renamed",
        "Draft text",
    )
    assert [(p.person.name, p.presence) for p in latest.participants.all()] == [
        ("Ann Lee", Presence.ONLINE),
        ("Bo Chen", Presence.ONSITE),
    ]
    # Same place: untouched.
    assert Placement.objects.get(session=session).version == placement.version
    assert report.sessions_updated == ["WS #1 “Session 1, renamed”"]


@pytest.mark.django_db
def test_a_new_edition_needs_a_time_zone(home_page):
    data = minimal(an_event())
    del data["schedule"]["conference"]["time_zone_name"]

    with pytest.raises(ScheduleInvalid) as caught:
        import_schedule(document=parse_schedule(data))

    assert caught.value.errors == [
        'conference: time_zone_name is missing: it is needed to create the edition "igf2031"'
    ]


@pytest.mark.django_db
def test_a_new_edition_cannot_take_the_address_of_another_page(home_page):
    home_page.add_child(instance=StandardPage(title="About IGF 2031", slug="igf2031"))

    with pytest.raises(ScheduleInvalid) as caught:
        import_schedule(document=parse_schedule(minimal(an_event())))

    assert caught.value.errors == [
        'conference: acronym "igf2031" is already the address of the page "About IGF '
        '2031", so the edition cannot be created'
    ]


@pytest.mark.django_db
def test_a_name_shared_by_several_people_is_settled_by_organisation(edition):
    PersonFactory(name="Ann Lee", organisation="ISOC")
    itu = PersonFactory(name="Ann Lee", organisation="ITU")
    event = an_event(persons=[{"name": "ann lee", "organization": "itu"}])

    report = import_schedule(document=parse_schedule(minimal(event)))

    assert SessionPage.objects.get().participants.get().person == itu
    assert [w for w in report.warnings if "Ann Lee" in w] == []


@pytest.mark.django_db
def test_a_name_shared_by_several_people_takes_the_first_with_a_warning(edition):
    isoc = PersonFactory(name="Ann Lee", organisation="ISOC")
    PersonFactory(name="Ann Lee", organisation="ITU")
    event = an_event(persons=[{"name": "Ann Lee"}])

    report = import_schedule(document=parse_schedule(minimal(event)))

    assert SessionPage.objects.get().participants.get().person == isoc
    assert [w for w in report.warnings if "Ann Lee" in w] == [
        f'person "Ann Lee" matches 2 people by name; the one with guid {isoc.guid} was '
        "used (give a guid to choose)"
    ]
