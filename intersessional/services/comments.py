"""Public comment on draft outputs: who may comment when, and who moderates.

A comment arrives pending; whoever may edit the body's page (its facilitators, the
secretariat) publishes or rejects it. Only published comments are shown.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intersessional.enums import CommentStatus, OutputStatus

COMMENTS_CLOSED = _("This output is not open for public comment.")
COMMENT_EMPTY = _("Write your comment before sending it.")
NOT_A_MODERATOR = _(
    "Only the body's facilitators and the secretariat moderate its comments."
)
ALREADY_MODERATED = _("This comment was already moderated.")

DECISIONS = {"publish": CommentStatus.PUBLISHED, "reject": CommentStatus.REJECTED}


def is_open_for_comment(
    *, status: str, comments_open_until: dt.date | None, today: dt.date
) -> bool:
    """Whether a draft takes comments today: it has a closing day that has not passed."""
    return (
        status == OutputStatus.DRAFT
        and comments_open_until is not None
        and today <= comments_open_until
    )


def output_is_open_for_comment(output, *, today: dt.date | None = None) -> bool:
    return is_open_for_comment(
        status=output.status,
        comments_open_until=output.comments_open_until,
        today=today or timezone.localdate(),
    )


def can_moderate(user, body) -> bool:
    """Who may edit the body's page may moderate the comments on its outputs."""
    return user.is_authenticated and body.permissions_for_user(user).can_edit()


@transaction.atomic
def add_comment(*, output, author, text: str, today: dt.date | None = None):
    """A signed-in person's comment on an output open for comment, pending moderation."""
    from intersessional.models import OutputComment

    if not output_is_open_for_comment(output, today=today):
        raise ValidationError(COMMENTS_CLOSED, code="closed")
    text = text.strip()
    if not text:
        raise ValidationError({"text": [COMMENT_EMPTY]})
    return OutputComment.objects.create(output=output, author=author, text=text)


@transaction.atomic
def moderate_comment(*, comment, by, decision: str):
    """Publish or reject a pending comment (``decision`` is ``publish`` or ``reject``)."""
    if not can_moderate(by, comment.output.body):
        raise PermissionDenied(NOT_A_MODERATOR)
    if decision not in DECISIONS:
        raise ValidationError(f"Unknown decision “{decision}”.")
    if comment.status != CommentStatus.PENDING:
        raise ValidationError(ALREADY_MODERATED, code="moderated")
    comment.status = DECISIONS[decision]
    comment.moderated_at = timezone.now()
    comment.moderated_by = by
    comment.save(update_fields=["status", "moderated_at", "moderated_by"])
    return comment
