"""The outcomes as open data: one JSON format, exported and imported (docs/open-data.md).

``export_outcomes`` writes the public outcomes — documents that are not drafts and not
deleted, their versions and messages with sources, the forums, the transmissions and
their uptake events — as a plain dict in the ``igfplus-outcomes`` format of
``docs/schemas/outcomes.schema.json``, sorted so that the same data gives the same bytes.

Importing has two steps, like the schedule import. ``parse_outcomes`` is the pure rule:
the decoded document in, plain dataclasses out, or ``OutcomesInvalid`` naming every bad
item (schema errors first, then what the file contradicts within itself: duplicate
GUIDs, an event before its transmission, a transmission before its messages were
public). ``import_outcomes`` is the write service: one transaction that checks what
only the database knows (editions, sub-themes, sessions, forums, messages named but not
in the file), then creates or updates by GUID (forums by slug). Any error leaves the
database as it was. A transmission's status is derived from its events again
(``refresh_status``); the ``status`` the file may carry is never read.

``import_uptake_csv`` adds uptake events in bulk from a spreadsheet, all rows or none.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import jsonschema
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction
from django.db.models import Count, Max, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from cms.models import EditionTheme, ForumEditionPage
from igfplus.csv_safety import restore_formula
from outcomes.enums import DocumentStatus, EvidenceLevel, UptakeKind
from outcomes.models import (
    DocumentVersion,
    MessageSource,
    NormativeForum,
    OutcomeDocument,
    PolicyMessage,
    SessionReport,
    Takeaway,
    Transmission,
    UptakeEvent,
)
from outcomes.services.transmissions import NOTHING_SENT as CORE_NOTHING_SENT
from outcomes.services.transmissions import (
    SOFT_DELETE,
    Sendable,
    check_transmission,
    check_uptake_event,
    document_sendable,
    message_sendable,
)
from outcomes.services.uptake import refresh_status
from sessions.models import SessionPage

FORMAT = "igfplus-outcomes"
FORMAT_VERSION = 1
LICENCE = "CC-BY-4.0"
SCHEMA_PATH = settings.BASE_DIR / "docs" / "schemas" / "outcomes.schema.json"

# Whole-file problems: one message, nothing else is checked.
NOT_JSON = _("The file is not JSON (%(detail)s).")
NOT_UTF8 = _("The file is not UTF-8 text.")
NOT_OUTCOMES = _(
    'The file is JSON but not an IGF+ outcomes file: it has no "format": '
    '"igfplus-outcomes".'
)

# Every item problem reads "<where>: <what>".
ITEM_PROBLEM = "%(where)s: %(what)s"
AT_FILE = _("file")
AT_FORUM = _("forums[%(index)s] (slug %(slug)s)")
AT_DOCUMENT = _("documents[%(index)s] (guid %(guid)s)")
AT_MESSAGE = _("messages[%(index)s] (guid %(guid)s)")
AT_TRANSMISSION = _("transmissions[%(index)s] (guid %(guid)s)")
AT_INDEX = "%(name)s[%(index)s]"
IN_ITEM = "%(outer)s, %(inner)s"
SCHEMA_PROBLEM = "%(field)s: %(message)s"

# What the file contradicts within itself.
BAD_DATE = _('%(field)s "%(value)s" is not a date (YYYY-MM-DD)')
BAD_DATETIME = _('%(field)s "%(value)s" is not an ISO 8601 date and time')
DUPLICATE_GUID = _("guid %(guid)s is also used by %(other)s")
DUPLICATE_SLUG = _("slug %(slug)s is also used by %(other)s")
DUPLICATE_VERSION = _("version %(number)s is listed twice")
OTHER_EDITION = _(
    'edition "%(value)s" differs from the edition of the file ("%(edition)s")'
)
# The dating rules are those of outcomes.services.transmissions (the admin's): a
# transmission is refused before its messages or document were public
# (SENT_BEFORE_MESSAGE, SENT_BEFORE_DOCUMENT), an event before its transmission
# (EVENT_BEFORE_TRANSMISSION); their problems are prefixed with "<where>: ".
NOTHING_SENT = _("messages is empty and document is null: nothing was sent")
TAKEAWAY_WITHOUT_SESSION = _("takeaway is given without the session it belongs to")

# Problems only the database reveals.
UNKNOWN_EDITION = _('edition "%(value)s" is not an edition of this site')
UNKNOWN_THEME = _('theme "%(value)s" is not a sub-theme of edition "%(edition)s"')
UNKNOWN_SESSION = _("session %(guid)s is not a session of this site")
NO_REPORT = _("session %(guid)s has no report to cite")
UNKNOWN_TAKEAWAY = _(
    'takeaway "%(value)s" is not a key takeaway of the report of session %(guid)s'
)
AMBIGUOUS_TAKEAWAY = _(
    'takeaway "%(value)s" matches %(count)s key takeaways of the report of session '
    "%(guid)s: give its position instead"
)
UNKNOWN_FORUM = _('forum "%(value)s" is neither in the file nor a forum of this site')
FORUM_NAME_TAKEN = _('name "%(value)s" is already the name of forum "%(other)s"')
UNKNOWN_MESSAGE = _("message %(guid)s is neither in the file nor on this site")
UNKNOWN_DOCUMENT = _("document %(guid)s is neither in the file nor on this site")
DELETED_HERE = _(
    "%(what)s %(guid)s was deleted on this site: restore it there before importing"
)
SLUG_TAKEN = _(
    'slug "%(slug)s" is already used in edition "%(edition)s" by document %(guid)s'
)

# Warnings: the import goes ahead.
MESSAGES_LEFT_ALONE = _(
    "documents[%(index)s] (guid %(guid)s): %(count)s message(s) on this site are not in "
    "the file and were left as they were"
)
EVENTS_REMOVED = _(
    "%(where)s: %(count)s uptake event(s) on this site are not in the file and were "
    "deleted"
)

# The uptake CSV.
CSV_COLUMNS = (
    "transmission",
    "kind",
    "occurred_on",
    "evidence_level",
    "evidence_url",
    "document_symbol",
    "quoted_passage",
)
CSV_REQUIRED = ("transmission", "kind", "occurred_on", "evidence_level")
AT_CELL = _('row %(row)s, column "%(column)s": %(problem)s')
CSV_EMPTY = _("The file is empty: its first row must name the columns.")
CSV_MISSING_COLUMNS = _(
    "The file has no %(columns)s column(s). Its first row must name the columns: "
    "%(expected)s."
)
CSV_UNKNOWN_COLUMN = _('column "%(column)s" is not known and was ignored')
CELL_EMPTY = _("the cell is empty")
CELL_NOT_GUID = _('"%(value)s" is not a GUID')
CELL_UNKNOWN_TRANSMISSION = _("no transmission has the GUID %(value)s")
CELL_NOT_ONE_OF = _('"%(value)s" is not one of %(choices)s')
CELL_NOT_DATE = _('"%(value)s" is not a date (YYYY-MM-DD)')
CELL_NOT_URL = _('"%(value)s" is not a web address (https://…)')
CELL_TOO_LONG = _("the text is longer than %(limit)s characters")

MAX_SYMBOL_LENGTH = 100


class OutcomesNotReadable(Exception):
    """The file is not JSON, or JSON that is not an outcomes file."""


class OutcomesInvalid(Exception):
    """Items of the file are wrong; ``errors`` names each one. Nothing was imported."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


