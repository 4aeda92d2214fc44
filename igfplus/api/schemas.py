"""What the API accepts and answers: the OpenAPI description is generated from these.

Enumerated filter values are ``Literal`` types, so a wrong value is refused with 400
before any query runs, and the documentation lists the accepted values.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from ninja import Field, Schema

from cms.enums import NRI_REGIONAL_GROUPS, NriKind, RecognitionStatus
from intersessional.enums import BodyKind, OutputKind, OutputStatus, PublicStatus
from outcomes.enums import (
    Channel,
    DocumentKind,
    DocumentStatus,
    EvidenceLevel,
    ForumKind,
    UptakeKind,
    UptakeStatus,
)
from search.services.documents import SORTS
from sessions.enums import Track

TrackValue = Literal[tuple(Track.values)]
NriKindValue = Literal[tuple(NriKind.values)]
NriGroupValue = Literal[tuple(value for value, _label in NRI_REGIONAL_GROUPS)]
RecognitionValue = Literal[tuple(RecognitionStatus.values)]
BodyKindValue = Literal[tuple(BodyKind.values)]
BodyStatusValue = Literal[tuple(PublicStatus.values)]
OutputKindValue = Literal[tuple(OutputKind.values)]
OutputStatusValue = Literal[tuple(OutputStatus.values)]
DocumentKindValue = Literal[tuple(DocumentKind.values)]
# Drafts are never public, so they are not a value to filter on.
PublicDocumentStatus = Literal[
    tuple(v for v in DocumentStatus.values if v != DocumentStatus.DRAFT)
]
ChannelValue = Literal[tuple(Channel.values)]
UptakeKindValue = Literal[tuple(UptakeKind.values)]
UptakeStatusValue = Literal[tuple(UptakeStatus.values)]
EvidenceLevelValue = Literal[tuple(EvidenceLevel.values)]
ForumKindValue = Literal[tuple(ForumKind.values)]
SortValue = Literal[tuple(SORTS)]


# --- errors -------------------------------------------------------------------------------


class ErrorDetail(Schema):
    code: str = Field(description="A stable code to branch on, e.g. bad_cursor.")
    message: str = Field(description="What is wrong, in English.")
    field: str | None = Field(description="The parameter or field at fault, if one.")


class ErrorOut(Schema):
    error: ErrorDetail


# --- the programme ------------------------------------------------------------------------


class EditionOut(Schema):
    acronym: str
    title: str
    ordinal: int
    year: int
    host_city: str
    country: str
    venue: str
    start_on: dt.date
    end_on: dt.date
    time_zone: str
    overarching_theme: str
    format: str
    url: str


class ThemeOut(Schema):
    id: int
    edition: str
    name: str
    description: str
    policy_questions: list[str]


class RoomOut(Schema):
    id: int
    edition: str
    name: str
    capacity: int
    has_hybrid_equipment: bool
    has_webcast: bool
    interpretation_languages: list[str]


class ReleaseOut(Schema):
    edition: str
    number: int
    message: str
    changes: list[dict[str, Any]]
    released_at: dt.datetime


class SessionPersonOut(Schema):
    guid: uuid.UUID
    name: str
    organisation: str
    stakeholder_group: str
    role: str
    presence: str


class SessionOut(Schema):
    guid: uuid.UUID
    edition: str
    code: str
    title: str
    url: str
    status: str
    session_type_id: int
    session_type: str
    track: str
    theme_id: int | None
    theme: str
    description: str
    policy_questions: list[str]
    discussion_format: str
    languages: list[str]
    delivery: str
    online_participation: str
    room_id: int | None
    room: str
    start_at: dt.datetime | None
    end_at: dt.datetime | None
    changed_at: dt.datetime
    people: list[SessionPersonOut]


class PersonOut(Schema):
    guid: uuid.UUID
    name: str
    organisation: str
    stakeholder_group: str


# --- the network --------------------------------------------------------------------------


class NriOut(Schema):
    id: int
    title: str
    acronym: str
    kind: str
    country: str
    un_regional_group: str
    website: str
    established_year: int | None
    recognition_status: str
    recognized_on: dt.date | None
    is_active: bool
    url: str


class BodyOut(Schema):
    id: int
    title: str
    acronym: str
    kind: str
    first_year: int
    last_year: int | None
    status: str
    url: str


class OutputOut(Schema):
    id: int
    body_id: int
    body: str
    title: str
    kind: str
    status: str
    year: int
    edition: str | None
    published_on: dt.date
    summary: str
    link: str
    document_url: str | None
    url: str


# --- the outcomes -------------------------------------------------------------------------


class DocumentOut(Schema):
    guid: uuid.UUID
    edition: str
    kind: str
    slug: str
    title: str
    summary: str
    status: str
    comments_close_on: dt.date | None
    published_on: dt.date | None
    url: str


class SourceOut(Schema):
    kind: str
    title: str
    url: str
    session: uuid.UUID | None = Field(description="The session whose report is cited.")
    takeaway: str | None = Field(description="The key takeaway cited, word for word.")


class MessageOut(Schema):
    guid: uuid.UUID
    document: uuid.UUID
    edition: str
    order: int
    title: str
    text: str
    theme_id: int | None
    theme: str | None
    sdgs: list[int]
    addressed_to: list[str]
    url: str
    sources: list[SourceOut]


class ForumOut(Schema):
    slug: str
    name: str
    acronym: str
    organisation: str
    kind: str
    website: str
    description: str


class EventOut(Schema):
    id: int
    transmission: uuid.UUID
    kind: str
    occurred_on: dt.date
    evidence_level: str
    evidence_url: str
    document_symbol: str
    quoted_passage: str


class TransmissionOut(Schema):
    guid: uuid.UUID
    forum: str
    messages: list[uuid.UUID]
    document: uuid.UUID | None
    channel: str
    sent_on: dt.date
    actor: str
    evidence_url: str
    document_symbol: str
    note: str
    status: str
    events: list[EventOut]


class SearchHitOut(Schema):
    type: str
    title: str
    snippet: str
    url: str
    date: dt.date | None
    edition: str


# --- pages of lists -------------------------------------------------------------------------

NEXT = Field(description="The next page's URL, or null on the last page.")


class EditionPage(Schema):
    items: list[EditionOut]
    next: str | None = NEXT


class ThemePage(Schema):
    items: list[ThemeOut]
    next: str | None = NEXT


class RoomPage(Schema):
    items: list[RoomOut]
    next: str | None = NEXT


class ReleasePage(Schema):
    items: list[ReleaseOut]
    next: str | None = NEXT


class SessionPage(Schema):
    items: list[SessionOut]
    next: str | None = NEXT


class PersonPage(Schema):
    items: list[PersonOut]
    next: str | None = NEXT


class NriPage(Schema):
    items: list[NriOut]
    next: str | None = NEXT


class BodyPage(Schema):
    items: list[BodyOut]
    next: str | None = NEXT


class OutputPage(Schema):
    items: list[OutputOut]
    next: str | None = NEXT


class DocumentPage(Schema):
    items: list[DocumentOut]
    next: str | None = NEXT


class MessagePage(Schema):
    items: list[MessageOut]
    next: str | None = NEXT


class ForumPage(Schema):
    items: list[ForumOut]
    next: str | None = NEXT


class TransmissionPage(Schema):
    items: list[TransmissionOut]
    next: str | None = NEXT


class EventPage(Schema):
    items: list[EventOut]
    next: str | None = NEXT


class SearchPage(Schema):
    items: list[SearchHitOut]
    total: int
    next: str | None = NEXT


# --- filters --------------------------------------------------------------------------------


class NoFilters(Schema):
    pass


class EditionFilter(Schema):
    edition: str | None = Field(
        None, max_length=100, description="An edition's acronym, e.g. igf2025."
    )


class SessionFilters(Schema):
    edition: str = Field(
        max_length=100, description="The edition's acronym (required), e.g. igf2025."
    )
    theme: int | None = Field(None, ge=1, le=2**31 - 1, description="A sub-theme id.")
    type: int | None = Field(None, ge=1, le=2**31 - 1, description="A session type id.")
    track: TrackValue | None = None
    room: int | None = Field(None, ge=1, le=2**31 - 1, description="A room id.")
    day: dt.date | None = Field(None, description="A day, in the edition's time zone.")
    person: uuid.UUID | None = Field(None, description="A person's GUID.")


class PeopleFilters(Schema):
    edition: str = Field(
        max_length=100, description="The edition's acronym (required), e.g. igf2025."
    )


class NriFilters(Schema):
    kind: NriKindValue | None = None
    group: NriGroupValue | None = None
    status: RecognitionValue | None = None
    activity: Literal["active", "inactive"] | None = None


class BodyFilters(Schema):
    kind: BodyKindValue | None = None
    status: BodyStatusValue | None = None


class OutputFilters(Schema):
    body: int | None = Field(None, ge=1, le=2**31 - 1, description="A body's id.")
    kind: OutputKindValue | None = None
    status: OutputStatusValue | None = None
    year: int | None = Field(None, ge=1900, le=2200)
    edition: str | None = Field(None, max_length=100)


class DocumentFilters(Schema):
    edition: str | None = Field(None, max_length=100)
    kind: DocumentKindValue | None = None
    status: PublicDocumentStatus | None = None


class MessageFilters(Schema):
    edition: str | None = Field(None, max_length=100)
    document: uuid.UUID | None = None
    theme: int | None = Field(None, ge=1, le=2**31 - 1, description="A sub-theme id.")


class ForumFilters(Schema):
    kind: ForumKindValue | None = None


class TransmissionFilters(Schema):
    forum: str | None = Field(None, max_length=100, description="A forum's slug.")
    message: uuid.UUID | None = None
    edition: str | None = Field(None, max_length=100)
    status: UptakeStatusValue | None = None
    channel: ChannelValue | None = None


class EventFilters(Schema):
    transmission: uuid.UUID | None = None
    kind: UptakeKindValue | None = None


class SearchFilters(Schema):
    q: str = Field("", max_length=500, description="Words to look for.")
    type: str | None = Field(None, max_length=40, description="A content type.")
    edition: str | None = Field(None, max_length=100)
    sort: SortValue = "relevance"


# --- writes ---------------------------------------------------------------------------------


class UptakeEventIn(Schema):
    kind: UptakeKindValue
    occurred_on: dt.date
    evidence_level: EvidenceLevelValue
    evidence_url: str = Field("", max_length=200)
    document_symbol: str = Field("", max_length=100)
    quoted_passage: str = Field("", max_length=10_000)


class TransmissionIn(Schema):
    forum: str = Field(max_length=80, description="The forum's slug.")
    messages: list[uuid.UUID] = Field(default_factory=list, max_length=500)
    document: uuid.UUID | None = Field(None, description="A whole document sent.")
    channel: ChannelValue
    sent_on: dt.date
    actor: str = Field(min_length=1, max_length=200)
    evidence_url: str = Field("", max_length=200)
    document_symbol: str = Field("", max_length=100)
    note: str = Field("", max_length=10_000)
