import datetime as dt
import time

import pytest
from django.core.exceptions import ValidationError

from sessions.enums import SessionStatus
from sessions.models import Placement, SessionPage
from sessions.services.scheduling import (
    END_NOT_AFTER_START,
    NAIVE_TIME,
    ROOM_OF_ANOTHER_EDITION,
    SESSION_OF_ANOTHER_EDITION,
    StalePlacement,
    place_session,
    unschedule_session,
)
from tests.factories import ForumEditionPageFactory, RoomFactory, UserFactory
from tests.factories.programme import SessionPageFactory

TEN = dt.datetime(2030, 6, 23, 8, 0, tzinfo=dt.UTC)  # 10:00 in Zurich
HOUR = dt.timedelta(hours=1)


def clock_ms() -> int:
    """The wall clock in milliseconds: where a new placement's version starts."""
    return time.time_ns() // 1_000_000


@pytest.fixture
def edition(home_page):
    # Explicit years: the factory's year sequence runs past 2100 in a long test run.
    return ForumEditionPageFactory(year=2030)


@pytest.fixture
def session(edition):
    return SessionPageFactory(edition=edition, status=SessionStatus.ACCEPTED)


@pytest.fixture
def room(edition):
    return RoomFactory(edition=edition, name="Room A")


def stored(session) -> tuple:
    """What the database holds for the session: status, and room, start, end, version."""
    placement = Placement.objects.filter(session=session).select_related("room").first()
    status = SessionPage.objects.get(pk=session.pk).status
    if placement is None:
        return (status, None)
    return (
        status,
        (placement.room.name, placement.start_at, placement.end_at, placement.version),
    )


@pytest.mark.django_db
def test_place_session_starts_the_version_from_the_clock_and_marks_it_scheduled(
    session, room
):
    mag = UserFactory()
    before = clock_ms()

    placement = place_session(
        session=session,
        room=room,
        start_at=TEN,
        end_at=TEN + HOUR,
        by=mag,
        expected_version=None,
    )

    after = clock_ms()
    assert stored(session) == (
        "scheduled",
        ("Room A", TEN, TEN + HOUR, placement.version),
    )
    # Not 1: a session unscheduled and placed again must not reuse an old version.
    assert before <= placement.version <= after
    assert placement.updated_by == mag
    assert session.status == "scheduled"


@pytest.mark.django_db
def test_moving_raises_the_version(session, room, edition):
    other_room = RoomFactory(edition=edition, name="Room B")
    placed = place_session(
        session=session,
        room=room,
        start_at=TEN,
        end_at=TEN + HOUR,
        expected_version=None,
    )

    moved = place_session(
        session=session,
        room=other_room,
        start_at=TEN + HOUR,
        end_at=TEN + 2.5 * HOUR,
        expected_version=placed.version,
    )

    assert moved.version == placed.version + 1
    assert stored(session) == (
        "scheduled",
        ("Room B", TEN + HOUR, TEN + 2.5 * HOUR, placed.version + 1),
    )


@pytest.mark.django_db
def test_move_from_a_stale_view_is_refused_with_the_current_state(
    session, room, edition
):
    placed = place_session(
        session=session,
        room=room,
        start_at=TEN,
        end_at=TEN + HOUR,
        expected_version=None,
    )
    place_session(  # someone else moves it first
        session=session,
        room=room,
        start_at=TEN + HOUR,
        end_at=TEN + 2 * HOUR,
        expected_version=placed.version,
    )
    before = stored(session)
    assert before == (
        "scheduled",
        ("Room A", TEN + HOUR, TEN + 2 * HOUR, placed.version + 1),
    )

    with pytest.raises(StalePlacement) as refused:
        place_session(
            session=session,
            room=RoomFactory(edition=edition),
            start_at=TEN,
            end_at=TEN + HOUR,
            expected_version=placed.version,
        )

    assert str(refused.value) == (
        "Someone else changed this session's place in the meantime; your change was not saved."
    )
    assert (refused.value.current.start_at, refused.value.current_version) == (
        TEN + HOUR,
        placed.version + 1,
    )
    assert stored(session) == before


@pytest.mark.parametrize(
    ("placed_first", "expected_version"),
    [
        pytest.param(True, None, id="saw_it_unscheduled_but_it_is_placed"),
        pytest.param(False, 3, id="saw_it_placed_but_it_was_unscheduled"),
    ],
)
@pytest.mark.django_db
def test_stale_views_of_whether_it_is_placed(
    session, room, placed_first, expected_version
):
    current_version = None
    if placed_first:
        current_version = place_session(
            session=session,
            room=room,
            start_at=TEN,
            end_at=TEN + HOUR,
            expected_version=None,
        ).version
    before = stored(session)

    with pytest.raises(StalePlacement) as refused:
        place_session(
            session=session,
            room=room,
            start_at=TEN + 2 * HOUR,
            end_at=TEN + 3 * HOUR,
            expected_version=expected_version,
        )

    assert refused.value.current_version == current_version
    assert stored(session) == before


