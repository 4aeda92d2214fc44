"""Small helpers every router uses."""

from __future__ import annotations

import datetime as dt

from cms.models import ForumEditionPage
from cms.selectors import live_editions


def live_edition(acronym: str | None) -> ForumEditionPage | None:
    """The published edition with this acronym, else None (an unknown one matches nothing)."""
    if not acronym:
        return None
    return live_editions().filter(slug=acronym).first()


def set_last_modified(request, moment: dt.datetime | None) -> None:
    """Tell the response wrapper when this answer's content last changed."""
    if moment is not None:
        request.api_last_modified = moment


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
