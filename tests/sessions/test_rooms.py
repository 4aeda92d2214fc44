import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from igfplus import roles
from sessions.models import Room
from tests.factories import ForumEditionPageFactory, RoomFactory, UserFactory


@pytest.mark.django_db
def test_room_names_are_unique_within_an_edition_only(home_page):
    first, second = ForumEditionPageFactory(), ForumEditionPageFactory()
    RoomFactory(edition=first, name="Room A")
    RoomFactory(edition=second, name="Room A")  # names recur across years

    with pytest.raises(ValidationError, match="already has a room with this name"):
        Room(edition=first, name="Room A", capacity=10).full_clean()


@pytest.fixture
def secretariat_client(client, give_totp):
    client.force_login(give_totp(UserFactory(roles=[roles.SECRETARIAT])))
    return client


@pytest.mark.django_db
def test_secretariat_adds_a_room_with_interpretation(secretariat_client, home_page):
    edition = ForumEditionPageFactory()

    response = secretariat_client.post(
        reverse("wagtailsnippets_forum_sessions_room:add"),
        {
            "edition": edition.pk,
            "name": "Plenary",
            "capacity": "2000",
            "has_hybrid_equipment": "on",
            "interpretation_languages": ["ar", "zh", "en"],
            "sort_order": "0",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    room = Room.objects.get(name="Plenary")
    assert (
        room.edition,
        room.capacity,
        room.has_hybrid_equipment,
        room.has_webcast,
    ) == (edition, 2000, True, False)
    assert room.interpretation_languages == ["ar", "zh", "en"]


@pytest.mark.django_db
def test_room_form_names_the_bad_field(secretariat_client, home_page):
    edition = ForumEditionPageFactory()

    response = secretariat_client.post(
        reverse("wagtailsnippets_forum_sessions_room:add"),
        {
            "edition": edition.pk,
            "name": "Tiny",
            "capacity": "0",
            "interpretation_languages": ["xx"],
            "sort_order": "0",
        },
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {
        "capacity",
        "interpretation_languages",
    }
    assert not Room.objects.exists()


def room_list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert (
            client.get(reverse("wagtailsnippets_forum_sessions_room:list")).status_code
            == 200
        )
    return len(queries)


@pytest.mark.django_db
def test_room_list_query_count_does_not_grow_with_rooms(secretariat_client, home_page):
    edition = ForumEditionPageFactory()
    RoomFactory(edition=edition)
    one = room_list_queries(secretariat_client)
    RoomFactory.create_batch(30, edition=edition)
    assert room_list_queries(secretariat_client) == one
