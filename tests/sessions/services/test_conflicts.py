"""find_conflicts: every kind of conflict and its edges, on plain values (no database)."""

import datetime as dt
import zoneinfo
from dataclasses import replace

import pytest

from sessions.services.conflicts import (
    HARD_KINDS,
    Conflict,
    ConflictKind,
    PersonInfo,
    RoomInfo,
    ScheduleRules,
    SlotTiming,
    find_conflicts,
)

TZ = "Europe/Zurich"  # UTC+2 in June
DAY = dt.date(2030, 6, 23)
RULES = ScheduleRules(
    time_zone=TZ,
    first_day=DAY,
    last_day=DAY + dt.timedelta(days=4),
    venue_opens_at=dt.time(9, 0),
    venue_closes_at=dt.time(19, 0),
    max_parallel_per_theme=3,
    max_sessions_per_person=3,
)
ROOM_A = RoomInfo(1, "Room A", 100, True, frozenset({"en", "fr"}))
ROOM_B = RoomInfo(2, "Room B", 100, True, frozenset({"en", "fr"}))
ANA = PersonInfo(1, "Ana Silva")
KOFI = PersonInfo(2, "Kofi Mensah")


def at(hhmm: str, day: dt.date = DAY) -> dt.datetime:
    """A local wall-clock time of the edition, as an aware UTC datetime."""
    hour, minute = map(int, hhmm.split(":"))
    local = dt.datetime.combine(
        day, dt.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(TZ)
    )
    return local.astimezone(dt.UTC)


def slot(
    number: int,
    start: str | None = "10:00",
    end: str | None = "11:00",
    *,
    day: dt.date = DAY,
    room: RoomInfo | None = ROOM_A,
    people: tuple[PersonInfo, ...] = (),
    theme_id: int | None = None,
    delivery: str = "onsite",
    languages: frozenset[str] = frozenset({"en"}),
    needs_interpretation: bool = False,
    expected_attendance: int | None = None,
    allowed_durations: tuple[int, ...] = (),
) -> SlotTiming:
    return SlotTiming(
        guid=f"guid-{number}",
        code=f"WS #{number}",
        title=f"Title {number}",
        room=room,
        start_at=at(start, day) if start else None,
        end_at=at(end, day) if end else None,
        people=people,
        theme_id=theme_id,
        theme_name="Digital trust" if theme_id else "",
        delivery=delivery,
        languages=languages,
        needs_interpretation=needs_interpretation,
        expected_attendance=expected_attendance,
        allowed_durations=allowed_durations,
    )


def kinds(conflicts: list[Conflict]) -> list[ConflictKind]:
    return [c.kind for c in conflicts]


OVERLAPS = [
    pytest.param(("10:00", "11:00"), ("10:00", "11:00"), True, id="exact"),
    pytest.param(("10:00", "12:00"), ("10:30", "11:00"), True, id="contained"),
    pytest.param(("10:00", "11:00"), ("10:30", "11:30"), True, id="partial"),
    pytest.param(("10:00", "11:00"), ("09:59", "10:01"), True, id="one_minute"),
    pytest.param(("10:00", "10:30"), ("10:30", "11:30"), False, id="touching_ends_ok"),
    pytest.param(
        ("10:30", "11:30"), ("10:00", "10:30"), False, id="touching_starts_ok"
    ),
    pytest.param(("10:00", "11:00"), ("14:00", "15:00"), False, id="apart_ok"),
]


@pytest.mark.parametrize(("first", "second", "overlaps"), OVERLAPS)
def test_room_overlap(first, second, overlaps):
    conflicts = find_conflicts([slot(1, *first), slot(2, *second)], RULES)

    if overlaps:
        earlier, later = sorted(
            [
                ("guid-1", first[0], "WS #1 “Title 1”"),
                ("guid-2", second[0], "WS #2 “Title 2”"),
            ],
            key=lambda item: item[1],
        )
        assert conflicts == [
            Conflict(
                ConflictKind.ROOM_OVERLAP,
                (earlier[0], later[0]),
                (),
                "Room A",
                f"{earlier[2]} and {later[2]} overlap in Room A.",
            )
        ]
    else:
        assert conflicts == []