class UptakeCsvInvalid(OutcomesInvalid):
    """Cells of the uptake CSV are wrong; ``errors`` names each. Nothing was saved."""


# --- the parsed file ------------------------------------------------------------------


@dataclass(frozen=True)
class ForumEntry:
    where: str
    slug: str
    name: str
    acronym: str
    organisation: str
    kind: str
    website: str
    description: str


@dataclass(frozen=True)
class VersionEntry:
    number: int
    status: str
    changes: str
    published_at: dt.datetime


@dataclass(frozen=True)
class SourceEntry:
    kind: str
    session: uuid.UUID | None
    takeaway: str | int | None  # its text, or its position (1 = first)
    title: str
    url: str


@dataclass(frozen=True)
class MessageEntry:
    where: str
    guid: uuid.UUID
    order: int
    title: str
    text: str
    theme: str | None
    sdgs: tuple[int, ...]
    addressed_to: tuple[str, ...]
    sources: tuple[SourceEntry, ...]


@dataclass(frozen=True)
class DocumentEntry:
    where: str
    index: int
    guid: uuid.UUID
    edition: str
    kind: str
    slug: str
    title: str
    summary: str
    status: str
    comments_close_on: dt.date | None
    published_on: dt.date | None
    versions: tuple[VersionEntry, ...]
    messages: tuple[MessageEntry, ...]

    def sendable(self) -> Sendable:
        """The document as the dating rule sees it (without published_on: any day)."""
        return Sendable(label=self.title, available_on=self.published_on or dt.date.min)


@dataclass(frozen=True)
class EventEntry:
    kind: str
    occurred_on: dt.date
    evidence_level: str
    evidence_url: str
    document_symbol: str
    quoted_passage: str


@dataclass(frozen=True)
class TransmissionEntry:
    where: str
    guid: uuid.UUID
    forum: str
    messages: tuple[uuid.UUID, ...]
    document: uuid.UUID | None
    channel: str
    sent_on: dt.date
    actor: str
    evidence_url: str
    document_symbol: str
    note: str
    events: tuple[EventEntry, ...]


@dataclass(frozen=True)
class OutcomesDocument:
    edition: str | None
    forums: tuple[ForumEntry, ...]
    documents: tuple[DocumentEntry, ...]
    transmissions: tuple[TransmissionEntry, ...]


