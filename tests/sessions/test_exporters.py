"""frab XML and c3voc JSON builders: plain values in, documents that the published
schemas accept out (no database)."""

import dataclasses
import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from defusedxml.ElementTree import fromstring

from cms.models import ForumEditionPage
from igfplus.enums import RegionalGroup, StakeholderGroup
from sessions.enums import Delivery, DiscussionFormat, PersonRole, Presence
from sessions.exporters import (
    c3voc_json,
    clean,
    event_id,
    event_slug,
    export_schedule,
    frab_xml,
    room_guid,
)
from sessions.models import Release, Room
from sessions.selectors import PublicPerson, PublicSchedule, PublicSession

SCHEMAS = Path(__file__).parents[1] / "fixtures" / "schemas"
SITE = "https://igf.example"
PROGRAMME = "/igf2030/programme/"
# Markup, quotes, right-to-left and CJK text, emoji and control characters.
HOSTILE = "A <b>&amp;</b> \"quoted\" 'title' ]]> العربية 中文 🌍\x00\x07\x1b\ufffe"
HOSTILE_CLEAN = "A <b>&amp;</b> \"quoted\" 'title' ]]> العربية 中文 🌍"


@pytest.fixture(scope="module")
def c3voc_schema() -> jsonschema.Draft6Validator:
    schema = json.loads((SCHEMAS / "c3voc-schedule.schema.json").read_text("utf-8"))
    jsonschema.Draft6Validator.check_schema(schema)
    return jsonschema.Draft6Validator(
        schema, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER
    )


@pytest.fixture(scope="module")
def frab_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(SCHEMAS / "frab-schedule.xml.xsd")


def json_errors(validator, raw: bytes) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(json.loads(raw))
    ]


def xml_errors(schema, raw: bytes) -> list[str]:
    return [str(error.reason) for error in schema.iter_errors(raw.decode("utf-8"))]


def an_edition(**fields) -> ForumEditionPage:
    values = {
        "id": 1,  # an unsaved page would look its content type up in the database
        "title": "IGF 2030",
        "slug": "igf2030",
        "year": 2030,
        "start_on": dt.date(2030, 6, 23),
        "end_on": dt.date(2030, 6, 25),
        "time_zone": "Europe/Zurich",
        "overarching_theme": "An Internet for all",
    }
    return ForumEditionPage(**{**values, **fields})


def a_person(n: int = 1, **fields) -> PublicPerson:
    values = {
        "guid": f"00000000-0000-4000-8000-{n:012d}",
        "name": f"Person {n}",
        "organisation": "ISOC",
        "stakeholder_group": StakeholderGroup.TECHNICAL,
        "regional_group": RegionalGroup.WEOG,
        "role": PersonRole.SPEAKER,
        "presence": Presence.ONSITE,
    }
    return PublicPerson(**{**values, **fields})


def a_session(n: int = 1, *, edition=None, day=1, hour=10, minutes=60, **fields):
    """Workshop WS #n in room 1, on day ``day`` of the edition at ``hour`` local time."""
    edition = edition or an_edition()
    start = dt.datetime.combine(
        edition.start_on + dt.timedelta(days=day - 1),
        dt.time(hour),
        tzinfo=edition.tzinfo,
    ).astimezone(dt.UTC)
    values = {
        "session_id": n,
        "guid": f"10000000-0000-4000-8000-{n:012d}",
        "code": f"WS #{n}",
        "number": n,
        "title": f"Session {n}",
        "slug": f"ws-{n}",
        "url": f"{PROGRAMME}ws-{n}/",
        "status": "scheduled",
        "type_id": 1,
        "type_name": "Workshop",
        "type_prefix": "WS",
        "track": "",
        "theme_id": 1,
        "theme_name": "Trust",
        "description": "What it is about.",
        "policy_questions": (),
        "discussion_format": DiscussionFormat.PANEL,
        "languages": ("en",),
        "delivery": Delivery.HYBRID,
        "online_participation": "",
        "room_id": 1,
        "room_name": "Room 1",
        "start_at": start,
        "end_at": start + dt.timedelta(minutes=minutes),
        "sequence": 0,
        "changed_at": dt.datetime(2030, 5, 1, tzinfo=dt.UTC),
        "people": (a_person(n),),
    }
    return PublicSession(**{**values, **fields})


