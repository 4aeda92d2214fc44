import datetime as dt
import zoneinfo

import pytest

from sessions.enums import PersonRole, Presence, SessionStatus
from sessions.selectors import PublicPerson, PublicSession
from sessions.services.booklet import (
    BookletQuery,
    booklet_contents,
    booklet_days,
    name_sort_key,
    people_by_role,
    select_sessions,
    speaker_index,
    text_direction,
)

ZURICH = zoneinfo.ZoneInfo("Europe/Zurich")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """An aware UTC instant: ``hour:minute`` Zurich time on 23 June 2030 + ``day``."""
    local = dt.datetime(2030, 6, 23, hour, minute, tzinfo=ZURICH) + dt.timedelta(
        days=day
    )
    return local.astimezone(dt.UTC)


def person(name, role=PersonRole.SPEAKER, guid=None, organisation="") -> PublicPerson:
    return PublicPerson(
        guid=guid or f"guid-{name}",
        name=name,
        organisation=organisation,
        stakeholder_group="",
        regional_group="",
        role=role,
        presence=Presence.ONSITE,
    )


def session(number, start=None, minutes=60, people=(), **values) -> PublicSession:
    fields = {
        "session_id": number,
        "guid": f"session-{number}",
        "code": f"WS #{number}",
        "number": number,
        "title": f"Session {number}",
        "slug": f"ws-{number}",
        "url": f"/igf2030/programme/ws-{number}/",
        "status": SessionStatus.SCHEDULED,
        "type_id": 1,
        "type_name": "Workshop",
        "type_prefix": "WS",
        "track": "",
        "theme_id": None,
        "theme_name": "",
        "description": "",
        "policy_questions": (),
        "discussion_format": "panel",
        "languages": ("en",),
        "delivery": "onsite",
        "online_participation": "",
        "room_id": 1,
        "room_name": "Room A",
        "start_at": start,
        "end_at": start + dt.timedelta(minutes=minutes) if start else None,
        "sequence": 0,
        "changed_at": dt.datetime(2030, 6, 1, tzinfo=dt.UTC),
        "people": tuple(people),
    }
    fields.update(values)
    return PublicSession(**fields)


# --- BookletQuery ----------------------------------------------------------------------


def test_query_normalises_filters_so_equal_selections_share_a_key():
    messy = BookletQuery.build({"track": "youth", "q": "  data   flows ", "theme": 3})
    tidy = BookletQuery.build({"theme": "3", "q": "data flows", "track": "youth"})

    assert messy == tidy
    assert messy.query_string == "q=data+flows&theme=3&track=youth"
    assert messy.key == tidy.key
    assert len(messy.key) == 64


def test_query_drops_empty_filters():
    query = BookletQuery.build({"q": " ", "theme": None, "room": ""})
    assert query == BookletQuery()
    assert query.is_whole_programme
    assert query.query_string == ""


def test_query_refuses_an_unknown_filter():
    with pytest.raises(ValueError, match="Not a programme filter: 'colour'"):
        BookletQuery.build({"colour": "red"})


def test_query_round_trips_through_its_query_string():
    query = BookletQuery.build(
        {"room": 4, "language": "fr"},
        day=dt.date(2030, 6, 24),
        session_ids=[9, 3, 3],
    )
    assert (
        query.query_string == "day=2030-06-24&language=fr&mine=1&room=4&sessions=3%2C9"
    )
    assert BookletQuery.parse(query.query_string) == query
    assert query.session_ids == (3, 9)
    assert query.is_mine


def test_an_empty_agenda_is_still_an_agenda():
    query = BookletQuery.build({}, session_ids=[])
    assert query.is_mine
    assert BookletQuery.parse(query.query_string) == query
    assert query.key != BookletQuery().key


def test_stars_change_the_key():
    first = BookletQuery.build({}, session_ids=[1, 2])
    second = BookletQuery.build({}, session_ids=[1, 2, 3])
    assert first.key != second.key


