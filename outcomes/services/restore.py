"""Soft delete and restore of policy messages, transmissions and uptake events.

Nothing of the outcomes is removed from the database: a delete sets ``deleted_at`` (the
row disappears from every public page, feed, export and search) and is written to the
audit log; the secretariat can bring it back from the admin's "Deleted outcomes" list,
and the restore is written to the audit log too. Transmissions and uptake events are
deleted by ``outcomes.services.transmissions``; messages here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from outcomes.models import PolicyMessage, Transmission, UptakeEvent
from outcomes.services.transmissions import ALREADY_DELETED, SOFT_DELETE
from outcomes.services.uptake import refresh_status

RESTORE = "outcomes.restore"

NOT_DELETED = _("This record is not deleted: there is nothing to restore.")
TRANSMISSION_STILL_DELETED = _(
    "This event belongs to a deleted transmission: restore the transmission first."
)


@transaction.atomic
def delete_message(*, message: PolicyMessage, by) -> PolicyMessage:
    """Mark a policy message deleted (kept for the record, hidden everywhere)."""
    if message.deleted_at is not None:
        raise ValidationError(ALREADY_DELETED)
    message.deleted_at = timezone.now()
    message.save(update_fields=["deleted_at"])
    log(instance=message, action=SOFT_DELETE, user=by)
    return message


def _restore(record, *, by):
    if record.deleted_at is None:
        raise ValidationError(NOT_DELETED)
    record.deleted_at = None
    record.save(update_fields=["deleted_at"])
    log(instance=record, action=RESTORE, user=by)
    return record


@transaction.atomic
def restore_message(*, message: PolicyMessage, by) -> PolicyMessage:
    """The deleted message, back where it was (its document, its order)."""
    return _restore(message, by=by)


@transaction.atomic
def restore_transmission(*, transmission: Transmission, by) -> Transmission:
    """The deleted transmission, back with its events; its status is derived again."""
    _restore(transmission, by=by)
    refresh_status(transmission)
    return transmission


@transaction.atomic
def restore_uptake_event(*, event: UptakeEvent, by) -> UptakeEvent:
    """The deleted uptake event back on its transmission, whose status follows."""
    if event.transmission.deleted_at is not None:
        raise ValidationError(TRANSMISSION_STILL_DELETED)
    _restore(event, by=by)
    refresh_status(event.transmission)
    return event


@dataclass(frozen=True)
class DeletedRecords:
    messages: list[PolicyMessage]
    transmissions: list[Transmission]
    events: list[UptakeEvent]


def deleted_records() -> DeletedRecords:
    """Every deleted message, transmission and uptake event, most recently deleted first."""
    return DeletedRecords(
        messages=list(
            PolicyMessage.objects.exclude(deleted_at=None)
            .select_related("document")
            .order_by("-deleted_at")
        ),
        transmissions=list(
            Transmission.objects.exclude(deleted_at=None)
            .select_related("forum")
            .order_by("-deleted_at")
        ),
        events=list(
            UptakeEvent.objects.exclude(deleted_at=None)
            .select_related("transmission__forum")
            .order_by("-deleted_at")
        ),
    )