def a_schedule(*sessions, edition=None, rooms=None, number=3) -> PublicSchedule:
    edition = edition or an_edition()
    release = Release(
        number=number, released_at=dt.datetime(2030, 5, 1, 12, tzinfo=dt.UTC)
    )
    schedule = PublicSchedule(edition=edition, release=release, sessions=list(sessions))
    # The edition's rooms are read on first use; set here, no database is needed.
    schedule.__dict__["rooms"] = (
        rooms
        if rooms is not None
        else [Room(pk=1, name="Room 1", capacity=300, sort_order=1)]
    )
    return schedule


def as_json(schedule: PublicSchedule) -> dict:
    return json.loads(c3voc_json(schedule, site_url=SITE, programme_url=PROGRAMME))


def as_xml(schedule: PublicSchedule) -> ET.Element:
    return fromstring(frab_xml(schedule, site_url=SITE, programme_url=PROGRAMME))


def events_of(data: dict) -> list[dict]:
    return [
        event
        for day in data["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    ]


def hostile_schedule() -> PublicSchedule:
    rooms = [
        Room(pk=1, name="Room 1", capacity=300, sort_order=1),
        Room(pk=2, name='Salle "A" & <B>\x0b', capacity=40, sort_order=2),
    ]
    return a_schedule(
        a_session(
            1,
            title=HOSTILE,
            description=f"{HOSTILE}\nSecond line.\r\n",
            theme_name=HOSTILE,
            type_name="Workshop & <talk>",
            languages=("ar", "zh"),
            people=(
                a_person(1, name=HOSTILE, organisation="Ünïcødé & <Co>"),
                a_person(2, role=PersonRole.ONLINE_MODERATOR, presence="online"),
            ),
        ),
        a_session(2, room_id=2, room_name='Salle "A" & <B>\x0b', hour=14),
        rooms=rooms,
    )


# --- validity ------------------------------------------------------------------------


def test_c3voc_json_with_hostile_text_is_valid(c3voc_schema):
    raw = c3voc_json(hostile_schedule(), site_url=SITE, programme_url=PROGRAMME)

    assert json_errors(c3voc_schema, raw) == []
    assert raw.decode("utf-8")  # UTF-8, not ASCII escapes
    assert "العربية 中文 🌍" in raw.decode("utf-8")


def test_frab_xml_with_hostile_text_is_valid(frab_schema):
    raw = frab_xml(hostile_schedule(), site_url=SITE, programme_url=PROGRAMME)

    assert xml_errors(frab_schema, raw) == []
    assert raw.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<schedule>")


def test_the_schema_checks_are_live(c3voc_schema, frab_schema):
    # An uppercase acronym breaks both schemas: the validators do look.
    schedule = a_schedule(a_session(1), edition=an_edition(slug="IGF2030"))

    raw_json = c3voc_json(schedule, site_url=SITE, programme_url=PROGRAMME)
    raw_xml = frab_xml(schedule, site_url=SITE, programme_url=PROGRAMME)

    assert json_errors(c3voc_schema, raw_json) == [
        "schedule/conference/acronym: 'IGF2030' does not match "
        "'^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$'",
        "schedule/conference/days/0/rooms/Room 1/0/slug: 'IGF2030-ws-1' does not "
        "match '^[a-z0-9_-]+[a-z0-9]$'",
    ]
    assert len(xml_errors(frab_schema, raw_xml)) == 2


def test_hostile_text_reads_back_as_written_without_control_characters():
    data = as_json(hostile_schedule())
    event = events_of(data)[0]
    xml_event = as_xml(hostile_schedule()).find("day/room/event")

    assert (event["title"], event["track"], event["type"]) == (
        HOSTILE_CLEAN,
        HOSTILE_CLEAN,
        "Workshop & <talk>",
    )
    assert event["abstract"] == f"{HOSTILE_CLEAN}\nSecond line."
    assert event["persons"][0]["name"] == HOSTILE_CLEAN
    assert event["persons"][0]["organization"] == "Ünïcødé & <Co>"
    assert (
        xml_event.findtext("title"),
        xml_event.findtext("track"),
        xml_event.findtext("persons/person"),
    ) == (HOSTILE_CLEAN, HOSTILE_CLEAN, HOSTILE_CLEAN)
    rooms = data["schedule"]["conference"]["rooms"]
    assert [room["name"] for room in rooms] == ["Room 1", 'Salle "A" & <B>']
    assert [
        room.get("name") for room in as_xml(hostile_schedule()).findall("day/room")
    ][:2] == ["Room 1", 'Salle "A" & <B>']


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        pytest.param("  plain  ", "plain", id="surrounding_whitespace"),
        pytest.param("a\tb\nc\r\nd", "a\tb\nc\r\nd", id="tabs_and_newlines_kept"),
        pytest.param("a\x00b\x08c\x0bd\x0ce\x1ff", "abcdef", id="control_characters"),
        pytest.param("a\ud800b", "ab", id="lone_surrogate"),
        pytest.param("a\ufffeb\uffff", "ab", id="non_characters"),
        pytest.param("ok 🌍 \U0010fffd", "ok 🌍 \U0010fffd", id="astral_kept"),
        pytest.param(None, "", id="none"),
    ],
)
def test_clean(text, cleaned):
    assert clean(text) == cleaned


