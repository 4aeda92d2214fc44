import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from outcomes.enums import (
    Channel,
    DocumentStatus,
    EvidenceLevel,
    UptakeKind,
    UptakeStatus,
)
from outcomes.models import Transmission, UptakeEvent
from outcomes.services import transmissions as service
from outcomes.services.transmissions import Sendable, check_transmission
from tests.factories import UserFactory
from tests.factories.outcomes import (
    ForumFactory,
    OutcomeDocumentFactory,
    PolicyMessageFactory,
    TransmissionFactory,
)

JUNE = dt.date(2025, 6, 27)


# --- pure rule --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent_on", "expected"),
    [
        pytest.param(JUNE, {}, id="same_day_ok"),
        pytest.param(JUNE + dt.timedelta(days=1), {}, id="later_ok"),
        pytest.param(
            JUNE - dt.timedelta(days=1),
            {
                "sent_on": [
                    "“Access” did not exist yet on 2025-06-26: it is public from "
                    "2025-06-27."
                ]
            },
            id="day_before_refused",
        ),
    ],
)
def test_check_transmission_dates(sent_on, expected):
    assert (
        check_transmission(
            sent_on=sent_on,
            channel=Channel.BRIEFING,
            messages=[Sendable("Access", JUNE)],
            document=None,
        )
        == expected
    )


def test_check_transmission_needs_something_and_a_known_channel():
    assert check_transmission(
        sent_on=JUNE, channel="carrier_pigeon", messages=[], document=None
    ) == {
        "channel": [
            "“carrier_pigeon” is not a channel: use one of leadership_panel, briefing, "
            "session_at_forum, formal_report, submission."
        ],
        "messages": [service.NOTHING_SENT],
    }


def test_check_transmission_refuses_a_draft_document():
    assert check_transmission(
        sent_on=JUNE,
        channel=Channel.SUBMISSION,
        messages=[],
        document=Sendable("Messages", dt.date.min),
        document_is_draft=True,
    ) == {"document": [service.DRAFT_DOCUMENT % {"document": "Messages"}]}


# --- writes -----------------------------------------------------------------------------


@pytest.fixture
def secretariat(db):
    return UserFactory(name="Chengetai M.")


@pytest.fixture
def message(db):
    document = OutcomeDocumentFactory(published_on=JUNE)
    return PolicyMessageFactory(document=document, title="Meaningful access")


def record(message, by, **overrides):
    values = {
        "forum": ForumFactory(),
        "sent_on": dt.date(2026, 4, 14),
        "channel": Channel.FORMAL_REPORT,
        "actor": "IGF Secretariat",
        "by": by,
        "messages": [message],
        "document_symbol": "E/CN.16/2026/2",
    }
    return service.record_transmission(**{**values, **overrides})


def test_record_transmission_saves_links_and_logs(message, secretariat):
    transmission = record(message, secretariat)

    assert list(transmission.messages.all()) == [message]
    assert (transmission.status, transmission.recorded_by) == (
        UptakeStatus.SENT,
        secretariat,
    )
    entry = ModelLogEntry.objects.for_instance(transmission).get()
    assert (entry.action, entry.user, entry.data["messages"]) == (
        "wagtail.create",
        secretariat,
        [str(message.guid)],
    )


def test_record_transmission_before_the_message_existed_saves_nothing(
    message, secretariat
):
    with pytest.raises(ValidationError) as refused:
        record(message, secretariat, sent_on=dt.date(2025, 6, 1))

    assert refused.value.message_dict == {
        "sent_on": [
            "“Meaningful access” did not exist yet on 2025-06-01: it is public from "
            "2025-06-27."
        ]
    }
    assert Transmission.objects.count() == 0
    assert ModelLogEntry.objects.filter(action="wagtail.create").count() == 0


def test_message_without_published_document_dates_from_its_creation(secretariat):
    message = PolicyMessageFactory(
        document=OutcomeDocumentFactory(
            status=DocumentStatus.PUBLIC_COMMENT, published_on=None
        ),
        title="Draft message",
    )
    created_on = message.created_at.date()

    with pytest.raises(ValidationError) as refused:
        record(message, secretariat, sent_on=created_on - dt.timedelta(days=1))

    assert list(refused.value.message_dict) == ["sent_on"]
    assert record(message, secretariat, sent_on=created_on).sent_on == created_on


def test_record_transmission_of_a_whole_document_before_publication(secretariat):
    document = OutcomeDocumentFactory(title="IGF 2025 Messages", published_on=JUNE)

    with pytest.raises(ValidationError) as refused:
        service.record_transmission(
            forum=ForumFactory(),
            sent_on=dt.date(2025, 6, 20),
            channel=Channel.SUBMISSION,
            actor="IGF Secretariat",
            by=secretariat,
            document=document,
        )

    assert refused.value.message_dict == {
        "sent_on": [
            "“IGF 2025 Messages” was not published yet on 2025-06-20: it was "
            "published on 2025-06-27."
        ]
    }