@dataclass
class ImportReport:
    """What an import did, counted by kind of item ("forums", "documents", …)."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    def count(self, kind: str, state: str) -> None:
        getattr(self, state)[kind] += 1


@dataclass
class UptakeCsvReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    transmissions: int = 0  # how many transmissions had their status derived again
    warnings: list[str] = field(default_factory=list)


# --- pure rules -----------------------------------------------------------------------


@cache
def outcomes_schema() -> dict[str, Any]:
    """The published JSON Schema of the format."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def load_outcomes(raw: bytes | str) -> dict[str, Any]:
    """The decoded JSON document, if it is an outcomes file at all."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise OutcomesNotReadable(str(NOT_UTF8)) from error
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        detail = f"line {error.lineno}, column {error.colno}: {error.msg}"
        raise OutcomesNotReadable(str(NOT_JSON % {"detail": detail})) from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise OutcomesNotReadable(str(NOT_OUTCOMES))
    return data


def parse_outcomes(data: Any) -> OutcomesDocument:
    """The file as plain values; raises ``OutcomesInvalid`` listing every problem."""
    errors = schema_errors(data)
    if errors:
        raise OutcomesInvalid(errors)
    parser = _Parser()
    document = parser.parse(data)
    if parser.errors:
        raise OutcomesInvalid(parser.errors)
    return document


def schema_errors(data: Any) -> list[str]:
    """Each way ``data`` breaks the schema, named by item and field, in file order."""
    validator = jsonschema.Draft202012Validator(outcomes_schema())
    found = sorted(
        validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]
    )
    problems = []
    for error in found:
        where, field_path = _locate(data, list(error.absolute_path))
        what = SCHEMA_PROBLEM % {
            "field": field_path or "(item)",
            "message": error.message,
        }
        problems.append(_problem(where, what))
    return problems


def _locate(data: Any, path: list) -> tuple[str, str]:
    """The item a schema error is in ("documents[0] (guid …), messages[2] (guid …)")
    and the field within it ("sdgs[1]")."""
    where, rest, node = str(AT_FILE), path, data
    labels: list[str] = []
    # Items are arrays of objects under these names; each becomes part of "where".
    while len(rest) >= 2 and rest[0] in _ITEM_LABELS and isinstance(rest[1], int):
        name, index = rest[0], rest[1]
        try:
            node = node[name][index]
        except (KeyError, IndexError, TypeError):
            break
        labels.append(_item_label(name, index, node))
        rest = rest[2:]
    if labels:
        where = ", ".join(labels)
    field_path = ""
    for part in rest:
        field_path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return where, field_path.lstrip(".")


_ITEM_LABELS = {
    "forums": AT_FORUM,
    "documents": AT_DOCUMENT,
    "messages": AT_MESSAGE,
    "transmissions": AT_TRANSMISSION,
}


def _item_label(name: str, index: int, node: Any) -> str:
    key = "slug" if name == "forums" else "guid"
    value = node.get(key) if isinstance(node, dict) else None
    if not isinstance(value, str) or not value:
        return AT_INDEX % {"name": name, "index": index}
    return str(_ITEM_LABELS[name] % {"index": index, key: value})


def _problem(where: str, what: Any) -> str:
    return ITEM_PROBLEM % {"where": where, "what": what}


class _Parser:
    """Walks a schema-valid file once, collecting every error rather than the first."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, where: str, what: Any) -> None:
        self.errors.append(_problem(where, what))

    def parse(self, data: dict[str, Any]) -> OutcomesDocument:
        edition = data["edition"]
        forums = tuple(
            self.forum(index, item) for index, item in enumerate(data["forums"])
        )
        documents = tuple(
            self.document(index, item, edition)
            for index, item in enumerate(data["documents"])
        )
        transmissions = tuple(
            self.transmission(index, item)
            for index, item in enumerate(data["transmissions"])
        )
        self.check_duplicates(forums, documents, transmissions)
        self.check_dates(documents, transmissions)
        return OutcomesDocument(edition, forums, documents, transmissions)

    def date(self, where: str, name: str, value: str | None) -> dt.date | None:
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.error(where, BAD_DATE % {"field": name, "value": value})
            return None

    def datetime(self, where: str, name: str, value: str) -> dt.datetime | None:
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            self.error(where, BAD_DATETIME % {"field": name, "value": value})
            return None

    def forum(self, index: int, item: dict) -> ForumEntry:
        return ForumEntry(
            where=str(AT_FORUM % {"index": index, "slug": item["slug"]}),
            slug=item["slug"],
            name=item["name"],
            acronym=item.get("acronym", ""),
            organisation=item.get("organisation", ""),
            kind=item["kind"],
            website=item.get("website", ""),
            description=item.get("description", ""),
        )

    def document(self, index: int, item: dict, edition: str | None) -> DocumentEntry:
        where = str(AT_DOCUMENT % {"index": index, "guid": item["guid"]})
        if edition is not None and item["edition"] != edition:
            self.error(
                where, OTHER_EDITION % {"value": item["edition"], "edition": edition}
            )
        versions = []
        numbers: set[int] = set()
        for position, version in enumerate(item.get("versions", [])):
            at = str(IN_ITEM % {"outer": where, "inner": f"versions[{position}]"})
            if version["number"] in numbers:
                self.error(at, DUPLICATE_VERSION % {"number": version["number"]})
            numbers.add(version["number"])
            published_at = self.datetime(at, "published_at", version["published_at"])
            if published_at is not None:
                versions.append(
                    VersionEntry(
                        number=version["number"],
                        status=version["status"],
                        changes=version["changes"],
                        published_at=published_at,
                    )
                )
        return DocumentEntry(
            where=where,
            index=index,
            guid=uuid.UUID(item["guid"]),
            edition=item["edition"],
            kind=item["kind"],
            slug=item["slug"],
            title=item["title"],
            summary=item.get("summary", ""),
            status=item["status"],
            comments_close_on=self.date(
                where, "comments_close_on", item.get("comments_close_on")
            ),
            published_on=self.date(where, "published_on", item.get("published_on")),
            versions=tuple(versions),
            messages=tuple(
                self.message(where, position, message)
                for position, message in enumerate(item["messages"])
            ),
        )

    def message(self, outer: str, index: int, item: dict) -> MessageEntry:
        inner = str(AT_MESSAGE % {"index": index, "guid": item["guid"]})
        where = str(IN_ITEM % {"outer": outer, "inner": inner})
        for position, source in enumerate(item.get("sources", [])):
            if source.get("takeaway") is not None and not source.get("session"):
                at = str(IN_ITEM % {"outer": where, "inner": f"sources[{position}]"})
                self.error(at, TAKEAWAY_WITHOUT_SESSION)
        return MessageEntry(
            where=where,
            guid=uuid.UUID(item["guid"]),
            order=item.get("order", 0),
            title=item.get("title", ""),
            text=item["text"],
            theme=item.get("theme"),
            sdgs=tuple(item.get("sdgs", [])),
            addressed_to=tuple(item.get("addressed_to", [])),
            sources=tuple(
                SourceEntry(
                    kind=source["kind"],
                    session=uuid.UUID(source["session"])
                    if source.get("session")
                    else None,
                    takeaway=source.get("takeaway"),
                    title=source.get("title", ""),
                    url=source.get("url", ""),
                )
                for source in item.get("sources", [])
            ),
        )

    def transmission(self, index: int, item: dict) -> TransmissionEntry:
        where = str(AT_TRANSMISSION % {"index": index, "guid": item["guid"]})
        sent_on = self.date(where, "sent_on", item["sent_on"])
        events = []
        for position, event in enumerate(item["events"]):
            at = str(IN_ITEM % {"outer": where, "inner": f"events[{position}]"})
            occurred_on = self.date(at, "occurred_on", event["occurred_on"])
            if occurred_on is None:
                continue
            if sent_on is not None:
                for problems in check_uptake_event(
                    kind=event["kind"],
                    evidence_level=event["evidence_level"],
                    occurred_on=occurred_on,
                    sent_on=sent_on,
                ).values():
                    for problem in problems:
                        self.error(at, problem)
            events.append(
                EventEntry(
                    kind=event["kind"],
                    occurred_on=occurred_on,
                    evidence_level=event["evidence_level"],
                    evidence_url=event.get("evidence_url", ""),
                    document_symbol=event.get("document_symbol", ""),
                    quoted_passage=event.get("quoted_passage", ""),
                )
            )
        document = item.get("document")
        if not item["messages"] and not document:
            self.error(where, NOTHING_SENT)
        return TransmissionEntry(
            where=where,
            guid=uuid.UUID(item["guid"]),
            forum=item["forum"],
            messages=tuple(uuid.UUID(guid) for guid in item["messages"]),
            document=uuid.UUID(document) if document else None,
            channel=item["channel"],
            sent_on=sent_on or dt.date.min,
            actor=item["actor"],
            evidence_url=item.get("evidence_url", ""),
            document_symbol=item.get("document_symbol", ""),
            note=item.get("note", ""),
            events=tuple(events),
        )

    def check_duplicates(self, forums, documents, transmissions) -> None:
        slugs: dict[str, str] = {}
        for forum in forums:
            if forum.slug in slugs:
                self.error(
                    forum.where,
                    DUPLICATE_SLUG % {"slug": forum.slug, "other": slugs[forum.slug]},
                )
            slugs.setdefault(forum.slug, forum.where)
        # GUIDs are unique across the whole file, whatever kind of item carries them.
        guids: dict[uuid.UUID, str] = {}
        document_slugs: dict[tuple[str, str], str] = {}
        items: list[tuple[str, uuid.UUID]] = []
        for document in documents:
            items.append((document.where, document.guid))
            items.extend((message.where, message.guid) for message in document.messages)
            key = (document.edition, document.slug)
            if key in document_slugs:
                self.error(
                    document.where,
                    DUPLICATE_SLUG
                    % {"slug": document.slug, "other": document_slugs[key]},
                )
            document_slugs.setdefault(key, document.where)
        items.extend((item.where, item.guid) for item in transmissions)
        for where, guid in items:
            if guid in guids:
                self.error(where, DUPLICATE_GUID % {"guid": guid, "other": guids[guid]})
            guids.setdefault(guid, where)

    def check_dates(self, documents, transmissions) -> None:
        """A transmission cannot be sent before what it sends, held in the file, was
        public (what only the site holds is checked by ``import_outcomes``)."""
        sendables: dict[uuid.UUID, Sendable] = {}
        for document in documents:
            sendables[document.guid] = document.sendable()
            for message in document.messages:
                # Without published_on, a message of the file is public any day: its
                # row is created by the import, so its creation day says nothing.
                sendables[message.guid] = Sendable(
                    label=message.title or message.text[:80],
                    available_on=document.published_on or dt.date.min,
                )
        for item in transmissions:
            if item.sent_on == dt.date.min:
                continue  # its date was already reported
            for problem in dating_problems(item, sendables):
                self.error(item.where, problem)


