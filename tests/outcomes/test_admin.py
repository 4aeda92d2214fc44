import datetime as dt

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from igfplus import roles
from outcomes.enums import (
    Channel,
    DocumentStatus,
    EvidenceLevel,
    UptakeKind,
    UptakeStatus,
)
from outcomes.models import Transmission, UptakeEvent
from tests.factories import UserFactory
from tests.factories.outcomes import (
    ForumFactory,
    OutcomeDocumentFactory,
    PolicyMessageFactory,
    TransmissionFactory,
    UptakeEventFactory,
)

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_outcomes_transmission:add"
LIST = "wagtailsnippets_outcomes_transmission:list"


@pytest.fixture
def login(client, give_totp):
    def as_role(role):
        user = give_totp(UserFactory(roles=[role]))
        client.force_login(user)
        return user

    return as_role


@pytest.fixture
def message(db):
    return PolicyMessageFactory(
        document=OutcomeDocumentFactory(published_on=dt.date(2025, 6, 27))
    )


def transmission_data(message, **overrides):
    data = {
        "forum": ForumFactory().pk,
        "sent_on": "2026-04-14",
        "channel": Channel.FORMAL_REPORT,
        "actor": "IGF Secretariat",
        "messages": [message.pk],
        "document": "",
        "evidence_url": "",
        "document_symbol": "E/CN.16/2026/2",
        "note": "",
        "status": UptakeStatus.REFLECTED,  # not a form field: ignored
    }
    data.update(overrides)
    return data


def test_secretariat_adds_a_transmission_through_the_service(client, login, message):
    user = login(roles.SECRETARIAT)

    response = client.post(reverse(ADD), transmission_data(message))

    assert response.status_code == 302, response.context["form"].errors
    transmission = Transmission.objects.get()
    assert (transmission.status, transmission.recorded_by) == (UptakeStatus.SENT, user)
    assert list(transmission.messages.all()) == [message]
    assert list(
        ModelLogEntry.objects.for_instance(transmission).values_list("action", "user")
    ) == [("wagtail.create", user.pk)]


def test_status_is_not_a_form_field(client, login):
    login(roles.SECRETARIAT)

    form = client.get(reverse(ADD)).context["form"]

    assert "status" not in form.fields
    assert "recorded_by" not in form.fields


def test_service_errors_show_on_the_field(client, login, message):
    login(roles.SECRETARIAT)

    response = client.post(
        reverse(ADD), transmission_data(message, sent_on="2025-06-01")
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["sent_on"]
    assert Transmission.objects.count() == 0


def test_mag_member_sees_but_cannot_add(client, login, message):
    login(roles.MAG_MEMBER)
    TransmissionFactory(messages=[message])

    assert client.get(reverse(LIST)).status_code == 200
    assert client.get(reverse(ADD)).status_code in (302, 403)
    assert client.post(reverse(ADD), transmission_data(message)).status_code in (
        302,
        403,
    )
    assert Transmission.objects.count() == 1


def test_session_organizer_reaches_nothing(client, login):
    login(roles.SESSION_ORGANIZER)

    assert client.get(reverse(LIST)).status_code in (302, 403)


def test_secretariat_records_an_event_and_the_status_follows(client, login):
    login(roles.SECRETARIAT)
    transmission = TransmissionFactory()

    response = client.post(
        reverse("wagtailsnippets_outcomes_uptakeevent:add"),
        {
            "transmission": transmission.pk,
            "kind": UptakeKind.DISCUSSED,
            "occurred_on": "2026-05-02",
            "evidence_level": EvidenceLevel.INDIRECT,
            "evidence_url": "",
            "document_symbol": "",
            "quoted_passage": "",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    transmission.refresh_from_db()
    assert transmission.status == UptakeStatus.DISCUSSED


def test_delete_in_the_admin_is_soft(client, login):
    login(roles.SECRETARIAT)
    event = UptakeEventFactory()

    response = client.post(
        reverse("wagtailsnippets_outcomes_uptakeevent:delete", args=[event.pk])
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.deleted_at is not None
    assert UptakeEvent.objects.count() == 1


def test_missing_reports_view(client, login, held_session):
    login(roles.MAG_MEMBER)

    response = client.get(
        reverse("outcomes_missing_reports"), {"edition": held_session.edition.pk}
    )

    assert response.status_code == 200
    assert [
        (due.session, [p.person.name for p in people])
        for due, people in response.context["rows"]
    ] == [(held_session, ["Amina Diallo"])]


def test_document_steps_open_for_comment(client, login):
    login(roles.SECRETARIAT)
    document = OutcomeDocumentFactory(status=DocumentStatus.DRAFT, published_on=None)

    response = client.post(
        reverse("outcomes_document_steps", args=[document.pk]),
        {"step": "open", "until": "2099-01-31", "changes": ""},
    )

    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.status, document.versions.get().number) == (
        DocumentStatus.PUBLIC_COMMENT,
        1,
    )


def test_mag_member_cannot_change_document_steps(client, login):
    login(roles.MAG_MEMBER)
    document = OutcomeDocumentFactory(status=DocumentStatus.DRAFT, published_on=None)
    url = reverse("outcomes_document_steps", args=[document.pk])

    assert client.get(url).status_code == 200
    # Wagtail's admin answers a PermissionDenied with a redirect and a message.
    assert client.post(url, {"step": "finalize", "changes": "Done"}).status_code == 302
    document.refresh_from_db()
    assert document.status == DocumentStatus.DRAFT
