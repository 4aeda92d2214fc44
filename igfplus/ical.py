"""iCalendar feeds (RFC 5545, RFC 7986): plain event values in, bytes out.

Shared by every calendar of the site — the programme, a track, one session, a person's
agenda, later NRI events and intersessional meetings — so that they all carry what
calendar clients need (see CLIENTS.md): a UID that never changes, ``TZID`` with the IANA
name and a matching ``VTIMEZONE``, change signals that move only when the event changed
(``SEQUENCE``, ``LAST-MODIFIED``, ``DTSTAMP``), cancellations kept as ``STATUS:CANCELLED``,
refresh hints, and user text escaped and folded so nobody can break the syntax.

The ``VTIMEZONE`` blocks come from icalendar (``Timezone.from_tzid``), limited to the
years the events span. The content lines are written here: icalendar's own serializer
folds lines character by character and costs about 0.6 ms per event on the reference
machine, ten times the budget of a 400-session feed. The escaping and folding rules are
small (RFC 5545 §3.1, §3.3.11) and every feed is read back by two independent parsers in
the tests.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode, urlsplit

from icalendar import Timezone

PRODUCT_ID = "-//IGF+//Internet Governance Forum programme//EN"
REFRESH_INTERVAL = "PT1H"
MAX_LINE_OCTETS = 75
CONTENT_TYPE = "text/calendar; charset=utf-8"

# Control characters are not allowed in TEXT values (RFC 5545 §3.3.11); tab is.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class CalendarEvent:
    """One event as a feed shows it. Timed events have aware datetimes; all-day ones dates.

    ``changed_at`` is when the event last changed in any way (``LAST-MODIFIED``, and
    ``DTSTAMP`` so the bytes stay the same until something changes); ``sequence`` rises
    with every change of time, place or status.
    """

    uid: str
    summary: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    time_zone: str  # IANA name the times are shown in (ignored for all-day events)
    changed_at: dt.datetime
    sequence: int = 0
    is_cancelled: bool = False
    url: str = ""
    location: str = ""
    description: str = ""
    categories: Sequence[str] = ()

    @property
    def is_all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)


@dataclass(frozen=True)
class CalendarMeta:
    """What the calendar as a whole is called, where it lives and its main time zone."""

    name: str
    time_zone: str
    description: str = ""
    url: str = ""  # the web page the calendar mirrors
    source: str = ""  # the feed's own URL (RFC 7986 SOURCE)
    extra: dict[str, str] = field(default_factory=dict)


def calendar_bytes(meta: CalendarMeta, events: Iterable[CalendarEvent]) -> bytes:
    """The whole ``VCALENDAR`` as UTF-8 bytes with CRLF line ends, folded at 75 octets."""
    events = list(events)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{escape_text(meta.name)}",
        f"X-WR-CALNAME:{escape_text(meta.name)}",
        f"X-WR-TIMEZONE:{meta.time_zone}",
        f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH_INTERVAL}",
        f"X-PUBLISHED-TTL:{REFRESH_INTERVAL}",
    ]
    if meta.description:
        lines.append(f"DESCRIPTION:{escape_text(meta.description)}")
        lines.append(f"X-WR-CALDESC:{escape_text(meta.description)}")
    if meta.url:
        lines.append(f"URL;VALUE=URI:{clean_uri(meta.url)}")
    if meta.source:
        lines.append(f"SOURCE;VALUE=URI:{clean_uri(meta.source)}")
    parts = ["\r\n".join(fold(line) for line in lines)]
    parts.extend(_time_zones(events, meta.time_zone))
    parts.extend(event_lines(event) for event in events)
    parts.append("END:VCALENDAR\r\n")
    return "\r\n".join(parts).encode()


def event_lines(event: CalendarEvent) -> str:
    """One folded ``VEVENT`` block (without the final line break)."""
    stamp = format_utc(event.changed_at)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{stamp}",
        f"LAST-MODIFIED:{stamp}",
        f"SEQUENCE:{int(event.sequence)}",
        *_times(event),
        f"SUMMARY:{escape_text(event.summary)}",
        f"STATUS:{'CANCELLED' if event.is_cancelled else 'CONFIRMED'}",
    ]
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url:
        lines.append(f"URL;VALUE=URI:{clean_uri(event.url)}")
    categories = [escape_text(c) for c in event.categories if c and c.strip()]
    if categories:
        lines.append(f"CATEGORIES:{','.join(categories)}")
    lines.append("END:VEVENT")
    return "\r\n".join(fold(line) for line in lines)


def _times(event: CalendarEvent) -> list[str]:
    if event.is_all_day:
        return [
            f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.end:%Y%m%d}",
        ]
    zone = zoneinfo.ZoneInfo(event.time_zone)  # cached by zoneinfo itself
    start = event.start.astimezone(zone)
    end = event.end.astimezone(zone)
    return [
        f"DTSTART;TZID={event.time_zone}:{start:%Y%m%dT%H%M%S}",
        f"DTEND;TZID={event.time_zone}:{end:%Y%m%dT%H%M%S}",
    ]


def _time_zones(events: list[CalendarEvent], default: str) -> list[str]:
    """A ``VTIMEZONE`` for every zone used, covering the years its events fall in."""
    years: dict[str, list[int]] = {}
    for event in events:
        if not event.is_all_day:
            years.setdefault(event.time_zone, []).append(event.start.year)
    if not years:
        # Even an empty calendar names its zone, so clients that read X-WR-TIMEZONE
        # find a definition.
        this_year = dt.date.today().year
        years[default] = [this_year]
    return [
        vtimezone(zone, min(spread), max(spread))
        for zone, spread in sorted(years.items())
    ]


@functools.lru_cache(maxsize=256)
def vtimezone(zone: str, first_year: int, last_year: int) -> str:
    """The folded ``VTIMEZONE`` of an IANA zone for the years given (and one either side)."""
    component = Timezone.from_tzid(
        zone,
        first_date=dt.date(first_year - 1, 1, 1),
        last_date=dt.date(last_year + 2, 1, 1),
    )
    return component.to_ical().decode().rstrip("\r\n")


def escape_text(value: str) -> str:
    """A TEXT value: specials escaped, line breaks as ``\\n``, control characters dropped."""
    # Plain str.replace: several times faster than translate() or a regex on long text.
    value = _CONTROL.sub("", str(value))
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def clean_uri(value: str) -> str:
    """A URI value: no escaping exists for it, so anything that could end the line goes."""
    return _CONTROL.sub("", str(value).replace("\r", "").replace("\n", "")).replace(
        " ", "%20"
    )


def format_utc(moment: dt.datetime) -> str:
    return f"{moment.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (RFC 5545 §3.1)."""
    if line.isascii():  # one octet per character: slice the text itself
        if len(line) <= MAX_LINE_OCTETS:
            return line
        rest = MAX_LINE_OCTETS - 1
        first, tail = line[:MAX_LINE_OCTETS], line[MAX_LINE_OCTETS:]
        return "\r\n ".join(
            [first, *(tail[i : i + rest] for i in range(0, len(tail), rest))]
        )
    data = line.encode()
    if len(data) <= MAX_LINE_OCTETS:
        return line
    chunks = []
    start, limit = 0, MAX_LINE_OCTETS
    while start < len(data):
        cut = min(start + limit, len(data))
        while cut < len(data) and data[cut] & 0xC0 == 0x80:
            cut -= 1  # step back to the first byte of the character
        chunks.append(data[start:cut].decode())
        start, limit = cut, MAX_LINE_OCTETS - 1  # continuation lines start with a space
    return "\r\n ".join(chunks)


