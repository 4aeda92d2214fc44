"""Reads for the page tree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from wagtail.models import Site

from cms.enums import NRI_REGIONAL_GROUPS, NriKind, NriRegion, RecognitionStatus
from cms.models import (
    ForumEditionPage,
    NriAnnualReport,
    NriEvent,
    NriIndexPage,
    NriPage,
)
from cms.services.editions import EditionStatus, Phase, edition_status
from cms.services.nri_feeds import PublicNriEvent
from cms.services.nri_feeds import nri_calendar_events as calendar_events_of
from cms.services.nris import ReportState, is_active, report_years
from igfplus import roles
from igfplus.ical import CalendarEvent
from igfplus.services.page_stewards import page_stewards


@dataclass(frozen=True)
class FeaturedEdition:
    edition: ForumEditionPage
    status: EditionStatus


def live_editions():
    """Published editions, newest first."""
    return ForumEditionPage.objects.live().order_by("-start_on")


def featured_edition(*, now: dt.datetime) -> FeaturedEdition | None:
    """The edition under way at ``now``, else the next one, else the latest; themes loaded."""
    # A few dozen rows at most (one per year): decide in Python, in each host's time zone.
    editions = list(live_editions().prefetch_related("themes"))
    if not editions:
        return None
    statuses = [
        FeaturedEdition(
            edition,
            edition_status(
                start_on=edition.start_on,
                end_on=edition.end_on,
                today=edition.local_today(now),
            ),
        )
        for edition in editions
    ]
    for phase in (Phase.ONGOING, Phase.UPCOMING):
        candidates = [item for item in statuses if item.status.phase == phase]
        if candidates:
            # The soonest upcoming one; editions come newest first.
            return candidates[-1]
    return statuses[0]


# --- NRIs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class NriFilters:
    """The directory's filters; unknown values are ignored rather than refused."""

    kind: str = ""
    group: str = ""
    status: str = ""
    activity: str = ""  # "active" or "inactive"

    @classmethod
    def from_query(cls, query) -> NriFilters:
        def pick(name: str, allowed) -> str:
            value = (query.get(name) or "").strip()
            return value if value in allowed else ""

        return cls(
            kind=pick("kind", NriKind.values),
            group=pick("group", [value for value, _label in NRI_REGIONAL_GROUPS]),
            status=pick("status", RecognitionStatus.values),
            activity=pick("activity", ("active", "inactive")),
        )

    @property
    def is_filtered(self) -> bool:
        return bool(self.kind or self.group or self.status or self.activity)

    def matches(self, nri: NriListing) -> bool:
        return (
            (not self.kind or nri.kind == self.kind)
            and (not self.group or nri.group == self.group)
            and (not self.status or nri.status == self.status)
            and (not self.activity or nri.is_active == (self.activity == "active"))
        )


@dataclass(frozen=True)
class NriListing:
    """One NRI as the directory lists it."""

    pk: int
    title: str
    url: str
    acronym: str
    kind: str
    kind_label: str
    country: str
    country_name: str
    region_name: str
    group: str
    group_label: str
    website: str
    established_year: int | None
    status: str
    status_label: str
    recognized_on: dt.date | None
    is_active: bool


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class RegionGroupListing:
    group: str
    label: str
    nris: list[NriListing]


@dataclass(frozen=True)
class NriDirectory:
    nris: list[NriListing]  # those the filters keep, by name
    total: int  # all published NRIs
    kind_counts: list[KindCount]  # over all published NRIs
    by_group: list[RegionGroupListing]  # the filtered ones, by UN regional group


