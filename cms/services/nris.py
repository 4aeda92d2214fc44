"""Pure rules about NRIs: where an initiative sits, when its reports are due, and when an
event's change is one a calendar must be told about."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from cms.enums import NriKind, NriRegion

COUNTRY_REQUIRED = _("A national initiative needs its country.")
COUNTRY_NOT_ALLOWED = _(
    "A %(kind)s initiative covers several countries: leave the country empty and "
    "choose its region."
)
REGION_REQUIRED = _("Choose the region this initiative covers.")
YOUTH_PLACE_REQUIRED = _(
    "A youth initiative needs its country (national youth IGF) or its region."
)
DUPLICATE_NRI_ACRONYM = _("Another initiative already uses the acronym “%(value)s”.")
EVENT_ENDS_BEFORE_START = _("The event cannot end before it starts.")
REPORT_NEEDS_CONTENT = _("Write the report or attach its document.")
DUPLICATE_REPORT_YEAR = _("There is already a report for %(year)s.")
INVALID_DEADLINE = _("%(month)s/%(day)s is not a day of the year.")

# How many past reporting years an NRI's page lists.
REPORT_YEARS_SHOWN = 3

# Changes of these event fields move it in a calendar (time, place, status): SEQUENCE rises.
SCHEDULING_FIELDS = frozenset(
    {"start_at", "end_at", "time_zone", "city", "country", "format", "is_cancelled"}
)


def place_problems(*, kind: str, country: str, region: str) -> dict[str, str]:
    """Field → message for a kind, country and region that do not fit together."""
    country, region = (country or "").strip(), (region or "").strip()
    if kind == NriKind.NATIONAL:
        return {} if country else {"country": str(COUNTRY_REQUIRED)}
    if kind in (NriKind.REGIONAL, NriKind.SUB_REGIONAL):
        problems = {}
        if country:
            problems["country"] = str(COUNTRY_NOT_ALLOWED) % {
                "kind": NriKind(kind).label.lower()
            }
        if not region:
            problems["region"] = str(REGION_REQUIRED)
        return problems
    if kind == NriKind.YOUTH and not country and not region:
        return {"region": str(YOUTH_PLACE_REQUIRED)}
    return {}


def region_label(region: str) -> str:
    return str(NriRegion(region).label) if region in NriRegion.values else ""


def next_sequence(sequence: int, changed_fields: Iterable[str]) -> int:
    """An event's new SEQUENCE: one higher when its time, place or status changed."""
    return sequence + 1 if SCHEDULING_FIELDS.intersection(changed_fields) else sequence


def is_valid_deadline(*, month: int, day: int) -> bool:
    """Whether month/day exists every year (29 February does not)."""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2001, month)[1]


def report_due_on(year: int, *, month: int, day: int) -> dt.date:
    """The day by which the annual report on ``year`` is due: a day of the next year."""
    return dt.date(year + 1, month, day)


class ReportState(StrEnum):
    SUBMITTED = "submitted"
    OVERDUE = "overdue"
    DUE = "due"  # the year is over, the deadline not yet


@dataclass(frozen=True)
class ReportYear:
    year: int
    state: ReportState
    due_on: dt.date


def report_years(
    *,
    first_year: int | None,
    submitted_years: Collection[int],
    today: dt.date,
    month: int,
    day: int,
    shown: int = REPORT_YEARS_SHOWN,
) -> list[ReportYear]:
    """The latest finished years an NRI reports on (newest first), each with its state.

    A report covers a calendar year, so the first one due is on ``first_year`` (the year
    the initiative was established or recognized); none is due before it.
    """
    if first_year is None:
        return []
    last = today.year - 1
    years = range(last, max(first_year, last - shown + 1) - 1, -1)
    result = []
    for year in years:
        due_on = report_due_on(year, month=month, day=day)
        if year in submitted_years:
            state = ReportState.SUBMITTED
        elif today > due_on:
            state = ReportState.OVERDUE
        else:
            state = ReportState.DUE
        result.append(ReportYear(year, state, due_on))
    return result


def is_active(
    *,
    first_year: int | None,
    submitted_years: Collection[int],
    today: dt.date,
    month: int,
    day: int,
) -> bool:
    """Whether an NRI is active: the last report whose deadline has passed is in."""
    if first_year is None:
        return True
    year = today.year - 1
    if today <= report_due_on(year, month=month, day=day):
        year -= 1  # last year's report is not due yet: the one before must be in
    return year < first_year or year in submitted_years