def test_room_overlap_in_different_rooms_ok():
    assert find_conflicts([slot(1, room=ROOM_A), slot(2, room=ROOM_B)], RULES) == []


@pytest.mark.parametrize(
    "unscheduled",
    [
        pytest.param(slot(2, None, None), id="no_time"),
        pytest.param(slot(2, room=None), id="no_room"),
    ],
)
def test_unscheduled_sessions_are_ignored(unscheduled):
    placed = slot(1, people=(ANA,), expected_attendance=500)
    # Same room, same person, too many people: only the placed one is checked.
    unscheduled = replace(unscheduled, people=(ANA,), expected_attendance=500)

    conflicts = find_conflicts([placed, unscheduled], RULES)

    assert conflicts == [
        Conflict(
            ConflictKind.CAPACITY,
            ("guid-1",),
            (),
            "Room A",
            "WS #1 “Title 1” expects 500 participants but Room A holds 100.",
        )
    ]


def test_three_sessions_in_one_room_conflict_pair_by_pair():
    conflicts = find_conflicts(
        [
            slot(1, "10:00", "12:00"),
            slot(2, "10:30", "11:00"),
            slot(3, "11:30", "12:30"),
        ],
        RULES,
    )

    assert [c.session_guids for c in conflicts] == [
        ("guid-1", "guid-2"),
        ("guid-1", "guid-3"),
    ]


@pytest.mark.parametrize(("first", "second", "overlaps"), OVERLAPS)
def test_person_double_booked(first, second, overlaps):
    conflicts = find_conflicts(
        [
            slot(1, *first, room=ROOM_A, people=(ANA, KOFI)),
            slot(2, *second, room=ROOM_B, people=(ANA,)),
        ],
        RULES,
    )

    if overlaps:
        [conflict] = conflicts
        assert conflict.kind == ConflictKind.PERSON_DOUBLE_BOOKED
        assert conflict.people == ("Ana Silva",)
        assert conflict.room is None
        assert set(conflict.session_guids) == {"guid-1", "guid-2"}
    else:
        assert conflicts == []


def test_person_double_booked_message_names_person_and_sessions():
    conflicts = find_conflicts(
        [slot(1, room=ROOM_A, people=(ANA,)), slot(2, room=ROOM_B, people=(ANA,))],
        RULES,
    )

    assert [c.message for c in conflicts] == [
        "Ana Silva is booked in WS #1 “Title 1” and WS #2 “Title 2” at the same time."
    ]


def test_person_in_two_roles_at_one_session_is_not_double_booked():
    assert find_conflicts([slot(1, people=(ANA, ANA))], RULES) == []


def test_each_double_booked_person_is_reported():
    conflicts = find_conflicts(
        [
            slot(1, room=ROOM_A, people=(ANA, KOFI)),
            slot(2, room=ROOM_B, people=(KOFI, ANA)),
        ],
        RULES,
    )

    assert [(c.kind, c.people) for c in conflicts] == [
        (ConflictKind.PERSON_DOUBLE_BOOKED, ("Ana Silva",)),
        (ConflictKind.PERSON_DOUBLE_BOOKED, ("Kofi Mensah",)),
    ]


@pytest.mark.parametrize(
    ("count", "flagged"),
    [
        pytest.param(3, False, id="limit_exactly_at_n_ok"),
        pytest.param(4, True, id="n_plus_1_flagged"),
    ],
)
def test_person_over_limit(count, flagged):
    hours = ["09:00", "10:00", "11:00", "12:00", "13:00"]
    slots = [slot(n, hours[n], hours[n + 1], people=(ANA,)) for n in range(count)]

    conflicts = find_conflicts(slots, RULES)

    if flagged:
        assert conflicts == [
            Conflict(
                ConflictKind.PERSON_OVER_LIMIT,
                ("guid-0", "guid-1", "guid-2", "guid-3"),
                ("Ana Silva",),
                None,
                "Ana Silva takes part in 4 sessions (at most 3): WS #0 “Title 0”, "
                "WS #1 “Title 1”, WS #2 “Title 2”, WS #3 “Title 3”.",
            )
        ]
    else:
        assert conflicts == []


