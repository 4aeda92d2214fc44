import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from intersessional.enums import CommentStatus, OutputKind, OutputStatus
from intersessional.services.comments import (
    ALREADY_MODERATED,
    COMMENT_EMPTY,
    COMMENTS_CLOSED,
    add_comment,
    is_open_for_comment,
    moderate_comment,
)
from intersessional.services.facilitators import assign_facilitators
from tests.factories import UserFactory
from tests.factories.intersessional import OutputCommentFactory, OutputFactory

TODAY = dt.date(2030, 5, 10)


@pytest.mark.parametrize(
    ("status", "until", "expected"),
    [
        (OutputStatus.DRAFT, TODAY, True),
        (OutputStatus.DRAFT, TODAY + dt.timedelta(days=5), True),
        (OutputStatus.DRAFT, TODAY - dt.timedelta(days=1), False),
        (OutputStatus.DRAFT, None, False),
        (OutputStatus.FINAL, TODAY + dt.timedelta(days=5), False),
    ],
    ids=["last_day", "open", "closed_yesterday", "never_opened", "final"],
)
def test_is_open_for_comment(status, until, expected):
    assert (
        is_open_for_comment(status=status, comments_open_until=until, today=TODAY)
        is expected
    )


@pytest.fixture
def draft(index):
    return OutputFactory(
        kind=OutputKind.DRAFT,
        status=OutputStatus.DRAFT,
        comments_open_until=TODAY + dt.timedelta(days=3),
    )


@pytest.mark.django_db
def test_comment_on_a_closed_output_is_refused(draft):
    with pytest.raises(ValidationError) as refused:
        add_comment(
            output=draft,
            author=UserFactory(),
            text="Late",
            today=TODAY + dt.timedelta(days=4),
        )
    assert refused.value.messages == [str(COMMENTS_CLOSED)]


@pytest.mark.django_db
def test_an_empty_comment_is_refused_on_its_field(draft):
    with pytest.raises(ValidationError) as refused:
        add_comment(output=draft, author=UserFactory(), text="   ", today=TODAY)
    assert refused.value.message_dict == {"text": [str(COMMENT_EMPTY)]}


@pytest.mark.django_db
def test_a_comment_is_moderated_once_by_a_facilitator(draft):
    comment = OutputCommentFactory(output=draft)
    facilitator = UserFactory()
    assign_facilitators(body=draft.body, emails=[facilitator.email])
    facilitator = type(facilitator).objects.get(pk=facilitator.pk)

    moderate_comment(comment=comment, by=facilitator, decision="reject")

    assert comment.status == CommentStatus.REJECTED
    assert comment.moderated_by == facilitator
    with pytest.raises(ValidationError) as again:
        moderate_comment(comment=comment, by=facilitator, decision="publish")
    assert again.value.messages == [str(ALREADY_MODERATED)]


@pytest.mark.django_db
def test_a_stranger_cannot_moderate(draft):
    comment = OutputCommentFactory(output=draft)
    with pytest.raises(PermissionDenied):
        moderate_comment(comment=comment, by=UserFactory(), decision="publish")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
