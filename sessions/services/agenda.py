"""Pure rules for a person's agenda."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence


def clashing(
    items: Sequence[tuple[Hashable, dt.datetime, dt.datetime]],
) -> set[Hashable]:
    """Keys of the items that overlap another item (half-open: touching ends don't clash)."""
    ordered = sorted(items, key=lambda item: (item[1], item[2]))
    clashes: set[Hashable] = set()
    running_key, running_end = None, None
    for key, start, end in ordered:
        if running_end is not None and start < running_end:
            clashes.update({key, running_key})
        if running_end is None or end > running_end:
            running_key, running_end = key, end
    return clashes