def test_person_over_limit_counts_scheduled_sessions_only():
    slots = [
        slot(1, "09:00", "10:00", people=(ANA,)),
        slot(2, "10:00", "11:00", people=(ANA,)),
        slot(3, "11:00", "12:00", people=(ANA,)),
        slot(4, None, None, people=(ANA,)),
    ]

    assert find_conflicts(slots, RULES) == []


@pytest.mark.parametrize(
    ("times", "expected_groups"),
    [
        pytest.param([("10:00", "11:00")] * 3, [], id="limit_exactly_at_n_ok"),
        pytest.param(
            [("10:00", "11:00")] * 4,
            [("guid-0", "guid-1", "guid-2", "guid-3")],
            id="n_plus_1_flagged",
        ),
        pytest.param(
            [("10:00", "11:00")] * 3 + [("11:00", "12:00")], [], id="touching_ends_ok"
        ),
        pytest.param(
            [("10:00", "11:00")] * 3 + [("10:30", "11:30"), ("11:00", "12:00")],
            [("guid-0", "guid-1", "guid-2", "guid-3")],
            id="group_is_sessions_running_during_the_clash",
        ),
        pytest.param(
            [
                ("10:00", "12:00"),
                ("10:00", "12:00"),
                ("10:00", "11:00"),
                ("10:30", "11:00"),
                ("11:00", "12:00"),
                ("11:00", "11:30"),
            ],
            # Four run from 10:30 to 11:30 (sessions swap at 11:00): one clash, ordered
            # by start then end.
            [("guid-2", "guid-0", "guid-1", "guid-3", "guid-5", "guid-4")],
            id="one_report_for_a_continuous_clash",
        ),
        pytest.param(
            [("10:00", "11:00")] * 4 + [("15:00", "16:00")] * 4,
            [
                ("guid-0", "guid-1", "guid-2", "guid-3"),
                ("guid-4", "guid-5", "guid-6", "guid-7"),
            ],
            id="two_separate_clashes",
        ),
    ],
)
def test_theme_clash(times, expected_groups):
    rooms = [
        RoomInfo(10 + n, f"Room {n}", 100, True, frozenset()) for n in range(len(times))
    ]
    slots = [
        slot(n, start, end, room=rooms[n], theme_id=7)
        for n, (start, end) in enumerate(times)
    ]

    conflicts = find_conflicts(slots, RULES)

    assert kinds(conflicts) == [ConflictKind.THEME_CLASH] * len(expected_groups)
    assert [c.session_guids for c in conflicts] == expected_groups


def test_theme_clash_message_and_other_themes_do_not_count():
    rooms = [RoomInfo(10 + n, f"Room {n}", 100, True, frozenset()) for n in range(6)]
    slots = [slot(n, room=rooms[n], theme_id=7) for n in range(4)] + [
        slot(4, room=rooms[4], theme_id=8),
        slot(5, room=rooms[5], theme_id=None),
    ]

    conflicts = find_conflicts(slots, RULES)

    assert [c.message for c in conflicts] == [
        "4 sessions of the sub-theme “Digital trust” run in parallel (at most 3): "
        "WS #0 “Title 0”, WS #1 “Title 1”, WS #2 “Title 2”, WS #3 “Title 3”."
    ]


@pytest.mark.parametrize(
    ("expected", "flagged"),
    [
        pytest.param(None, False, id="unknown_ok"),
        pytest.param(100, False, id="exactly_capacity_ok"),
        pytest.param(101, True, id="one_over_flagged"),
    ],
)
def test_capacity(expected, flagged):
    conflicts = find_conflicts([slot(1, expected_attendance=expected)], RULES)

    assert [c.message for c in conflicts] == (
        ["WS #1 “Title 1” expects 101 participants but Room A holds 100."]
        if flagged
        else []
    )


