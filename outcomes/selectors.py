"""Public reads of the outcomes: only what the public may see, related rows loaded.

Every selector runs a fixed number of queries, whatever the amount of data. Visibility:
documents that are not drafts and not deleted, of live editions; their messages that are
not deleted; transmissions and events that are not deleted (and carry something public);
published or resolved comments; session reports that are submitted and belong to a
session in its edition's latest release.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Cast, ExtractYear, Substr

from cms.models import EditionTheme, ForumEditionPage
from igfplus.enums import StakeholderGroup
from outcomes.enums import (
    Channel,
    CommentStatus,
    DocumentKind,
    DocumentStatus,
    SourceKind,
    UptakeStatus,
)
from outcomes.models import (
    DocumentVersion,
    MessageComment,
    MessageSource,
    NormativeForum,
    OutcomeDocument,
    PolicyMessage,
    SessionReport,
    Transmission,
    UptakeEvent,
)
from sessions.models import Release, SessionPage

PUBLIC_COMMENT_STATUSES = (CommentStatus.PUBLISHED, CommentStatus.RESOLVED)
# Most advanced first: the order of stacked bars, legends and tables.
STATUS_ORDER = (
    UptakeStatus.REFLECTED,
    UptakeStatus.REFERENCED,
    UptakeStatus.DISCUSSED,
    UptakeStatus.ACKNOWLEDGED,
    UptakeStatus.SENT,
    UptakeStatus.NO_ACTION,
    UptakeStatus.WITHDRAWN,
)
MessageLink = PolicyMessage.transmissions.through
_live_event = Q(events__deleted_at=None)


# --- what the public may see --------------------------------------------------------------


def public_documents() -> QuerySet[OutcomeDocument]:
    """Documents open for comment or final, not deleted, of live editions."""
    return OutcomeDocument.objects.filter(deleted_at=None, edition__live=True).exclude(
        status=DocumentStatus.DRAFT
    )


def public_messages() -> QuerySet[PolicyMessage]:
    """Messages, not deleted, of public documents."""
    return PolicyMessage.objects.filter(
        deleted_at=None, document__deleted_at=None, document__edition__live=True
    ).exclude(document__status=DocumentStatus.DRAFT)


def public_session_ids() -> QuerySet[SessionPage]:
    """Ids (a subquery) of sessions in their edition's latest release."""
    latest = (
        Release.objects.filter(edition_id=OuterRef("edition_id"))
        .order_by("-number")
        .values("pk")[:1]
    )
    return (
        SessionPage.objects.live()
        .annotate(latest_release_id=Subquery(latest))
        .filter(releases__release_id=F("latest_release_id"))
        .values("pk")
    )


def public_reports() -> QuerySet[SessionReport]:
    """Submitted reports of released sessions."""
    return SessionReport.objects.filter(
        is_submitted=True, session_id__in=public_session_ids()
    )


def live_events() -> QuerySet[UptakeEvent]:
    """Uptake events that are not deleted, oldest first."""
    return UptakeEvent.objects.filter(deleted_at=None).order_by("occurred_on", "pk")


def _is_public_message(prefix: str = "") -> Q:
    """The lookups that make the message at ``prefix`` public (joins, no IN-of-IN).

    SQLite re-runs an ``IN (subquery)`` nested in a correlated EXISTS for every row: a
    join to the message with one subquery of documents is ~40 times faster.
    """
    return Q(
        **{f"{prefix}deleted_at": None, f"{prefix}document__in": public_documents()}
    )


def _carries_public_message(extra: Q | None = None) -> Exists:
    """Whether the transmission carries a public message (matching ``extra``)."""
    return Exists(
        MessageLink.objects.filter(
            _is_public_message("policymessage__"),
            extra or Q(),
            transmission_id=OuterRef("pk"),
        )
    )


def live_transmissions() -> QuerySet[Transmission]:
    """Transmissions, not deleted, that carry a public document or a public message."""
    return Transmission.objects.filter(deleted_at=None).filter(
        Q(document__in=public_documents()) | _carries_public_message()
    )


# --- status of a message at a forum -------------------------------------------------------


@dataclass(frozen=True)
class SendingFact:
    """One transmission of a message to a forum, as plain values."""

    forum_id: int
    transmission_id: int
    sent_on: dt.date
    last_event_on: dt.date | None
    status: str

    @property
    def last_activity_on(self) -> dt.date:
        return max(self.sent_on, self.last_event_on or self.sent_on)


