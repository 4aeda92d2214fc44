"""Reads for the page tree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cms.models import ForumEditionPage
from cms.services.editions import EditionStatus, Phase, edition_status


@dataclass(frozen=True)
class FeaturedEdition:
    edition: ForumEditionPage
    status: EditionStatus


def live_editions():
    """Published editions, newest first."""
    return ForumEditionPage.objects.live().order_by("-start_on")


def featured_edition(*, now: dt.datetime) -> FeaturedEdition | None:
    """The edition under way at ``now``, else the next one, else the latest; themes loaded."""
    # A few dozen rows at most (one per year): decide in Python, in each host's time zone.
    editions = list(live_editions().prefetch_related("themes"))
    if not editions:
        return None
    statuses = [
        FeaturedEdition(
            edition,
            edition_status(
                start_on=edition.start_on,
                end_on=edition.end_on,
                today=edition.local_today(now),
            ),
        )
        for edition in editions
    ]
    for phase in (Phase.ONGOING, Phase.UPCOMING):
        candidates = [item for item in statuses if item.status.phase == phase]
        if candidates:
            # The soonest upcoming one; editions come newest first.
            return candidates[-1]
    return statuses[0]
