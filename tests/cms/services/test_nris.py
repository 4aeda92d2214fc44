"""Pure NRI rules: place, reporting deadlines and activity, event change signals."""

import datetime as dt

import pytest

from cms.enums import NriEventTrack
from cms.services.nris import (
    COUNTRY_REQUIRED,
    REGION_REQUIRED,
    YOUTH_PLACE_REQUIRED,
    ReportState,
    is_active,
    is_valid_deadline,
    next_sequence,
    place_problems,
    report_years,
)
from cms.services.un_regional_groups import (
    UN_REGIONAL_GROUP_OF_COUNTRY,
    un_regional_group_of,
)
from sessions.enums import Track

MARCH_31 = {"month": 3, "day": 31}


@pytest.mark.parametrize(
    ("kind", "country", "region", "expected"),
    [
        pytest.param("national", "KE", "", {}, id="national_ok"),
        pytest.param(
            "national", "", "africa", {"country": str(COUNTRY_REQUIRED)}, id="national"
        ),
        pytest.param("regional", "", "europe", {}, id="regional_ok"),
        pytest.param(
            "sub-regional", "", "", {"region": str(REGION_REQUIRED)}, id="sub"
        ),
        pytest.param("youth", "BR", "", {}, id="youth_national"),
        pytest.param("youth", "", "africa", {}, id="youth_regional"),
        pytest.param(
            "youth", "", "", {"region": str(YOUTH_PLACE_REQUIRED)}, id="youth_nowhere"
        ),
    ],
)
def test_place_problems(kind, country, region, expected):
    assert place_problems(kind=kind, country=country, region=region) == expected


def test_regional_with_a_country_is_refused_on_the_country():
    problems = place_problems(kind="regional", country="FR", region="europe")

    assert list(problems) == ["country"]
    assert "regional initiative covers several countries" in problems["country"]


@pytest.mark.parametrize(
    ("code", "group"),
    [
        ("KE", "african"),
        ("ke", "african"),
        ("JP", "asia_pacific"),
        ("PL", "eastern_european"),
        ("BR", "grulac"),
        ("NO", "weog"),
        ("TR", "weog"),
        ("HK", None),  # not a UN member: chosen by hand
        ("", None),
    ],
)
def test_un_regional_group_of_country(code, group):
    assert un_regional_group_of(code) == group


def test_every_un_member_state_has_one_group():
    # 193 members plus the State of Palestine (an observer in the Asia-Pacific Group).
    assert len(UN_REGIONAL_GROUP_OF_COUNTRY) == 194


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        pytest.param(["title"], 3, id="title_only"),
        pytest.param(["link", "track"], 3, id="link"),
        pytest.param(["start_at"], 4, id="moved"),
        pytest.param(["city", "title"], 4, id="new_place"),
        pytest.param(["is_cancelled"], 4, id="cancelled"),
    ],
)
def test_next_sequence(changed, expected):
    assert next_sequence(3, changed) == expected


def test_event_tracks_keep_the_programmes_keys():
    assert NriEventTrack.values == Track.values


@pytest.mark.parametrize(
    ("month", "day", "valid"),
    [(3, 31, True), (2, 28, True), (2, 29, False), (4, 31, False), (13, 1, False)],
)
def test_is_valid_deadline(month, day, valid):
    assert is_valid_deadline(month=month, day=day) is valid


@pytest.mark.parametrize(
    ("today", "submitted", "active"),
    [
        pytest.param(dt.date(2026, 3, 31), {2024}, True, id="deadline_day_last_in"),
        pytest.param(dt.date(2026, 4, 1), {2024}, False, id="day_after_missing"),
        pytest.param(dt.date(2026, 4, 1), {2025}, True, id="day_after_in"),
        pytest.param(dt.date(2026, 3, 1), set(), False, id="previous_missing"),
        pytest.param(dt.date(2021, 3, 1), set(), True, id="before_first_due"),
    ],
)
def test_is_active(today, submitted, active):
    result = is_active(
        first_year=2020, submitted_years=submitted, today=today, **MARCH_31
    )

    assert result is active


def test_no_founding_year_means_no_report_due():
    assert is_active(
        first_year=None, submitted_years=set(), today=dt.date(2030, 1, 1), **MARCH_31
    )
    assert (
        report_years(
            first_year=None,
            submitted_years=set(),
            today=dt.date(2030, 1, 1),
            **MARCH_31,
        )
        == []
    )


def test_report_years_newest_first_with_their_state():
    rows = report_years(
        first_year=2020,
        submitted_years={2023},
        today=dt.date(2026, 2, 1),
        **MARCH_31,
    )

    assert [(r.year, r.state, r.due_on) for r in rows] == [
        (2025, ReportState.DUE, dt.date(2026, 3, 31)),
        (2024, ReportState.OVERDUE, dt.date(2025, 3, 31)),
        (2023, ReportState.SUBMITTED, dt.date(2024, 3, 31)),
    ]


def test_report_years_start_at_the_first_year():
    rows = report_years(
        first_year=2025, submitted_years=set(), today=dt.date(2026, 5, 1), **MARCH_31
    )

    assert [(r.year, r.state) for r in rows] == [(2025, ReportState.OVERDUE)]
