"""Reads of intersessional work, with related rows loaded: query counts never grow with data."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max
from wagtail.models import Page

from igfplus.ical import CalendarEvent
from intersessional.enums import BodyKind, OutputKind, PublicStatus
from intersessional.models import (
    IntersessionalBodyPage,
    IntersessionalIndexPage,
    Meeting,
    Output,
)
from intersessional.services.feeds import MeetingRow, meeting_events
from intersessional.services.status import ReportDeadline, public_status
from sessions.models import Release, ReleasedSession
from sessions.selectors import ProgrammeRow, programme_rows


def report_deadline() -> ReportDeadline:
    """The yearly-report deadline: ``INTERSESSIONAL_YEARLY_REPORT_DUE = (month, day)``."""
    month, day = getattr(settings, "INTERSESSIONAL_YEARLY_REPORT_DUE", (3, 31))
    return ReportDeadline(month=month, day=day)


def yearly_report_years(body_ids) -> dict[int, set[int]]:
    """The years each body filed a yearly report on, by body id (one query)."""
    years: dict[int, set[int]] = defaultdict(set)
    for body_id, year in Output.objects.filter(
        body_id__in=body_ids, kind=OutputKind.YEARLY_REPORT
    ).values_list("body_id", "year"):
        years[body_id].add(year)
    return years


def body_status(body: IntersessionalBodyPage, *, today: dt.date) -> PublicStatus:
    """The status visitors see for one body."""
    return public_status(
        kind=body.kind,
        recorded_status=body.status,
        first_year=body.first_year,
        last_year=body.last_year,
        yearly_report_years=yearly_report_years([body.pk])[body.pk],
        today=today,
        deadline=report_deadline(),
    )


# --- the index ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BodyCard:
    pk: int
    title: str
    acronym: str
    kind: str
    url: str
    first_year: int
    last_year: int | None
    status: PublicStatus


@dataclass
class KindGroup:
    kind: str
    label: str
    bodies: list[BodyCard] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.bodies)


@dataclass
class BodyListing:
    groups: list[KindGroup]  # every kind, in a fixed order, even when empty
    total: int


def body_listing(
    index: IntersessionalIndexPage, *, today: dt.date, kind: str = "", status: str = ""
) -> BodyListing:
    """The index's published bodies grouped by kind, filtered (2 queries, any number)."""
    rows = list(
        IntersessionalBodyPage.objects.child_of(index)
        .live()
        .order_by("title")
        .values(
            "pk",
            "title",
            "slug",
            "acronym",
            "kind",
            "status",
            "first_year",
            "last_year",
        )
    )
    years = yearly_report_years([row["pk"] for row in rows])
    deadline = report_deadline()
    base_url = index.url or "/intersessional/"
    groups = {value: KindGroup(value, str(label)) for value, label in BodyKind.choices}
    for row in rows:
        card = BodyCard(
            pk=row["pk"],
            title=row["title"],
            acronym=row["acronym"],
            kind=row["kind"],
            url=f"{base_url}{row['slug']}/",
            first_year=row["first_year"],
            last_year=row["last_year"],
            status=public_status(
                kind=row["kind"],
                recorded_status=row["status"],
                first_year=row["first_year"],
                last_year=row["last_year"],
                yearly_report_years=years[row["pk"]],
                today=today,
                deadline=deadline,
            ),
        )
        if (kind and card.kind != kind) or (status and card.status != status):
            continue
        if card.kind in groups:
            groups[card.kind].bodies.append(card)
    listed = [group for value, group in groups.items() if not kind or value == kind]
    return BodyListing(groups=listed, total=sum(group.count for group in listed))


# --- meetings and feeds ------------------------------------------------------------------


def _published_meetings(body: IntersessionalBodyPage | None):
    meetings = Meeting.objects.filter(body__live=True)
    if body is not None:
        meetings = meetings.filter(body=body)
    return meetings


