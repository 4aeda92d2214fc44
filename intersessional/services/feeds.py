"""Meetings of intersessional bodies as calendar events.

Pure: ``MeetingRow`` values in, ``igfplus.ical.CalendarEvent`` values out; the shared
writer makes the bytes. A meeting's UID is its GUID, so calendar apps keep one entry
through every change of time, place or status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from igfplus.ical import CalendarEvent
from intersessional.enums import BodyKind, MeetingFormat


@dataclass(frozen=True)
class MeetingRow:
    """One meeting of a published body, as plain values."""

    guid: str
    title: str
    start_at: dt.datetime
    end_at: dt.datetime
    time_zone: str
    format: str
    location: str
    online_link: str
    description: str
    is_cancelled: bool
    sequence: int
    changed_at: dt.datetime
    body_title: str
    body_acronym: str
    body_kind: str
    body_url: str  # site-relative

    @property
    def body_name(self) -> str:
        return self.body_acronym or self.body_title


@dataclass(frozen=True)
class FeedLabels:
    """Translated words of a feed, looked up once per feed rather than once per event."""

    cancelled: str
    join: str
    details: str
    formats: dict[str, str]
    kinds: dict[str, str]

    @classmethod
    def current(cls) -> FeedLabels:
        return cls(
            cancelled=_("This meeting has been cancelled."),
            join=_("How to join:"),
            details=_("Details: %(url)s"),
            formats={value: str(label) for value, label in MeetingFormat.choices},
            kinds={value: str(label) for value, label in BodyKind.choices},
        )


def meeting_events(rows: Iterable[MeetingRow], *, site_url: str) -> list[CalendarEvent]:
    """Calendar events of the meetings, in the order given."""
    labels = FeedLabels.current()
    return [meeting_event(row, site_url=site_url, labels=labels) for row in rows]


def meeting_event(
    row: MeetingRow, *, site_url: str, labels: FeedLabels | None = None
) -> CalendarEvent:
    """The calendar event of one meeting: “DC-AD: Monthly call”, in its own zone."""
    labels = labels or FeedLabels.current()
    page_url = f"{site_url}{row.body_url}#meeting-{row.guid}"
    location = row.location.strip()
    if not location and row.format == MeetingFormat.ONLINE:
        location = row.online_link.strip() or labels.formats[row.format]
    return CalendarEvent(
        uid=row.guid,
        summary=f"{row.body_name}: {row.title}",
        start=row.start_at,
        end=row.end_at,
        time_zone=row.time_zone,
        changed_at=row.changed_at,
        sequence=row.sequence,
        is_cancelled=row.is_cancelled,
        url=page_url,
        location=location,
        description=meeting_description(row, page_url=page_url, labels=labels),
        categories=tuple(
            category
            for category in (
                labels.kinds.get(row.body_kind, ""),
                labels.formats.get(row.format, ""),
            )
            if category
        ),
    )


def meeting_description(row: MeetingRow, *, page_url: str, labels: FeedLabels) -> str:
    """Plain text: cancellation, the body, what the meeting is about, how to join."""
    parts = []
    if row.is_cancelled:
        parts.append(labels.cancelled)
    parts.append(f"{row.body_title} ({labels.kinds.get(row.body_kind, '')})")
    if row.description.strip():
        parts.append(row.description.strip())
    if row.online_link.strip() and not row.is_cancelled:
        parts.append(f"{labels.join}\n{row.online_link.strip()}")
    parts.append(labels.details % {"url": page_url})
    return "\n\n".join(parts)