@pytest.mark.parametrize(
    ("query", "language", "expected"),
    [
        pytest.param(BookletQuery(), "", "igf2030-programme-v3.pdf", id="whole"),
        pytest.param(
            BookletQuery(day=dt.date(2030, 6, 24)),
            "",
            "igf2030-programme-v3-2030-06-24.pdf",
            id="day",
        ),
        pytest.param(
            BookletQuery.build({"theme": 2}, session_ids=[1]),
            "ar",
            "igf2030-programme-v3-my-agenda-selection-ar.pdf",
            id="mine_filtered_arabic",
        ),
    ],
)
def test_query_filename(query, language, expected):
    assert query.filename(acronym="igf2030", version=3, language=language) == expected


# --- Selecting and grouping ------------------------------------------------------------


def test_select_sessions_by_local_day():
    # 00:30 in Zurich on the 24th is still the 23rd in UTC: the local day counts.
    just_after_midnight = session(1, at(1, 0, 30))
    late = session(2, at(0, 23, 30))
    undated = session(3)

    on_24th = select_sessions(
        [just_after_midnight, late, undated], zone=ZURICH, day=dt.date(2030, 6, 24)
    )

    assert just_after_midnight.start_at.date() == dt.date(2030, 6, 23)
    assert on_24th == [just_after_midnight]


def test_select_sessions_by_ids_keeps_order_and_empty_means_none():
    sessions = [session(1, at(0, 9)), session(2, at(0, 10)), session(3, at(0, 11))]

    assert select_sessions(sessions, zone=ZURICH, session_ids={3, 1}) == [
        sessions[0],
        sessions[2],
    ]
    assert select_sessions(sessions, zone=ZURICH, session_ids=[]) == []
    assert select_sessions(sessions, zone=ZURICH) == sessions


def test_booklet_days_group_by_local_day_and_sort_by_time():
    late = session(1, at(0, 16))
    early = session(2, at(0, 9))
    next_day = session(3, at(1, 0, 30))
    undated = session(4)

    days, without_time = booklet_days([late, early, next_day, undated], ZURICH)

    assert [day.date for day in days] == [dt.date(2030, 6, 23), dt.date(2030, 6, 24)]
    assert [item.session for item in days[0].items] == [early, late]
    assert days[0].items[0].local_start == dt.datetime(2030, 6, 23, 9, tzinfo=ZURICH)
    assert days[0].items[0].local_end == dt.datetime(2030, 6, 23, 10, tzinfo=ZURICH)
    assert days[0].items[0].local_start.utcoffset() == dt.timedelta(hours=2)
    assert [item.session for item in days[1].items] == [next_day]
    assert [item.session for item in without_time] == [undated]
    assert without_time[0].local_start is None


def test_booklet_days_keep_the_given_order_for_equal_times():
    room_b = session(1, at(0, 9), room_name="Room B")
    room_a = session(2, at(0, 9), room_name="Room A")

    days, _ = booklet_days([room_b, room_a], ZURICH)

    assert [item.session for item in days[0].items] == [room_b, room_a]


# --- Speaker index ---------------------------------------------------------------------


def test_speaker_index_lists_who_takes_the_floor_with_their_sessions():
    amara = person("Amara Mensah", organisation="ISOC Ghana")
    li = person("李明", role=PersonRole.ONSITE_MODERATOR)
    organiser = person("Olga Organiser", role=PersonRole.ORGANIZER)
    rapporteur = person("Rita Rapporteur", role=PersonRole.RAPPORTEUR)
    first = session(1, at(0, 9), people=[amara, li, organiser, rapporteur])
    second = session(2, at(1, 9), people=[amara])

    index = speaker_index([first, second])

    assert [(e.name, e.organisation, e.sessions) for e in index] == [
        ("Amara Mensah", "ISOC Ghana", (first, second)),
        ("李明", "", (first,)),
    ]
    assert index[0].anchors == (("WS #1", "session-1"), ("WS #2", "session-2"))