def status_at_forum(facts: Iterable[SendingFact]) -> str:
    """The status of the sending with the latest activity (a newer sending or event wins).

    A message sent twice to one forum is where its latest activity left it: a decision
    reflecting it in 2024 stands until something newer happens there.
    """
    latest = max(
        facts,
        key=lambda f: (f.last_activity_on, f.sent_on, f.transmission_id),
        default=None,
    )
    return UptakeStatus.SENT if latest is None else latest.status


@dataclass(frozen=True)
class ForumStatus:
    """Where a message stands at one forum."""

    forum_slug: str
    forum_name: str
    forum_acronym: str
    status: str
    sendings: int

    @property
    def forum_short_name(self) -> str:
        return self.forum_acronym or self.forum_name

    @property
    def status_label(self) -> str:
        return UptakeStatus(self.status).label


def forum_statuses(messages: Sequence[PolicyMessage]) -> dict[int, list[ForumStatus]]:
    """For each message id, its status at every forum it was sent to (2 queries).

    A transmission of a whole document counts for each of its messages.
    """
    if not messages:
        return {}
    ids = [message.pk for message in messages]
    last_event = Max(
        "transmission__events__occurred_on",
        filter=Q(transmission__events__deleted_at=None),
    )
    forum_fields = ("forum_id", "forum__slug", "forum__name", "forum__acronym")
    rows: list[tuple[int, dict]] = [
        (row["policymessage_id"], row)
        # The messages are public, so a transmission carrying one is public too.
        for row in MessageLink.objects.filter(
            policymessage_id__in=ids, transmission__deleted_at=None
        )
        .values(
            "policymessage_id",
            "transmission_id",
            "transmission__sent_on",
            "transmission__status",
            *(f"transmission__{name}" for name in forum_fields),
        )
        .annotate(last_event_on=last_event)
    ]
    by_document: dict[int, list[int]] = defaultdict(list)
    for message in messages:
        by_document[message.document_id].append(message.pk)
    for row in (
        live_transmissions()
        .filter(document_id__in=by_document)
        .values("pk", "document_id", "sent_on", "status", *forum_fields)
        .annotate(last_event_on=Max("events__occurred_on", filter=_live_event))
    ):
        plain = {f"transmission__{key}": value for key, value in row.items()}
        plain["transmission_id"] = row["pk"]
        plain["last_event_on"] = row["last_event_on"]
        for message_id in by_document[row["document_id"]]:
            rows.append((message_id, plain))

    grouped: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    names: dict[int, tuple[str, str, str]] = {}
    for message_id, row in rows:
        forum_id = row["transmission__forum_id"]
        names[forum_id] = (
            row["transmission__forum__slug"],
            row["transmission__forum__name"],
            row["transmission__forum__acronym"],
        )
        grouped[message_id][forum_id].append(
            SendingFact(
                forum_id=forum_id,
                transmission_id=row["transmission_id"],
                sent_on=row["transmission__sent_on"],
                last_event_on=row["last_event_on"],
                status=row["transmission__status"],
            )
        )
    result: dict[int, list[ForumStatus]] = {}
    for message_id, forums in grouped.items():
        result[message_id] = sorted(
            (
                ForumStatus(
                    *names[forum_id],
                    status=status_at_forum(facts),
                    sendings=len({fact.transmission_id for fact in facts}),
                )
                for forum_id, facts in forums.items()
            ),
            key=lambda item: item.forum_short_name.casefold(),
        )
    return result


# --- pages --------------------------------------------------------------------------------


@dataclass
class EditionDocuments:
    edition: ForumEditionPage
    documents: list[OutcomeDocument]


def documents_by_edition() -> list[EditionDocuments]:
    """Public documents grouped by edition, newest edition first (1 query)."""
    groups: dict[int, EditionDocuments] = {}
    for document in public_documents().select_related("edition"):
        group = groups.setdefault(
            document.edition_id, EditionDocuments(document.edition, [])
        )
        group.documents.append(document)
    return list(groups.values())


@dataclass
class ThemeGroup:
    theme: EditionTheme | None
    messages: list[PolicyMessage]