def test_an_empty_release_is_still_a_valid_document(c3voc_schema, frab_schema):
    schedule = a_schedule(rooms=[])

    data = as_json(schedule)
    raw_xml = frab_xml(schedule, site_url=SITE, programme_url=PROGRAMME)

    assert json_errors(c3voc_schema, json.dumps(data).encode()) == []
    assert xml_errors(frab_schema, raw_xml) == []
    assert [day["rooms"] for day in data["schedule"]["conference"]["days"]] == [
        {},
        {},
        {},
    ]


# --- what the documents say --------------------------------------------------------------


def test_conference_fields():
    data = as_json(a_schedule(a_session(1)))

    conference = data["schedule"]["conference"]
    assert data["schedule"]["version"] == "3"
    assert data["$schema"] == "https://c3voc.de/schedule/schema.json"
    assert {key: value for key, value in conference.items() if key != "days"} == {
        "acronym": "igf2030",
        "title": "IGF 2030",
        "description": "An Internet for all",
        "start": "2030-06-23",
        "end": "2030-06-25",
        "daysCount": 3,
        "timeslot_duration": "00:15",
        "time_zone_name": "Europe/Zurich",
        "url": "https://igf.example/igf2030/programme/",
        "rooms": [
            {"name": "Room 1", "guid": room_guid("igf2030", "Room 1"), "capacity": 300}
        ],
        "meta": {"session_types": [{"name": "Workshop", "prefix": "WS"}]},
    }


def test_event_fields():
    session = a_session(
        7, languages=("en", "fr"), hour=9, minutes=90, title="  Data flows  "
    )

    (event,) = events_of(as_json(a_schedule(session)))

    assert event == {
        "guid": "10000000-0000-4000-8000-000000000007",
        "id": event_id("10000000-0000-4000-8000-000000000007"),
        "date": "2030-06-23T09:00:00+02:00",
        "start": "09:00",
        "end": "2030-06-23T10:30:00+02:00",
        "duration": "01:30",
        "room": "Room 1",
        "slug": "igf2030-ws-7",
        "url": "https://igf.example/igf2030/programme/ws-7/",
        "title": "Data flows",
        "subtitle": "",
        "track": "Trust",
        "type": "Workshop",
        "language": "en, fr",
        "abstract": "What it is about.",
        "description": "Delivery: hybrid",
        "persons": [
            {
                "name": "Person 7",
                "guid": "00000000-0000-4000-8000-000000000007",
                "organization": "ISOC",
                "stakeholder_group": "technical",
                "regional_group": "weog",
                "role": "speaker",
                "presence": "onsite",
            }
        ],
        "links": [],
    }


