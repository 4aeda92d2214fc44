"""The agenda builder in the admin, driven through Django's test client as MAG members do."""

import datetime as dt
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from igfplus import roles
from sessions.models import Placement, ProgrammeRules, SessionPage
from sessions.services.scheduling import place_session, unschedule_session
from sessions.views.agenda_builder import NO_PERMISSION
from tests.factories import (
    ForumEditionPageFactory,
    PersonFactory,
    RoomFactory,
    UserFactory,
)
from tests.factories.programme import (
    PlacementFactory,
    SessionPageFactory,
    SessionTypeFactory,
)

JSON = {"HTTP_ACCEPT": "application/json", "HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
STALE_PREFIX = "Someone else changed this session's place in the meantime; your change was not saved."


@pytest.fixture
def client_as(client, give_totp):
    def login(role: str):
        client.force_login(give_totp(UserFactory(roles=[role])))
        return client

    return login


@pytest.fixture
def mag_client(client_as):
    return client_as(roles.MAG_MEMBER)


@pytest.fixture
def scene(home_page):
    """An edition in Zurich (UTC+2 in June), two rooms and two accepted workshops."""
    # An explicit year: the factory's year sequence runs past 2100 in a long test run.
    edition = ForumEditionPageFactory(year=2030, time_zone="Europe/Zurich")
    workshop = SessionTypeFactory(
        edition=edition, prefix="WS", allowed_durations=[60, 90]
    )
    return {
        "edition": edition,
        "room_a": RoomFactory(edition=edition, name="Room A", sort_order=1),
        "room_b": RoomFactory(edition=edition, name="Room B", sort_order=2),
        "first": SessionPageFactory(session_type=workshop, title="Data flows"),
        "second": SessionPageFactory(session_type=workshop, title="Meaningful access"),
    }


def at(edition, hhmm: str, day: int = 0) -> dt.datetime:
    hour, minute = map(int, hhmm.split(":"))
    date = edition.start_on + dt.timedelta(days=day)
    return dt.datetime.combine(
        date, dt.time(hour, minute), tzinfo=edition.tzinfo
    ).astimezone(dt.UTC)


def clock_ms() -> int:
    """The wall clock in milliseconds: where a new placement's version starts."""
    return time.time_ns() // 1_000_000


def builder_url(edition) -> str:
    return reverse("sessions_agenda_builder", args=[edition.pk])


def place_url(edition) -> str:
    return reverse("sessions_agenda_builder_place", args=[edition.pk])


def unschedule_url(edition) -> str:
    return reverse("sessions_agenda_builder_unschedule", args=[edition.pk])


def stored(session) -> tuple | None:
    placement = Placement.objects.filter(session=session).select_related("room").first()
    if placement is None:
        return None
    return (
        placement.room.name,
        placement.start_at,
        placement.end_at,
        placement.version,
    )


def status_of(session) -> str:
    return SessionPage.objects.get(pk=session.pk).status


@pytest.mark.django_db
@pytest.mark.parametrize("role", [roles.MAG_MEMBER, roles.SECRETARIAT])
def test_builder_shows_the_day_grid_to_schedulers(client_as, scene, role):
    edition = scene["edition"]
    PlacementFactory(
        session=scene["first"], room=scene["room_b"], start_at=at(edition, "10:00")
    )

    response = client_as(role).get(builder_url(edition))

    assert response.status_code == 200
    html = response.content.decode()
    assert "All times are local times of the venue: Europe/Zurich (CEST)." in html
    assert [room.name for room in response.context["grid"].rooms] == [
        "Room A",
        "Room B",
    ]
    [block] = response.context["state"]["blocks"]
    assert (block["code"], block["start"], block["end"], block["column"]) == (
        "WS #1",
        "10:00",
        "11:00",
        2,
    )
    assert [item["code"] for item in response.context["state"]["unscheduled"]] == [
        "WS #2"
    ]
    assert "Meaningful access" in html


@pytest.mark.django_db
def test_builder_index_lists_editions(mag_client, scene):
    response = mag_client.get(reverse("sessions_agenda_builder_index"))

    assert response.status_code == 200
    assert builder_url(scene["edition"]) in response.content.decode()


def page_queries(client, edition) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(builder_url(edition)).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_grid_page_query_count_does_not_grow_with_sessions(mag_client, scene):
    edition = scene["edition"]
    ProgrammeRules.for_edition(edition)
    PlacementFactory(
        session=scene["first"], room=scene["room_a"], start_at=at(edition, "09:00")
    )
    page_queries(mag_client, edition)  # warm caches (site root, locales)
    one = page_queries(mag_client, edition)

    workshop = scene["first"].session_type
    for n in range(29):
        session = SessionPageFactory(session_type=workshop, people=[PersonFactory()])
        if n % 2:
            PlacementFactory(
                session=session,
                room=RoomFactory(edition=edition),
                start_at=at(edition, "10:00", day=n % 5),
            )

    assert page_queries(mag_client, edition) == one


@pytest.mark.django_db
def test_drop_places_a_session_and_answers_the_new_state(mag_client, scene):
    edition, first = scene["edition"], scene["first"]
    before = clock_ms()

    response = mag_client.post(
        place_url(edition),
        {
            "session": first.pk,
            "version": "",
            "room": scene["room_a"].pk,
            "day": edition.start_on.isoformat(),
            "start": "10:30",
        },
        **JSON,
    )

    after = clock_ms()
    assert response.status_code == 200
    version = Placement.objects.get(session=first).version
    assert before <= version <= after  # a new placement: its version is from the clock
    answer = response.json()
    day_label = at(edition, "10:30").astimezone(edition.tzinfo).strftime("%a %-d %b")
    assert answer["message"] == (
        f"WS #1 is now in Room A, {day_label} 10:30–11:30 (Europe/Zurich)."
    )
    assert stored(first) == (
        "Room A",
        at(edition, "10:30"),
        at(edition, "11:30"),
        version,
    )
    assert status_of(first) == "scheduled"
    assert [
        (b["code"], b["version"], b["start"]) for b in answer["state"]["blocks"]
    ] == [("WS #1", version, "10:30")]
    assert answer["state"]["conflicts"] == []


@pytest.mark.django_db
def test_move_that_creates_a_clash_returns_the_conflict_list(mag_client, scene):
    edition, first, second = scene["edition"], scene["first"], scene["second"]
    place_session(
        session=first,
        room=scene["room_a"],
        start_at=at(edition, "10:00"),
        end_at=at(edition, "11:00"),
        expected_version=None,
    )
    placed = place_session(
        session=second,
        room=scene["room_b"],
        start_at=at(edition, "10:30"),
        end_at=at(edition, "11:30"),
        expected_version=None,
    )

    response = mag_client.post(
        place_url(edition),
        {
            "session": second.pk,
            "version": placed.version,
            "room": scene["room_a"].pk,
            "day": edition.start_on.isoformat(),
            "start": "10:30",
        },
        **JSON,
    )

    assert response.status_code == 200
    # The status line says so too: the conflict list may be out of sight.
    assert response.json()["message"].endswith(
        "It now has 1 conflict(s): WS #1 “Data flows” and WS #2 “Meaningful access” "
        "overlap in Room A."
    )
    state = response.json()["state"]
    assert state["conflicts"] == [
        {
            "kind": "room_overlap",
            "sessions": [str(first.guid), str(second.guid)],
            "people": [],
            "room": "Room A",
            "message": "WS #1 “Data flows” and WS #2 “Meaningful access” overlap in Room A.",
            "label": "Room double-booked",
            "hard": True,
            "codes": ["WS #1", "WS #2"],
        }
    ]
    assert [(b["code"], b["hard"], b["lane"]) for b in state["blocks"]] == [
        ("WS #1", True, 0),
        ("WS #2", True, 1),
    ]
    assert stored(second) == (
        "Room A",
        at(edition, "10:30"),
        at(edition, "11:30"),
        placed.version + 1,
    )


@pytest.mark.django_db
def test_grid_marks_blocks_in_conflict_with_the_message_as_text(mag_client, scene):
    edition = scene["edition"]
    PlacementFactory(
        session=scene["first"], room=scene["room_a"], start_at=at(edition, "10:00")
    )
    PlacementFactory(
        session=scene["second"], room=scene["room_a"], start_at=at(edition, "10:00")
    )

    html = mag_client.get(builder_url(edition)).content.decode()

    message = "WS #1 “Data flows” and WS #2 “Meaningful access” overlap in Room A."
    assert html.count(f'<span class="agenda-sr-only">Conflicts: {message}</span>') == 2
    assert html.count("has-hard-conflict") == 2
    assert f"Room double-booked (hard):</strong> {message}</li>" in html


@pytest.mark.django_db
def test_stale_drop_is_refused_with_409_and_the_current_state(mag_client, scene):
    edition, first = scene["edition"], scene["first"]
    placed = place_session(
        session=first,
        room=scene["room_a"],
        start_at=at(edition, "10:00"),
        end_at=at(edition, "11:00"),
        expected_version=None,
    )
    moved = place_session(  # a colleague moves it first
        session=first,
        room=scene["room_b"],
        start_at=at(edition, "14:00"),
        end_at=at(edition, "15:00"),
        expected_version=placed.version,
    )
    assert moved.version == placed.version + 1
    before = stored(first)

    response = mag_client.post(
        place_url(edition),
        {
            "session": first.pk,
            "version": placed.version,
            "room": scene["room_a"].pk,
            "day": edition.start_on.isoformat(),
            "start": "16:00",
        },
        **JSON,
    )

    assert response.status_code == 409
    answer = response.json()
    day_label = at(edition, "14:00").astimezone(edition.tzinfo).strftime("%a %-d %b")
    assert answer["error"] == (
        f"{STALE_PREFIX} It is now in Room B, {day_label} 14:00–15:00 (Europe/Zurich)."
    )
    assert answer["current"] == {
        "session": first.pk,
        "version": moved.version,
        "room": scene["room_b"].pk,
        "room_name": "Room B",
        "date": edition.start_on.isoformat(),
        "start": "14:00",
        "end": "15:00",
    }
    assert [
        (b["code"], b["start"], b["version"]) for b in answer["state"]["blocks"]
    ] == [("WS #1", "14:00", moved.version)]
    assert stored(first) == before


@pytest.mark.django_db
def test_stale_form_post_redirects_with_the_message_and_changes_nothing(
    mag_client, scene
):
    edition, first = scene["edition"], scene["first"]
    placed = place_session(
        session=first,
        room=scene["room_a"],
        start_at=at(edition, "10:00"),
        end_at=at(edition, "11:00"),
        expected_version=None,
    )
    unschedule_session(session=first, expected_version=placed.version)  # a colleague

    response = mag_client.post(
        place_url(edition),
        {
            "session": first.pk,
            "version": placed.version,
            "room": scene["room_b"].pk,
            "day": edition.start_on.isoformat(),
            "start": "12:00",
        },
        follow=True,
    )

    assert response.redirect_chain == [
        (
            f"{builder_url(edition)}?day={edition.start_on.isoformat()}&session={first.pk}",
            302,
        )
    ]
    assert [str(m) for m in response.context["messages"]] == [
        f"{STALE_PREFIX} It is now unscheduled."
    ]
    assert stored(first) is None
    assert status_of(first) == "accepted"


@pytest.mark.django_db
def test_keyboard_form_places_with_the_session_duration_by_default(mag_client, scene):
    edition, second = scene["edition"], scene["second"]
    SessionPage.objects.filter(pk=second.pk).update(duration_minutes=90)
    day_two = edition.start_on + dt.timedelta(days=1)

    form_page = mag_client.get(
        builder_url(edition), {"session": second.pk, "day": day_two}
    )
    assert form_page.context["form"].initial == {
        "session": second.pk,
        "version": None,
        "day": day_two,
        "duration": 90,
    }
    before = clock_ms()
    response = mag_client.post(
        place_url(edition),
        {
            "session": second.pk,
            "version": "",
            "room": scene["room_b"].pk,
            "day": day_two.isoformat(),
            "start": "15:00",
            "duration": "",
        },
    )

    after = clock_ms()
    assert response.status_code == 302
    assert response["Location"] == f"{builder_url(edition)}?day={day_two.isoformat()}"
    version = Placement.objects.get(session=second).version
    assert before <= version <= after  # a new placement: its version is from the clock
    assert stored(second) == (
        "Room B",
        at(edition, "15:00", day=1),
        at(edition, "16:30", day=1),
        version,
    )


@pytest.mark.django_db
def test_moving_by_drop_keeps_the_placed_length(mag_client, scene):
    edition, first = scene["edition"], scene["first"]
    placed = place_session(
        session=first,
        room=scene["room_a"],
        start_at=at(edition, "10:00"),
        end_at=at(edition, "11:30"),
        expected_version=None,
    )

    mag_client.post(
        place_url(edition),
        {
            "session": first.pk,
            "version": placed.version,
            "room": scene["room_a"].pk,
            "day": edition.start_on.isoformat(),
            "start": "13:00",
        },
        **JSON,
    )

    assert stored(first) == (
        "Room A",
        at(edition, "13:00"),
        at(edition, "14:30"),
        placed.version + 1,
    )


@pytest.mark.django_db
def test_drop_on_unscheduled_takes_the_session_out(mag_client, scene):
    edition, first = scene["edition"], scene["first"]
    placed = place_session(
        session=first,
        room=scene["room_a"],
        start_at=at(edition, "10:00"),
        end_at=at(edition, "11:00"),
        expected_version=None,
    )

    response = mag_client.post(
        unschedule_url(edition),
        {
            "session": first.pk,
            "version": placed.version,
            "view_day": edition.start_on.isoformat(),
        },
        **JSON,
    )

    assert response.status_code == 200
    answer = response.json()
    assert answer["message"] == "WS #1 is back among the unscheduled sessions."
    assert answer["state"]["blocks"] == []
    assert [item["code"] for item in answer["state"]["unscheduled"]] == [
        "WS #1",
        "WS #2",
    ]
    assert stored(first) is None
    assert status_of(first) == "accepted"


@pytest.mark.django_db
def test_room_of_another_edition_is_refused(mag_client, scene):
    edition = scene["edition"]
    elsewhere = RoomFactory(
        edition=ForumEditionPageFactory(year=2031), name="Elsewhere"
    )

    response = mag_client.post(
        place_url(edition),
        {
            "session": scene["first"].pk,
            "version": "",
            "room": elsewhere.pk,
            "day": edition.start_on.isoformat(),
            "start": "10:00",
        },
        **JSON,
    )

    assert response.status_code == 400
    assert (
        response.json()["error"]
        == "This room belongs to another edition than the session."
    )
    assert stored(scene["first"]) is None


@pytest.mark.django_db
def test_session_of_another_edition_is_refused_in_the_form(mag_client, scene):
    other = ForumEditionPageFactory(year=2031)
    foreign = SessionPageFactory(edition=other)

    response = mag_client.post(
        place_url(scene["edition"]),
        {
            "session": foreign.pk,
            "version": "",
            "room": scene["room_a"].pk,
            "day": scene["edition"].start_on.isoformat(),
            "start": "10:00",
        },
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "This session belongs to another edition."
    ]
    assert stored(foreign) is None


@pytest.mark.django_db
def test_session_organizer_cannot_reach_the_builder(client_as, scene):
    client = client_as(roles.SESSION_ORGANIZER)
    edition, first = scene["edition"], scene["first"]

    page = client.get(builder_url(edition))
    post = client.post(
        place_url(edition),
        {
            "session": first.pk,
            "version": "",
            "room": scene["room_a"].pk,
            "day": edition.start_on.isoformat(),
            "start": "10:00",
        },
        **JSON,
    )

    assert page.status_code == 302
    assert page["Location"] == f"{reverse('account_login')}?next={builder_url(edition)}"
    assert post.status_code == 403
    assert stored(first) is None


@pytest.mark.django_db
def test_admin_users_without_the_permission_are_refused(client_as, scene):
    client = client_as(roles.NRI_COORDINATOR)
    edition, first = scene["edition"], scene["first"]

    page = client.get(builder_url(edition))
    post = client.post(
        place_url(edition),
        {
            "session": first.pk,
            "version": "",
            "room": scene["room_a"].pk,
            "day": edition.start_on.isoformat(),
            "start": "10:00",
        },
        **JSON,
    )

    assert (page.status_code, page["Location"]) == (302, reverse("wagtailadmin_home"))
    assert (post.status_code, post.json()) == (
        403,
        {"ok": False, "error": str(NO_PERMISSION)},
    )
    assert stored(first) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "shown"),
    [
        (roles.MAG_MEMBER, True),
        (roles.SECRETARIAT, True),
        (roles.NRI_COORDINATOR, False),
    ],
)
def test_menu_item_is_shown_to_schedulers_only(client_as, home_page, role, shown):
    html = client_as(role).get(reverse("wagtailadmin_home")).content.decode()

    assert (reverse("sessions_agenda_builder_index") in html) is shown


@pytest.mark.django_db
def test_unschedule_form_explains_a_refusal(mag_client, scene):
    edition, first = scene["edition"], scene["first"]
    SessionPage.objects.filter(pk=first.pk).update(status="cancelled")

    response = mag_client.post(
        unschedule_url(edition),
        {"session": first.pk, "version": "", "view_day": edition.start_on.isoformat()},
        follow=True,
    )

    assert response.redirect_chain == [
        (f"{builder_url(edition)}?day={edition.start_on.isoformat()}", 302)
    ]
    assert [str(m) for m in response.context["messages"]] == [
        "Only accepted or scheduled sessions can be placed; this session is “Cancelled”."
    ]
    assert status_of(first) == "cancelled"
