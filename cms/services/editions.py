"""Pure rules about editions: time zones, dates, acronyms and where an edition stands."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from django.utils.translation import gettext_lazy as _

# The c3voc schedule schema's acronym pattern, less its optional "-2025-suffix" tail:
# lowercase letters, digits and underscores, at least four characters.
ACRONYM_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]{3,}$")

INVALID_TIME_ZONE = _(
    "“%(value)s” is not a time zone of the IANA tz database. Use a name such as "
    "Europe/Oslo or Asia/Riyadh, not an abbreviation such as CET or GMT."
)
END_BEFORE_START = _("The last day cannot be before the first day.")
INVALID_ACRONYM = _(
    "Use lowercase letters, digits and underscores only, at least four characters, "
    "with no spaces — for example igf2025."
)
DUPLICATE_ACRONYM = _("Another edition already uses the acronym “%(value)s”.")
YEAR_MISMATCH = _("The first day must fall in the edition's year (%(year)s).")


@cache
def _iana_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def is_valid_time_zone(name: str) -> bool:
    """Whether ``name`` is a canonical-or-alias IANA zone such as ``Europe/Oslo``."""
    # Abbreviations like "CET" or "EST" are in the database for legacy reasons, but
    # calendar clients mishandle them; only Area/Location names are accepted.
    return name in _iana_time_zones() and ("/" in name or name == "UTC")


def is_valid_acronym(value: str) -> bool:
    """Whether ``value`` can be an edition's acronym (and so its URL slug)."""
    return bool(ACRONYM_PATTERN.fullmatch(value))


class Phase(StrEnum):
    UPCOMING = "upcoming"
    ONGOING = "ongoing"
    PAST = "past"


@dataclass(frozen=True)
class EditionStatus:
    phase: Phase
    day_number: int | None  # 1-based day of the meeting while it is ongoing
    days_until_start: int | None
    total_days: int


def edition_status(
    *, start_on: dt.date, end_on: dt.date, today: dt.date
) -> EditionStatus:
    """Where an edition stands on ``today`` (in the edition's own time zone)."""
    total_days = (end_on - start_on).days + 1
    if today < start_on:
        return EditionStatus(Phase.UPCOMING, None, (start_on - today).days, total_days)
    if today > end_on:
        return EditionStatus(Phase.PAST, None, None, total_days)
    return EditionStatus(Phase.ONGOING, (today - start_on).days + 1, None, total_days)
