import datetime as dt

import pytest

from sessions.enums import SessionStatus
from sessions.models import Placement
from tests.factories import ForumEditionPageFactory, RoomFactory
from tests.factories.programme import SessionPageFactory, SessionTypeFactory


def local(edition, day: int, hour: int, minute: int = 0) -> dt.datetime:
    """An aware UTC instant: ``hour:minute`` local time on day ``day`` (1-based) of the edition."""
    date = edition.start_on + dt.timedelta(days=day - 1)
    return dt.datetime.combine(
        date, dt.time(hour, minute), tzinfo=edition.tzinfo
    ).astimezone(dt.UTC)


def schedule(session, room, start_at, minutes: int | None = None) -> Placement:
    """Put a session in the work-in-progress schedule (as the agenda builder would)."""
    end_at = start_at + dt.timedelta(minutes=minutes or session.duration_minutes)
    placement, _ = Placement.objects.update_or_create(
        session=session, defaults={"room": room, "start_at": start_at, "end_at": end_at}
    )
    type(session).objects.filter(pk=session.pk).update(status=SessionStatus.SCHEDULED)
    session.status = SessionStatus.SCHEDULED
    return placement


@pytest.fixture
def programme_scene(home_page):
    """An edition in Zurich with a workshop type, two rooms and two accepted sessions."""
    edition = ForumEditionPageFactory(
        slug="igf2030", year=2030, time_zone="Europe/Zurich"
    )
    workshop = SessionTypeFactory(edition=edition, name="Workshop", prefix="WS")
    return {
        "edition": edition,
        "workshop": workshop,
        "room_a": RoomFactory(edition=edition, name="Room A"),
        "room_b": RoomFactory(edition=edition, name="Room B"),
        "first": SessionPageFactory(session_type=workshop, title="Data flows"),
        "second": SessionPageFactory(session_type=workshop, title="Meaningful access"),
    }
