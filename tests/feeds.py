"""Reading our calendar feeds back as calendar apps do: two independent parsers."""

import icalendar
from ical.calendar_stream import IcsCalendarStream

# Every kind of text a feed must carry through escaping and folding.
HOSTILE_TITLE = "Trust, safety; \\ and\nnew lines — الثقة 信任 доверие 🔐"


def parse(response):
    """The feed through icalendar and the strict ``ical``; they must agree on the events."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    library = icalendar.Calendar.from_ical(response.content)
    strict = IcsCalendarStream.calendar_from_ics(response.content.decode())
    assert sorted(str(e["UID"]) for e in library.walk("VEVENT")) == sorted(
        e.uid for e in strict.events
    )
    return library, strict


def events_by_uid(library) -> dict:
    return {str(e["UID"]): e for e in library.walk("VEVENT")}