@pytest.mark.parametrize(
    "end_at",
    [pytest.param(TEN - HOUR, id="reversed"), pytest.param(TEN, id="zero_length")],
)
@pytest.mark.django_db
def test_place_session_refuses_an_end_not_after_the_start(session, room, end_at):
    with pytest.raises(ValidationError) as refused:
        place_session(
            session=session,
            room=room,
            start_at=TEN,
            end_at=end_at,
            expected_version=None,
        )

    assert refused.value.messages == [str(END_NOT_AFTER_START)]
    assert stored(session) == ("accepted", None)


@pytest.mark.django_db
def test_place_session_refuses_naive_times(session, room):
    with pytest.raises(ValidationError) as refused:
        place_session(
            session=session,
            room=room,
            start_at=dt.datetime(2030, 6, 23, 10, 0),
            end_at=dt.datetime(2030, 6, 23, 11, 0),
            expected_version=None,
        )

    assert refused.value.messages == [str(NAIVE_TIME)]


@pytest.mark.django_db
def test_place_session_refuses_a_room_of_another_edition(session):
    elsewhere = RoomFactory(edition=ForumEditionPageFactory(year=2031))

    with pytest.raises(ValidationError) as refused:
        place_session(
            session=session,
            room=elsewhere,
            start_at=TEN,
            end_at=TEN + HOUR,
            expected_version=None,
        )

    assert refused.value.messages == [str(ROOM_OF_ANOTHER_EDITION)]
    assert stored(session) == ("accepted", None)


@pytest.mark.django_db
def test_place_session_refuses_a_session_of_another_edition(session, room):
    other = ForumEditionPageFactory(year=2031)

    with pytest.raises(ValidationError) as refused:
        place_session(
            session=session,
            room=room,
            start_at=TEN,
            end_at=TEN + HOUR,
            expected_version=None,
            edition=other,
        )

    assert refused.value.messages == [str(SESSION_OF_ANOTHER_EDITION)]
    assert stored(session) == ("accepted", None)


@pytest.mark.parametrize(
    "status", ["draft", "proposed", "cancelled", "declined", "merged"]
)
@pytest.mark.django_db
def test_only_accepted_or_scheduled_sessions_can_be_placed(edition, room, status):
    session = SessionPageFactory(edition=edition, status=status)
    label = SessionStatus(status).label

    with pytest.raises(ValidationError) as refused:
        place_session(
            session=session,
            room=room,
            start_at=TEN,
            end_at=TEN + HOUR,
            expected_version=None,
        )

    assert refused.value.messages == [
        f"Only accepted or scheduled sessions can be placed; this session is “{label}”."
    ]
    assert stored(session) == (status, None)


@pytest.mark.django_db
def test_unschedule_session_returns_it_to_accepted(session, room):
    placed = place_session(
        session=session,
        room=room,
        start_at=TEN,
        end_at=TEN + HOUR,
        expected_version=None,
    )

    unschedule_session(session=session, by=None, expected_version=placed.version)

    assert stored(session) == ("accepted", None)
    assert session.status == "accepted"


@pytest.mark.django_db
def test_unschedule_from_a_stale_view_is_refused(session, room):
    placed = place_session(
        session=session,
        room=room,
        start_at=TEN,
        end_at=TEN + HOUR,
        expected_version=None,
    )
    place_session(
        session=session,
        room=room,
        start_at=TEN + HOUR,
        end_at=TEN + 2 * HOUR,
        expected_version=placed.version,
    )

    with pytest.raises(StalePlacement) as refused:
        unschedule_session(session=session, by=None, expected_version=placed.version)

    assert refused.value.current_version == placed.version + 1
    assert stored(session) == (
        "scheduled",
        ("Room A", TEN + HOUR, TEN + 2 * HOUR, placed.version + 1),
    )


@pytest.mark.django_db
def test_a_view_from_before_an_unschedule_and_replace_is_stale(session, room, edition):
    first = place_session(
        session=session,
        room=room,
        start_at=TEN,
        end_at=TEN + HOUR,
        expected_version=None,
    )
    v1 = first.version
    unschedule_session(session=session, by=None, expected_version=v1)
    # A colleague places it again later; wait for the clock to pass the first version,
    # as any real re-placement (a person's action) does.
    while clock_ms() <= v1:
        time.sleep(0.001)
    again = place_session(
        session=session,
        room=room,
        start_at=TEN + 2 * HOUR,
        end_at=TEN + 3 * HOUR,
        expected_version=None,
    )
    v2 = again.version
    assert v2 != v1
    before = stored(session)
    assert before == ("scheduled", ("Room A", TEN + 2 * HOUR, TEN + 3 * HOUR, v2))

    with pytest.raises(StalePlacement) as refused:
        place_session(  # the move of a view that still shows the first placement
            session=session,
            room=RoomFactory(edition=edition, name="Room B"),
            start_at=TEN + HOUR,
            end_at=TEN + 2 * HOUR,
            expected_version=v1,
        )

    assert (refused.value.current.start_at, refused.value.current_version) == (
        TEN + 2 * HOUR,
        v2,
    )
    assert stored(session) == before