def dating_problems(
    item: TransmissionEntry,
    sendables: dict[uuid.UUID, Sendable],
    *,
    drafts: frozenset[uuid.UUID] = frozenset(),
) -> list[str]:
    """Why the transmission breaks the dating rule, for what ``sendables`` holds."""
    problems = check_transmission(
        sent_on=item.sent_on,
        channel=item.channel,
        messages=[sendables[guid] for guid in item.messages if guid in sendables],
        document=sendables.get(item.document) if item.document else None,
        document_is_draft=item.document in drafts,
    )
    return [
        str(problem)
        for field_problems in problems.values()
        for problem in field_problems
        # Only part of what it sends may be in ``sendables``: emptiness is checked
        # by the parser.
        if problem != CORE_NOTHING_SENT
    ]


# --- export ---------------------------------------------------------------------------


def public_documents(edition: ForumEditionPage | None = None) -> models.QuerySet:
    """Documents anyone may read: not drafts, not deleted (of one edition, or all)."""
    documents = OutcomeDocument.objects.filter(deleted_at=None).exclude(
        status=DocumentStatus.DRAFT
    )
    return documents if edition is None else documents.filter(edition=edition)


def public_messages() -> models.QuerySet:
    """Messages that are not deleted, of public documents."""
    return PolicyMessage.objects.filter(
        deleted_at=None, document__in=public_documents()
    )


def public_transmissions(edition: ForumEditionPage | None = None) -> models.QuerySet:
    """Transmissions not deleted that send at least one public message or document."""
    sends_public = Q(messages__in=public_messages()) | Q(
        document__in=public_documents()
    )
    if edition is not None:
        sends_public = Q(
            messages__in=public_messages().filter(document__edition=edition)
        ) | Q(document__in=public_documents(edition))
    ids = Transmission.objects.filter(sends_public).values("pk")
    return Transmission.objects.filter(deleted_at=None, pk__in=ids)


def export_outcomes(edition: ForumEditionPage | None = None) -> dict[str, Any]:
    """The public outcomes of one edition (or all) in the ``igfplus-outcomes`` format."""
    messages = (
        public_messages()
        .select_related("theme")
        .prefetch_related(
            Prefetch(
                "sources",
                queryset=MessageSource.objects.select_related(
                    "report__session", "takeaway__report__session"
                ).order_by("pk"),
            )
        )
    )
    documents = (
        public_documents(edition)
        .select_related("edition")
        .prefetch_related(
            Prefetch("versions", queryset=DocumentVersion.objects.order_by("number")),
            Prefetch("messages", queryset=messages),
        )
    )
    transmissions = (
        public_transmissions(edition)
        .select_related("forum", "document")
        .prefetch_related(
            Prefetch(
                "messages",
                queryset=public_messages().select_related("document__edition"),
            ),
            Prefetch(
                "events",
                queryset=UptakeEvent.objects.filter(deleted_at=None).order_by(
                    "occurred_on", "pk"
                ),
            ),
        )
    )
    exported_documents = sorted(
        (_document_data(document) for document in documents),
        key=lambda d: (d["edition"], d["kind"], d["slug"], d["guid"]),
    )
    exported_transmissions = sorted(
        (_transmission_data(transmission) for transmission in transmissions),
        key=lambda t: (t["sent_on"], t["guid"]),
    )
    if edition is None:
        forums = NormativeForum.objects.all()
    else:
        # Forums that appear in this edition's transmissions: the file stands alone.
        forums = NormativeForum.objects.filter(
            slug__in={t["forum"] for t in exported_transmissions}
        )
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "licence": LICENCE,
        "edition": None if edition is None else edition.slug,
        "forums": [forum_data(forum) for forum in forums.order_by("slug")],
        "documents": exported_documents,
        "transmissions": exported_transmissions,
    }


