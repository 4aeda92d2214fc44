"""Released sessions as calendar events: what a subscriber's calendar shows of each.

Pure: ``PublicSession`` values in, ``CalendarEvent`` values out; ``igfplus.ical`` writes
the bytes. Only what the public session page shows goes into a feed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from igfplus.ical import CalendarEvent
from sessions.enums import PersonRole, Track
from sessions.selectors import PublicSession
from sessions.services.participation import facet_categories, facet_lines

DESCRIPTION_LIMIT = (
    600  # characters of the session's description; the page has the rest
)
# Whose names a calendar entry lists, in this order.
LISTED_ROLES = (PersonRole.SPEAKER, PersonRole.ONSITE_MODERATOR, PersonRole.ORGANIZER)


@dataclass(frozen=True)
class FeedLabels:
    """Translated words of a feed, looked up once per feed rather than once per event."""

    cancelled: str
    online: str
    details: str
    roles: dict[str, str]
    tracks: dict[str, str]

    @classmethod
    def current(cls) -> FeedLabels:
        return cls(
            cancelled=_("This session has been cancelled."),
            online=_("How to take part online:"),
            details=_("Details: %(url)s"),
            roles={role: str(label) for role, label in PersonRole.choices},
            tracks={track: str(label) for track, label in Track.choices},
        )


def session_events(
    sessions: Iterable[PublicSession],
    *,
    site_url: str,
    time_zone: str,
    venue: str = "",
    city: str = "",
) -> list[CalendarEvent]:
    """Calendar events of the sessions that have a time, in the order given."""
    labels = FeedLabels.current()
    return [
        session_event(
            session,
            site_url=site_url,
            time_zone=time_zone,
            venue=venue,
            city=city,
            labels=labels,
        )
        for session in sessions
        if session.start_at is not None and session.end_at is not None
    ]


def session_event(
    session: PublicSession,
    *,
    site_url: str,
    time_zone: str,
    venue: str = "",
    city: str = "",
    labels: FeedLabels | None = None,
) -> CalendarEvent:
    """The calendar event of a released session that has a time."""
    labels = labels or FeedLabels.current()
    return CalendarEvent(
        uid=session.guid,
        summary=f"{session.code}: {session.title}",
        start=session.start_at,
        end=session.end_at,
        time_zone=time_zone,
        changed_at=session.changed_at,
        sequence=session.sequence,
        is_cancelled=session.is_cancelled,
        url=site_url + session.url,
        location=", ".join(part for part in (session.room_name, venue, city) if part),
        description=session_description(session, site_url=site_url, labels=labels),
        categories=tuple(
            category
            for category in (
                session.type_name,
                session.theme_name,
                labels.tracks.get(session.track, ""),
                *facet_categories(session.participation),
            )
            if category
        ),
    )


def session_description(
    session: PublicSession, *, site_url: str, labels: FeedLabels
) -> str:
    """Plain text: cancellation, the summary, who speaks and moderates, interpretation,
    captioning, sign language and joining online, how to join online."""
    parts = []
    if session.is_cancelled:
        parts.append(labels.cancelled)
    summary = session.description.strip()
    if len(summary) > DESCRIPTION_LIMIT:
        summary = summary[:DESCRIPTION_LIMIT].rstrip() + "…"
    if summary:
        parts.append(summary)
    people = []
    for role in LISTED_ROLES:
        names = [
            f"{p.name} ({p.organisation})" if p.organisation else p.name
            for p in session.people
            if p.role == role
        ]
        if names:
            people.append(f"{labels.roles[role]}: {'; '.join(names)}")
    if people:
        parts.append("\n".join(people))
    parts.append("\n".join(facet_lines(session.participation)))
    if session.online_participation.strip():
        parts.append(f"{labels.online}\n{session.online_participation.strip()}")
    parts.append(labels.details % {"url": site_url + session.url})
    return "\n\n".join(parts)
