import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sessions.enums import PersonRole, SessionStatus
from sessions.models import ProgrammeRules
from sessions.selectors import (
    agenda_grid,
    edition_conflicts,
    schedule_slots,
)
from sessions.services.conflicts import (
    Conflict,
    ConflictKind,
    PersonInfo,
    RoomInfo,
    ScheduleRules,
    SlotTiming,
)
from sessions.services.sessions import ParticipantSpec
from tests.factories import (
    EditionThemeFactory,
    ForumEditionPageFactory,
    PersonFactory,
    RoomFactory,
)
from tests.factories.programme import (
    PlacementFactory,
    SessionPageFactory,
    SessionTypeFactory,
)

ZURICH = "Europe/Zurich"


def local(day: dt.date, hhmm: str) -> dt.datetime:
    hour, minute = map(int, hhmm.split(":"))
    return dt.datetime.combine(
        day, dt.time(hour, minute), tzinfo=dt.timezone(dt.timedelta(hours=2))
    ).astimezone(dt.UTC)


@pytest.fixture
def edition(home_page):
    # June 23 to 27 of the factory's year, in Zurich (UTC+2 in summer).
    # An explicit year: the factory's year sequence runs past 2100 in a long test run.
    return ForumEditionPageFactory(year=2030, time_zone=ZURICH)


@pytest.mark.django_db
def test_schedule_slots_gives_plain_values_of_placed_and_unplaced_sessions(edition):
    theme = EditionThemeFactory(page=edition, name="Digital trust")
    main = SessionTypeFactory(
        edition=edition,
        prefix="MS",
        allowed_durations=[90],
        has_interpretation=True,
    )
    room = RoomFactory(
        edition=edition,
        name="Plenary",
        capacity=2000,
        has_hybrid_equipment=True,
        interpretation_languages=["en", "fr"],
    )
    ana, kofi = PersonFactory(name="Ana Silva"), PersonFactory(name="Kofi Mensah")
    placed = SessionPageFactory(
        session_type=main,
        title="Trust online",
        theme=theme,
        delivery="hybrid",
        languages=["en", "fr"],
        expected_attendance=800,
        participants=[
            ParticipantSpec(person=ana, role=PersonRole.ONSITE_MODERATOR),
            ParticipantSpec(person=kofi),
        ],
    )
    PlacementFactory(
        session=placed,
        room=room,
        start_at=local(edition.start_on, "10:00"),
        end_at=local(edition.start_on, "11:30"),
    )
    waiting = SessionPageFactory(session_type=main, title="Waiting")
    ProgrammeRules.objects.create(
        edition=edition,
        venue_opens_at=dt.time(8, 30),
        venue_closes_at=dt.time(20, 0),
        max_parallel_per_theme=2,
        max_sessions_per_person=4,
    )

    slots, rules = schedule_slots(edition)

    assert rules == ScheduleRules(
        time_zone=ZURICH,
        first_day=edition.start_on,
        last_day=edition.start_on + dt.timedelta(days=4),
        venue_opens_at=dt.time(8, 30),
        venue_closes_at=dt.time(20, 0),
        max_parallel_per_theme=2,
        max_sessions_per_person=4,
    )
    assert slots == [
        SlotTiming(
            guid=str(placed.guid),
            code="MS #1",
            title="Trust online",
            room=RoomInfo(room.pk, "Plenary", 2000, True, frozenset({"en", "fr"})),
            start_at=dt.datetime(edition.year, 6, 23, 8, 0, tzinfo=dt.UTC),
            end_at=dt.datetime(edition.year, 6, 23, 9, 30, tzinfo=dt.UTC),
            people=(
                PersonInfo(ana.pk, "Ana Silva"),
                PersonInfo(kofi.pk, "Kofi Mensah"),
            ),
            theme_id=theme.pk,
            theme_name="Digital trust",
            delivery="hybrid",
            languages=frozenset({"en", "fr"}),
            needs_interpretation=True,
            expected_attendance=800,
            allowed_durations=(90,),
        ),
        SlotTiming(
            guid=str(waiting.guid),
            code="MS #2",
            title="Waiting",
            room=None,
            start_at=None,
            end_at=None,
            people=(),
            theme_id=None,
            theme_name="",
            delivery="onsite",
            languages=frozenset({"en"}),
            needs_interpretation=True,
            expected_attendance=None,
            allowed_durations=(90,),
        ),
    ]


@pytest.mark.django_db
def test_schedule_slots_leave_out_sessions_not_in_the_programme(edition):
    workshop = SessionTypeFactory(edition=edition, prefix="WS")
    for status in SessionStatus.values:
        SessionPageFactory(session_type=workshop, title=status, status=status)
    SessionPageFactory(
        edition=ForumEditionPageFactory(year=2031), title="Another edition"
    )

    slots, _rules = schedule_slots(edition)

    assert [slot.title for slot in slots] == ["accepted", "scheduled"]


