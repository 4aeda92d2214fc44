import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from igfplus import roles
from sessions.models import SessionPage
from sessions.services.releases import release_schedule
from sessions.services.scheduling import (
    CANNOT_CANCEL,
    NOT_CANCELLED,
    cancel_session,
    reinstate_session,
)
from tests.factories import UserFactory
from tests.sessions.conftest import local, schedule


def status_of(session) -> str:
    return SessionPage.objects.get(pk=session.pk).status


@pytest.mark.django_db
def test_cancel_keeps_the_place_and_reinstate_restores_it(programme_scene):
    s = programme_scene
    schedule(s["first"], s["room_a"], local(s["edition"], 1, 10))

    cancel_session(session=s["first"])
    assert status_of(s["first"]) == "cancelled"
    assert s["first"].placement.room == s["room_a"]

    reinstate_session(session=s["first"])
    assert status_of(s["first"]) == "scheduled"


@pytest.mark.django_db
def test_reinstating_an_unplaced_session_makes_it_accepted(programme_scene):
    cancel_session(session=programme_scene["second"])
    reinstate_session(session=programme_scene["second"])
    assert status_of(programme_scene["second"]) == "accepted"


@pytest.mark.django_db
def test_only_live_programme_sessions_can_be_cancelled(programme_scene):
    SessionPage.objects.filter(pk=programme_scene["first"].pk).update(status="declined")
    session = SessionPage.objects.get(pk=programme_scene["first"].pk)
    with pytest.raises(ValidationError) as refusal:
        cancel_session(session=session)
    assert refusal.value.messages == [str(CANNOT_CANCEL % {"status": "Declined"})]
    with pytest.raises(ValidationError, match=str(NOT_CANCELLED)):
        reinstate_session(session=session)


@pytest.fixture
def secretariat(client, give_totp):
    client.force_login(give_totp(UserFactory(roles=[roles.SECRETARIAT])))
    return client


@pytest.mark.django_db
def test_secretariat_cancels_from_the_page_header_and_the_release_shows_it(
    secretariat, programme_scene
):
    s = programme_scene
    schedule(s["first"], s["room_a"], local(s["edition"], 1, 10))
    schedule(s["second"], s["room_b"], local(s["edition"], 1, 10))
    release_schedule(edition=s["edition"], by=None, message="")
    edit = secretariat.get(reverse("wagtailadmin_pages:edit", args=[s["first"].pk]))
    cancel_url = reverse("sessions_change_status", args=[s["first"].pk, "cancel"])
    assert cancel_url in edit.content.decode()

    assert secretariat.get(cancel_url).status_code == 200
    response = secretariat.post(cancel_url, follow=True)

    assert (
        "WS #1 is cancelled. The next release shows it as cancelled."
        in response.content.decode()
    )
    second = release_schedule(edition=s["edition"], by=None, message="")
    assert [(e["change"], e["title"]) for e in second.changelog] == [
        ("cancelled", "Data flows")
    ]


@pytest.mark.django_db
def test_mag_members_cannot_cancel(client, give_totp, programme_scene):
    client.force_login(give_totp(UserFactory(roles=[roles.MAG_MEMBER])))
    url = reverse(
        "sessions_change_status", args=[programme_scene["first"].pk, "cancel"]
    )
    response = client.post(url)
    # Wagtail's admin turns a refusal into a redirect to its dashboard with a message.
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert status_of(programme_scene["first"]) == "accepted"
