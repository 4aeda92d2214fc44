import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from outcomes.enums import DocumentStatus
from outcomes.services import documents as service
from tests.factories import UserFactory
from tests.factories.outcomes import OutcomeDocumentFactory

TODAY = dt.date(2025, 7, 1)


@pytest.fixture
def secretariat(db):
    return UserFactory()


@pytest.fixture
def draft(db):
    return OutcomeDocumentFactory(
        title="IGF 2025 Messages", status=DocumentStatus.DRAFT, published_on=None
    )


def test_draft_is_not_public(draft):
    assert draft.is_public is False
    assert list(service.public_documents()) == []


def test_open_for_comment_publishes_version_one(draft, secretariat):
    version = service.open_for_comment(
        document=draft, until=dt.date(2025, 7, 31), by=secretariat, today=TODAY
    )

    draft.refresh_from_db()
    assert (draft.status, draft.comments_close_on) == (
        DocumentStatus.PUBLIC_COMMENT,
        dt.date(2025, 7, 31),
    )
    assert (version.number, version.status, version.changes) == (
        1,
        DocumentStatus.PUBLIC_COMMENT,
        "Opened for public comment until 2025-07-31.",
    )
    assert list(service.public_documents()) == [draft]
    assert ModelLogEntry.objects.for_instance(draft).get().action == (
        service.OPEN_FOR_COMMENT
    )


def test_open_for_comment_until_a_past_day_is_refused(draft, secretariat):
    with pytest.raises(ValidationError) as refused:
        service.open_for_comment(
            document=draft, until=dt.date(2025, 6, 30), by=secretariat, today=TODAY
        )

    assert refused.value.message_dict == {
        "comments_close_on": [
            "The comment period must end today or later, not on 2025-06-30."
        ]
    }
    draft.refresh_from_db()
    assert draft.status == DocumentStatus.DRAFT


def test_versions_count_up_with_changelog_then_final(draft, secretariat):
    service.open_for_comment(
        document=draft, until=dt.date(2025, 7, 31), by=secretariat, today=TODAY
    )
    second = service.publish_version(
        document=draft, changes="Added a message on AI governance.", by=secretariat
    )
    final = service.finalize_document(
        document=draft,
        changes="Comments taken into account.",
        by=secretariat,
        published_on=dt.date(2025, 8, 15),
    )

    draft.refresh_from_db()
    assert (second.number, final.number, final.status) == (2, 3, DocumentStatus.FINAL)
    assert (draft.status, draft.published_on) == (
        DocumentStatus.FINAL,
        dt.date(2025, 8, 15),
    )
    assert list(draft.versions.values_list("number", "changes")) == [
        (3, "Comments taken into account."),
        (2, "Added a message on AI governance."),
        (1, "Opened for public comment until 2025-07-31."),
    ]


def test_publish_version_of_a_draft_is_refused(draft, secretariat):
    with pytest.raises(ValidationError) as refused:
        service.publish_version(document=draft, changes="Typos.", by=secretariat)

    assert refused.value.messages == [
        "“IGF 2025 Messages” is a draft: open it for public comment or finalize it "
        "first."
    ]


def test_version_without_changes_is_refused(secretariat):
    document = OutcomeDocumentFactory()

    with pytest.raises(ValidationError) as refused:
        service.publish_version(document=document, changes="  ", by=secretariat)

    assert refused.value.message_dict == {"changes": [service.CHANGES_REQUIRED]}
    assert document.versions.count() == 0


def test_final_document_cannot_reopen(secretariat):
    document = OutcomeDocumentFactory(title="Final messages")

    with pytest.raises(ValidationError) as refused:
        service.open_for_comment(
            document=document, until=dt.date(2030, 1, 1), by=secretariat
        )

    assert refused.value.messages == [
        "“Final messages” is final and cannot be opened for comment again."
    ]
