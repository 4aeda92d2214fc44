"""The iCalendar writer, read back by two independent parsers: icalendar and ``ical``."""

import datetime as dt

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

from igfplus.ical import (
    CalendarEvent,
    CalendarMeta,
    calendar_bytes,
    escape_text,
    fold,
    subscribe_links,
)

HOSTILE = (
    "Commas, semicolons; back\\slashes\nnew lines\r\nCRLF — العربية 中文 Русский 🌍"
    "\x00\x07 END:VCALENDAR"
)
CHANGED = dt.datetime(2025, 5, 1, 12, 0, tzinfo=dt.UTC)


def event(**overrides) -> CalendarEvent:
    values = {
        "uid": "0f4e7a52-5b0c-4a8e-9a51-3f3a2c1d9e10",
        "summary": "WS #1: Data flows",
        # 08:00 UTC is 10:00 in Oslo in June (CEST).
        "start": dt.datetime(2025, 6, 23, 8, 0, tzinfo=dt.UTC),
        "end": dt.datetime(2025, 6, 23, 9, 30, tzinfo=dt.UTC),
        "time_zone": "Europe/Oslo",
        "changed_at": CHANGED,
        "sequence": 2,
        "url": "https://igf.example/igf2025/programme/ws-1/",
        "location": "Room A, Nova Spektrum, Lillestrøm",
        "description": "About it.",
        "categories": ("Workshop", "Trust, security"),
    }
    values.update(overrides)
    return CalendarEvent(**values)


META = CalendarMeta(name="IGF 2025 — Programme", time_zone="Europe/Oslo")


def both_parsers(data: bytes):
    return (
        icalendar.Calendar.from_ical(data),
        IcsCalendarStream.calendar_from_ics(data.decode()),
    )


def test_calendar_carries_what_clients_need():
    data = calendar_bytes(META, [event()])
    text = data.decode()

    for line in (
        "METHOD:PUBLISH",
        "NAME:IGF 2025 — Programme",
        "X-WR-CALNAME:IGF 2025 — Programme",
        "X-WR-TIMEZONE:Europe/Oslo",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
        "UID:0f4e7a52-5b0c-4a8e-9a51-3f3a2c1d9e10",
        "DTSTART;TZID=Europe/Oslo:20250623T100000",
        "DTEND;TZID=Europe/Oslo:20250623T113000",
        "DTSTAMP:20250501T120000Z",
        "LAST-MODIFIED:20250501T120000Z",
        "SEQUENCE:2",
        "STATUS:CONFIRMED",
        "LOCATION:Room A\\, Nova Spektrum\\, Lillestrøm",
        "CATEGORIES:Workshop,Trust\\, security",
        "URL;VALUE=URI:https://igf.example/igf2025/programme/ws-1/",
    ):
        assert f"\r\n{line}\r\n" in text, line
    assert text.count("BEGIN:VTIMEZONE") == 1
    assert "TZID:Europe/Oslo" in text
    assert "TZID:GMT" not in text
    assert "TZID=CET" not in text