def group_by_theme(messages: Iterable[PolicyMessage]) -> list[ThemeGroup]:
    """Messages grouped by sub-theme in the order given (messages without one last)."""
    groups: dict[int | None, ThemeGroup] = {}
    for message in messages:
        groups.setdefault(
            message.theme_id, ThemeGroup(message.theme, [])
        ).messages.append(message)
    return sorted(groups.values(), key=lambda group: group.theme is None)


def _messages_in_theme_order(queryset: QuerySet[PolicyMessage]) -> list[PolicyMessage]:
    """Messages by sub-theme, each with ``forum_statuses`` and ``addressed_labels``."""
    messages = list(
        queryset.select_related("theme").order_by(
            F("theme__sort_order").asc(nulls_last=True), "theme_id", "order", "pk"
        )
    )
    statuses = forum_statuses(messages)
    for message in messages:
        message.forum_statuses = statuses.get(message.pk, [])
        message.addressed_labels = addressed_labels(message.addressed_to)
    return messages


def addressed_labels(values: Iterable[str]) -> list[str]:
    """Labels of stakeholder-group values, unknown values as they are."""
    names = dict(StakeholderGroup.choices)
    return [str(names.get(value, value)) for value in values]


@dataclass
class DocumentPage:
    document: OutcomeDocument
    themes: list[ThemeGroup]
    comments: dict[int, list[MessageComment]]
    versions: list[DocumentVersion]

    @property
    def comment_count(self) -> int:
        return sum(len(comments) for comments in self.comments.values())


def document_page(edition_slug: str, slug: str) -> DocumentPage | None:
    """A public document with its messages by theme, public comments and versions."""
    document = (
        public_documents()
        .select_related("edition")
        .filter(edition__slug=edition_slug, slug=slug)
        .first()
    )
    if document is None:
        return None
    messages = _messages_in_theme_order(public_messages().filter(document=document))
    comments: dict[int, list[MessageComment]] = defaultdict(list)
    for comment in (
        MessageComment.objects.filter(
            message__in=[m.pk for m in messages], status__in=PUBLIC_COMMENT_STATUSES
        )
        .select_related("author")
        .order_by("created_at", "pk")
    ):
        comments[comment.message_id].append(comment)
    for message in messages:
        message.public_comments = comments.get(message.pk, [])
    return DocumentPage(
        document=document,
        themes=group_by_theme(messages),
        comments=dict(comments),
        versions=list(document.versions.order_by("-number")),
    )


@dataclass
class ForumTrail:
    """A message's way through one forum: each sending with its dated events."""

    forum: NormativeForum
    status: str
    transmissions: list[Transmission]

    @property
    def status_label(self) -> str:
        return UptakeStatus(self.status).label


@dataclass
class MessageTrace:
    message: PolicyMessage
    report_sources: list[MessageSource]
    takeaway_sources: list[MessageSource]
    other_sources: list[MessageSource]
    forums: list[ForumTrail]

    @property
    def has_sources(self) -> bool:
        return bool(self.report_sources or self.takeaway_sources or self.other_sources)


def message_trace(guid) -> MessageTrace | None:
    """A public message traced back to its sources and forward to forums (4 queries)."""
    message = (
        public_messages()
        .select_related("document__edition", "theme")
        .filter(guid=guid)
        .first()
    )
    if message is None:
        return None
    reports = public_reports().values("pk")
    sources = list(
        message.sources.filter(
            Q(report__isnull=True, takeaway__isnull=True)
            | Q(report_id__in=reports)
            | Q(takeaway__report_id__in=reports)
        )
        .select_related(
            "report__session__session_type",
            "takeaway__report__session__session_type",
            "output__body",
            "nri_report__page",
        )
        .order_by("kind", "pk")
    )
    transmissions = list(
        live_transmissions()
        .filter(Q(messages=message) | Q(document_id=message.document_id))
        .distinct()
        .select_related("forum")
        .prefetch_related(Prefetch("events", queryset=live_events()))
        .order_by("sent_on", "pk")
    )
    return MessageTrace(
        message=message,
        report_sources=[
            s for s in sources if s.report_id and s.kind != SourceKind.TAKEAWAY
        ],
        takeaway_sources=[s for s in sources if s.takeaway_id],
        other_sources=[s for s in sources if not (s.report_id or s.takeaway_id)],
        forums=_forum_trails(transmissions),
    )


