import datetime as dt

import pytest

from cms.services.editions import (
    EditionStatus,
    Phase,
    edition_status,
    is_valid_acronym,
    is_valid_time_zone,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("Europe/Oslo", True, id="area_location"),
        pytest.param("America/Argentina/Buenos_Aires", True, id="three_parts"),
        pytest.param("UTC", True, id="utc_for_online_editions"),
        pytest.param("CET", False, id="abbreviation_rejected"),
        pytest.param("GMT", False, id="gmt_abbreviation_rejected"),
        pytest.param("Europe/Olso", False, id="typo"),
        pytest.param("europe/oslo", False, id="wrong_case"),
        pytest.param("", False, id="empty"),
        pytest.param("+02:00", False, id="offset_not_zone"),
    ],
)
def test_is_valid_time_zone(name, expected):
    assert is_valid_time_zone(name) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("igf2025", True, id="plain"),
        pytest.param("igf_2025", True, id="underscore"),
        pytest.param("IGF2025", False, id="capitals"),
        pytest.param("igf 2025", False, id="space"),
        pytest.param("igf-2025", False, id="hyphen_breaks_c3voc_pattern"),
        pytest.param("igf", False, id="too_short"),
        pytest.param("", False, id="empty"),
        pytest.param("igf2025/", False, id="slash"),
    ],
)
def test_is_valid_acronym(value, expected):
    assert is_valid_acronym(value) is expected


START, END = dt.date(2025, 6, 23), dt.date(2025, 6, 27)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        pytest.param(
            dt.date(2025, 6, 1),
            EditionStatus(Phase.UPCOMING, None, 22, 5),
            id="weeks_before",
        ),
        pytest.param(
            dt.date(2025, 6, 22), EditionStatus(Phase.UPCOMING, None, 1, 5), id="eve"
        ),
        pytest.param(START, EditionStatus(Phase.ONGOING, 1, None, 5), id="first_day"),
        pytest.param(END, EditionStatus(Phase.ONGOING, 5, None, 5), id="last_day"),
        pytest.param(
            dt.date(2025, 6, 28),
            EditionStatus(Phase.PAST, None, None, 5),
            id="day_after",
        ),
    ],
)
def test_edition_status(today, expected):
    assert edition_status(start_on=START, end_on=END, today=today) == expected