def test_xml_event_fields():
    session = a_session(7, languages=("en", "fr"), hour=9, minutes=90)

    event = as_xml(a_schedule(session)).find("day/room/event")

    assert event.attrib == {
        "guid": "10000000-0000-4000-8000-000000000007",
        "id": str(event_id("10000000-0000-4000-8000-000000000007")),
    }
    assert [(child.tag, child.text or "") for child in event] == [
        ("room", "Room 1"),
        ("title", "Session 7"),
        ("subtitle", ""),
        ("type", "Workshop"),
        ("date", "2030-06-23T09:00:00+02:00"),
        ("start", "09:00"),
        ("duration", "01:30"),
        ("abstract", "What it is about."),
        ("slug", "igf2030-ws-7"),
        ("track", "Trust"),
        ("persons", ""),
        ("language", "en, fr"),
        ("description", "Delivery: hybrid"),
        ("url", "https://igf.example/igf2030/programme/ws-7/"),
    ]
    assert [
        (person.get("guid"), person.text) for person in event.findall("persons/person")
    ] == [("00000000-0000-4000-8000-000000000007", "Person 7")]


def test_xml_lists_a_person_with_two_roles_once():
    people = (
        a_person(1),
        a_person(2),
        a_person(1, role=PersonRole.ONSITE_MODERATOR),
    )
    schedule = a_schedule(a_session(1, people=people))

    xml_people = as_xml(schedule).findall("day/room/event/persons/person")
    (event,) = events_of(as_json(schedule))

    assert [person.text for person in xml_people] == ["Person 1", "Person 2"]
    assert [(p["name"], p["role"]) for p in event["persons"]] == [
        ("Person 1", "speaker"),
        ("Person 2", "speaker"),
        ("Person 1", "onsite_moderator"),
    ]


def test_people_carry_only_public_fields_and_leave_out_empty_ones():
    people = (
        a_person(1, organisation="", stakeholder_group="", regional_group=""),
        a_person(2, role=PersonRole.RAPPORTEUR, presence=Presence.ONLINE),
        a_person(3, name=" \x07 "),  # nothing left to show
    )

    (event,) = events_of(as_json(a_schedule(a_session(1, people=people))))

    assert event["persons"] == [
        {
            "name": "Person 1",
            "guid": "00000000-0000-4000-8000-000000000001",
            "role": "speaker",
            "presence": "onsite",
        },
        {
            "name": "Person 2",
            "guid": "00000000-0000-4000-8000-000000000002",
            "organization": "ISOC",
            "stakeholder_group": "technical",
            "regional_group": "weog",
            "role": "rapporteur",
            "presence": "online",
        },
    ]


def test_no_public_person_field_can_hold_an_email_or_gender():
    # What the exporter sees of a person is the selector's PublicPerson: nothing else.
    assert [f.name for f in dataclasses.fields(PublicPerson)] == [
        "guid",
        "name",
        "organisation",
        "stakeholder_group",
        "regional_group",
        "role",
        "presence",
    ]


@pytest.mark.parametrize(
    ("minutes", "duration"),
    [
        pytest.param(20, "00:20", id="short"),
        pytest.param(60, "01:00", id="hour"),
        pytest.param(90, "01:30", id="hour_and_a_half"),
        pytest.param(600, "10:00", id="two_digit_hours"),
    ],
)
def test_durations_are_hh_mm(minutes, duration, c3voc_schema, frab_schema):
    schedule = a_schedule(a_session(1, hour=8, minutes=minutes))

    (event,) = events_of(as_json(schedule))

    assert event["duration"] == duration
    assert as_xml(schedule).findtext("day/room/event/duration") == duration
    raw_json = c3voc_json(schedule, site_url=SITE, programme_url=PROGRAMME)
    assert json_errors(c3voc_schema, raw_json) == []


def test_seconds_are_dropped_so_start_end_and_duration_agree():
    session = a_session(1, minutes=45)
    session = dataclasses.replace(
        session,
        start_at=session.start_at + dt.timedelta(seconds=20, microseconds=5),
        end_at=session.end_at + dt.timedelta(seconds=50),
    )

    (event,) = events_of(as_json(a_schedule(session)))

    assert (event["date"], event["end"], event["duration"]) == (
        "2030-06-23T10:00:00+02:00",
        "2030-06-23T10:45:00+02:00",
        "00:45",
    )


