"""Public comment on draft messages: who may comment when, and the secretariat's moderation.

A comment arrives *pending*; the secretariat publishes or rejects it, and later marks it
*resolved* with a note on how it was taken into account. Each step is in the audit log.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from outcomes.enums import CommentStatus, DocumentStatus
from outcomes.models import MessageComment, PolicyMessage

MODERATE_PERMISSION = "outcomes.change_messagecomment"

PUBLISH = "outcomes.comment.publish"
REJECT = "outcomes.comment.reject"
RESOLVE = "outcomes.comment.resolve"

COMMENTS_CLOSED = "This message is not open for public comment."
COMMENT_EMPTY = "Write your comment before sending it."
COMMENT_TOO_LONG = "Keep your comment under %(limit)s characters."
RESOLUTION_REQUIRED = "Say how the comment was taken into account."
NOT_A_MODERATOR = "Only the secretariat moderates comments."
ALREADY_MODERATED = "This comment was already %(status)s."

MAX_COMMENT_LENGTH = 5000


def is_open_for_comment(
    *, status: str, comments_close_on: dt.date | None, today: dt.date
) -> bool:
    """Whether a document takes comments today: in public comment, up to its last day."""
    return (
        status == DocumentStatus.PUBLIC_COMMENT
        and comments_close_on is not None
        and today <= comments_close_on
    )


def message_is_open_for_comment(
    message: PolicyMessage, *, today: dt.date | None = None
) -> bool:
    """Whether signed-in people may comment on this message today."""
    document = message.document
    return (
        message.deleted_at is None
        and document.deleted_at is None
        and is_open_for_comment(
            status=document.status,
            comments_close_on=document.comments_close_on,
            today=today or timezone.localdate(),
        )
    )


@transaction.atomic
def add_comment(
    *, message: PolicyMessage, author, text: str, today: dt.date | None = None
) -> MessageComment:
    """A signed-in person's comment on a message open for comment, pending moderation."""
    if not message_is_open_for_comment(message, today=today):
        raise ValidationError(COMMENTS_CLOSED)
    text = text.strip()
    if not text:
        raise ValidationError({"text": [COMMENT_EMPTY]})
    if len(text) > MAX_COMMENT_LENGTH:
        raise ValidationError(
            {"text": [COMMENT_TOO_LONG % {"limit": MAX_COMMENT_LENGTH}]}
        )
    comment = MessageComment.objects.create(message=message, author=author, text=text)
    log(instance=comment, action="wagtail.create", user=author)
    return comment


def _require_moderator(user) -> None:
    if not user.has_perm(MODERATE_PERMISSION):
        raise PermissionDenied(NOT_A_MODERATOR)


def _moderate(
    comment: MessageComment, *, by, status: str, action: str, resolution: str = ""
) -> MessageComment:
    comment.status = status
    comment.resolution = resolution
    comment.moderated_at = timezone.now()
    comment.moderated_by = by
    comment.save(update_fields=["status", "resolution", "moderated_at", "moderated_by"])
    log(instance=comment, action=action, user=by, data={"status": status})
    return comment


@transaction.atomic
def publish_comment(*, comment: MessageComment, by) -> MessageComment:
    """Publish a pending comment beside its message; return it."""
    _require_moderator(by)
    if comment.status != CommentStatus.PENDING:
        raise ValidationError(
            ALREADY_MODERATED % {"status": comment.get_status_display().lower()}
        )
    return _moderate(comment, by=by, status=CommentStatus.PUBLISHED, action=PUBLISH)


@transaction.atomic
def reject_comment(*, comment: MessageComment, by) -> MessageComment:
    """Reject a pending comment (it stays hidden); return it."""
    _require_moderator(by)
    if comment.status != CommentStatus.PENDING:
        raise ValidationError(
            ALREADY_MODERATED % {"status": comment.get_status_display().lower()}
        )
    return _moderate(comment, by=by, status=CommentStatus.REJECTED, action=REJECT)


@transaction.atomic
def resolve_comment(*, comment: MessageComment, by, resolution: str) -> MessageComment:
    """Mark a comment resolved, saying how it was taken into account; return it."""
    _require_moderator(by)
    if not resolution.strip():
        raise ValidationError({"resolution": [RESOLUTION_REQUIRED]})
    if comment.status == CommentStatus.REJECTED:
        raise ValidationError(
            ALREADY_MODERATED % {"status": comment.get_status_display().lower()}
        )
    return _moderate(
        comment,
        by=by,
        status=CommentStatus.RESOLVED,
        action=RESOLVE,
        resolution=resolution.strip(),
    )
