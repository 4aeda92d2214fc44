"""An outcome document's life: draft → open for public comment → final, each step versioned.

Every step publishes a ``DocumentVersion`` (number + 1) with what changed — the public
changelog — and is written to Wagtail's audit log. Drafts are never public.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from wagtail.log_actions import log

from outcomes.enums import DocumentStatus
from outcomes.models import DocumentVersion, OutcomeDocument

OPEN_FOR_COMMENT = "outcomes.open_for_comment"
PUBLISH_VERSION = "outcomes.publish_version"
FINALIZE = "outcomes.finalize"

CHANGES_REQUIRED = "Say what changed: the changelog is public."
FINAL_CANNOT_REOPEN = "“%(document)s” is final and cannot be opened for comment again."
COMMENTS_CLOSE_IN_PAST = "The comment period must end today or later, not on %(until)s."
DRAFT_HAS_NO_VERSIONS = (
    "“%(document)s” is a draft: open it for public comment or finalize it first."
)
ALREADY_FINAL = "“%(document)s” is already final."

OPENED_FOR_COMMENT_CHANGES = "Opened for public comment until %(until)s."


def public_documents() -> QuerySet[OutcomeDocument]:
    """Documents the public may see: neither drafts nor deleted, with their edition."""
    return (
        OutcomeDocument.objects.filter(deleted_at=None)
        .exclude(status=DocumentStatus.DRAFT)
        .select_related("edition")
    )


def _next_version(document: OutcomeDocument, *, changes: str, by) -> DocumentVersion:
    if not changes.strip():
        raise ValidationError({"changes": [CHANGES_REQUIRED]})
    top = document.versions.aggregate(top=Max("number"))["top"] or 0
    return DocumentVersion.objects.create(
        document=document,
        number=top + 1,
        status=document.status,
        changes=changes.strip(),
        published_by=by,
    )


@transaction.atomic
def open_for_comment(
    *,
    document: OutcomeDocument,
    until: dt.date,
    by,
    changes: str = "",
    today: dt.date | None = None,
) -> DocumentVersion:
    """Open a draft (or reopen a commented one) for public comment; return the version."""
    today = today or timezone.localdate()
    if document.status == DocumentStatus.FINAL:
        raise ValidationError(FINAL_CANNOT_REOPEN % {"document": document})
    if until < today:
        raise ValidationError(
            {
                "comments_close_on": [
                    COMMENTS_CLOSE_IN_PAST % {"until": until.isoformat()}
                ]
            }
        )
    document.status = DocumentStatus.PUBLIC_COMMENT
    document.comments_close_on = until
    document.save(update_fields=["status", "comments_close_on"])
    version = _next_version(
        document,
        changes=changes or OPENED_FOR_COMMENT_CHANGES % {"until": until.isoformat()},
        by=by,
    )
    log(
        instance=document,
        action=OPEN_FOR_COMMENT,
        user=by,
        data={"version": version.number, "until": until.isoformat()},
    )
    return version


@transaction.atomic
def publish_version(*, document: OutcomeDocument, changes: str, by) -> DocumentVersion:
    """Publish the document's next version with what changed; return it."""
    if document.status == DocumentStatus.DRAFT:
        raise ValidationError(DRAFT_HAS_NO_VERSIONS % {"document": document})
    version = _next_version(document, changes=changes, by=by)
    log(
        instance=document,
        action=PUBLISH_VERSION,
        user=by,
        data={"version": version.number},
    )
    return version


@transaction.atomic
def finalize_document(
    *,
    document: OutcomeDocument,
    changes: str,
    by,
    published_on: dt.date | None = None,
) -> DocumentVersion:
    """Make the document final, published on the given day (today); return the version."""
    if document.status == DocumentStatus.FINAL:
        raise ValidationError(ALREADY_FINAL % {"document": document})
    if not changes.strip():
        raise ValidationError({"changes": [CHANGES_REQUIRED]})
    document.status = DocumentStatus.FINAL
    document.published_on = published_on or timezone.localdate()
    document.save(update_fields=["status", "published_on"])
    version = _next_version(document, changes=changes, by=by)
    log(
        instance=document,
        action=FINALIZE,
        user=by,
        data={
            "version": version.number,
            "published_on": document.published_on.isoformat(),
        },
    )
    return version
