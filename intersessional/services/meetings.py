"""Change signals of a meeting for calendar clients (CLIENTS.md).

``sequence`` rises once per published change of time, place or status, so calendar apps
replace their copy; ``changed_at`` moves with any change (``LAST-MODIFIED`` and
``DTSTAMP``) and stays put otherwise, so an unchanged feed keeps the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

END_BEFORE_START = _("The meeting cannot end before it starts.")


@dataclass(frozen=True)
class MeetingTerms:
    """What a meeting says, split into what calendar clients track and the rest."""

    start_at: dt.datetime
    end_at: dt.datetime
    time_zone: str
    format: str
    location: str
    online_link: str
    is_cancelled: bool
    title: str = ""
    description: str = ""

    def schedule_key(self) -> tuple:
        """Time, place and status: a change here raises the sequence."""
        return (
            self.start_at,
            self.end_at,
            self.time_zone,
            self.format,
            self.location.strip(),
            self.online_link.strip(),
            self.is_cancelled,
        )

    def content_key(self) -> tuple:
        return (*self.schedule_key(), self.title.strip(), self.description.strip())


@dataclass(frozen=True)
class Stamp:
    sequence: int
    changed_at: dt.datetime


def restamp(
    *,
    published: MeetingTerms | None,
    published_stamp: Stamp | None,
    edited: MeetingTerms,
    now: dt.datetime,
) -> Stamp:
    """The stamp an edited meeting carries, compared with its published version.

    Compared with the published version (not the last draft), so saving a draft twice
    raises the sequence once; a new meeting starts at 0.
    """
    if published is None or published_stamp is None:
        return Stamp(0, now)
    if edited.content_key() == published.content_key():
        return published_stamp
    sequence = published_stamp.sequence
    if edited.schedule_key() != published.schedule_key():
        sequence += 1
    return Stamp(sequence, now)