def _forum_trails(transmissions: list[Transmission]) -> list[ForumTrail]:
    by_forum: dict[int, list[Transmission]] = defaultdict(list)
    for transmission in transmissions:
        by_forum[transmission.forum_id].append(transmission)
    trails = []
    for sent in by_forum.values():
        facts = [
            SendingFact(
                forum_id=t.forum_id,
                transmission_id=t.pk,
                sent_on=t.sent_on,
                last_event_on=max(
                    (event.occurred_on for event in t.events.all()), default=None
                ),
                status=t.status,
            )
            for t in sent
        ]
        trails.append(ForumTrail(sent[0].forum, status_at_forum(facts), sent))
    return sorted(trails, key=lambda trail: trail.forum.name.casefold())


@dataclass(frozen=True)
class ForumSummary:
    forum: NormativeForum
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def counts_in_order(self) -> list[tuple[str, str, int]]:
        """(status, label, count) for every status, in STATUS_ORDER."""
        return [
            (status.value, status.label, self.counts.get(status, 0))
            for status in STATUS_ORDER
        ]


def forum_summaries() -> list[ForumSummary]:
    """Every forum with its count of public transmissions by status (2 queries)."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        live_transmissions()
        .values("forum_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[row["forum_id"]][row["status"]] = row["n"]
    return [
        ForumSummary(forum, counts.get(forum.pk, {}))
        for forum in NormativeForum.objects.order_by("name")
    ]


def forum_transmissions(forum: NormativeForum) -> QuerySet[Transmission]:
    """What was sent to the forum, newest first, with public messages and documents.

    Paginate it: one query per page for the rows, one for their messages.
    """
    return (
        live_transmissions()
        .filter(forum=forum)
        .select_related("document")
        # Plain values of the edition: a Wagtail page per row costs more than the query.
        .annotate(
            edition_title=F("document__edition__title"),
            edition_slug=F("document__edition__slug"),
        )
        # A subquery, not Max() over a join: only the page's rows run it, and the
        # paginator's count needs no GROUP BY over the forum's thousands of rows.
        .annotate(
            last_event_on=Subquery(
                live_events()
                .filter(transmission_id=OuterRef("pk"))
                .order_by("-occurred_on")
                .values("occurred_on")[:1]
            )
        )
        .prefetch_related(
            Prefetch(
                "messages",
                queryset=public_messages()
                .annotate(edition_title=F("document__edition__title"))
                .only("guid", "title", "text", "document_id")
                .order_by("document__edition__year", "order", "pk"),
                to_attr="public_messages",
            )
        )
        .order_by("-sent_on", "-pk")
    )


@dataclass
class YearGroup:
    year: int
    transmissions: list[Transmission]


def group_by_year(transmissions: Iterable[Transmission]) -> list[YearGroup]:
    """Transmissions grouped by the year they were sent, keeping their order."""
    groups: dict[int, YearGroup] = {}
    for transmission in transmissions:
        year = transmission.sent_on.year
        groups.setdefault(year, YearGroup(year, [])).transmissions.append(transmission)
    return list(groups.values())


@dataclass
class CitingMessage:
    message: PolicyMessage
    takeaway_ids: set[int]
    cites_report: bool
    statuses: list[ForumStatus]


@dataclass
class SessionOutcomes:
    report: SessionReport
    messages: list[CitingMessage]

    def citing(self, takeaway_id: int) -> list[CitingMessage]:
        return [m for m in self.messages if takeaway_id in m.takeaway_ids]


def session_outcomes(guid) -> SessionOutcomes | None:
    """A released session's public report and the messages that cite it (6 queries)."""
    report = (
        public_reports()
        .filter(session__guid=guid)
        .select_related("session__session_type", "session__edition")
        .prefetch_related("takeaways", "calls_to_action")
        .first()
    )
    if report is None:
        return None
    for call in report.calls_to_action.all():
        call.addressed_labels = addressed_labels(call.addressed_to)
    citing: dict[int, CitingMessage] = {}
    for source in (
        MessageSource.objects.filter(Q(report=report) | Q(takeaway__report=report))
        .filter(message_id__in=public_messages().values("pk"))
        .select_related("message__document__edition", "message__theme")
        .order_by("message__document__edition__year", "message__order", "pk")
    ):
        entry = citing.setdefault(
            source.message_id, CitingMessage(source.message, set(), False, [])
        )
        if source.takeaway_id:
            entry.takeaway_ids.add(source.takeaway_id)
        else:
            entry.cites_report = True
    statuses = forum_statuses([entry.message for entry in citing.values()])
    for entry in citing.values():
        entry.statuses = statuses.get(entry.message.pk, [])
    return SessionOutcomes(report=report, messages=list(citing.values()))