def outcomes_json(data: dict[str, Any]) -> bytes:
    """The export as UTF-8 JSON bytes: readable, stable, ending with a newline."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)
    return (text + "\n").encode("utf-8")


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def forum_data(forum: NormativeForum) -> dict[str, Any]:
    """A forum as the open-data file and the API show it."""
    return {
        "slug": forum.slug,
        "name": forum.name,
        "acronym": forum.acronym,
        "organisation": forum.organisation,
        "kind": forum.kind,
        "website": forum.website,
        "description": forum.description,
    }


def _document_data(document: OutcomeDocument) -> dict[str, Any]:
    messages = sorted(document.messages.all(), key=lambda m: (m.order, str(m.guid)))
    return {
        "guid": str(document.guid),
        "edition": document.edition.slug,
        "kind": document.kind,
        "slug": document.slug,
        "title": document.title,
        "summary": document.summary,
        "status": document.status,
        "comments_close_on": _date(document.comments_close_on),
        "published_on": _date(document.published_on),
        "versions": [
            {
                "number": version.number,
                "status": version.status,
                "changes": version.changes,
                "published_at": version.published_at.astimezone(dt.UTC).isoformat(),
            }
            for version in document.versions.all()
        ],
        "messages": [_message_data(message) for message in messages],
    }


def _message_data(message: PolicyMessage) -> dict[str, Any]:
    return {
        "guid": str(message.guid),
        "order": message.order,
        "title": message.title,
        "text": message.text,
        "theme": message.theme.name if message.theme else None,
        "sdgs": list(message.sdgs),
        "addressed_to": list(message.addressed_to),
        "sources": [_source_data(source) for source in message.sources.all()],
    }


def _source_data(source: MessageSource) -> dict[str, Any]:
    report = source.report or (source.takeaway.report if source.takeaway else None)
    return {
        "kind": source.kind,
        "session": str(report.session.guid) if report else None,
        "takeaway": source.takeaway.text if source.takeaway else None,
        "title": source.title,
        "url": source.url,
    }


def _transmission_data(transmission: Transmission) -> dict[str, Any]:
    messages = sorted(
        transmission.messages.all(),
        key=lambda m: (
            m.document.edition.slug,
            m.document.slug,
            m.order,
            str(m.guid),
        ),
    )
    document = transmission.document
    if document is not None and not document.is_public:
        document = None
    events = sorted(
        transmission.events.all(),
        key=lambda e: (e.occurred_on, UptakeKind.values.index(e.kind), e.pk),
    )
    return {
        "guid": str(transmission.guid),
        "forum": transmission.forum.slug,
        "messages": [str(message.guid) for message in messages],
        "document": str(document.guid) if document else None,
        "channel": transmission.channel,
        "sent_on": transmission.sent_on.isoformat(),
        "actor": transmission.actor,
        "evidence_url": transmission.evidence_url,
        "document_symbol": transmission.document_symbol,
        "note": transmission.note,
        "status": transmission.status,
        "events": [
            {
                "kind": event.kind,
                "occurred_on": event.occurred_on.isoformat(),
                "evidence_level": event.evidence_level,
                "evidence_url": event.evidence_url,
                "document_symbol": event.document_symbol,
                "quoted_passage": event.quoted_passage,
            }
            for event in events
        ],
    }


def latest_change(edition: ForumEditionPage | None = None) -> tuple[str, dt.datetime]:
    """A version string of the export and the latest time anything in it changed.

    Cheap: one aggregate query per table (counts catch rows removed, the latest of each
    date-time column catches rows added, edited where the table keeps an ``updated_at``,
    deleted or published). Every date-time column of each model counts, so a column
    added later is taken into account without a change here.
    """
    documents = OutcomeDocument.objects.all()
    messages = PolicyMessage.objects.all()
    transmissions = Transmission.objects.all()
    if edition is not None:
        documents = documents.filter(edition=edition)
        messages = messages.filter(document__edition=edition)
        transmissions = transmissions.filter(
            pk__in=Transmission.objects.filter(
                Q(messages__document__edition=edition) | Q(document__edition=edition)
            ).values("pk")
        )
    editions = ForumEditionPage.objects.all()
    if edition is not None:
        editions = editions.filter(pk=edition.pk)
    querysets: Sequence[models.QuerySet] = (
        NormativeForum.objects.all(),
        documents,
        DocumentVersion.objects.filter(document__in=documents.values("pk")),
        messages,
        MessageSource.objects.filter(message__in=messages.values("pk")),
        transmissions,
        UptakeEvent.objects.filter(transmission__in=transmissions.values("pk")),
        # Sub-theme names (edited with the edition page) and takeaway texts.
        editions,
        SessionReport.objects.filter(
            Q(cited_by__message__in=messages.values("pk"))
            | Q(takeaways__cited_by__message__in=messages.values("pk"))
        ).distinct(),
    )
    parts: list[object] = [FORMAT_VERSION]
    latest = dt.datetime(2006, 1, 1, tzinfo=dt.UTC)  # the first IGF
    for queryset in querysets:
        values = _aggregate_times(queryset)
        parts.extend(values)
        for value in values:
            if isinstance(value, dt.datetime) and value > latest:
                latest = value
    # Edits in place (a note, a title, a quoted passage) leave no date-time on the row:
    # the admin and the services record each in Wagtail's audit log, and so does the
    # import. One more aggregate for all outcomes, whichever edition they belong to.
    logged = ModelLogEntry.objects.filter(content_type__app_label="outcomes").aggregate(
        count=Count("pk"), latest=Max("timestamp")
    )
    parts.extend((logged["count"], logged["latest"]))
    if logged["latest"] is not None and logged["latest"] > latest:
        latest = logged["latest"]
    version = "-".join(
        value.isoformat() if isinstance(value, dt.datetime) else str(value)
        for value in parts
    )
    return version, latest


def _aggregate_times(queryset: models.QuerySet) -> list:
    columns = [
        model_field.name
        for model_field in queryset.model._meta.concrete_fields
        if isinstance(model_field, models.DateTimeField)
    ]
    aggregates: dict[str, Any] = {"count": Count("pk", distinct=True)}
    aggregates.update({f"max_{name}": Max(name) for name in columns})
    # A row restored from deletion changes how many rows have a deleted_at.
    aggregates.update(
        {f"n_{name}": Count(name) for name in columns if name == "deleted_at"}
    )
    result = queryset.order_by().aggregate(**aggregates)
    return [result["count"], *(result[key] for key in aggregates if key != "count")]


# --- import ---------------------------------------------------------------------------


@transaction.atomic
def import_outcomes(*, document: OutcomesDocument, by=None) -> ImportReport:
    """Create or update what the file holds, by GUID (forums by slug); all or nothing."""
    report = ImportReport()
    resolver = _Resolver(document)
    if resolver.errors:
        raise OutcomesInvalid(resolver.errors)

    forums = dict(resolver.forums)
    for entry in document.forums:
        forums[entry.slug], state = _save(
            NormativeForum,
            resolver.forums.get(entry.slug),
            {
                "slug": entry.slug,
                "name": entry.name,
                "acronym": entry.acronym,
                "organisation": entry.organisation,
                "kind": entry.kind,
                "website": entry.website,
                "description": entry.description,
            },
        )
        report.count("forums", state)
        _log(forums[entry.slug], state, by)
    documents = dict(resolver.documents)
    messages = dict(resolver.messages)
    for entry in document.documents:
        row, state = _save(
            OutcomeDocument,
            resolver.documents.get(entry.guid),
            {
                "guid": entry.guid,
                "edition": resolver.editions[entry.edition],
                "kind": entry.kind,
                "slug": entry.slug,
                "title": entry.title,
                "summary": entry.summary,
                "status": entry.status,
                "comments_close_on": entry.comments_close_on,
                "published_on": entry.published_on,
            },
        )
        report.count("documents", state)
        _log(row, state, by)
        documents[entry.guid] = row
        _save_versions(report, row, entry.versions, by)
        for message_entry in entry.messages:
            messages[message_entry.guid] = _save_message(
                report, resolver, row, entry.edition, message_entry, by
            )
        left_alone = (
            PolicyMessage.objects.filter(document=row, deleted_at=None)
            .exclude(guid__in=[m.guid for m in entry.messages])
            .count()
        )
        if left_alone:
            report.warnings.append(
                str(
                    MESSAGES_LEFT_ALONE
                    % {"index": entry.index, "guid": entry.guid, "count": left_alone}
                )
            )
    for entry in document.transmissions:
        existing = resolver.transmissions.get(entry.guid)
        sent_document = documents[entry.document] if entry.document else None
        if sent_document is None and existing is not None:
            # The export leaves out what is not public: the file cannot unsend it.
            sent_document = _unless_public(existing.document)
        row, state = _save(
            Transmission,
            existing,
            {
                "guid": entry.guid,
                "forum": forums[entry.forum],
                "document": sent_document,
                "channel": entry.channel,
                "sent_on": entry.sent_on,
                "actor": entry.actor,
                "evidence_url": entry.evidence_url,
                "document_symbol": entry.document_symbol,
                "note": entry.note,
            },
            created_extra={"recorded_by": by},
        )
        wanted = {messages[guid].pk for guid in entry.messages}
        linked = set(row.messages.values_list("pk", flat=True))
        wanted |= linked - set(
            public_messages().filter(pk__in=linked).values_list("pk", flat=True)
        )
        if linked != wanted:
            row.messages.set(wanted)
            state = "created" if state == "created" else "updated"
        report.count("transmissions", state)
        _log(row, state, by)
        _sync_events(report, row, entry, by)
        # Never read from the file: derived from the events, as everywhere else.
        refresh_status(row)
    return report


def _unless_public(document: OutcomeDocument | None) -> OutcomeDocument | None:
    return None if document is None or document.is_public else document


def _save(
    model: type[models.Model],
    row: models.Model | None,
    values: dict[str, Any],
    created_extra: dict[str, Any] | None = None,
) -> tuple[Any, str]:
    """The row created, or updated where it differs; with "created", "updated" or
    "unchanged"."""
    if row is None:
        row = model.objects.create(**values, **(created_extra or {}))
        return row, "created"
    changed = [name for name, value in values.items() if _differs(row, name, value)]
    for name in changed:
        setattr(row, name, values[name])
    if not changed:
        return row, "unchanged"
    row.save()
    return row, "updated"


def _log(row: models.Model, state: str, by, source: str = "import_outcomes") -> None:
    """Record a change in the audit log, as the admin does (open data versions read it)."""
    if state != "unchanged":
        action = "wagtail.create" if state == "created" else "wagtail.edit"
        log(instance=row, action=action, user=by, data={"source": source})


def _differs(row: models.Model, name: str, value: Any) -> bool:
    model_field = row._meta.get_field(name)
    if isinstance(model_field, models.ForeignKey):
        return getattr(row, model_field.attname) != (value.pk if value else None)
    return getattr(row, name) != value


def _save_versions(
    report: ImportReport, document: OutcomeDocument, entries, by
) -> None:
    existing = {version.number: version for version in document.versions.all()}
    for entry in entries:
        version = existing.get(entry.number)
        values = {"status": entry.status, "changes": entry.changes}
        if version is None:
            version = DocumentVersion.objects.create(
                document=document, number=entry.number, published_by=by, **values
            )
            report.created["versions"] += 1
        elif any(getattr(version, name) != value for name, value in values.items()):
            DocumentVersion.objects.filter(pk=version.pk).update(**values)
            report.updated["versions"] += 1
            _log(version, "updated", by)
        else:
            report.unchanged["versions"] += 1
        if version.published_at != entry.published_at:
            # published_at is set on creation (auto_now_add): the file's time is kept.
            DocumentVersion.objects.filter(pk=version.pk).update(
                published_at=entry.published_at
            )


def _save_message(
    report: ImportReport,
    resolver: _Resolver,
    document: OutcomeDocument,
    edition: str,
    entry: MessageEntry,
    by,
) -> PolicyMessage:
    theme = resolver.themes[(edition, entry.theme.casefold())] if entry.theme else None
    message, state = _save(
        PolicyMessage,
        resolver.messages.get(entry.guid),
        {
            "guid": entry.guid,
            "document": document,
            "theme": theme,
            "order": entry.order,
            "title": entry.title,
            "text": entry.text,
            "sdgs": list(entry.sdgs),
            "addressed_to": list(entry.addressed_to),
        },
    )
    wanted = [resolver.source_values(source) for source in entry.sources]
    current = [
        {
            "kind": source.kind,
            "report_id": source.report_id,
            "takeaway_id": source.takeaway_id,
            "title": source.title,
            "url": source.url,
        }
        for source in message.sources.order_by("pk")
    ]
    if current != wanted:
        message.sources.all().delete()
        MessageSource.objects.bulk_create(
            MessageSource(message=message, **values) for values in wanted
        )
        state = "created" if state == "created" else "updated"
    report.count("messages", state)
    _log(message, state, by)
    return message


def _sync_events(
    report: ImportReport, transmission: Transmission, entry: TransmissionEntry, by
) -> None:
    """Make the transmission's events those of the file: matched by kind and day."""
    existing = list(transmission.events.filter(deleted_at=None).order_by("pk"))
    for event in entry.events:
        values = {
            "evidence_level": event.evidence_level,
            "evidence_url": event.evidence_url,
            "document_symbol": event.document_symbol,
            "quoted_passage": event.quoted_passage,
        }
        match = next(
            (
                row
                for row in existing
                if (row.kind, row.occurred_on) == (event.kind, event.occurred_on)
            ),
            None,
        )
        if match is None:
            created = UptakeEvent.objects.create(
                transmission=transmission,
                kind=event.kind,
                occurred_on=event.occurred_on,
                recorded_by=by,
                **values,
            )
            report.created["events"] += 1
            _log(created, "created", by)
            continue
        existing.remove(match)
        changed = {
            name: value
            for name, value in values.items()
            if getattr(match, name) != value
        }
        if changed:
            UptakeEvent.objects.filter(pk=match.pk).update(**changed)
            report.updated["events"] += 1
            _log(match, "updated", by)
        else:
            report.unchanged["events"] += 1
    for row in existing:
        log(instance=row, action=SOFT_DELETE, user=by)
    if existing:
        UptakeEvent.objects.filter(pk__in=[row.pk for row in existing]).update(
            deleted_at=timezone.now()
        )
        report.deleted["events"] += len(existing)
        report.warnings.append(
            str(EVENTS_REMOVED % {"where": entry.where, "count": len(existing)})
        )


