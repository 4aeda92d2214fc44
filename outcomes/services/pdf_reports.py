"""What the outcome PDFs show: public data read through the selectors, then plain HTML.

Three reports: an edition's IGF Messages booklet, what was sent to one forum, and one
session's report. Each ``*_report`` function returns the template context (or None when
there is nothing public to show) in a fixed number of queries; ``report_html`` turns it
into the HTML that ``igfplus.pdf.render_pdf`` lays out. Keeping the two steps apart lets
the tests check what a PDF says, and what it leaves out, without rendering one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, Prefetch, Q
from django.template.loader import render_to_string

from cms.models import ForumEditionPage
from igfplus.models.translation import record_content
from outcomes import selectors
from outcomes.enums import DocumentKind, SourceKind, UptakeStatus
from outcomes.models import MessageSource, NormativeForum, PolicyMessage
from sessions.services.booklet import text_direction

# Raise when a template or the stylesheet changes so that cached PDFs are rendered again.
LAYOUT_VERSION = 1

MESSAGES_TEMPLATE = "outcomes/pdf/messages.html"
FORUM_TEMPLATE = "outcomes/pdf/forum.html"
SESSION_TEMPLATE = "outcomes/pdf/session.html"


def directions(obj: object, *fields: str) -> dict[str, str]:
    """``{field: "ltr" | "rtl" | "auto"}`` for text fields (WeasyPrint ignores dir=auto)."""
    return {name: text_direction(getattr(obj, name) or "") for name in fields}


# --- the IGF Messages booklet of an edition -----------------------------------------------


@dataclass
class MessagesDocument:
    document: object  # OutcomeDocument
    themes: list[selectors.ThemeGroup]


@dataclass
class MessagesBooklet:
    edition: ForumEditionPage
    documents: list[MessagesDocument]

    @property
    def message_count(self) -> int:
        return sum(
            len(group.messages) for item in self.documents for group in item.themes
        )


def messages_booklet(
    acronym: str, *, language: str | None = None
) -> MessagesBooklet | None:
    """A live edition's public IGF Messages with sources and status per forum (7 queries).

    Titles, summaries and message texts are in ``language`` where translated (each
    ``content``), else the original's; everything else is the original's.

    None when the edition is unknown or has no public IGF Messages document.
    """
    edition = ForumEditionPage.objects.live().filter(slug=acronym).first()
    if edition is None:
        return None
    documents = list(
        selectors.public_documents()
        .filter(edition=edition, kind=DocumentKind.MESSAGES)
        .order_by("published_on", "title", "pk")
    )
    if not documents:
        return None
    messages = list(
        selectors.public_messages()
        .filter(document__in=documents)
        .select_related("theme")
        .order_by(
            "document_id",
            F("theme__sort_order").asc(nulls_last=True),
            "theme_id",
            "order",
            "pk",
        )
    )
    statuses = selectors.forum_statuses(messages)
    sources = _public_sources(messages)
    selectors.with_translated_text(messages, language)
    for message in messages:
        message.forum_statuses = statuses.get(message.pk, [])
        message.addressed_labels = selectors.addressed_labels(message.addressed_to)
        message.public_sources = sources.get(message.pk, [])
        message.dirs = directions(message.content, "title", "text")
        if message.theme is not None:
            message.theme.dirs = directions(message.theme, "name")
    for document in documents:
        document.content = record_content(document, language)
        document.dirs = directions(document.content, "title", "summary")
    return MessagesBooklet(
        edition=edition,
        documents=[
            MessagesDocument(
                document,
                selectors.group_by_theme(
                    m for m in messages if m.document_id == document.pk
                ),
            )
            for document in documents
        ],
    )


@dataclass(frozen=True)
class SourceLine:
    """A message's source as the booklet prints it: a session or another output."""

    kind_label: str
    code: str  # the session's code, "" for an output cited by title
    title: str
    takeaway: str = ""

    @property
    def dir(self) -> str:
        return text_direction(self.title)


