"""Calendar feeds of NRI events: one NRI's and all of them (optionally one track's)."""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseNotFound
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from cms.enums import NriEventTrack
from cms.selectors import (
    live_nri_index,
    live_nri_page,
    nri_calendar_events,
    nri_events_version,
)
from igfplus.http import document_etag, versioned_document
from igfplus.ical import CONTENT_TYPE, CalendarMeta, calendar_bytes

# Raise when what a feed contains changes shape, so cached copies are not reused.
FEED_VERSION = 1
FEED_TIME_ZONE = "UTC"  # NRIs span every zone; each event carries its own

NO_SUCH_NRI = gettext_lazy("There is no published initiative “%(slug)s”.")
NO_NRI_DIRECTORY = gettext_lazy("The directory of initiatives is not published.")
UNKNOWN_TRACK = gettext_lazy("There is no such track.")


def all_nri_events_feed(request) -> HttpResponse:
    """Every published NRI's events as iCalendar; ``?track=youth`` keeps one track's."""
    track = request.GET.get("track", "")
    if track and track not in NriEventTrack.values:
        return _not_found(UNKNOWN_TRACK)
    index = live_nri_index()
    if index is None:
        return _not_found(NO_NRI_DIRECTORY)
    name = _("IGF national and regional initiatives — events")
    if track:
        name = f"{name} ({NriEventTrack(track).label})"
    return _feed(request, nri=None, track=track or None, name=name, page_url=index.url)


def nri_events_feed(request, slug: str) -> HttpResponse:
    """One published NRI's events as iCalendar."""
    nri = live_nri_page(slug)
    if nri is None:
        return _not_found(NO_SUCH_NRI % {"slug": slug})
    name = f"{nri.acronym} — {nri.title}: {_('events')}"
    return _feed(request, nri=nri, track=None, name=name, page_url=nri.url)


def _feed(request, *, nri, track, name: str, page_url: str) -> HttpResponse:
    version = nri_events_version(nri=nri, track=track)
    site_url = request.build_absolute_uri("/").rstrip("/")

    def render() -> bytes:
        meta = CalendarMeta(
            name=name,
            time_zone=FEED_TIME_ZONE,
            url=site_url + (page_url or ""),
            source=site_url + request.path + (f"?track={track}" if track else ""),
        )
        return calendar_bytes(
            meta, nri_calendar_events(nri=nri, track=track, site_url=site_url)
        )

    scope = nri.pk if nri is not None else "all"
    return versioned_document(
        request,
        etag=document_etag(
            "nri-ical",
            FEED_VERSION,
            scope,
            version.key,
            name,
            get_language(),
            site_url,
        ),
        last_modified=version.last_modified,
        content_type=CONTENT_TYPE,
        render=render,
        filename=(
            f"{nri.slug if nri else 'nris'}-events.ics"
            if request.GET.get("download")
            else ""
        ),
    )


def _not_found(message) -> HttpResponse:
    # Feed URLs are pasted into calendar apps and scripts: a plain sentence, not a page.
    return HttpResponseNotFound(
        f"{message}\n", content_type="text/plain; charset=utf-8"
    )