class _Resolver:
    """Looks up, in a few queries, every row the file names; collects what is missing."""

    def __init__(self, document: OutcomesDocument) -> None:
        self.errors: list[str] = []
        self.document = document
        messages_in_file = {
            message.guid: (entry, message)
            for entry in document.documents
            for message in entry.messages
        }
        documents_in_file = {entry.guid: entry for entry in document.documents}
        self.editions = {
            page.slug: page
            for page in ForumEditionPage.objects.filter(
                slug__in={entry.edition for entry in document.documents}
            )
        }
        self.themes = {
            (theme.page.slug, theme.name.casefold()): theme
            for theme in EditionTheme.objects.filter(
                page__in=self.editions.values()
            ).select_related("page")
        }
        forum_slugs = {entry.slug for entry in document.forums} | {
            entry.forum for entry in document.transmissions
        }
        self.forums = {
            forum.slug: forum
            for forum in NormativeForum.objects.filter(slug__in=forum_slugs)
        }
        forum_names = {
            forum.name.casefold(): forum.slug
            for forum in NormativeForum.objects.filter(
                name__in=[entry.name for entry in document.forums]
            )
        }
        self.documents = {
            row.guid: row
            for row in OutcomeDocument.objects.filter(
                guid__in={entry.guid for entry in document.documents}
                | {e.document for e in document.transmissions if e.document}
            ).prefetch_related("versions")
        }
        slugs_taken = {
            (row.edition.slug, row.slug): row.guid
            for row in OutcomeDocument.objects.filter(
                slug__in={entry.slug for entry in document.documents},
                edition__in=self.editions.values(),
            ).select_related("edition")
        }
        self.messages = {
            row.guid: row
            for row in PolicyMessage.objects.filter(
                guid__in=set(messages_in_file)
                | {guid for e in document.transmissions for guid in e.messages}
            ).select_related("document")
        }
        self.transmissions = {
            row.guid: row
            for row in Transmission.objects.filter(
                guid__in={entry.guid for entry in document.transmissions}
            ).select_related("document")
        }
        session_guids = {
            source.session
            for entry in document.documents
            for message in entry.messages
            for source in message.sources
            if source.session
        }
        self.sessions = set(
            SessionPage.objects.filter(guid__in=session_guids).values_list(
                "guid", flat=True
            )
        )
        self.reports = {
            report.session.guid: report
            for report in SessionReport.objects.filter(session__guid__in=session_guids)
            .select_related("session")
            .prefetch_related(
                Prefetch(
                    "takeaways", queryset=Takeaway.objects.order_by("sort_order", "pk")
                )
            )
        }

        for entry in document.forums:
            other = forum_names.get(entry.name.casefold())
            if other is not None and other != entry.slug:
                self.error(
                    entry.where,
                    FORUM_NAME_TAKEN % {"value": entry.name, "other": other},
                )
        for entry in document.documents:
            self.check_document(entry, slugs_taken)
        sendables = self.site_sendables(messages_in_file, documents_in_file)
        drafts = frozenset(
            guid
            for guid, row in self.documents.items()
            if guid not in documents_in_file and row.status == DocumentStatus.DRAFT
        )
        for entry in document.transmissions:
            self.check_transmission(
                entry, messages_in_file, documents_in_file, sendables, drafts
            )

    def error(self, where: str, what: Any) -> None:
        self.errors.append(_problem(where, what))

    def check_document(self, entry: DocumentEntry, slugs_taken) -> None:
        row = self.documents.get(entry.guid)
        if row is not None and row.deleted_at is not None:
            self.error(
                entry.where, DELETED_HERE % {"what": "document", "guid": entry.guid}
            )
        if entry.edition not in self.editions:
            self.error(entry.where, UNKNOWN_EDITION % {"value": entry.edition})
            return
        other = slugs_taken.get((entry.edition, entry.slug))
        if other is not None and other != entry.guid:
            self.error(
                entry.where,
                SLUG_TAKEN
                % {"slug": entry.slug, "edition": entry.edition, "guid": other},
            )
        for message in entry.messages:
            row = self.messages.get(message.guid)
            if row is not None and row.deleted_at is not None:
                self.error(
                    message.where,
                    DELETED_HERE % {"what": "message", "guid": message.guid},
                )
            if (
                message.theme
                and (entry.edition, message.theme.casefold()) not in self.themes
            ):
                self.error(
                    message.where,
                    UNKNOWN_THEME % {"value": message.theme, "edition": entry.edition},
                )
            for position, source in enumerate(message.sources):
                where = str(
                    IN_ITEM % {"outer": message.where, "inner": f"sources[{position}]"}
                )
                self.check_source(where, source)

    def check_source(self, where: str, source: SourceEntry) -> None:
        if source.session is None:
            return
        if source.session not in self.sessions:
            self.error(where, UNKNOWN_SESSION % {"guid": source.session})
            return
        report = self.reports.get(source.session)
        if report is None:
            self.error(where, NO_REPORT % {"guid": source.session})
            return
        if source.takeaway is not None:
            self.takeaway(where, report, source)

    def takeaway(self, where: str, report: SessionReport, source: SourceEntry):
        takeaways = list(report.takeaways.all())
        if isinstance(source.takeaway, int):
            if source.takeaway <= len(takeaways):
                return takeaways[source.takeaway - 1]
            matches = []
        else:
            wanted = source.takeaway.strip()
            matches = [t for t in takeaways if t.text.strip() == wanted]
            if len(matches) == 1:
                return matches[0]
        if where:
            problem = AMBIGUOUS_TAKEAWAY if len(matches) > 1 else UNKNOWN_TAKEAWAY
            self.error(
                where,
                problem
                % {
                    "value": source.takeaway,
                    "guid": source.session,
                    "count": len(matches),
                },
            )
        return None

    def source_values(self, source: SourceEntry) -> dict[str, Any]:
        """The fields of a MessageSource for a checked source of the file."""
        report = self.reports.get(source.session) if source.session else None
        takeaway = (
            self.takeaway("", report, source)
            if report is not None and source.takeaway is not None
            else None
        )
        return {
            "kind": source.kind,
            # A takeaway names its report itself; "session" then only locates it.
            "report_id": report.pk if report is not None and takeaway is None else None,
            "takeaway_id": takeaway.pk if takeaway is not None else None,
            "title": source.title,
            "url": source.url,
        }

    def site_sendables(
        self, messages_in_file, documents_in_file
    ) -> dict[uuid.UUID, Sendable]:
        """What the transmissions send that only the site holds, as the rule sees it."""
        sendables = {
            guid: document_sendable(row)
            for guid, row in self.documents.items()
            if guid not in documents_in_file
        }
        sendables.update(
            (guid, message_sendable(row))
            for guid, row in self.messages.items()
            if guid not in messages_in_file
        )
        return sendables

    def check_transmission(
        self,
        entry: TransmissionEntry,
        messages_in_file,
        documents_in_file,
        sendables: dict[uuid.UUID, Sendable],
        drafts: frozenset[uuid.UUID],
    ) -> None:
        row = self.transmissions.get(entry.guid)
        if row is not None and row.deleted_at is not None:
            self.error(
                entry.where, DELETED_HERE % {"what": "transmission", "guid": entry.guid}
            )
        in_file = {forum.slug for forum in self.document.forums}
        if entry.forum not in in_file and entry.forum not in self.forums:
            self.error(entry.where, UNKNOWN_FORUM % {"value": entry.forum})
        for guid in entry.messages:
            if guid not in messages_in_file and guid not in self.messages:
                self.error(entry.where, UNKNOWN_MESSAGE % {"guid": guid})
        if entry.document and entry.document not in documents_in_file:
            row = self.documents.get(entry.document)
            if row is None:
                self.error(entry.where, UNKNOWN_DOCUMENT % {"guid": entry.document})
            elif row.deleted_at is not None:
                self.error(
                    entry.where,
                    DELETED_HERE % {"what": "document", "guid": entry.document},
                )
        # What the file holds was checked by parse_outcomes; what only the site holds
        # (deleted messages, drafts, dates), here.
        for problem in dating_problems(entry, sendables, drafts=drafts):
            self.error(entry.where, problem)


