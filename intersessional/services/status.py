"""Where a body stands: active, concluded, or a Dynamic Coalition gone inactive.

A Dynamic Coalition must file a yearly report to keep its session slot (DOMAIN.md): the
report on year Y is due by a fixed day of year Y+1. Once that day has passed without a
report on Y, the coalition shows as inactive until the report arrives.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from intersessional.enums import BodyKind, BodyStatus, PublicStatus

# The report on year Y is due by 31 March of Y+1 unless settings say otherwise.
DEFAULT_REPORT_DUE = (3, 31)


@dataclass(frozen=True)
class ReportDeadline:
    """The month and day of year Y+1 by which the report on year Y is due."""

    month: int = DEFAULT_REPORT_DUE[0]
    day: int = DEFAULT_REPORT_DUE[1]

    def due_on(self, year: int) -> dt.date:
        """The last day to file the report on ``year`` (29 February falls back to the 28th)."""
        following = year + 1
        last_day = calendar.monthrange(following, self.month)[1]
        return dt.date(following, self.month, min(self.day, last_day))

    def latest_due_year(self, today: dt.date) -> int:
        """The newest year whose report should be in by ``today``."""
        year = today.year - 1
        return year if today > self.due_on(year) else year - 1


def public_status(
    *,
    kind: str,
    recorded_status: str,
    first_year: int | None,
    last_year: int | None,
    yearly_report_years: Collection[int],
    today: dt.date,
    deadline: ReportDeadline,
) -> PublicStatus:
    """The status visitors see, from what is recorded and which yearly reports exist."""
    if recorded_status == BodyStatus.CONCLUDED or (
        last_year is not None and last_year < today.year
    ):
        return PublicStatus.CONCLUDED
    if kind != BodyKind.DYNAMIC_COALITION:
        return PublicStatus.ACTIVE
    if missing_yearly_report(
        first_year=first_year,
        yearly_report_years=yearly_report_years,
        today=today,
        deadline=deadline,
    ):
        return PublicStatus.INACTIVE
    return PublicStatus.ACTIVE


def missing_yearly_report(
    *,
    first_year: int | None,
    yearly_report_years: Collection[int],
    today: dt.date,
    deadline: ReportDeadline,
) -> int | None:
    """The year whose overdue report is missing, or None when nothing is overdue."""
    due_year = deadline.latest_due_year(today)
    if first_year is not None and first_year > due_year:
        return None  # a coalition formed since owes no report yet
    return None if due_year in yearly_report_years else due_year