def test_uptake_event_refreshes_status_and_logs(message, secretariat):
    transmission = record(message, secretariat)

    event = service.record_uptake_event(
        transmission=transmission,
        kind=UptakeKind.REFERENCED,
        occurred_on=dt.date(2026, 4, 18),
        evidence_level=EvidenceLevel.DIRECT,
        by=secretariat,
        document_symbol="E/CN.16/2026/L.3",
    )

    transmission.refresh_from_db()
    assert transmission.status == UptakeStatus.REFERENCED
    entry = ModelLogEntry.objects.for_instance(event).get()
    assert (entry.action, entry.user, entry.data["kind"]) == (
        "wagtail.create",
        secretariat,
        "referenced",
    )


def test_uptake_event_before_its_transmission_is_refused(secretariat):
    transmission = TransmissionFactory(sent_on=dt.date(2026, 4, 14))

    with pytest.raises(ValidationError) as refused:
        service.record_uptake_event(
            transmission=transmission,
            kind=UptakeKind.DISCUSSED,
            occurred_on=dt.date(2026, 4, 13),
            evidence_level=EvidenceLevel.INDIRECT,
            by=secretariat,
        )

    assert refused.value.message_dict == {
        "occurred_on": [
            "The event is dated 2026-04-13, before the transmission was sent on "
            "2026-04-14."
        ]
    }
    assert UptakeEvent.objects.count() == 0


def test_uptake_event_kind_outside_the_vocabulary_is_refused(secretariat):
    transmission = TransmissionFactory()

    with pytest.raises(ValidationError) as refused:
        service.record_uptake_event(
            transmission=transmission,
            kind="praised",
            occurred_on=transmission.sent_on,
            evidence_level=EvidenceLevel.DIRECT,
            by=secretariat,
        )

    assert refused.value.message_dict == {
        "kind": [
            "“praised” is not a kind of uptake: use one of acknowledged, discussed, "
            "referenced, reflected, no_action, withdrawn."
        ]
    }
    transmission.refresh_from_db()
    assert transmission.status == UptakeStatus.SENT


def test_deleting_an_event_refreshes_status_and_logs(message, secretariat):
    transmission = record(message, secretariat)
    first = service.record_uptake_event(
        transmission=transmission,
        kind=UptakeKind.ACKNOWLEDGED,
        occurred_on=dt.date(2026, 4, 15),
        evidence_level=EvidenceLevel.DIRECT,
        by=secretariat,
    )
    second = service.record_uptake_event(
        transmission=transmission,
        kind=UptakeKind.REFLECTED,
        occurred_on=dt.date(2026, 7, 1),
        evidence_level=EvidenceLevel.DIRECT,
        by=secretariat,
    )

    service.delete_uptake_event(event=second, by=secretariat)

    transmission.refresh_from_db()
    second.refresh_from_db()
    assert transmission.status == UptakeStatus.ACKNOWLEDGED
    assert second.deleted_at is not None
    assert first.deleted_at is None
    assert ModelLogEntry.objects.for_instance(second).order_by("pk").last().action == (
        service.SOFT_DELETE
    )


def test_deleted_transmission_takes_no_events_and_is_logged(message, secretariat):
    transmission = record(message, secretariat)
    service.delete_transmission(transmission=transmission, by=secretariat)

    with pytest.raises(ValidationError) as refused:
        service.record_uptake_event(
            transmission=transmission,
            kind=UptakeKind.DISCUSSED,
            occurred_on=dt.date(2026, 5, 1),
            evidence_level=EvidenceLevel.DIRECT,
            by=secretariat,
        )

    assert refused.value.message_dict == {
        "transmission": [service.TRANSMISSION_DELETED]
    }
    assert list(
        ModelLogEntry.objects.for_instance(transmission)
        .order_by("pk")
        .values_list("action", "user")
    ) == [("wagtail.create", secretariat.pk), (service.SOFT_DELETE, secretariat.pk)]


def test_change_transmission_keeps_events_after_its_date(message, secretariat):
    transmission = record(message, secretariat)
    service.record_uptake_event(
        transmission=transmission,
        kind=UptakeKind.DISCUSSED,
        occurred_on=dt.date(2026, 4, 20),
        evidence_level=EvidenceLevel.DIRECT,
        by=secretariat,
    )

    with pytest.raises(ValidationError) as refused:
        service.change_transmission(
            transmission=transmission,
            by=secretariat,
            forum=transmission.forum,
            sent_on=dt.date(2026, 5, 1),
            channel=Channel.FORMAL_REPORT,
            actor="IGF Secretariat",
            messages=[message],
        )

    assert refused.value.message_dict == {
        "sent_on": [
            "1 uptake event(s) are dated before 2026-05-01; change or delete them first."
        ]
    }
    transmission.refresh_from_db()
    assert transmission.sent_on == dt.date(2026, 4, 14)