@dataclass
class EditionOutcomes:
    edition: ForumEditionPage
    documents: list[OutcomeDocument]
    themes: list[ThemeGroup]
    status_counts: dict[str, int] = field(default_factory=dict)


def edition_outcomes(acronym: str) -> EditionOutcomes | None:
    """A live edition's public messages by theme with their status per forum."""
    edition = ForumEditionPage.objects.live().filter(slug=acronym).first()
    if edition is None:
        return None
    documents = list(public_documents().filter(edition=edition))
    messages = _messages_in_theme_order(
        public_messages()
        .filter(document__edition=edition)
        .select_related("document__edition")
    )
    counts: dict[str, int] = defaultdict(int)
    for message in messages:
        for item in message.forum_statuses:
            counts[item.status] += 1
    return EditionOutcomes(
        edition=edition,
        documents=documents,
        themes=group_by_theme(messages),
        status_counts=dict(counts),
    )


# --- dashboard aggregates -----------------------------------------------------------------


@dataclass(frozen=True)
class DashboardFilters:
    first_year: int | None = None
    last_year: int | None = None
    forum_kind: str = ""


@dataclass(frozen=True)
class CountRow:
    """Counts by status for one label (a forum, a theme, a year)."""

    label: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def values(self) -> list[int]:
        return [self.counts.get(status, 0) for status in STATUS_ORDER]


def edition_years() -> list[int]:
    """Years of live editions, oldest first."""
    return list(
        ForumEditionPage.objects.live().order_by("year").values_list("year", flat=True)
    )


def _year_range(prefix: str, filters: DashboardFilters) -> Q:
    q = Q()
    if filters.first_year:
        q &= Q(**{f"{prefix}__gte": filters.first_year})
    if filters.last_year:
        q &= Q(**{f"{prefix}__lte": filters.last_year})
    return q


def dashboard_transmissions(filters: DashboardFilters) -> QuerySet[Transmission]:
    """Public transmissions of outputs of the editions in range, to forums of the kind."""
    rows = live_transmissions()
    if filters.forum_kind:
        rows = rows.filter(forum__kind=filters.forum_kind)
    if filters.first_year or filters.last_year:
        rows = rows.filter(
            Q(
                document__in=public_documents().filter(
                    _year_range("edition__year", filters)
                )
            )
            | _carries_public_message(
                _year_range("policymessage__document__edition__year", filters)
            )
        )
    return rows


def _pivot(rows: Iterable[dict], label_key: str) -> list[CountRow]:
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        label = row[label_key]
        counts[label][row["status"]] = counts[label].get(row["status"], 0) + row["n"]
    return [CountRow(label, value) for label, value in counts.items()]


