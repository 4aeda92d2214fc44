import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import ForumEditionPageFactory, PersonFactory, RoomFactory
from tests.factories.programme import (
    PlacementFactory,
    SessionPageFactory,
    SessionTypeFactory,
)


@pytest.fixture
def edition(home_page):
    return ForumEditionPageFactory(slug="igf2030", year=2030, time_zone="Europe/Zurich")


def at(edition, hhmm: str) -> dt.datetime:
    hour, minute = map(int, hhmm.split(":"))
    return dt.datetime.combine(
        edition.start_on, dt.time(hour, minute), tzinfo=edition.tzinfo
    ).astimezone(dt.UTC)


@pytest.fixture
def clashing(edition):
    """Two workshops in one room at once, sharing a speaker."""
    workshop = SessionTypeFactory(edition=edition, prefix="WS")
    room = RoomFactory(edition=edition, name="Room 1")
    ana = PersonFactory(name="Ana Silva")
    first = SessionPageFactory(session_type=workshop, title="Data flows", people=[ana])
    second = SessionPageFactory(
        session_type=workshop, title="AI and jobs", people=[ana]
    )
    PlacementFactory(session=first, room=room, start_at=at(edition, "10:00"))
    PlacementFactory(session=second, room=room, start_at=at(edition, "10:30"))
    return first, second


def run(*args) -> tuple[str, int]:
    out = StringIO()
    try:
        call_command("schedule_conflicts", *args, stdout=out)
    except SystemExit as exit_:
        return out.getvalue(), exit_.code
    return out.getvalue(), 0


@pytest.mark.django_db
def test_json_lists_every_conflict_and_exits_1(clashing):
    first, second = clashing

    output, status = run("igf2030", "--format", "json")

    assert status == 1
    sessions = [str(first.guid), str(second.guid)]
    assert json.loads(output) == [
        {
            "kind": "room_overlap",
            "sessions": sessions,
            "people": [],
            "room": "Room 1",
            "message": "WS #1 “Data flows” and WS #2 “AI and jobs” overlap in Room 1.",
        },
        {
            "kind": "person_double_booked",
            "sessions": sessions,
            "people": ["Ana Silva"],
            "room": None,
            "message": "Ana Silva is booked in WS #1 “Data flows” and WS #2 “AI and jobs” "
            "at the same time.",
        },
    ]


@pytest.mark.django_db
def test_text_is_the_default_format(clashing):
    output, status = run("igf2030")

    assert status == 1
    assert output.splitlines() == [
        "igf2030: 2 conflict(s), 2 hard.",
        "- HARD [room_overlap] WS #1 “Data flows” and WS #2 “AI and jobs” overlap in Room 1.",
        "- HARD [person_double_booked] Ana Silva is booked in WS #1 “Data flows” and "
        "WS #2 “AI and jobs” at the same time.",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fmt", "expected"),
    [("json", "[]\n"), ("text", "igf2030: no conflicts.\n")],
)
def test_no_conflicts_exits_0(edition, fmt, expected):
    session = SessionPageFactory(edition=edition)
    PlacementFactory(session=session, start_at=at(edition, "10:00"))

    assert run("igf2030", "--format", fmt) == (expected, 0)


@pytest.mark.django_db
def test_unknown_edition_is_named(edition):
    with pytest.raises(CommandError) as refused:
        call_command("schedule_conflicts", "igf1999", stdout=StringIO())

    assert str(refused.value) == (
        "There is no edition with the acronym “igf1999”. Known editions: igf2030."
    )
    assert refused.value.returncode == 2
