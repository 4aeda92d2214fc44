import datetime as dt

import pytest

from sessions.services.releases import (
    Change,
    ChangeKind,
    ReleasedState,
    changes_between,
)

NINE = dt.datetime(2025, 6, 23, 7, 0, tzinfo=dt.UTC)
TEN = NINE + dt.timedelta(hours=1)
ELEVEN = NINE + dt.timedelta(hours=2)


def state(**overrides) -> ReleasedState:
    values = {
        "code": "WS #1",
        "title": "Data flows",
        "status": "scheduled",
        "room": "Room A",
        "start_at": NINE,
        "end_at": TEN,
        "revision_id": 1,
    }
    values.update(overrides)
    return ReleasedState(**values)


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        pytest.param(
            {},
            {"g": state()},
            [
                Change(
                    ChangeKind.NEW,
                    "g",
                    "WS #1",
                    "Data flows",
                    "Room A, 2025-06-23 07:00–08:00 UTC",
                )
            ],
            id="new",
        ),
        pytest.param({"g": state()}, {"g": state()}, [], id="unchanged"),
        pytest.param(
            {"g": state()},
            {"g": state(room="Room B")},
            [
                Change(
                    ChangeKind.MOVED,
                    "g",
                    "WS #1",
                    "Data flows",
                    "Room A, 2025-06-23 07:00–08:00 UTC → Room B, 2025-06-23 07:00–08:00 UTC",
                )
            ],
            id="moved_room",
        ),
        pytest.param(
            {"g": state()},
            {"g": state(start_at=TEN, end_at=ELEVEN)},
            [
                Change(
                    ChangeKind.MOVED,
                    "g",
                    "WS #1",
                    "Data flows",
                    "Room A, 2025-06-23 07:00–08:00 UTC → Room A, 2025-06-23 08:00–09:00 UTC",
                )
            ],
            id="moved_time",
        ),
        pytest.param(
            {"g": state()},
            {"g": state(revision_id=2)},
            [Change(ChangeKind.CHANGED, "g", "WS #1", "Data flows", "")],
            id="content_changed",
        ),
        pytest.param(
            {"g": state()},
            {"g": state(status="cancelled")},
            [Change(ChangeKind.CANCELLED, "g", "WS #1", "Data flows", "")],
            id="cancelled",
        ),
        pytest.param(
            {"g": state(status="cancelled")},
            {"g": state(status="cancelled")},
            [],
            id="still_cancelled",
        ),
        pytest.param(
            {"g": state()},
            {},
            [Change(ChangeKind.WITHDRAWN, "g", "WS #1", "Data flows", "")],
            id="withdrawn",
        ),
    ],
)
def test_changes_between(before, after, expected):
    assert changes_between(before, after) == expected


def test_changes_are_listed_in_code_order():
    before = {"b": state(code="WS #2")}
    after = {
        "a": state(code="WS #3"),
        "b": state(code="WS #2", room="Room Z"),
        "c": state(code="OF #1"),
    }
    assert [change.code for change in changes_between(before, after)] == [
        "OF #1",
        "WS #2",
        "WS #3",
    ]
