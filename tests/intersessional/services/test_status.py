import datetime as dt

import pytest

from intersessional.enums import BodyKind, BodyStatus, PublicStatus
from intersessional.services.status import (
    ReportDeadline,
    missing_yearly_report,
    public_status,
)

DEADLINE = ReportDeadline(month=3, day=31)


def status_of(kind=BodyKind.DYNAMIC_COALITION, **overrides):
    values = {
        "kind": kind,
        "recorded_status": BodyStatus.ACTIVE,
        "first_year": 2015,
        "last_year": None,
        "yearly_report_years": {2024},
        "today": dt.date(2025, 6, 1),
        "deadline": DEADLINE,
    }
    values.update(overrides)
    return public_status(**values)


@pytest.mark.parametrize(
    ("today", "due_year"),
    [
        (dt.date(2025, 3, 31), 2023),  # the 2024 report is due today: not yet late
        (dt.date(2025, 4, 1), 2024),
        (dt.date(2025, 12, 31), 2024),
        (dt.date(2026, 1, 1), 2024),
    ],
    ids=["deadline_day", "day_after", "year_end", "new_year"],
)
def test_latest_due_year_turns_the_day_after_the_deadline(today, due_year):
    assert DEADLINE.latest_due_year(today) == due_year


def test_a_29_february_deadline_falls_on_the_28th_in_common_years():
    assert ReportDeadline(month=2, day=29).due_on(2024) == dt.date(2025, 2, 28)
    assert ReportDeadline(month=2, day=29).due_on(2027) == dt.date(2028, 2, 29)


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, PublicStatus.ACTIVE),
        ({"yearly_report_years": {2023}}, PublicStatus.INACTIVE),
        ({"yearly_report_years": set()}, PublicStatus.INACTIVE),
        (
            {"yearly_report_years": set(), "today": dt.date(2025, 3, 15)},
            PublicStatus.INACTIVE,  # the 2023 report, due 31 March 2024, is missing
        ),
        (
            {"yearly_report_years": {2023}, "today": dt.date(2025, 3, 15)},
            PublicStatus.ACTIVE,  # the 2024 report is not due yet
        ),
        ({"yearly_report_years": set(), "first_year": 2025}, PublicStatus.ACTIVE),
        ({"recorded_status": BodyStatus.CONCLUDED}, PublicStatus.CONCLUDED),
        ({"last_year": 2024, "yearly_report_years": set()}, PublicStatus.CONCLUDED),
        (
            {"kind": BodyKind.BEST_PRACTICE_FORUM, "yearly_report_years": set()},
            PublicStatus.ACTIVE,
        ),
        (
            {"kind": BodyKind.POLICY_NETWORK, "yearly_report_years": set()},
            PublicStatus.ACTIVE,
        ),
    ],
    ids=[
        "report_filed",
        "last_year_only",
        "never_filed",
        "older_report_missing_before_deadline",
        "before_deadline",
        "formed_this_year",
        "concluded",
        "past_last_year",
        "bpf_needs_no_report",
        "pn_needs_no_report",
    ],
)
def test_public_status(overrides, expected):
    assert status_of(**overrides) == expected


def test_missing_yearly_report_names_the_year():
    assert (
        missing_yearly_report(
            first_year=2010,
            yearly_report_years={2022},
            today=dt.date(2025, 4, 2),
            deadline=DEADLINE,
        )
        == 2024
    )
