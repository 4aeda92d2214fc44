"""Transmissions and uptake events: the pure date and vocabulary rules, then the writes.

The dating rule: a message can be sent only once it exists publicly. A message's first
public day is its document's ``published_on`` when that is set (the document it belongs to
was published that day, even if the row was typed in later, e.g. imported from the
archive), otherwise the day the message was created. A whole document can be sent once it
is public (no drafts) and not before its ``published_on``.

Every write runs in one transaction, refreshes the derived status and is written to
Wagtail's audit log with who did it (``wagtail.create``, ``wagtail.edit`` and the
``outcomes.soft_delete`` action registered in ``outcomes.wagtail_hooks``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from outcomes.enums import Channel, DocumentStatus, EvidenceLevel, UptakeKind
from outcomes.models import (
    NormativeForum,
    OutcomeDocument,
    PolicyMessage,
    Transmission,
    UptakeEvent,
)
from outcomes.services.uptake import refresh_status

SOFT_DELETE = "outcomes.soft_delete"

NOTHING_SENT = "Choose at least one message or a whole document to send."
SENT_BEFORE_MESSAGE = "“%(message)s” did not exist yet on %(sent_on)s: it is public from %(available_on)s."
SENT_BEFORE_DOCUMENT = (
    "“%(document)s” was not published yet on %(sent_on)s: it was published on "
    "%(available_on)s."
)
DRAFT_DOCUMENT = "“%(document)s” is still a draft: only public documents can be sent."
DELETED_MESSAGE = "“%(message)s” was deleted and cannot be sent."
UNKNOWN_CHANNEL = "“%(value)s” is not a channel: use one of %(choices)s."
UNKNOWN_KIND = "“%(value)s” is not a kind of uptake: use one of %(choices)s."
UNKNOWN_EVIDENCE_LEVEL = "“%(value)s” is not an evidence level: use one of %(choices)s."
EVENT_BEFORE_TRANSMISSION = (
    "The event is dated %(occurred_on)s, before the transmission was sent on "
    "%(sent_on)s."
)
EVENTS_BEFORE_NEW_DATE = "%(count)s uptake event(s) are dated before %(sent_on)s; change or delete them first."
TRANSMISSION_DELETED = "This transmission was deleted: it takes no more events."
ALREADY_DELETED = "This record is already deleted."


# --- Pure rules -------------------------------------------------------------------------


@dataclass(frozen=True)
class Sendable:
    """Something that can be sent, as plain values: what it is called and since when."""

    label: str
    available_on: dt.date
    is_deleted: bool = False


Problems = dict[str, list[str]]


def _choice_problem(value: str, choices: type, message: str) -> str | None:
    if value in choices.values:
        return None
    return message % {"value": value, "choices": ", ".join(choices.values)}


def check_transmission(
    *,
    sent_on: dt.date,
    channel: str,
    messages: Sequence[Sendable],
    document: Sendable | None,
    document_is_draft: bool = False,
) -> Problems:
    """Why a transmission cannot be recorded, by form field (empty when it can)."""
    problems: Problems = {}

    def add(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    if problem := _choice_problem(channel, Channel, UNKNOWN_CHANNEL):
        add("channel", problem)
    if not messages and document is None:
        add("messages", NOTHING_SENT)
    for message in messages:
        if message.is_deleted:
            add("messages", DELETED_MESSAGE % {"message": message.label})
        elif sent_on < message.available_on:
            add(
                "sent_on",
                SENT_BEFORE_MESSAGE
                % {
                    "message": message.label,
                    "sent_on": sent_on.isoformat(),
                    "available_on": message.available_on.isoformat(),
                },
            )
    if document is not None:
        if document_is_draft:
            add("document", DRAFT_DOCUMENT % {"document": document.label})
        elif sent_on < document.available_on:
            add(
                "sent_on",
                SENT_BEFORE_DOCUMENT
                % {
                    "document": document.label,
                    "sent_on": sent_on.isoformat(),
                    "available_on": document.available_on.isoformat(),
                },
            )
    return problems


def check_uptake_event(
    *, kind: str, evidence_level: str, occurred_on: dt.date, sent_on: dt.date
) -> Problems:
    """Why an uptake event cannot be recorded, by form field (empty when it can)."""
    problems: Problems = {}
    if problem := _choice_problem(kind, UptakeKind, UNKNOWN_KIND):
        problems["kind"] = [problem]
    if problem := _choice_problem(
        evidence_level, EvidenceLevel, UNKNOWN_EVIDENCE_LEVEL
    ):
        problems["evidence_level"] = [problem]
    if occurred_on < sent_on:
        problems["occurred_on"] = [
            EVENT_BEFORE_TRANSMISSION
            % {"occurred_on": occurred_on.isoformat(), "sent_on": sent_on.isoformat()}
        ]
    return problems


# --- Reads the rules need ---------------------------------------------------------------


def message_sendable(message: PolicyMessage) -> Sendable:
    """A message as the dating rule sees it."""
    published_on = message.document.published_on
    available_on = published_on or timezone.localdate(message.created_at)
    return Sendable(
        label=str(message),
        available_on=available_on,
        is_deleted=message.deleted_at is not None,
    )


def document_sendable(document: OutcomeDocument) -> Sendable:
    """A whole document as the dating rule sees it (unpublished: any date will do)."""
    return Sendable(
        label=str(document), available_on=document.published_on or dt.date.min
    )


def _raise_if(problems: Problems) -> None:
    if problems:
        raise ValidationError(problems)


def _check(
    *,
    sent_on: dt.date,
    channel: str,
    messages: Sequence[PolicyMessage],
    document: OutcomeDocument | None,
) -> None:
    _raise_if(
        check_transmission(
            sent_on=sent_on,
            channel=channel,
            messages=[message_sendable(m) for m in messages],
            document=document_sendable(document) if document else None,
            document_is_draft=bool(document)
            and document.status == DocumentStatus.DRAFT,
        )
    )


def _log_data(transmission: Transmission) -> dict:
    return {
        "forum": transmission.forum.slug,
        "sent_on": transmission.sent_on.isoformat(),
        "channel": transmission.channel,
        "messages": [
            str(guid) for guid in transmission.messages.values_list("guid", flat=True)
        ],
        "document": str(transmission.document.guid) if transmission.document else None,
    }


# --- Writes -----------------------------------------------------------------------------


@transaction.atomic
def record_transmission(
    *,
    forum: NormativeForum,
    sent_on: dt.date,
    channel: str,
    actor: str,
    by,
    messages: Iterable[PolicyMessage] = (),
    document: OutcomeDocument | None = None,
    evidence_url: str = "",
    document_symbol: str = "",
    note: str = "",
) -> Transmission:
    """Record that messages (or a whole document) were sent to a forum; return it."""
    messages = list(messages)
    _check(sent_on=sent_on, channel=channel, messages=messages, document=document)
    transmission = Transmission.objects.create(
        forum=forum,
        sent_on=sent_on,
        channel=channel,
        actor=actor,
        document=document,
        evidence_url=evidence_url,
        document_symbol=document_symbol,
        note=note,
        recorded_by=by,
    )
    transmission.messages.set(messages)
    refresh_status(transmission)
    log(
        instance=transmission,
        action="wagtail.create",
        user=by,
        data=_log_data(transmission),
    )
    from outcomes.services.watchlists import note_transmission

    transaction.on_commit(lambda: note_transmission(transmission), robust=True)
    return transmission


@transaction.atomic
def change_transmission(
    *,
    transmission: Transmission,
    by,
    forum: NormativeForum,
    sent_on: dt.date,
    channel: str,
    actor: str,
    messages: Iterable[PolicyMessage] = (),
    document: OutcomeDocument | None = None,
    evidence_url: str = "",
    document_symbol: str = "",
    note: str = "",
) -> Transmission:
    """Correct a transmission (its events must still follow its date); return it."""
    messages = list(messages)
    _check(sent_on=sent_on, channel=channel, messages=messages, document=document)
    earlier = transmission.events.filter(deleted_at=None, occurred_on__lt=sent_on)
    if count := earlier.count():
        raise ValidationError(
            {
                "sent_on": [
                    EVENTS_BEFORE_NEW_DATE
                    % {"count": count, "sent_on": sent_on.isoformat()}
                ]
            }
        )
    for name, value in {
        "forum": forum,
        "sent_on": sent_on,
        "channel": channel,
        "actor": actor,
        "document": document,
        "evidence_url": evidence_url,
        "document_symbol": document_symbol,
        "note": note,
    }.items():
        setattr(transmission, name, value)
    transmission.save()
    transmission.messages.set(messages)
    log(
        instance=transmission,
        action="wagtail.edit",
        user=by,
        data=_log_data(transmission),
    )
    return transmission


@transaction.atomic
def delete_transmission(*, transmission: Transmission, by) -> Transmission:
    """Mark a transmission deleted (kept for the record, hidden everywhere); return it."""
    if transmission.deleted_at is not None:
        raise ValidationError(ALREADY_DELETED)
    transmission.deleted_at = timezone.now()
    transmission.save(update_fields=["deleted_at"])
    log(instance=transmission, action=SOFT_DELETE, user=by)
    return transmission


@transaction.atomic
def record_uptake_event(
    *,
    transmission: Transmission,
    kind: str,
    occurred_on: dt.date,
    evidence_level: str,
    by,
    evidence_url: str = "",
    document_symbol: str = "",
    quoted_passage: str = "",
) -> UptakeEvent:
    """Record what happened at the forum after a transmission; return the event."""
    if transmission.deleted_at is not None:
        raise ValidationError({"transmission": [TRANSMISSION_DELETED]})
    _raise_if(
        check_uptake_event(
            kind=kind,
            evidence_level=evidence_level,
            occurred_on=occurred_on,
            sent_on=transmission.sent_on,
        )
    )
    event = UptakeEvent.objects.create(
        transmission=transmission,
        kind=kind,
        occurred_on=occurred_on,
        evidence_level=evidence_level,
        evidence_url=evidence_url,
        document_symbol=document_symbol,
        quoted_passage=quoted_passage,
        recorded_by=by,
    )
    refresh_status(transmission)
    log(instance=event, action="wagtail.create", user=by, data=_event_data(event))
    from outcomes.services.watchlists import note_uptake_event

    transaction.on_commit(lambda: note_uptake_event(event), robust=True)
    return event


@transaction.atomic
def change_uptake_event(
    *,
    event: UptakeEvent,
    by,
    kind: str,
    occurred_on: dt.date,
    evidence_level: str,
    evidence_url: str = "",
    document_symbol: str = "",
    quoted_passage: str = "",
) -> UptakeEvent:
    """Correct an uptake event and refresh its transmission's status; return it."""
    _raise_if(
        check_uptake_event(
            kind=kind,
            evidence_level=evidence_level,
            occurred_on=occurred_on,
            sent_on=event.transmission.sent_on,
        )
    )
    event.kind = kind
    event.occurred_on = occurred_on
    event.evidence_level = evidence_level
    event.evidence_url = evidence_url
    event.document_symbol = document_symbol
    event.quoted_passage = quoted_passage
    event.save()
    refresh_status(event.transmission)
    log(instance=event, action="wagtail.edit", user=by, data=_event_data(event))
    return event


@transaction.atomic
def delete_uptake_event(*, event: UptakeEvent, by) -> UptakeEvent:
    """Mark an event deleted and refresh its transmission's status; return it."""
    if event.deleted_at is not None:
        raise ValidationError(ALREADY_DELETED)
    event.deleted_at = timezone.now()
    event.save(update_fields=["deleted_at"])
    refresh_status(event.transmission)
    log(instance=event, action=SOFT_DELETE, user=by)
    return event


def _event_data(event: UptakeEvent) -> dict:
    return {
        "transmission": str(event.transmission.guid),
        "kind": event.kind,
        "occurred_on": event.occurred_on.isoformat(),
        "evidence_level": event.evidence_level,
    }
