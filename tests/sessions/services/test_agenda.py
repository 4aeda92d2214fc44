import datetime as dt

import pytest

from sessions.services.agenda import clashing


def t(hour, minute=0):
    return dt.datetime(2025, 6, 23, hour, minute, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        pytest.param([], set(), id="empty"),
        pytest.param([("a", t(9), t(10))], set(), id="single"),
        pytest.param(
            [("a", t(9), t(10)), ("b", t(9, 30), t(11))], {"a", "b"}, id="overlap"
        ),
        pytest.param(
            [("a", t(9), t(10, 30)), ("b", t(10, 30), t(11))],
            set(),
            id="touching_ends_ok",
        ),
        pytest.param(
            [("a", t(9), t(12)), ("b", t(10), t(10, 30)), ("c", t(11), t(11, 30))],
            {"a", "b", "c"},
            id="contained_twice",
        ),
        pytest.param(
            [("a", t(9), t(10)), ("b", t(11), t(12)), ("c", t(11, 59), t(13))],
            {"b", "c"},
            id="only_the_pair",
        ),
        pytest.param([("a", t(9), t(10)), ("b", t(9), t(10))], {"a", "b"}, id="exact"),
    ],
)
def test_clashing(items, expected):
    assert clashing(items) == expected