# --- uptake events from a spreadsheet -------------------------------------------------


@transaction.atomic
def import_uptake_csv(*, text: str, by=None) -> UptakeCsvReport:
    """Add (or bring up to date) the uptake events the CSV lists; all rows or none.

    An event is the same as one already recorded when its transmission, kind and day
    are: its evidence is updated rather than a second event added, so the same file
    imported twice changes nothing. The statuses of the transmissions named are derived
    again at the end.
    """
    header, records = _read_csv(text)
    report = UptakeCsvReport()
    report.warnings.extend(
        str(CSV_UNKNOWN_COLUMN % {"column": column})
        for column in header
        if column and column not in CSV_COLUMNS
    )
    guids = set()
    for _row, record in records:
        with contextlib.suppress(ValueError):  # reported row by row below
            guids.add(uuid.UUID(record["transmission"].strip()))
    transmissions = {
        row.guid: row
        for row in Transmission.objects.filter(guid__in=guids, deleted_at=None)
    }
    errors: list[str] = []
    rows: list[tuple[Transmission, dict[str, Any]]] = []
    for row_number, record in records:
        problems: list[tuple[str, Any]] = []
        values = _uptake_row(record, transmissions, problems)
        errors.extend(
            str(AT_CELL % {"row": row_number, "column": column, "problem": problem})
            for column, problem in problems
        )
        if not problems:
            rows.append(values)
    if errors:
        raise UptakeCsvInvalid(errors)

    touched: dict[int, Transmission] = {}
    for transmission, values in rows:
        touched[transmission.pk] = transmission
        existing = (
            transmission.events.filter(
                deleted_at=None, kind=values["kind"], occurred_on=values["occurred_on"]
            )
            .order_by("pk")
            .first()
        )
        if existing is None:
            created = UptakeEvent.objects.create(
                transmission=transmission, recorded_by=by, **values
            )
            report.created += 1
            _log(created, "created", by, source="import_uptake_csv")
            continue
        changed = {
            name: value
            for name, value in values.items()
            if getattr(existing, name) != value
        }
        if changed:
            UptakeEvent.objects.filter(pk=existing.pk).update(**changed)
            report.updated += 1
            _log(existing, "updated", by, source="import_uptake_csv")
        else:
            report.unchanged += 1
    for transmission in touched.values():
        refresh_status(transmission)
    report.transmissions = len(touched)
    return report


