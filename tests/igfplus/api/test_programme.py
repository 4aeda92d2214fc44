"""The programme through the API: only published editions and released sessions, and
of people only what the programme shows."""

from __future__ import annotations

import pytest

from cms.models import ForumEditionPage
from igfplus.enums import Gender
from sessions.services.releases import release_schedule
from tests.factories import PersonFactory, RoomFactory
from tests.factories.programme import SessionPageFactory, SessionTypeFactory
from tests.igfplus.api.conftest import PRIVATE_EMAIL
from tests.sessions.conftest import local, schedule

pytestmark = pytest.mark.django_db


def test_editions_lists_only_published_ones(scene, client):
    ForumEditionPage.objects.filter(pk=scene.edition.pk).update(live=False)
    assert client.get("/api/v1/editions").json() == {"items": [], "next": None}
    assert client.get(f"/api/v1/editions/{scene.edition.slug}").status_code == 404


def test_edition_detail_has_its_dates_and_zone(scene, client):
    body = client.get(f"/api/v1/editions/{scene.edition.slug}").json()
    assert body["acronym"] == "igf2030"
    assert body["year"] == 2030
    assert body["start_on"] == scene.edition.start_on.isoformat()
    assert body["time_zone"] == scene.edition.time_zone


def test_sessions_are_those_of_the_latest_release_only(scene, client):
    body = client.get("/api/v1/sessions", {"edition": "igf2030"}).json()
    assert [item["title"] for item in body["items"]] == ["Community networks"]
    assert "Not released" not in str(body)
    assert body["next"] is None


def test_unreleased_session_is_not_found(scene, client):
    response = client.get(f"/api/v1/sessions/{scene.hidden_session.guid}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_session_shows_people_without_email_or_gender(scene, client):
    response = client.get(f"/api/v1/sessions/{scene.session.guid}")
    people = response.json()["people"]
    assert {
        "guid": str(scene.speaker.guid),
        "name": "Ama Mensah",
        "organisation": "Ghana IGF",
        "stakeholder_group": "civil_society",
        "role": "speaker",
        "presence": "onsite",
    } in people
    text = response.content.decode()
    assert PRIVATE_EMAIL not in text
    assert Gender.FEMALE.value not in text
    assert "gender" not in text


def test_people_are_those_of_released_sessions(scene, client):
    body = client.get("/api/v1/people", {"edition": "igf2030"}).json()
    names = [person["name"] for person in body["items"]]
    assert "Ama Mensah" in names
    assert "Unreleased Speaker" not in names
    assert set(body["items"][0]) == {
        "guid",
        "name",
        "organisation",
        "stakeholder_group",
    }


def test_sessions_filter_by_person_track_and_day(scene, client):
    speaker = str(scene.speaker.guid)
    by_person = client.get(
        "/api/v1/sessions", {"edition": "igf2030", "person": speaker}
    )
    assert [s["title"] for s in by_person.json()["items"]] == ["Community networks"]
    by_track = client.get("/api/v1/sessions", {"edition": "igf2030", "track": "youth"})
    assert by_track.json()["items"] == []
    first_day = scene.edition.start_on.isoformat()
    by_day = client.get("/api/v1/sessions", {"edition": "igf2030", "day": first_day})
    assert len(by_day.json()["items"]) == 1


def test_malformed_filter_is_a_400_naming_it(scene, client):
    response = client.get("/api/v1/sessions", {"edition": "igf2030", "day": "someday"})
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "day"
    assert response.json()["error"]["code"] == "invalid"


def test_missing_edition_is_a_400_naming_it(scene, client):
    response = client.get("/api/v1/sessions")
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "edition"


def _released_edition(sessions: int):
    session_type = SessionTypeFactory(prefix="WS")
    edition = session_type.edition
    room = RoomFactory(edition=edition)
    for n in range(sessions):
        session = SessionPageFactory(
            session_type=session_type, people=[PersonFactory(), PersonFactory()]
        )
        schedule(session, room, local(edition, 1 + n % 3, 9 + n // 3))
    release_schedule(edition=edition, by=None, message="First")
    return edition


@pytest.mark.parametrize("sessions", [1, 12])
def test_sessions_list_costs_the_same_for_1_or_many(
    home_page, client, django_assert_max_num_queries, sessions
):
    edition = _released_edition(sessions)
    with django_assert_max_num_queries(8):
        body = client.get("/api/v1/sessions", {"edition": edition.slug}).json()
    assert len(body["items"]) == sessions
    assert all(len(item["people"]) == 2 for item in body["items"])


@pytest.mark.parametrize("sessions", [1, 12])
def test_people_list_costs_the_same_for_1_or_many(
    home_page, client, django_assert_max_num_queries, sessions
):
    edition = _released_edition(sessions)
    with django_assert_max_num_queries(4):
        body = client.get("/api/v1/people", {"edition": edition.slug}).json()
    assert len(body["items"]) == 2 * sessions