@pytest.mark.parametrize(
    ("time_zone", "start_on", "dates"),
    [
        pytest.param(
            "Europe/Zurich",
            dt.date(2030, 6, 23),
            ["2030-06-23T10:00:00+02:00", "2030-06-24T10:00:00+02:00"],
            id="summer_time",
        ),
        pytest.param(
            "Asia/Riyadh",
            dt.date(2030, 12, 8),
            ["2030-12-08T10:00:00+03:00", "2030-12-09T10:00:00+03:00"],
            id="east_of_utc",
        ),
        pytest.param(
            "America/Sao_Paulo",
            dt.date(2030, 11, 4),
            ["2030-11-04T10:00:00-03:00", "2030-11-05T10:00:00-03:00"],
            id="west_of_utc",
        ),
        pytest.param(
            "Europe/Oslo",
            dt.date(2030, 10, 26),
            ["2030-10-26T10:00:00+02:00", "2030-10-27T10:00:00+01:00"],
            id="across_the_end_of_summer_time",
        ),
    ],
)
def test_dates_carry_the_edition_offset(time_zone, start_on, dates):
    edition = an_edition(
        time_zone=time_zone, start_on=start_on, end_on=start_on + dt.timedelta(days=1)
    )
    schedule = a_schedule(
        a_session(1, edition=edition, day=1),
        a_session(2, edition=edition, day=2),
        edition=edition,
    )

    data = as_json(schedule)

    assert data["schedule"]["conference"]["time_zone_name"] == time_zone
    assert [event["date"] for event in events_of(data)] == dates
    assert [event.findtext("date") for event in as_xml(schedule).iter("event")] == dates


def test_days_are_local_calendar_days_with_every_room():
    rooms = [
        Room(pk=1, name="Room 1", capacity=300, sort_order=1),
        Room(pk=2, name="Room 2", capacity=80, sort_order=2),
        Room(pk=3, name="Unused", capacity=10, sort_order=3),
    ]
    edition = an_edition(
        time_zone="Europe/Oslo",
        start_on=dt.date(2030, 10, 26),
        end_on=dt.date(2030, 10, 28),
    )
    schedule = a_schedule(
        a_session(1, edition=edition, day=1, hour=14),
        a_session(2, edition=edition, day=1, hour=9, room_id=2, room_name="Room 2"),
        a_session(3, edition=edition, day=4, hour=9),  # after the last day
        edition=edition,
        rooms=rooms,
    )

    days = as_json(schedule)["schedule"]["conference"]["days"]

    assert [
        (
            day["index"],
            day["date"],
            day["day_start"],
            day["day_end"],
            {
                room: [e["title"] for e in events]
                for room, events in day["rooms"].items()
            },
        )
        for day in days
    ] == [
        (
            1,
            "2030-10-26",
            "2030-10-26T00:00:00+02:00",
            "2030-10-27T00:00:00+02:00",
            {"Room 1": ["Session 1"], "Room 2": ["Session 2"]},
        ),
        (
            2,
            "2030-10-27",
            "2030-10-27T00:00:00+02:00",
            "2030-10-28T00:00:00+01:00",
            {"Room 1": [], "Room 2": []},
        ),
        (
            3,
            "2030-10-28",
            "2030-10-28T00:00:00+01:00",
            "2030-10-29T00:00:00+01:00",
            {"Room 1": [], "Room 2": []},
        ),
        (
            4,
            "2030-10-29",
            "2030-10-29T00:00:00+01:00",
            "2030-10-30T00:00:00+01:00",
            {"Room 1": ["Session 3"], "Room 2": []},
        ),
    ]
    assert as_json(schedule)["schedule"]["conference"]["daysCount"] == 4
    assert as_xml(schedule).findtext("conference/days") == "4"


def test_a_room_lists_its_events_by_time():
    schedule = a_schedule(
        a_session(3, hour=15), a_session(1, hour=9), a_session(2, hour=11)
    )

    assert [event["title"] for event in events_of(as_json(schedule))] == [
        "Session 1",
        "Session 2",
        "Session 3",
    ]


def test_cancelled_and_unplaced_sessions_are_left_out():
    schedule = a_schedule(
        a_session(1),
        a_session(2, status="cancelled", hour=12),
        a_session(3, room_id=None, room_name="", hour=14),
        a_session(4, start_at=None, end_at=None),
    )

    assert [event["title"] for event in events_of(as_json(schedule))] == ["Session 1"]
    assert [event.findtext("title") for event in as_xml(schedule).iter("event")] == [
        "Session 1"
    ]