@pytest.mark.django_db
def test_edition_conflicts_of_two_sessions_in_one_room(edition):
    workshop = SessionTypeFactory(edition=edition, prefix="WS")
    room = RoomFactory(edition=edition, name="Room 1")
    first = SessionPageFactory(session_type=workshop, title="Data flows")
    second = SessionPageFactory(session_type=workshop, title="AI and jobs")
    PlacementFactory(
        session=first, room=room, start_at=local(edition.start_on, "10:00")
    )
    PlacementFactory(
        session=second, room=room, start_at=local(edition.start_on, "10:30")
    )

    assert edition_conflicts(edition) == [
        Conflict(
            ConflictKind.ROOM_OVERLAP,
            (str(first.guid), str(second.guid)),
            (),
            "Room 1",
            "WS #1 “Data flows” and WS #2 “AI and jobs” overlap in Room 1.",
        )
    ]


def build_schedule(edition, count: int, offset: int) -> None:
    workshop = SessionTypeFactory(edition=edition)
    theme = EditionThemeFactory(page=edition)
    for n in range(count):
        session = SessionPageFactory(
            session_type=workshop,
            theme=theme,
            people=[PersonFactory(), PersonFactory()],
        )
        PlacementFactory(
            session=session,
            start_at=local(edition.start_on, "09:00") + dt.timedelta(hours=offset + n),
        )


def queries_for(read) -> int:
    with CaptureQueriesContext(connection) as queries:
        read()
    return len(queries)


@pytest.mark.parametrize(
    "read",
    [
        pytest.param(schedule_slots, id="schedule_slots"),
        pytest.param(edition_conflicts, id="edition_conflicts"),
        pytest.param(agenda_grid, id="agenda_grid"),
    ],
)
@pytest.mark.django_db
def test_query_count_does_not_grow_with_sessions(edition, read):
    ProgrammeRules.for_edition(edition)
    build_schedule(edition, 1, offset=0)
    one = queries_for(lambda: read(edition))

    build_schedule(edition, 29, offset=1)
    assert len(schedule_slots(edition)[0]) == 30
    assert queries_for(lambda: read(edition)) == one


@pytest.mark.django_db
def test_agenda_grid_lays_out_one_day(edition):
    workshop = SessionTypeFactory(edition=edition, prefix="WS")
    room_a = RoomFactory(edition=edition, name="A", sort_order=1)
    room_b = RoomFactory(edition=edition, name="B", sort_order=2)
    day_two = edition.start_on + dt.timedelta(days=1)
    sessions = [SessionPageFactory(session_type=workshop) for _ in range(5)]
    PlacementFactory(session=sessions[0], room=room_b, start_at=local(day_two, "09:00"))
    PlacementFactory(
        session=sessions[1],
        room=room_b,
        start_at=local(day_two, "09:30"),
        end_at=local(day_two, "11:00"),
    )
    PlacementFactory(session=sessions[2], room=room_a, start_at=local(day_two, "07:15"))
    PlacementFactory(
        session=sessions[3], room=room_a, start_at=local(edition.start_on, "10:00")
    )

    grid = agenda_grid(edition, day_two)

    assert grid.day == day_two
    assert grid.days == [edition.start_on + dt.timedelta(days=n) for n in range(5)]
    assert [room.name for room in grid.rooms] == ["A", "B"]
    # Venue hours (9:00–19:00) widened to the 7:15 session, from the full hour.
    assert (grid.rows[0].time, grid.rows[-1].time, len(grid.rows)) == (
        dt.time(7, 0),
        dt.time(18, 45),
        48,
    )
    assert [
        (block.entry.code, block.column, block.row, block.span, block.lane)
        for block in sorted(grid.blocks, key=lambda b: b.entry.code)
    ] == [
        ("WS #1", 2, 9, 4, 0),
        ("WS #2", 2, 11, 6, 1),  # overlaps WS #1 in room B: drawn beside it
        ("WS #3", 1, 2, 4, 0),
    ]
    assert [entry.code for entry in grid.unscheduled] == ["WS #5"]
    assert grid.time_zone_abbreviation == "CEST"
    assert [c.kind for c in grid.conflicts_by_guid[str(sessions[1].guid)]] == [
        ConflictKind.ROOM_OVERLAP
    ]
    assert [c.kind for c in grid.conflicts_by_guid[str(sessions[2].guid)]] == [
        ConflictKind.OUTSIDE_HOURS
    ]


@pytest.mark.django_db
def test_agenda_grid_adds_days_with_sessions_outside_the_meeting(edition):
    early = SessionPageFactory(edition=edition)
    day_before = edition.start_on - dt.timedelta(days=1)
    PlacementFactory(session=early, start_at=local(day_before, "10:00"))

    grid = agenda_grid(
        edition, dt.date(edition.year + 1, 1, 1)
    )  # not a day of this schedule

    assert grid.days[0] == day_before
    assert len(grid.days) == 6
    assert grid.day == day_before
    assert [block.entry.pk for block in grid.blocks] == [early.pk]
