"""Outcome documents, policy messages with their provenance, normative forums,
transmissions and uptake events — public ones only, through ``outcomes.selectors``;
and the two writes for integrations, through the services the admin forms use."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from ninja import Query, Router, Status

from igfplus.api.auth import ScopedToken
from igfplus.api.errors import INVALID, ApiError, not_found
from igfplus.api.pagination import PageParams, keyset_page, reject_unknown_parameters
from igfplus.api.schemas import (
    DocumentFilters,
    DocumentOut,
    DocumentPage,
    ErrorOut,
    EventFilters,
    EventOut,
    EventPage,
    ForumFilters,
    ForumOut,
    ForumPage,
    MessageFilters,
    MessageOut,
    MessagePage,
    NoFilters,
    TransmissionFilters,
    TransmissionIn,
    TransmissionOut,
    TransmissionPage,
    UptakeEventIn,
)
from igfplus.models import ApiScope
from outcomes.models import (
    MessageSource,
    NormativeForum,
    OutcomeDocument,
    PolicyMessage,
    Transmission,
)
from outcomes.selectors import (
    live_events,
    live_transmissions,
    public_documents,
    public_messages,
    public_reports,
)
from outcomes.services.open_data import forum_data
from outcomes.services.transmissions import record_transmission, record_uptake_event

router = Router(tags=["outcomes"])
LIST_ERRORS = {400: ErrorOut}
ONE_ERRORS = {400: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    429: ErrorOut,
}
UNKNOWN_FORUM = "There is no forum “%(slug)s”."
UNKNOWN_MESSAGES = "There is no message %(guids)s."
UNKNOWN_DOCUMENT = "There is no document %(guid)s."
NOT_A_LINK = "Enter a full link, starting with https://."


# --- documents ------------------------------------------------------------------------------


def _document_out(document) -> dict:
    return {
        "guid": document.guid,
        "edition": document.edition.slug,
        "kind": document.kind,
        "slug": document.slug,
        "title": document.title,
        "summary": document.summary,
        "status": document.status,
        "comments_close_on": document.comments_close_on,
        "published_on": document.published_on,
        "url": reverse(
            "outcomes:document", args=[document.edition.slug, document.slug]
        ),
    }


@router.get("/documents", response={200: DocumentPage, **LIST_ERRORS})
def list_documents(request, filters: Query[DocumentFilters], page: Query[PageParams]):
    """Outcome documents open for comment or final (never drafts or deleted ones)."""
    reject_unknown_parameters(request, DocumentFilters, PageParams)
    documents = public_documents().select_related("edition")
    if filters.edition is not None:
        documents = documents.filter(edition__slug=filters.edition)
    if filters.kind is not None:
        documents = documents.filter(kind=filters.kind)
    if filters.status is not None:
        documents = documents.filter(status=filters.status)
    rows, next_url = keyset_page(request, documents, page)
    return {"items": [_document_out(d) for d in rows], "next": next_url}


@router.get("/documents/{guid}", response={200: DocumentOut, **ONE_ERRORS})
def get_document(request, guid: uuid.UUID):
    """One public outcome document."""
    reject_unknown_parameters(request, NoFilters)
    document = public_documents().select_related("edition").filter(guid=guid).first()
    if document is None:
        raise not_found("public document", guid)
    return _document_out(document)


# --- messages -------------------------------------------------------------------------------


def _public_sources():
    """Sources a visitor may follow: a cited report only if its session is released."""
    reports = public_reports().values("pk")
    return (
        MessageSource.objects.filter(
            Q(report__isnull=True, takeaway__isnull=True)
            | Q(report_id__in=reports)
            | Q(takeaway__report_id__in=reports)
        )
        .select_related("report__session", "takeaway__report__session")
        .order_by("kind", "pk")
    )


def _session_guid(source):
    if source.takeaway_id:
        return source.takeaway.report.session.guid
    if source.report_id:
        return source.report.session.guid
    return None


def _message_out(message) -> dict:
    return {
        "guid": message.guid,
        "document": message.document.guid,
        "edition": message.document.edition.slug,
        "order": message.order,
        "title": message.title,
        "text": message.text,
        "theme_id": message.theme_id,
        "theme": message.theme.name if message.theme else None,
        "sdgs": list(message.sdgs or []),
        "addressed_to": list(message.addressed_to or []),
        "url": reverse("outcomes:message", args=[message.guid]),
        "sources": [
            {
                "kind": source.kind,
                "title": source.title,
                "url": source.url,
                "session": _session_guid(source),
                "takeaway": source.takeaway.text if source.takeaway_id else None,
            }
            for source in message.sources.all()
        ],
    }


def _messages():
    return (
        public_messages()
        .select_related("document__edition", "theme")
        .prefetch_related(Prefetch("sources", queryset=_public_sources()))
    )


@router.get("/messages", response={200: MessagePage, **LIST_ERRORS})
def list_messages(request, filters: Query[MessageFilters], page: Query[PageParams]):
    """Policy messages of public documents, each with the sources it draws on."""
    reject_unknown_parameters(request, MessageFilters, PageParams)
    messages = _messages()
    if filters.edition is not None:
        messages = messages.filter(document__edition__slug=filters.edition)
    if filters.document is not None:
        messages = messages.filter(document__guid=filters.document)
    if filters.theme is not None:
        messages = messages.filter(theme_id=filters.theme)
    rows, next_url = keyset_page(request, messages, page)
    return {"items": [_message_out(m) for m in rows], "next": next_url}


@router.get("/messages/{guid}", response={200: MessageOut, **ONE_ERRORS})
def get_message(request, guid: uuid.UUID):
    """One public policy message with its provenance."""
    reject_unknown_parameters(request, NoFilters)
    message = _messages().filter(guid=guid).first()
    if message is None:
        raise not_found("public message", guid)
    return _message_out(message)


# --- forums ---------------------------------------------------------------------------------


@router.get("/forums", response={200: ForumPage, **LIST_ERRORS})
def list_forums(request, filters: Query[ForumFilters], page: Query[PageParams]):
    """The normative and decision-making forums the IGF sends its outputs to."""
    reject_unknown_parameters(request, ForumFilters, PageParams)
    forums = NormativeForum.objects.all()
    if filters.kind is not None:
        forums = forums.filter(kind=filters.kind)
    rows, next_url = keyset_page(request, forums, page)
    return {"items": [forum_data(f) for f in rows], "next": next_url}


@router.get("/forums/{slug}", response={200: ForumOut, **ONE_ERRORS})
def get_forum(request, slug: str):
    """One normative forum."""
    reject_unknown_parameters(request, NoFilters)
    forum = NormativeForum.objects.filter(slug=slug).first()
    if forum is None:
        raise not_found("forum", slug)
    return forum_data(forum)


# --- transmissions and uptake events ----------------------------------------------------------


def _event_out(event, transmission_guid) -> dict:
    return {
        "id": event.pk,
        "transmission": transmission_guid,
        "kind": event.kind,
        "occurred_on": event.occurred_on,
        "evidence_level": event.evidence_level,
        "evidence_url": event.evidence_url,
        "document_symbol": event.document_symbol,
        "quoted_passage": event.quoted_passage,
    }


def _transmission_out(transmission) -> dict:
    return {
        "guid": transmission.guid,
        "forum": transmission.forum.slug,
        # Only its public messages: a draft it also carried stays private.
        "messages": [m.guid for m in transmission.public_messages],
        "document": transmission.document.guid
        if transmission.document and transmission.document.is_public
        else None,
        "channel": transmission.channel,
        "sent_on": transmission.sent_on,
        "actor": transmission.actor,
        "evidence_url": transmission.evidence_url,
        "document_symbol": transmission.document_symbol,
        "note": transmission.note,
        "status": transmission.status,
        "events": [_event_out(e, transmission.guid) for e in transmission.live_events],
    }


def _transmissions(base=None):
    return (
        (base if base is not None else live_transmissions())
        .select_related("forum", "document")
        .prefetch_related(
            Prefetch(
                "messages",
                queryset=public_messages().only("guid").order_by("pk"),
                to_attr="public_messages",
            ),
            Prefetch("events", queryset=live_events(), to_attr="live_events"),
        )
    )


@router.get("/transmissions", response={200: TransmissionPage, **LIST_ERRORS})
def list_transmissions(
    request, filters: Query[TransmissionFilters], page: Query[PageParams]
):
    """What was sent to which forum, with its uptake events and derived status."""
    reject_unknown_parameters(request, TransmissionFilters, PageParams)
    transmissions = _transmissions()
    if filters.forum is not None:
        transmissions = transmissions.filter(forum__slug=filters.forum)
    if filters.message is not None:
        # A message travels alone or inside its whole document.
        transmissions = transmissions.filter(
            Q(messages__guid=filters.message)
            | Q(document__messages__guid=filters.message)
        ).distinct()
    if filters.edition is not None:
        transmissions = transmissions.filter(
            Q(document__edition__slug=filters.edition)
            | Q(messages__document__edition__slug=filters.edition)
        ).distinct()
    if filters.status is not None:
        transmissions = transmissions.filter(status=filters.status)
    if filters.channel is not None:
        transmissions = transmissions.filter(channel=filters.channel)
    rows, next_url = keyset_page(request, transmissions, page)
    return {"items": [_transmission_out(t) for t in rows], "next": next_url}


@router.get("/transmissions/{guid}", response={200: TransmissionOut, **ONE_ERRORS})
def get_transmission(request, guid: uuid.UUID):
    """One public transmission with its events."""
    reject_unknown_parameters(request, NoFilters)
    transmission = _transmissions().filter(guid=guid).first()
    if transmission is None:
        raise not_found("public transmission", guid)
    return _transmission_out(transmission)


@router.get("/uptake-events", response={200: EventPage, **LIST_ERRORS})
def list_uptake_events(request, filters: Query[EventFilters], page: Query[PageParams]):
    """Dated, evidenced events at forums after public transmissions."""
    reject_unknown_parameters(request, EventFilters, PageParams)
    events = live_events().filter(transmission__in=live_transmissions())
    if filters.transmission is not None:
        events = events.filter(transmission__guid=filters.transmission)
    if filters.kind is not None:
        events = events.filter(kind=filters.kind)
    rows, next_url = keyset_page(
        request, events.annotate(transmission_guid=F("transmission__guid")), page
    )
    return {
        "items": [_event_out(e, e.transmission_guid) for e in rows],
        "next": next_url,
    }


# --- writes ---------------------------------------------------------------------------------


def _service_error(error: ValidationError) -> ApiError:
    """The first problem a service found, on the field it names."""
    if hasattr(error, "error_dict"):
        field, messages = next(iter(error.message_dict.items()))
        return ApiError(
            400, INVALID, messages[0], field=None if field == "__all__" else field
        )
    return ApiError(400, INVALID, error.messages[0])


def _check_link(value: str, field: str) -> None:
    if not value:
        return
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError as error:
        raise ApiError(400, INVALID, NOT_A_LINK, field=field) from error


@router.post(
    "/transmissions/{guid}/uptake-events",
    response={201: EventOut, **WRITE_ERRORS},
    auth=ScopedToken(
        scope=ApiScope.UPTAKE_WRITE, permission="outcomes.add_uptakeevent"
    ),
)
def create_uptake_event(request, guid: uuid.UUID, payload: UptakeEventIn):
    """Record what happened at the forum after a transmission (scope ``uptake:write``)."""
    reject_unknown_parameters(request, NoFilters)
    # The transmissions the admin form offers: any that is not deleted.
    transmission = Transmission.objects.filter(guid=guid, deleted_at=None).first()
    if transmission is None:
        raise not_found("transmission", guid)
    _check_link(payload.evidence_url, "evidence_url")
    try:
        event = record_uptake_event(
            transmission=transmission,
            by=request.auth.owner,
            kind=payload.kind,
            occurred_on=payload.occurred_on,
            evidence_level=payload.evidence_level,
            evidence_url=payload.evidence_url,
            document_symbol=payload.document_symbol,
            quoted_passage=payload.quoted_passage,
        )
    except ValidationError as error:
        raise _service_error(error) from error
    return Status(201, _event_out(event, transmission.guid))


@router.post(
    "/transmissions",
    response={201: TransmissionOut, **WRITE_ERRORS},
    auth=ScopedToken(
        scope=ApiScope.TRANSMISSIONS_WRITE, permission="outcomes.add_transmission"
    ),
)
def create_transmission(request, payload: TransmissionIn):
    """Record that messages (or a whole document) were sent to a forum (scope
    ``transmissions:write``)."""
    reject_unknown_parameters(request, NoFilters)
    forum = NormativeForum.objects.filter(slug=payload.forum).first()
    if forum is None:
        raise ApiError(
            400, INVALID, UNKNOWN_FORUM % {"slug": payload.forum}, field="forum"
        )
    wanted = set(payload.messages)
    messages = list(
        PolicyMessage.objects.filter(guid__in=wanted).select_related("document")
    )
    if missing := wanted - {m.guid for m in messages}:
        raise ApiError(
            400,
            INVALID,
            UNKNOWN_MESSAGES % {"guids": ", ".join(sorted(map(str, missing)))},
            field="messages",
        )
    document = None
    if payload.document is not None:
        document = OutcomeDocument.objects.filter(guid=payload.document).first()
        if document is None:
            raise ApiError(
                400,
                INVALID,
                UNKNOWN_DOCUMENT % {"guid": payload.document},
                field="document",
            )
    _check_link(payload.evidence_url, "evidence_url")
    try:
        transmission = record_transmission(
            forum=forum,
            sent_on=payload.sent_on,
            channel=payload.channel,
            actor=payload.actor,
            by=request.auth.owner,
            messages=messages,
            document=document,
            evidence_url=payload.evidence_url,
            document_symbol=payload.document_symbol,
            note=payload.note,
        )
    except ValidationError as error:
        raise _service_error(error) from error
    created = _transmissions(Transmission.objects.all()).get(pk=transmission.pk)
    return Status(201, _transmission_out(created))