def uptake_by_forum(filters: DashboardFilters) -> list[CountRow]:
    """Transmissions by forum and status, largest forum first (1 query)."""
    rows = list(
        dashboard_transmissions(filters)
        .values("forum__name", "forum__acronym", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    # Keyed by name (unique), shown by acronym: bars have little room for a label.
    short = {row["forum__name"]: row["forum__acronym"] for row in rows}
    pivoted = [
        CountRow(short[row.label] or row.label, row.counts)
        for row in _pivot(rows, "forum__name")
    ]
    return sorted(pivoted, key=lambda row: (-row.total, row.label.casefold()))


def _year_of(field_name: str):
    """The year of a date column, in SQL."""
    if connection.vendor == "sqlite":
        # SQLite's ExtractYear is a Python function called per row; dates are ISO text.
        return Cast(Substr(field_name, 1, 4), IntegerField())
    return ExtractYear(field_name)


def uptake_by_year(filters: DashboardFilters) -> list[CountRow]:
    """Transmissions by year sent and status, oldest year first (1 query)."""
    rows = _pivot(
        dashboard_transmissions(filters)
        .annotate(year=_year_of("sent_on"))
        .values("year", "status")
        .annotate(n=Count("pk"))
        .order_by(),
        "year",
    )
    return [
        CountRow(str(row.label), row.counts)
        for row in sorted(rows, key=lambda row: row.label)
    ]


def _sendings(filters: DashboardFilters) -> QuerySet:
    """Message × transmission pairs in range: the unit of the theme and flow charts."""
    # A public message makes its transmission public: joins, no subquery per row.
    rows = MessageLink.objects.filter(
        _is_public_message("policymessage__"),
        _year_range("policymessage__document__edition__year", filters),
        transmission__deleted_at=None,
    )
    if filters.forum_kind:
        rows = rows.filter(transmission__forum__kind=filters.forum_kind)
    return rows


NO_THEME = "—"


def uptake_by_theme(filters: DashboardFilters) -> list[CountRow]:
    """Messages sent, by sub-theme name and status, largest first (1 query).

    Themes are per edition; the same name in several editions counts as one.
    """
    rows = _pivot(
        (
            {**row, "theme": row["policymessage__theme__name"] or NO_THEME}
            for row in _sendings(filters)
            .values("policymessage__theme__name", status=F("transmission__status"))
            .annotate(n=Count("pk"))
            .order_by()
        ),
        "theme",
    )
    return sorted(rows, key=lambda row: (-row.total, row.label.casefold()))


@dataclass(frozen=True)
class FlowRow:
    theme: str
    forum: str
    status: str
    count: int


def theme_forum_status_flows(filters: DashboardFilters) -> list[FlowRow]:
    """Messages sent, counted by (sub-theme, forum, status) (1 query)."""
    return [
        FlowRow(
            theme=row["policymessage__theme__name"] or NO_THEME,
            forum=row["forum_acronym"] or row["forum_name"],
            status=row["status"],
            count=row["n"],
        )
        for row in _sendings(filters)
        .values(
            "policymessage__theme__name",
            status=F("transmission__status"),
            forum_acronym=F("transmission__forum__acronym"),
            forum_name=F("transmission__forum__name"),
        )
        .annotate(n=Count("pk"))
        .order_by()
    ]


# --- the Leadership Panel -----------------------------------------------------------------


@dataclass
class PanelView:
    current_members: list
    former_members: list
    papers: list[OutcomeDocument]
    transmissions: list[Transmission]


def leadership_panel(page, *, today: dt.date | None = None) -> PanelView:
    """The panel's members (current and former), public papers and what it carried
    to other forums: three queries, whatever the panel's history."""
    today = today or dt.date.today()
    members = list(page.members.order_by("sort_order", "pk"))
    current = [m for m in members if not m.term_ends_on or m.term_ends_on >= today]
    former = [m for m in members if m.term_ends_on and m.term_ends_on < today]
    papers = list(
        public_documents()
        .filter(kind=DocumentKind.LEADERSHIP_PANEL)
        .annotate(edition_title=F("edition__title"), edition_slug=F("edition__slug"))
        .order_by("-edition__year", "-published_on", "pk")
    )
    transmissions = list(
        live_transmissions()
        .filter(channel=Channel.LEADERSHIP_PANEL)
        .select_related("forum", "document")
        .annotate(
            edition_title=F("document__edition__title"),
            edition_slug=F("document__edition__slug"),
        )
        .order_by("-sent_on", "-pk")
    )
    return PanelView(current, former, papers, transmissions)


def track_documents(edition, kind: str) -> list[OutcomeDocument]:
    """A track's public output documents of one edition, newest first."""
    return list(
        public_documents()
        .filter(edition=edition, kind=kind)
        .order_by("-published_on", "pk")
    )


def with_translated_text(
    messages: list[PolicyMessage], language: str | None
) -> list[PolicyMessage]:
    """The messages, each with ``content`` (its text in ``language`` where translated,
    else the original's): one query, none in the original language."""
    from django.conf import settings

    from igfplus.services.translation import (
        translated_content,
        translations_by_language,
    )
    from outcomes.models import PolicyMessageTranslation

    fields = PolicyMessageTranslation.translated_fields
    found: dict[int, list[PolicyMessageTranslation]] = defaultdict(list)
    if messages and language and language != settings.LANGUAGE_CODE:
        for row in PolicyMessageTranslation.objects.filter(
            message__in=[message.pk for message in messages], language=language
        ):
            found[row.message_id].append(row)
    for message in messages:
        message.content = translated_content(
            {name: getattr(message, name) for name in fields},
            translations_by_language(found.get(message.pk, ()), fields),
            requested=language,
        )
    return messages
