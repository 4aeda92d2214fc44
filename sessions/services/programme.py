"""Pure rules for showing the public programme."""

from __future__ import annotations

import datetime as dt

ALL_DAYS = "all"


def choose_day(
    requested: str | None, days: list[dt.date], *, is_filtered: bool, today: dt.date
) -> dt.date | None:
    """The day to show, or None for every day.

    A day asked for in the URL wins; filtered results show every day (people look for a
    session, not a date); otherwise today during the meeting, else its first day.
    """
    if requested == ALL_DAYS or not days:
        return None
    if requested:
        try:
            asked = dt.date.fromisoformat(requested)
        except ValueError:
            asked = None
        if asked in days:
            return asked
    if is_filtered:
        return None
    return today if today in days else days[0]