def test_both_parsers_read_the_event_at_the_right_local_hour():
    library, strict = both_parsers(calendar_bytes(META, [event()]))

    [vevent] = library.walk("VEVENT")
    assert vevent["DTSTART"].dt == dt.datetime(2025, 6, 23, 8, 0, tzinfo=dt.UTC)
    assert str(vevent["DTSTART"].dt.tzinfo) == "Europe/Oslo"
    assert vevent["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert library.walk("VTIMEZONE")[0]["TZID"] == "Europe/Oslo"
    [parsed] = strict.events
    assert parsed.uid == "0f4e7a52-5b0c-4a8e-9a51-3f3a2c1d9e10"
    assert parsed.dtstart.utcoffset() == dt.timedelta(hours=2)
    assert parsed.dtstart.astimezone(dt.UTC) == dt.datetime(
        2025, 6, 23, 8, tzinfo=dt.UTC
    )
    assert parsed.sequence == 2
    assert parsed.summary == "WS #1: Data flows"


def test_hostile_text_survives_escaping_and_folding_in_both_parsers():
    long_hostile = HOSTILE * 5
    data = calendar_bytes(
        CalendarMeta(name=HOSTILE, time_zone="Europe/Oslo"),
        [event(summary=long_hostile, description=long_hostile, location=HOSTILE)],
    )
    expected = (
        long_hostile.replace("\r\n", "\n").replace("\x00", "").replace("\x07", "")
    )

    library, strict = both_parsers(data)
    [vevent] = library.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == expected
    assert str(vevent["DESCRIPTION"]) == expected
    assert strict.name == [expected[: len(HOSTILE) - 3]]
    [parsed] = strict.events
    assert parsed.summary == expected
    assert parsed.description == expected
    # The text "END:VCALENDAR" stayed inside the value: one calendar, one event.
    assert data.count(b"\r\nEND:VCALENDAR\r\n") == 1
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode()  # no UTF-8 character was cut in two


def test_cancelled_event_keeps_its_uid_and_says_cancelled():
    library, strict = both_parsers(
        calendar_bytes(META, [event(is_cancelled=True, sequence=3)])
    )
    [vevent] = library.walk("VEVENT")
    assert vevent["STATUS"] == "CANCELLED"
    assert vevent["SEQUENCE"] == 3
    assert strict.events[0].status == "CANCELLED"


def test_bytes_do_not_change_between_two_writes():
    assert calendar_bytes(META, [event()]) == calendar_bytes(META, [event()])


def test_events_in_several_zones_get_one_vtimezone_each():
    data = calendar_bytes(
        META,
        [
            event(),
            event(uid="other", time_zone="Asia/Riyadh"),
            event(uid="third", time_zone="America/Argentina/Buenos_Aires"),
        ],
    )
    library, strict = both_parsers(data)
    assert sorted(str(tz["TZID"]) for tz in library.walk("VTIMEZONE")) == [
        "America/Argentina/Buenos_Aires",
        "Asia/Riyadh",
        "Europe/Oslo",
    ]
    riyadh = next(e for e in strict.events if e.uid == "other")
    assert riyadh.dtstart.utcoffset() == dt.timedelta(hours=3)


def test_all_day_events_use_dates():
    data = calendar_bytes(
        META,
        [event(start=dt.date(2025, 3, 4), end=dt.date(2025, 3, 6))],
    )
    assert b"DTSTART;VALUE=DATE:20250304\r\n" in data
    library, strict = both_parsers(data)
    assert strict.events[0].dtstart == dt.date(2025, 3, 4)
    assert library.walk("VEVENT")[0]["DTEND"].dt == dt.date(2025, 3, 6)


def test_an_empty_calendar_is_still_valid():
    library, strict = both_parsers(calendar_bytes(META, []))
    assert strict.events == []
    assert library.walk("VTIMEZONE")[0]["TZID"] == "Europe/Oslo"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a,b", "a\\,b"),
        ("a;b", "a\\;b"),
        ("a\\b", "a\\\\b"),
        ("a\r\nb\rc\nd", "a\\nb\\nc\\nd"),
        ("tab\tkept\x00\x1bdropped", "tab\tkeptdropped"),
    ],
    ids=["comma", "semicolon", "backslash", "newlines", "control_characters"],
)
def test_escape_text(value, expected):
    assert escape_text(value) == expected


def test_fold_never_splits_a_character():
    line = "SUMMARY:" + "中" * 60  # 3 octets each
    folded = fold(line).encode().split(b"\r\n ")
    # 75 octets at most on the first line, 74 after the leading space, in whole characters.
    assert [len(part) for part in folded] == [74, 72, 42]
    assert b"".join(folded).decode() == line


def test_subscribe_links():
    links = subscribe_links(
        "https://igf.example/igf2025/programme/schedule.ics?track=youth", "IGF — Youth"
    )
    assert (
        links["webcal"]
        == "webcal://igf.example/igf2025/programme/schedule.ics?track=youth"
    )
    assert links["download"].endswith("schedule.ics?track=youth&download=1")
    assert links["google"] == (
        "https://calendar.google.com/calendar/render?cid="
        "webcal%3A%2F%2Figf.example%2Figf2025%2Fprogramme%2Fschedule.ics%3Ftrack%3Dyouth"
    )
    assert links["outlook"].startswith(
        "https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2F"
    )
    assert "name=IGF+%E2%80%94+Youth" in links["outlook"]


def test_fold_ascii_lines_at_75_octets():
    line = "DESCRIPTION:" + "x" * 300
    parts = fold(line).split("\r\n ")
    assert [len(part) for part in parts] == [75, 74, 74, 74, 15]
    assert "".join(parts) == line
