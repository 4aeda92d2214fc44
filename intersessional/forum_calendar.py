"""The forum's calendar through the year: the annual meetings, the NRIs' events and the
intersessional meetings, on one page (``/events/``) and in one feed (``/events.ics``).

It lives here because intersessional work sits above the NRIs (cms) and the programme in
the app chain: this is the lowest app that may read all three.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.models import ForumEditionPage
from cms.selectors import nri_calendar_events, nri_events, nri_events_version
from igfplus.http import document_etag, versioned_document
from igfplus.ical import (
    CONTENT_TYPE,
    CalendarEvent,
    CalendarMeta,
    calendar_bytes,
    subscribe_links,
)
from intersessional.selectors import (
    meeting_calendar_events,
    meeting_rows,
    meetings_feed_version,
)

FEED_VERSION = 1
ANNUAL_MEETING = gettext_lazy("Annual meeting")
NRI_EVENT = gettext_lazy("NRI")
INTERSESSIONAL_MEETING = gettext_lazy("Intersessional")
KINDS = {
    "annual": ANNUAL_MEETING,
    "nri": NRI_EVENT,
    "intersessional": INTERSESSIONAL_MEETING,
}


# --- reads ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ForumEvent:
    """One entry of the forum's calendar page, whatever its source."""

    kind: str
    title: str
    host: str  # who holds it: the edition's city, an NRI, a BPF/PN/DC
    host_url: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    time_zone: str
    is_cancelled: bool

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])

    @property
    def is_all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)


def _editions():
    return ForumEditionPage.objects.live().order_by("start_on")


def annual_meeting_events(*, site_url: str) -> list[CalendarEvent]:
    """Each published annual meeting as an all-day event; its page's translation key
    is its UID, stable for ever."""
    return [
        CalendarEvent(
            uid=str(edition.translation_key),
            summary=edition.title,
            start=edition.start_on,
            end=edition.end_on + dt.timedelta(days=1),  # DTEND of a day is exclusive
            time_zone=edition.time_zone,
            changed_at=edition.last_published_at or edition.first_published_at,
            url=site_url + edition.url,
            location=", ".join(
                part
                for part in (edition.venue, edition.host_city, edition.country.name)
                if part
            ),
            description=edition.overarching_theme,
            categories=(str(ANNUAL_MEETING),),
        )
        for edition in _editions()
    ]


def forum_calendar_events(*, site_url: str) -> list[CalendarEvent]:
    events = [
        *annual_meeting_events(site_url=site_url),
        *nri_calendar_events(site_url=site_url),
        *meeting_calendar_events(site_url=site_url),
    ]
    return sorted(events, key=lambda event: (_moment(event.start), event.uid))


def upcoming_forum_events(*, now: dt.datetime, kind: str = "") -> list[ForumEvent]:
    """What the forum holds from ``now`` on, soonest first (three queries)."""
    found: list[ForumEvent] = []
    if kind in ("", "annual"):
        found += [
            ForumEvent(
                "annual",
                edition.title,
                edition.host_city,
                edition.url,
                edition.start_on,
                edition.end_on,
                edition.time_zone,
                False,
            )
            for edition in _editions().filter(end_on__gte=now.date())
        ]
    if kind in ("", "nri"):
        found += [
            ForumEvent(
                "nri",
                e.title,
                e.nri_title,
                e.nri_url,
                e.start_at,
                e.end_at,
                e.time_zone,
                e.is_cancelled,
            )
            for e in nri_events()
            if e.end_at >= now
        ]
    if kind in ("", "intersessional"):
        found += [
            ForumEvent(
                "intersessional",
                m.title,
                m.body_name,
                m.body_url,
                m.start_at,
                m.end_at,
                m.time_zone,
                m.is_cancelled,
            )
            for m in meeting_rows()
            if m.end_at >= now
        ]
    return sorted(found, key=lambda event: _moment(event.start))


def forum_calendar_version() -> tuple[str, dt.datetime]:
    """What the forum feed's bytes depend on, and when that last changed."""
    editions = _editions().aggregate(count=Count("pk"), at=Max("last_published_at"))
    nris = nri_events_version()
    meetings = meetings_feed_version()
    moments = [
        m
        for m in (editions["at"], nris.last_modified, meetings.last_modified)
        if m is not None
    ]
    key = f"{editions['count']}|{editions['at']}|{nris.key}|{meetings.key()}"
    return key, max(moments)


def _moment(value: dt.datetime | dt.date) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time.min, tzinfo=dt.UTC)


# --- views ----------------------------------------------------------------------------


def forum_calendar_page(request) -> TemplateResponse:
    kind = request.GET.get("kind", "")
    if kind not in KINDS:
        kind = ""
    events = upcoming_forum_events(now=timezone.now(), kind=kind)
    feed_url = request.build_absolute_uri(reverse("forum_calendar_ical"))
    return TemplateResponse(
        request,
        "intersessional/forum_calendar.html",
        {
            "events": events,
            "kind": kind,
            "kinds": list(KINDS.items()),
            "subscribe": subscribe_links(feed_url, _("Internet Governance Forum")),
        },
    )


def forum_calendar_feed(request) -> HttpResponse:
    key, last_modified = forum_calendar_version()
    site_url = request.build_absolute_uri("/").rstrip("/")

    def render() -> bytes:
        meta = CalendarMeta(
            name=_("Internet Governance Forum — the year's events"),
            time_zone="UTC",
            url=site_url + reverse("forum_calendar"),
            source=request.build_absolute_uri(request.path),
        )
        return calendar_bytes(meta, forum_calendar_events(site_url=site_url))

    return versioned_document(
        request,
        etag=document_etag(
            "forum-ical",
            FEED_VERSION,
            key,
            request.build_absolute_uri("/"),
            getattr(request, "LANGUAGE_CODE", ""),
        ),
        last_modified=last_modified,
        content_type=CONTENT_TYPE,
        render=render,
        filename="igf-events.ics" if request.GET.get("download") else "",
    )


urlpatterns = [
    path("events/", forum_calendar_page, name="forum_calendar"),
    path("events.ics", forum_calendar_feed, name="forum_calendar_ical"),
]