def _read_csv(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and the non-blank records, numbered as a spreadsheet numbers rows."""
    text = text.removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise UptakeCsvInvalid([str(CSV_EMPTY)])
    # Spreadsheets in many locales save CSV with semicolons.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [restore_formula(cell).strip().lower() for cell in next(reader)]
    missing = [column for column in CSV_REQUIRED if column not in header]
    if missing:
        raise UptakeCsvInvalid(
            [
                str(
                    CSV_MISSING_COLUMNS
                    % {
                        "columns": ", ".join(f'"{column}"' for column in missing),
                        "expected": ",".join(CSV_COLUMNS),
                    }
                )
            ]
        )
    records = []
    for row_number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        # Cells an export defused with an apostrophe (=, +, -, @) come back as written.
        cells = [restore_formula(cell) for cell in cells]
        cells += [""] * (len(header) - len(cells))
        records.append(
            (
                row_number,
                {
                    column: cells[index]
                    for index, column in enumerate(header)
                    if column in CSV_COLUMNS
                },
            )
        )
    return header, records


def _uptake_row(
    record: dict[str, str],
    transmissions: dict[uuid.UUID, Transmission],
    problems: list[tuple[str, Any]],
) -> tuple[Transmission, dict[str, Any]] | None:
    """The transmission and event fields a row gives; its problems are noted."""
    transmission = None
    raw = record["transmission"].strip()
    if not raw:
        problems.append(("transmission", CELL_EMPTY))
    else:
        try:
            transmission = transmissions.get(uuid.UUID(raw))
        except ValueError:
            problems.append(("transmission", CELL_NOT_GUID % {"value": raw}))
        else:
            if transmission is None:
                problems.append(
                    ("transmission", CELL_UNKNOWN_TRANSMISSION % {"value": raw})
                )
    kind = _choice(record, "kind", UptakeKind, problems)
    level = _choice(record, "evidence_level", EvidenceLevel, problems)
    occurred_on = None
    raw = record["occurred_on"].strip()
    if not raw:
        problems.append(("occurred_on", CELL_EMPTY))
    else:
        try:
            occurred_on = dt.date.fromisoformat(raw)
        except ValueError:
            problems.append(("occurred_on", CELL_NOT_DATE % {"value": raw}))
    if occurred_on is not None and transmission is not None:
        rule = check_uptake_event(
            kind=kind or UptakeKind.ACKNOWLEDGED,  # a bad kind is reported above
            evidence_level=level or EvidenceLevel.DIRECT,
            occurred_on=occurred_on,
            sent_on=transmission.sent_on,
        )
        problems.extend(
            ("occurred_on", problem) for problem in rule.get("occurred_on", [])
        )
    url = record.get("evidence_url", "").strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            problems.append(("evidence_url", CELL_NOT_URL % {"value": url}))
        else:
            if len(url) > UptakeEvent._meta.get_field("evidence_url").max_length:
                problems.append(
                    (
                        "evidence_url",
                        CELL_TOO_LONG
                        % {
                            "limit": UptakeEvent._meta.get_field(
                                "evidence_url"
                            ).max_length
                        },
                    )
                )
    symbol = record.get("document_symbol", "").strip()
    if len(symbol) > MAX_SYMBOL_LENGTH:
        problems.append(
            ("document_symbol", CELL_TOO_LONG % {"limit": MAX_SYMBOL_LENGTH})
        )
    if problems:
        return None
    return transmission, {
        "kind": kind,
        "occurred_on": occurred_on,
        "evidence_level": level,
        "evidence_url": url,
        "document_symbol": symbol,
        "quoted_passage": record.get("quoted_passage", "").strip(),
    }


def _choice(
    record: dict[str, str], column: str, choices: type, problems: list
) -> str | None:
    raw = record[column].strip()
    if not raw:
        problems.append((column, CELL_EMPTY))
        return None
    wanted = raw.casefold()
    for value, label in choices.choices:
        if wanted in (value.casefold(), str(label).casefold()):
            return value
    problems.append(
        (column, CELL_NOT_ONE_OF % {"value": raw, "choices": ", ".join(choices.values)})
    )
    return None