def subscribe_links(feed_url: str, name: str) -> dict[str, str]:
    """Links to subscribe to an https feed in calendar apps, and to download it once.

    A calendar app sends no language cookie: the links name the visitor's language
    (``lang=``) unless it is the original's, which a feed without ``lang`` is in.
    """
    feed_url = _with_visitor_language(feed_url)
    parts = urlsplit(feed_url)
    webcal = parts._replace(scheme="webcal").geturl()
    separator = "&" if parts.query else "?"
    return {
        "feed": feed_url,
        "webcal": webcal,
        "download": f"{feed_url}{separator}download=1",
        # Google reads webcal:// URLs passed as ``cid``.
        "google": "https://calendar.google.com/calendar/render?cid="
        + quote(webcal, safe=""),
        "outlook": "https://outlook.live.com/calendar/0/addfromweb?"
        + urlencode({"url": feed_url, "name": name}),
        "office365": "https://outlook.office.com/calendar/0/addfromweb?"
        + urlencode({"url": feed_url, "name": name}),
    }


def _with_visitor_language(url: str) -> str:
    from django.conf import settings
    from django.utils.translation import get_language

    language = get_language()
    if not language or language == settings.LANGUAGE_CODE or "lang=" in url:
        return url
    return f"{url}{'&' if '?' in url else '?'}{urlencode({'lang': language})}"