def nri_directory(
    *, index: NriIndexPage, filters: NriFilters, today: dt.date
) -> NriDirectory:
    """The published NRIs under ``index``, filtered; three queries whatever their number."""
    rows = list(
        NriPage.objects.live()
        .child_of(index)
        .order_by("title", "pk")
        .values(
            "pk",
            "title",
            "slug",
            "acronym",
            "kind",
            "country",
            "region",
            "un_regional_group",
            "website",
            "established_year",
            "recognition_status",
            "recognized_on",
        )
    )
    submitted = _submitted_years(
        NriAnnualReport.objects.filter(page__in=[row["pk"] for row in rows])
    )
    base_url = index.url or "/nris/"
    # Labels translated once per listing, not once per row (200 rows → 800 lookups).
    kinds = _labels(NriKind.choices)
    groups = _labels(NRI_REGIONAL_GROUPS)
    statuses = _labels(RecognitionStatus.choices)
    regions = _labels(NriRegion.choices)
    country_names = dict(countries)
    listings = [
        NriListing(
            pk=row["pk"],
            title=row["title"],
            url=f"{base_url}{row['slug']}/",
            acronym=row["acronym"],
            kind=row["kind"],
            kind_label=kinds.get(row["kind"], row["kind"]),
            country=row["country"],
            country_name=country_names.get(row["country"], ""),
            region_name=regions.get(row["region"], ""),
            group=row["un_regional_group"],
            group_label=groups.get(row["un_regional_group"], ""),
            website=row["website"],
            established_year=row["established_year"],
            status=row["recognition_status"],
            status_label=statuses.get(row["recognition_status"], ""),
            recognized_on=row["recognized_on"],
            is_active=is_active(
                first_year=_first_reporting_year(
                    row["established_year"], row["recognized_on"]
                ),
                submitted_years=submitted.get(row["pk"], set()),
                today=today,
                month=index.report_due_month,
                day=index.report_due_day,
            ),
        )
        for row in rows
    ]
    chosen = [nri for nri in listings if filters.matches(nri)]
    by_group = [
        RegionGroupListing(group, str(label), [n for n in chosen if n.group == group])
        for group, label in [*NRI_REGIONAL_GROUPS, ("", _("Across regional groups"))]
    ]
    return NriDirectory(
        nris=chosen,
        total=len(listings),
        kind_counts=[
            KindCount(kind, str(label), sum(1 for n in listings if n.kind == kind))
            for kind, label in NriKind.choices
        ],
        by_group=[group for group in by_group if group.nris],
    )


def nri_directory_version(*, index: NriIndexPage) -> str:
    """A key that changes whenever the directory's content may change; one query.

    NRIs, their reports and the deadline change only when a page is published (or
    unpublished, or an import publishes it); the date moves the overdue states.
    """
    found = (
        NriPage.objects.live()
        .child_of(index)
        .aggregate(
            count=Count("pk", distinct=True),
            published=Max("last_published_at"),
            reports=Count("annual_reports"),
        )
    )
    return "|".join(
        str(part)
        for part in (
            found["count"],
            found["published"],
            found["reports"],
            index.last_published_at,
            index.report_due_month,
            index.report_due_day,
        )
    )


@dataclass(frozen=True)
class NriReportRow:
    year: int
    state: ReportState
    due_on: dt.date
    report: NriAnnualReport | None


@dataclass(frozen=True)
class NriProfile:
    coordinators: list[str]
    upcoming: list[PublicNriEvent]
    past: list[PublicNriEvent]
    report_years: list[NriReportRow]  # the latest reporting years, newest first
    earlier_reports: list[NriAnnualReport]  # reports on years before those
    is_active: bool
    report_due_month: int
    report_due_day: int


def nri_profile(*, nri: NriPage, today: dt.date, now: dt.datetime | None = None):
    """What an NRI's page shows: coordinators, events either side of now, reports."""
    now = now or timezone.now()
    index = NriIndexPage.objects.filter(pk=nri.get_parent().pk).first()
    month = index.report_due_month if index else 3
    day = index.report_due_day if index else 31
    reports = list(
        nri.annual_reports.select_related("document").order_by("-year", "-pk")
    )
    by_year = {report.year: report for report in reports}
    first_year = _first_reporting_year(nri.established_year, nri.recognized_on)
    years = report_years(
        first_year=first_year,
        submitted_years=by_year.keys(),
        today=today,
        month=month,
        day=day,
    )
    shown = {row.year for row in years}
    events = nri_events(nri=nri)
    return NriProfile(
        coordinators=[
            user.name or user.email.split("@")[0]
            for user in page_stewards(nri, role=roles.NRI_COORDINATOR)
        ],
        upcoming=[e for e in events if e.end_at >= now],
        past=[e for e in events if e.end_at < now][::-1],
        report_years=[
            NriReportRow(row.year, row.state, row.due_on, by_year.get(row.year))
            for row in years
        ],
        earlier_reports=[r for r in reports if r.year not in shown],
        is_active=is_active(
            first_year=first_year,
            submitted_years=by_year.keys(),
            today=today,
            month=month,
            day=day,
        ),
        report_due_month=month,
        report_due_day=day,
    )


