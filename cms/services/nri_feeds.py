"""NRI events as calendar events: what a subscriber's calendar shows of each.

Pure: ``PublicNriEvent`` values in, ``CalendarEvent`` values out; ``igfplus.ical`` writes
the bytes. The selectors (``cms.selectors.nri_events``) build the values from live pages.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cms.enums import NriEventTrack
from igfplus.enums import EditionFormat
from igfplus.ical import CalendarEvent


@dataclass(frozen=True)
class PublicNriEvent:
    """An event of a published NRI page, as the public may see it."""

    guid: uuid.UUID
    title: str
    start_at: dt.datetime
    end_at: dt.datetime
    time_zone: str
    city: str
    country_name: str
    format: str
    link: str
    track: str
    sequence: int
    is_cancelled: bool
    changed_at: dt.datetime
    nri_title: str
    nri_acronym: str
    nri_url: str  # the NRI page's path, e.g. /nris/kigf/

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.city, self.country_name) if part)

    @property
    def format_label(self) -> str:
        return str(dict(EditionFormat.choices).get(self.format, ""))

    @property
    def track_label(self) -> str:
        return str(dict(NriEventTrack.choices).get(self.track, ""))


@dataclass(frozen=True)
class NriFeedLabels:
    """Translated words of a feed, looked up once per feed rather than once per event."""

    cancelled: str
    organised_by: str
    join: str
    details: str
    online: str
    formats: dict[str, str]
    tracks: dict[str, str]

    @classmethod
    def current(cls) -> NriFeedLabels:
        return cls(
            cancelled=_("This event has been cancelled."),
            organised_by=_("Organised by %(name)s (%(acronym)s)."),
            join=_("Event page or registration: %(url)s"),
            details=_("About the initiative: %(url)s"),
            online=_("Online"),
            formats={key: str(label) for key, label in EditionFormat.choices},
            tracks={key: str(label) for key, label in NriEventTrack.choices},
        )


def nri_calendar_event(
    event: PublicNriEvent, *, site_url: str, labels: NriFeedLabels
) -> CalendarEvent:
    """The calendar event of one NRI event, in its own time zone."""
    location = event.place
    if event.format == EditionFormat.ONLINE:
        location = labels.online
    elif event.format == EditionFormat.HYBRID and location:
        location = f"{location} / {labels.online}"
    return CalendarEvent(
        uid=str(event.guid),
        summary=f"{event.nri_acronym}: {event.title}",
        start=event.start_at,
        end=event.end_at,
        time_zone=event.time_zone,
        changed_at=event.changed_at,
        sequence=event.sequence,
        is_cancelled=event.is_cancelled,
        url=site_url + event.nri_url,
        location=location,
        description=_description(event, site_url=site_url, labels=labels),
        categories=tuple(
            c
            for c in (labels.formats.get(event.format), labels.tracks.get(event.track))
            if c
        ),
    )


def nri_calendar_events(
    events: Iterable[PublicNriEvent], *, site_url: str
) -> list[CalendarEvent]:
    """Calendar events of NRI events, in the order given."""
    labels = NriFeedLabels.current()
    return [nri_calendar_event(e, site_url=site_url, labels=labels) for e in events]


def _description(event: PublicNriEvent, *, site_url: str, labels: NriFeedLabels) -> str:
    parts = []
    if event.is_cancelled:
        parts.append(labels.cancelled)
    parts.append(
        labels.organised_by % {"name": event.nri_title, "acronym": event.nri_acronym}
    )
    if event.link:
        parts.append(labels.join % {"url": event.link})
    parts.append(labels.details % {"url": site_url + event.nri_url})
    return "\n\n".join(parts)
