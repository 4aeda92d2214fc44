"""Nothing lost: messages, transmissions and uptake events are deleted softly and restored
by the secretariat from the admin, both audited; sessions are never deleted (cancelling
is their soft delete, reinstating their restore)."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from igfplus import roles
from outcomes.models import PolicyMessage, Transmission, UptakeEvent
from outcomes.services import restore
from outcomes.services.transmissions import SOFT_DELETE, delete_transmission
from sessions.models import SessionPage
from sessions.services.scheduling import (
    CANCEL_ACTION,
    REINSTATE_ACTION,
    cancel_session,
    reinstate_session,
)
from sessions.wagtail_hooks import SESSION_DELETE_REFUSED
from tests.factories import UserFactory
from tests.outcomes.test_selectors import build_scene

DELETED_LIST = "/admin/outcomes/deleted/"


def restore_url(kind: str, pk: int) -> str:
    return reverse("outcomes_restore", args=[kind, pk])


def actions_on(instance) -> list[tuple[str, str]]:
    entries = ModelLogEntry.objects.for_instance(instance).order_by("timestamp", "pk")
    return [(entry.action, entry.user.email if entry.user else "") for entry in entries]


@pytest.fixture
def secretariat(client, give_totp):
    user = give_totp(UserFactory(roles=[roles.SECRETARIAT], email="sec@example.org"))
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_deleted_message_is_kept_listed_and_restored_with_an_audit(secretariat):
    scene = build_scene()
    message = scene.second
    public = f"/outcomes/messages/{message.guid}/"
    delete = reverse("wagtailsnippets_outcomes_policymessage:delete", args=[message.pk])

    response = secretariat.post(delete)

    assert response.status_code == 302
    message.refresh_from_db()
    assert message.deleted_at is not None
    assert secretariat.get(public).status_code == 404
    listing = secretariat.get(DELETED_LIST)
    assert listing.status_code == 200
    assert message.title in listing.content.decode()

    response = secretariat.post(restore_url("message", message.pk))

    assert response["Location"] == DELETED_LIST
    message.refresh_from_db()
    assert message.deleted_at is None
    assert secretariat.get(public).status_code == 200
    assert actions_on(message) == [
        (SOFT_DELETE, "sec@example.org"),
        (restore.RESTORE, "sec@example.org"),
    ]


@pytest.mark.django_db
def test_bulk_delete_of_messages_is_refused(secretariat):
    scene = build_scene()
    response = secretariat.post(
        "/admin/bulk/outcomes/policymessage/delete/?id=" + str(scene.second.pk)
    )
    assert response.status_code == 302
    assert PolicyMessage.objects.get(pk=scene.second.pk).deleted_at is None
    assert PolicyMessage.objects.filter(pk=scene.second.pk).exists()


@pytest.mark.django_db
def test_a_restored_transmission_counts_again_and_its_events_follow(secretariat):
    scene = build_scene()
    sending = scene.to_cstd
    status_before = sending.status
    delete_transmission(transmission=sending, by=None)
    event = UptakeEvent.objects.filter(transmission=sending, deleted_at=None).first()
    UptakeEvent.objects.filter(pk=event.pk).update(deleted_at=sending.deleted_at)

    # An event cannot come back before its transmission.
    response = secretariat.post(restore_url("event", event.pk), follow=True)
    assert str(restore.TRANSMISSION_STILL_DELETED) in response.content.decode()
    assert UptakeEvent.objects.get(pk=event.pk).deleted_at is not None

    secretariat.post(restore_url("transmission", sending.pk))
    secretariat.post(restore_url("event", event.pk))

    sending.refresh_from_db()
    assert sending.deleted_at is None
    assert UptakeEvent.objects.get(pk=event.pk).deleted_at is None
    assert sending.status == status_before
    assert secretariat.get("/outcomes/forums/tcom/").status_code == 200
    assert (restore.RESTORE, "sec@example.org") in actions_on(sending)
    assert (restore.RESTORE, "sec@example.org") in actions_on(event)


@pytest.mark.django_db
def test_restoring_what_is_not_deleted_says_so(secretariat):
    scene = build_scene()
    response = secretariat.post(restore_url("message", scene.first.pk), follow=True)
    assert str(restore.NOT_DELETED) in response.content.decode()


@pytest.mark.django_db
def test_the_mag_sees_deleted_outcomes_but_cannot_restore(client, give_totp):
    scene = build_scene()
    client.force_login(give_totp(UserFactory(roles=[roles.MAG_MEMBER])))
    assert client.get(DELETED_LIST).status_code == 200
    # Wagtail answers a refused admin action by sending the person to the dashboard.
    refused = client.post(restore_url("message", scene.deleted.pk))
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert Transmission.objects.get(pk=scene.deleted_sending.pk).deleted_at
    assert PolicyMessage.objects.get(pk=scene.deleted.pk).deleted_at is not None


@pytest.mark.django_db
def test_other_roles_see_no_deleted_outcomes(client):
    client.force_login(UserFactory(roles=[roles.NRI_COORDINATOR]))
    assert client.get(DELETED_LIST).status_code in (302, 403)


# --- sessions ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_session_cannot_be_deleted_even_by_a_superuser(client, give_totp):
    scene = build_scene()
    admin = give_totp(UserFactory(is_superuser=True, is_staff=True))
    client.force_login(admin)
    session = scene.session
    programme = session.get_parent()

    for page in (session, programme, scene.edition):
        response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
        assert response.status_code == 302
        assert Page.objects.filter(pk=page.pk).exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert str(SESSION_DELETE_REFUSED) in messages

    bulk = client.post(
        f"/admin/bulk/wagtailcore/page/delete/?id={session.pk}&childOf={programme.pk}"
    )
    assert bulk.status_code == 302
    assert SessionPage.objects.filter(pk=session.pk).exists()


@pytest.mark.django_db
def test_the_secretariat_cannot_delete_pages(secretariat):
    scene = build_scene()
    response = secretariat.post(
        reverse("wagtailadmin_pages:delete", args=[scene.session.pk])
    )
    assert response.status_code in (302, 403)
    assert SessionPage.objects.filter(pk=scene.session.pk).exists()


@pytest.mark.django_db
def test_cancelling_and_reinstating_a_session_are_audited():
    scene = build_scene()
    by = UserFactory(email="mag@example.org")
    cancel_session(session=scene.session, by=by)
    reinstate_session(session=scene.session, by=by)
    entries = PageLogEntry.objects.filter(page=scene.session).order_by(
        "timestamp", "pk"
    )
    assert [
        (e.action, e.user.email) for e in entries if e.action.startswith("forum")
    ] == [
        (CANCEL_ACTION, "mag@example.org"),
        (REINSTATE_ACTION, "mag@example.org"),
    ]