def test_session_types_are_listed_by_first_appearance():
    schedule = a_schedule(
        a_session(1, hour=15),
        a_session(2, hour=9, type_name="Day 0 Event", type_prefix="D0", code="D0 #2"),
        a_session(3, hour=11, type_name="workshop"),  # the same type for the importer
    )

    meta = as_json(schedule)["schedule"]["conference"]["meta"]

    assert meta == {
        "session_types": [
            {"name": "Day 0 Event", "prefix": "D0"},
            {"name": "workshop", "prefix": "WS"},
        ]
    }


def test_an_empty_title_falls_back_to_the_code():
    (event,) = events_of(as_json(a_schedule(a_session(4, title="\x07 "))))
    assert event["title"] == "WS #4"


def test_no_language_is_null_in_json_and_absent_in_xml():
    schedule = a_schedule(a_session(1, languages=(), theme_name=""))

    (event,) = events_of(as_json(schedule))
    xml_event = as_xml(schedule).find("day/room/event")

    assert (event["language"], event["track"]) == (None, None)
    assert (xml_event.find("language"), xml_event.findtext("track")) == (None, "")


# --- identifiers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "number", "slug"),
    [
        pytest.param("WS", 12, "igf2030-ws-12", id="workshop"),
        pytest.param("D0", 3, "igf2030-d0-3", id="prefix_ending_in_a_digit"),
        pytest.param("NRIM", 1, "igf2030-nrim-1", id="long_prefix"),
        pytest.param("W", 1, "igf2030-w-01", id="padded_to_four_characters"),
        pytest.param("W", 10, "igf2030-w-10", id="four_characters_unpadded"),
        pytest.param("", 5, "igf2030-session-5", id="no_prefix"),
        pytest.param("É.S", 2, "igf2030-es-2", id="accents_and_dots"),
    ],
)
def test_event_slug(prefix, number, slug):
    assert event_slug("igf2030", prefix, number) == slug


@pytest.mark.parametrize(
    ("guid", "number"),
    [
        pytest.param("00000000-0000-0000-0000-000000000000", 1, id="zero"),
        pytest.param("00000001-ffff-ffff-ffff-ffffffffffff", 2, id="first_bits_only"),
        pytest.param("7ffffffe-0000-0000-0000-000000000000", 2**31 - 1, id="largest"),
        pytest.param("ffffffff-0000-0000-0000-000000000000", 2, id="wraps"),
    ],
)
def test_event_id_is_a_positive_31_bit_integer_from_the_guid(guid, number):
    assert event_id(guid) == number


def test_ids_and_slugs_stay_unique_when_their_sources_collide(frab_schema):
    schedule = a_schedule(
        a_session(1, guid="abcdef01-0000-4000-8000-000000000001", hour=9),
        a_session(
            2,
            guid="abcdef01-0000-4000-8000-000000000002",
            hour=11,
            type_prefix="W.S",
            number=1,
        ),
    )

    events = events_of(as_json(schedule))

    first = event_id("abcdef01-0000-4000-8000-000000000001")
    assert [(event["id"], event["slug"]) for event in events] == [
        (first, "igf2030-ws-1"),
        (first + 1, "igf2030-ws-1-abcdef01"),
    ]
    raw = frab_xml(schedule, site_url=SITE, programme_url=PROGRAMME)
    assert xml_errors(frab_schema, raw) == []


def test_room_guids_depend_on_the_edition_and_the_name_only():
    assert room_guid("igf2030", "Room 1") == room_guid("igf2030", "Room 1")
    assert room_guid("igf2030", "Room 1") != room_guid("igf2031", "Room 1")
    assert room_guid("igf2030", "Room 1") != room_guid("igf2030", "Room 2")


def test_both_formats_describe_the_same_events():
    schedule = hostile_schedule()

    document = export_schedule(schedule, site_url=SITE, programme_url=PROGRAMME)
    from_json = [
        (e["guid"], e["id"], e["slug"], e["date"], e["room"])
        for e in events_of(as_json(schedule))
    ]
    from_xml = [
        (
            e.get("guid"),
            int(e.get("id")),
            e.findtext("slug"),
            e.findtext("date"),
            e.findtext("room"),
        )
        for e in as_xml(schedule).iter("event")
    ]

    assert from_json == from_xml
    assert len(from_json) == len(document.events) == 2