PLAIN_ROOM = RoomInfo(3, "Room C", 40, False, frozenset())


@pytest.mark.parametrize(
    ("delivery", "room", "message"),
    [
        pytest.param("onsite", PLAIN_ROOM, None, id="onsite_in_plain_room_ok"),
        pytest.param("hybrid", ROOM_A, None, id="hybrid_in_equipped_room_ok"),
        pytest.param(
            "hybrid",
            PLAIN_ROOM,
            "WS #1 “Title 1” is hybrid but Room C has no hybrid equipment.",
            id="hybrid_in_plain_room",
        ),
        pytest.param(
            "online",
            PLAIN_ROOM,
            "WS #1 “Title 1” is online but Room C has no hybrid equipment to stream it.",
            id="online_in_plain_room",
        ),
    ],
)
def test_hybrid_room(delivery, room, message):
    conflicts = find_conflicts([slot(1, delivery=delivery, room=room)], RULES)

    assert [(c.kind, c.session_guids, c.room, c.message) for c in conflicts] == (
        [(ConflictKind.HYBRID_ROOM, ("guid-1",), "Room C", message)] if message else []
    )


@pytest.mark.parametrize(
    ("needs", "languages", "room", "message"),
    [
        pytest.param(False, {"ar"}, PLAIN_ROOM, None, id="not_needed_ok"),
        pytest.param(True, {"en", "fr"}, ROOM_A, None, id="covered_ok"),
        pytest.param(True, {"fr"}, ROOM_A, None, id="subset_ok"),
        pytest.param(
            True,
            {"ar", "fr"},
            ROOM_A,
            "WS #1 “Title 1” needs interpretation in AR, FR but Room A offers EN, FR.",
            id="one_language_missing",
        ),
        pytest.param(
            True,
            set(),
            PLAIN_ROOM,
            "WS #1 “Title 1” needs interpretation in none but Room C offers none.",
            id="room_without_interpretation",
        ),
    ],
)
def test_interpretation(needs, languages, room, message):
    conflicts = find_conflicts(
        [
            slot(
                1, room=room, needs_interpretation=needs, languages=frozenset(languages)
            )
        ],
        RULES,
    )

    assert [(c.kind, c.message) for c in conflicts] == (
        [(ConflictKind.INTERPRETATION, message)] if message else []
    )


LAST_DAY = RULES.last_day


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        pytest.param(at("09:00"), at("10:00"), None, id="starts_at_opening_ok"),
        pytest.param(at("18:00"), at("19:00"), None, id="ends_at_closing_ok"),
        pytest.param(
            # 07:00 UTC: a check in UTC instead of local time would call this too early.
            dt.datetime(2030, 6, 23, 7, 0, tzinfo=dt.UTC),
            dt.datetime(2030, 6, 23, 8, 0, tzinfo=dt.UTC),
            None,
            id="early_in_utc_but_in_hours_locally_ok",
        ),
        pytest.param(
            at("08:30"),
            at("09:30"),
            "WS #1 “Title 1” runs 08:30–09:30 (Europe/Zurich), outside the venue hours 09:00–19:00.",
            id="before_opening",
        ),
        pytest.param(
            at("18:30"),
            at("19:30"),
            "WS #1 “Title 1” runs 18:30–19:30 (Europe/Zurich), outside the venue hours 09:00–19:00.",
            id="after_closing",
        ),
        pytest.param(
            at("23:30"),
            at("00:30", DAY + dt.timedelta(days=1)),
            "WS #1 “Title 1” runs past midnight (2030-06-23 23:30 to 2030-06-24 00:30, Europe/Zurich).",
            id="across_local_midnight",
        ),
        pytest.param(
            # Still the last day in UTC, already the day after in Zurich.
            dt.datetime(2030, 6, 27, 22, 30, tzinfo=dt.UTC),
            dt.datetime(2030, 6, 27, 23, 30, tzinfo=dt.UTC),
            "WS #1 “Title 1” is on 2030-06-28, outside the meeting days 2030-06-23 to 2030-06-27.",
            id="last_day_in_utc_next_day_locally",
        ),
        pytest.param(
            at("10:00", DAY - dt.timedelta(days=1)),
            at("11:00", DAY - dt.timedelta(days=1)),
            "WS #1 “Title 1” is on 2030-06-22, outside the meeting days 2030-06-23 to 2030-06-27.",
            id="day_before_first_day",
        ),
        pytest.param(
            at("10:00", LAST_DAY), at("11:00", LAST_DAY), None, id="last_day_ok"
        ),
    ],
)
def test_outside_hours(start, end, message):
    placed = replace(slot(1), start_at=start, end_at=end)

    conflicts = find_conflicts([placed], RULES)

    assert [(c.kind, c.message) for c in conflicts] == (
        [(ConflictKind.OUTSIDE_HOURS, message)] if message else []
    )