def meeting_rows(*, body: IntersessionalBodyPage | None = None) -> list[MeetingRow]:
    """Meetings of published bodies (or of ``body``) in time order: 2 queries at most."""
    index = IntersessionalIndexPage.objects.live().first()
    base_url = (index.url if index else None) or "/intersessional/"
    values = (
        _published_meetings(body)
        .order_by("start_at", "pk")
        .values_list(
            "guid",
            "title",
            "start_at",
            "end_at",
            "time_zone",
            "format",
            "location",
            "online_link",
            "description",
            "is_cancelled",
            "sequence",
            "changed_at",
            "body__title",
            "body__acronym",
            "body__kind",
            "body__slug",
        )
    )
    return [
        MeetingRow(
            guid=str(guid),
            title=title,
            start_at=start_at,
            end_at=end_at,
            time_zone=time_zone,
            format=format_,
            location=location,
            online_link=online_link,
            description=description,
            is_cancelled=is_cancelled,
            sequence=sequence,
            changed_at=changed_at,
            body_title=body_title,
            body_acronym=body_acronym,
            body_kind=body_kind,
            body_url=f"{base_url}{body_slug}/",
        )
        for (
            guid,
            title,
            start_at,
            end_at,
            time_zone,
            format_,
            location,
            online_link,
            description,
            is_cancelled,
            sequence,
            changed_at,
            body_title,
            body_acronym,
            body_kind,
            body_slug,
        ) in values
    ]


def meeting_calendar_events(
    *, site_url: str, body: IntersessionalBodyPage | None = None
) -> list[CalendarEvent]:
    """The meetings of every published body (or of ``body``) as calendar events."""
    return meeting_events(meeting_rows(body=body), site_url=site_url)


@dataclass(frozen=True)
class FeedVersion:
    """What a meetings feed's bytes depend on, read in one query."""

    meeting_count: int
    last_changed_at: dt.datetime | None
    last_published_at: dt.datetime | None

    @property
    def last_modified(self) -> dt.datetime:
        stamps = [s for s in (self.last_changed_at, self.last_published_at) if s]
        return max(stamps, default=dt.datetime(2006, 1, 1, tzinfo=dt.UTC))

    def key(self) -> str:
        return "|".join(
            str(part)
            for part in (
                self.meeting_count,
                self.last_changed_at,
                self.last_published_at,
            )
        )


def meetings_feed_version(*, body: IntersessionalBodyPage | None = None) -> FeedVersion:
    """The version of a meetings feed: count and latest change of meetings and bodies."""
    bodies = IntersessionalBodyPage.objects.live()
    if body is not None:
        bodies = bodies.filter(pk=body.pk)
    found = bodies.aggregate(
        meeting_count=Count("meetings"),
        last_changed_at=Max("meetings__changed_at"),
        last_published_at=Max("last_published_at"),
    )
    return FeedVersion(**found)


# --- a body's page -----------------------------------------------------------------------


@dataclass(frozen=True)
class BodySessionRow:
    """A released session of the body at an annual meeting."""

    row: ProgrammeRow
    url: str
    edition_title: str
    time_zone: str


def public_sessions_of(
    body: IntersessionalBodyPage, request=None
) -> list[BodySessionRow]:
    """The body's sessions as their editions' latest releases show them (public only)."""
    session_ids = set(body.session_links.values_list("session_id", flat=True))
    if not session_ids:
        return []
    latest: dict[int, tuple[int, int]] = {}
    for release_id, edition_id, number, title, time_zone in Release.objects.filter(
        edition__sessions__in=session_ids
    ).values_list("id", "edition_id", "number", "edition__title", "edition__time_zone"):
        if edition_id not in latest or number > latest[edition_id][1]:
            latest[edition_id] = (release_id, number, title, time_zone)
    released = ReleasedSession.objects.filter(
        release_id__in=[item[0] for item in latest.values()],
        session_id__in=session_ids,
    ).order_by("start_at", "session__number")
    edition_of = dict(released.values_list("session_id", "release__edition_id"))
    rows = programme_rows(released)
    urls = {
        page.pk: page.get_url(request)
        for page in Page.objects.filter(pk__in=[row.session_id for row in rows])
    }
    return [
        BodySessionRow(
            row=row,
            url=urls.get(row.session_id) or "",
            edition_title=latest[edition_of[row.session_id]][2],
            time_zone=latest[edition_of[row.session_id]][3],
        )
        for row in rows
    ]
