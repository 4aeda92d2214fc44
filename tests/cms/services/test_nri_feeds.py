"""NRI events as calendar events (pure mapping)."""

import datetime as dt
import uuid

import pytest

from cms.services.nri_feeds import NriFeedLabels, PublicNriEvent, nri_calendar_event

START = dt.datetime(2030, 9, 10, 6, 0, tzinfo=dt.UTC)


def event(**overrides) -> PublicNriEvent:
    values = {
        "guid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
        "title": "Annual meeting",
        "start_at": START,
        "end_at": START + dt.timedelta(hours=8),
        "time_zone": "Africa/Nairobi",
        "city": "Nairobi",
        "country_name": "Kenya",
        "format": "onsite",
        "link": "https://kigf.example.org/2030",
        "track": "parliamentary",
        "sequence": 2,
        "is_cancelled": False,
        "changed_at": START - dt.timedelta(days=30),
        "nri_title": "Kenya IGF",
        "nri_acronym": "KIGF",
        "nri_url": "/nris/kigf/",
    }
    values.update(overrides)
    return PublicNriEvent(**values)


def test_event_keeps_its_guid_zone_and_change_signals():
    result = nri_calendar_event(
        event(), site_url="https://igf.example", labels=NriFeedLabels.current()
    )

    assert result.uid == "12345678-1234-5678-1234-567812345678"
    assert result.summary == "KIGF: Annual meeting"
    assert (result.start, result.time_zone) == (START, "Africa/Nairobi")
    assert (result.sequence, result.changed_at) == (2, START - dt.timedelta(days=30))
    assert result.location == "Nairobi, Kenya"
    assert result.url == "https://igf.example/nris/kigf/"
    assert result.categories == ("Onsite only", "Parliamentary track")
    assert result.description == (
        "Organised by Kenya IGF (KIGF).\n\n"
        "Event page or registration: https://kigf.example.org/2030\n\n"
        "About the initiative: https://igf.example/nris/kigf/"
    )


@pytest.mark.parametrize(
    ("fmt", "city", "location"),
    [
        pytest.param("online", "Nairobi", "Online", id="online"),
        pytest.param("hybrid", "Nairobi", "Nairobi, Kenya / Online", id="hybrid"),
        pytest.param("onsite", "", "Kenya", id="country_only"),
    ],
)
def test_location_says_how_to_attend(fmt, city, location):
    result = nri_calendar_event(
        event(format=fmt, city=city), site_url="", labels=NriFeedLabels.current()
    )

    assert result.location == location


def test_cancelled_event_says_so_first():
    result = nri_calendar_event(
        event(is_cancelled=True), site_url="", labels=NriFeedLabels.current()
    )

    assert result.is_cancelled
    assert result.description.startswith("This event has been cancelled.")