def _nri_event_rows(*, nri: NriPage | None, track: str | None):
    events = NriEvent.objects.filter(page__live=True)
    if nri is not None:
        events = events.filter(page=nri)
    if track:
        events = events.filter(track=track)
    return events


def nri_events(
    *, nri: NriPage | None = None, track: str | None = None
) -> list[PublicNriEvent]:
    """Events of published NRIs (one NRI's, or one track's), by start; one query."""
    rows = (
        _nri_event_rows(nri=nri, track=track)
        .order_by("start_at", "guid")
        .values(
            "guid",
            "title",
            "start_at",
            "end_at",
            "time_zone",
            "city",
            "country",
            "format",
            "link",
            "track",
            "sequence",
            "is_cancelled",
            "changed_at",
            "page__title",
            "page__acronym",
            "page__url_path",
        )
    )
    country_names = dict(countries)
    root_paths = Site.get_site_root_paths()  # cached by Wagtail: one cache read
    return [
        PublicNriEvent(
            guid=row["guid"],
            title=row["title"],
            start_at=row["start_at"],
            end_at=row["end_at"],
            time_zone=row["time_zone"],
            city=row["city"],
            country_name=country_names.get(row["country"], ""),
            format=row["format"],
            link=row["link"],
            track=row["track"],
            sequence=row["sequence"],
            is_cancelled=row["is_cancelled"],
            changed_at=row["changed_at"],
            nri_title=row["page__title"],
            nri_acronym=row["page__acronym"],
            nri_url=_relative_url(row["page__url_path"], root_paths),
        )
        for row in rows
    ]


def nri_calendar_events(
    *, nri: NriPage | None = None, track: str | None = None, site_url: str
) -> list[CalendarEvent]:
    """Calendar events of published NRIs' events (one NRI's, or one track's)."""
    return calendar_events_of(nri_events(nri=nri, track=track), site_url=site_url)


@dataclass(frozen=True)
class FeedVersion:
    key: str  # changes whenever anything a feed shows changes
    last_modified: dt.datetime


def nri_events_version(
    *, nri: NriPage | None = None, track: str | None = None
) -> FeedVersion:
    """The version of an NRI events feed, in one query: count and latest changes."""
    found = _nri_event_rows(nri=nri, track=track).aggregate(
        count=Count("pk"),
        changed=Max("changed_at"),
        published=Max("page__last_published_at"),
    )
    moments = [m for m in (found["changed"], found["published"]) if m is not None]
    last_modified = max(moments, default=dt.datetime(2006, 1, 1, tzinfo=dt.UTC))
    key = "|".join(
        str(part)
        for part in (found["count"], found["changed"], found["published"], track)
    )
    return FeedVersion(key=key, last_modified=last_modified)


def live_nri_page(slug: str) -> NriPage | None:
    """The published NRI with this slug under a published directory."""
    return (
        NriPage.objects.live()
        .filter(slug=slug, depth__gt=2)
        .select_related("locale")
        .order_by("path")
        .first()
    )


def live_nri_index() -> NriIndexPage | None:
    return NriIndexPage.objects.live().order_by("path").first()


def _labels(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


def _submitted_years(reports) -> dict[int, set[int]]:
    years: dict[int, set[int]] = {}
    for page_id, year in reports.values_list("page_id", "year"):
        years.setdefault(page_id, set()).add(year)
    return years


def _first_reporting_year(
    established_year: int | None, recognized_on: dt.date | None
) -> int | None:
    """Reports are due from the later of founding and recognition."""
    years = [y for y in (established_year, recognized_on and recognized_on.year) if y]
    return max(years, default=None)


def _relative_url(url_path: str, root_paths) -> str:
    """A page's path on its site, from its ``url_path`` (``/home/nris/x/`` → ``/nris/x/``)."""
    for root in root_paths:
        if url_path.startswith(root.root_path):
            return url_path[len(root.root_path) - 1 :]
    return url_path