def test_speaker_index_lists_a_session_once_for_a_person_with_two_roles():
    moderating = person("Amara Mensah", role=PersonRole.ONSITE_MODERATOR, guid="a")
    speaking = person("Amara Mensah", role=PersonRole.SPEAKER, guid="a")
    only = session(1, at(0, 9), people=[moderating, speaking])

    assert [e.sessions for e in speaker_index([only])] == [(only,)]


def test_speaker_index_keeps_namesakes_apart():
    one = person("Ana Silva", guid="1", organisation="Brazil CGI")
    other = person("Ana Silva", guid="2", organisation="ANACOM")
    index = speaker_index([session(1, at(0, 9), people=[one, other])])

    assert [(e.name, e.organisation) for e in index] == [
        ("Ana Silva", "ANACOM"),
        ("Ana Silva", "Brazil CGI"),
    ]


def test_speaker_index_sorts_names_without_regard_to_accents_or_case():
    names = ["émile Zola", "Zoe Adams", "Eva Berg", "Émilie Durand", "ángel Ruiz"]
    people = [person(name) for name in names]

    index = speaker_index([session(1, at(0, 9), people=people)])

    assert [e.name for e in index] == [
        "ángel Ruiz",
        "émile Zola",
        "Émilie Durand",
        "Eva Berg",
        "Zoe Adams",
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("Émile", "emile", id="accent_and_case"),
        pytest.param("Øystein", "øystein", id="letter_not_an_accent"),
        # Й sorts with И, its neighbour in the alphabet; ties keep the full name's order.
        pytest.param("Дмитрий", "дмитрии", id="cyrillic"),
        pytest.param("محمد", "محمد", id="arabic"),
    ],
)
def test_name_sort_key(name, expected):
    assert name_sort_key(name) == expected


def test_people_by_role_in_the_roles_order():
    speaker = person("S")
    moderator = person("M", role=PersonRole.ONSITE_MODERATOR)
    organiser = person("O", role=PersonRole.ORGANIZER)
    second_speaker = person("T")

    groups = people_by_role([speaker, moderator, organiser, second_speaker])

    assert groups == [
        ("Organizer", [organiser]),
        ("Speaker", [speaker, second_speaker]),
        ("Onsite moderator", [moderator]),
    ]


def test_booklet_contents_counts_and_indexes_only_the_selection():
    amara = person("Amara Mensah")
    cancelled = session(1, at(0, 9), people=[amara], status=SessionStatus.CANCELLED)
    held = session(2, at(0, 11))

    contents = booklet_contents([cancelled, held], ZURICH)

    assert contents.session_count == 2
    assert contents.cancelled_count == 1
    assert [item.session for item in contents.items] == [cancelled, held]
    assert [entry.name for entry in contents.index] == ["Amara Mensah"]
    assert booklet_contents([], ZURICH).session_count == 0


# --- Text direction (WeasyPrint ignores dir="auto") -----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("حوكمة الإنترنت (2)", "rtl", id="arabic"),
        pytest.param("(2) Data flows", "ltr", id="latin_after_neutrals"),
        pytest.param("数字合作", "ltr", id="chinese"),
        pytest.param("Управление", "ltr", id="cyrillic"),
        pytest.param("«IGF» حوكمة", "ltr", id="first_strong_wins"),
        pytest.param("2030 – 12", "auto", id="no_strong_character"),
        pytest.param("", "auto", id="empty"),
    ],
)
def test_text_direction(text, expected):
    assert text_direction(text) == expected


def test_item_directions_follow_each_field():
    item = booklet_contents(
        [
            session(
                1,
                at(0, 9),
                title="حوكمة الإنترنت",
                room_name="Room A",
                policy_questions=("", "من يقرر؟"),
            )
        ],
        ZURICH,
    ).items[0]

    assert item.dir["title"] == "rtl"
    assert item.dir["room_name"] == "ltr"
    assert item.dir["policy_questions"] == "rtl"
    assert item.dir["speaker_names"] == "auto"