def _public_sources(messages: Iterable[PolicyMessage]) -> dict[int, list[SourceLine]]:
    """Each message's sources that the public may see (1 query), sessions first."""
    reports = selectors.public_reports().values("pk")
    result: dict[int, list[SourceLine]] = {}
    for source in (
        MessageSource.objects.filter(message__in=[m.pk for m in messages])
        .filter(
            Q(report__isnull=True, takeaway__isnull=True)
            | Q(report_id__in=reports)
            | Q(takeaway__report_id__in=reports)
        )
        .select_related(
            "report__session__session_type",
            "takeaway__report__session__session_type",
        )
        .order_by("message_id", "kind", "pk")
    ):
        if source.takeaway_id:
            session = source.takeaway.report.session
            line = SourceLine(
                str(SourceKind(source.kind).label),
                session.code,
                session.title,
                source.takeaway.text,
            )
        elif source.report_id:
            session = source.report.session
            line = SourceLine(
                str(SourceKind(source.kind).label), session.code, session.title
            )
        else:
            line = SourceLine(str(SourceKind(source.kind).label), "", source.title)
        result.setdefault(source.message_id, []).append(line)
    return result


# --- what was sent to a forum -------------------------------------------------------------


@dataclass
class ForumReport:
    forum: NormativeForum
    years: list[selectors.YearGroup]
    counts: list[tuple[str, int]]  # (status label, transmissions) in STATUS_ORDER

    @property
    def transmission_count(self) -> int:
        return sum(len(group.transmissions) for group in self.years)


def forum_report(slug: str) -> ForumReport | None:
    """Everything public sent to the forum, by year, with its events (4 queries).

    None when the forum is unknown or nothing public has been sent to it.
    """
    forum = NormativeForum.objects.filter(slug=slug).first()
    if forum is None:
        return None
    transmissions = list(
        selectors.forum_transmissions(forum).prefetch_related(
            Prefetch("events", queryset=selectors.live_events(), to_attr="live_events")
        )
    )
    if not transmissions:
        return None
    counts: dict[str, int] = {}
    for transmission in transmissions:
        counts[transmission.status] = counts.get(transmission.status, 0) + 1
        transmission.dirs = directions(transmission, "actor", "note")
        for message in transmission.public_messages:
            message.dirs = directions(message, "title", "text")
        for event in transmission.live_events:
            event.dirs = directions(event, "quoted_passage")
        if transmission.document is not None:
            transmission.document.dirs = directions(transmission.document, "title")
    forum.dirs = directions(forum, "name", "description")
    return ForumReport(
        forum=forum,
        # Oldest first: a report reads as a history, unlike the page's newest-first list.
        years=selectors.group_by_year(reversed(transmissions)),
        counts=[
            (str(UptakeStatus(status).label), counts[status])
            for status in selectors.STATUS_ORDER
            if counts.get(status)
        ],
    )


# --- a session's report -------------------------------------------------------------------


@dataclass
class SessionReportPDF:
    outcomes: selectors.SessionOutcomes

    @property
    def report(self):
        return self.outcomes.report

    @property
    def session(self):
        return self.outcomes.report.session

    @property
    def participants_total(self) -> int | None:
        onsite, online = (
            self.report.participants_onsite,
            self.report.participants_online,
        )
        if onsite is None and online is None:
            return None
        return (onsite or 0) + (online or 0)

    @property
    def has_gender_counts(self) -> bool:
        report = self.report
        return any(
            value is not None
            for value in (
                report.women_count,
                report.men_count,
                report.other_gender_count,
            )
        )

    def takeaways(self) -> list[tuple[object, list[selectors.CitingMessage]]]:
        """Each takeaway with the public messages that cite it."""
        return [
            (takeaway, self.outcomes.citing(takeaway.pk))
            for takeaway in self.report.takeaways.all()
        ]


def session_report(guid) -> SessionReportPDF | None:
    """A released session's submitted report and where its takeaways went (6 queries)."""
    outcomes = selectors.session_outcomes(guid)
    if outcomes is None:
        return None
    report = outcomes.report
    report.dirs = directions(report, "summary")
    report.session.dirs = directions(report.session, "title")
    for item in (*report.takeaways.all(), *report.calls_to_action.all()):
        item.dirs = directions(item, "text")
    for entry in outcomes.messages:
        entry.message.dirs = directions(entry.message, "title", "text")
    return SessionReportPDF(outcomes)


# --- HTML ---------------------------------------------------------------------------------


def report_html(template: str, context: dict) -> str:
    """The report's HTML in the active language (escaped: user text never becomes markup)."""
    return render_to_string(template, context)


def html_version(html: str) -> str:
    """A digest of the HTML: a new version whenever anything the PDF shows changes."""
    text = f"{LAYOUT_VERSION}\x1f{html}"
    return hashlib.sha256(text.encode()).hexdigest()