@pytest.mark.parametrize(
    ("end", "allowed", "message"),
    [
        pytest.param("11:00", (60, 90), None, id="sixty_allowed_ok"),
        pytest.param("11:30", (60, 90), None, id="ninety_allowed_ok"),
        pytest.param("11:00", (), None, id="no_rule_ok"),
        pytest.param(
            "10:45",
            (90, 60),
            "WS #1 “Title 1” lasts 45 minutes; its session type allows 60 or 90 minutes.",
            id="forty_five_flagged",
        ),
        pytest.param(
            "12:00",
            (60, 90),
            "WS #1 “Title 1” lasts 120 minutes; its session type allows 60 or 90 minutes.",
            id="too_long_flagged",
        ),
    ],
)
def test_duration(end, allowed, message):
    conflicts = find_conflicts(
        [slot(1, "10:00", end, allowed_durations=allowed)], RULES
    )

    assert [(c.kind, c.session_guids, c.message) for c in conflicts] == (
        [(ConflictKind.DURATION, ("guid-1",), message)] if message else []
    )


def test_conflicts_come_ordered_by_kind_then_time_whatever_the_input_order():
    slots = [
        slot(5, "15:00", "16:00", expected_attendance=200),
        slot(4, "14:00", "15:00", room=ROOM_B, people=(ANA,)),
        slot(3, "14:30", "15:30", people=(ANA,), expected_attendance=200),
        slot(2, "08:00", "09:00"),
        slot(1, "10:00", "11:00", room=ROOM_B),
        slot(0, "10:30", "11:30", room=ROOM_B),
    ]

    conflicts = find_conflicts(slots, RULES)

    assert [(c.kind.value, c.session_guids) for c in conflicts] == [
        ("room_overlap", ("guid-1", "guid-0")),
        ("room_overlap", ("guid-3", "guid-5")),
        ("person_double_booked", ("guid-4", "guid-3")),
        ("capacity", ("guid-3",)),
        ("capacity", ("guid-5",)),
        ("outside_hours", ("guid-2",)),
    ]
    assert find_conflicts(list(reversed(slots)), RULES) == conflicts


def test_conflict_to_dict():
    [conflict] = find_conflicts(
        [slot(1, people=(ANA,)), slot(2, people=(ANA,))], RULES
    )[:1]

    assert conflict.to_dict() == {
        "kind": "room_overlap",
        "sessions": ["guid-1", "guid-2"],
        "people": [],
        "room": "Room A",
        "message": "WS #1 “Title 1” and WS #2 “Title 2” overlap in Room A.",
    }
    assert conflict.is_hard is True


def test_only_room_and_person_overlaps_are_hard():
    assert {kind for kind in ConflictKind if kind in HARD_KINDS} == {
        ConflictKind.ROOM_OVERLAP,
        ConflictKind.PERSON_DOUBLE_BOOKED,
    }
