import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from igfplus import roles
from outcomes.enums import CommentStatus, DocumentStatus
from outcomes.models import MessageComment
from outcomes.services import comments as service
from tests.factories import UserFactory
from tests.factories.outcomes import (
    MessageCommentFactory,
    OutcomeDocumentFactory,
    PolicyMessageFactory,
)

CLOSE = dt.date(2025, 7, 31)


@pytest.mark.parametrize(
    ("status", "today", "expected"),
    [
        pytest.param(DocumentStatus.PUBLIC_COMMENT, CLOSE, True, id="last_day_open"),
        pytest.param(
            DocumentStatus.PUBLIC_COMMENT,
            CLOSE + dt.timedelta(days=1),
            False,
            id="day_after_closed",
        ),
        pytest.param(DocumentStatus.DRAFT, CLOSE, False, id="draft_closed"),
        pytest.param(DocumentStatus.FINAL, CLOSE, False, id="final_closed"),
    ],
)
def test_is_open_for_comment(status, today, expected):
    assert (
        service.is_open_for_comment(status=status, comments_close_on=CLOSE, today=today)
        is expected
    )


@pytest.fixture
def open_message(db):
    document = OutcomeDocumentFactory(
        status=DocumentStatus.PUBLIC_COMMENT, comments_close_on=CLOSE, published_on=None
    )
    return PolicyMessageFactory(document=document)


@pytest.fixture
def secretariat(db):
    return UserFactory(roles=[roles.SECRETARIAT])


def test_add_comment_while_open_is_pending(open_message):
    author = UserFactory()

    comment = service.add_comment(
        message=open_message, author=author, text=" Name SIDS. ", today=CLOSE
    )

    assert (comment.status, comment.text, comment.author) == (
        CommentStatus.PENDING,
        "Name SIDS.",
        author,
    )


def test_add_comment_after_closing_is_refused(open_message):
    with pytest.raises(ValidationError) as refused:
        service.add_comment(
            message=open_message,
            author=UserFactory(),
            text="Too late?",
            today=CLOSE + dt.timedelta(days=1),
        )

    assert refused.value.messages == [service.COMMENTS_CLOSED]
    assert MessageComment.objects.count() == 0


def test_add_empty_comment_is_refused(open_message):
    with pytest.raises(ValidationError) as refused:
        service.add_comment(
            message=open_message, author=UserFactory(), text="   ", today=CLOSE
        )

    assert refused.value.message_dict == {"text": [service.COMMENT_EMPTY]}


def test_secretariat_publishes_then_resolves(secretariat):
    comment = MessageCommentFactory()

    service.publish_comment(comment=comment, by=secretariat)
    service.resolve_comment(
        comment=comment, by=secretariat, resolution="Added to message 3."
    )

    comment.refresh_from_db()
    assert (comment.status, comment.resolution, comment.moderated_by) == (
        CommentStatus.RESOLVED,
        "Added to message 3.",
        secretariat,
    )


def test_reject_then_publish_is_refused(secretariat):
    comment = MessageCommentFactory()
    service.reject_comment(comment=comment, by=secretariat)

    with pytest.raises(ValidationError) as refused:
        service.publish_comment(comment=comment, by=secretariat)

    assert refused.value.messages == ["This comment was already rejected."]


def test_resolve_needs_a_note(secretariat):
    comment = MessageCommentFactory()

    with pytest.raises(ValidationError) as refused:
        service.resolve_comment(comment=comment, by=secretariat, resolution=" ")

    assert refused.value.message_dict == {"resolution": [service.RESOLUTION_REQUIRED]}


@pytest.mark.django_db
@pytest.mark.parametrize("role", [roles.MAG_MEMBER, roles.SESSION_ORGANIZER])
def test_only_the_secretariat_moderates(role):
    comment = MessageCommentFactory()

    with pytest.raises(PermissionDenied) as refused:
        service.publish_comment(comment=comment, by=UserFactory(roles=[role]))

    assert str(refused.value) == service.NOT_A_MODERATOR
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
