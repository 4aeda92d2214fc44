import datetime as dt

import pytest

from sessions.services.programme import choose_day

MON, TUE, WED = dt.date(2025, 6, 23), dt.date(2025, 6, 24), dt.date(2025, 6, 25)
DAYS = [MON, TUE, WED]
BEFORE = dt.date(2025, 5, 1)


@pytest.mark.parametrize(
    ("requested", "days", "is_filtered", "today", "expected"),
    [
        pytest.param(None, DAYS, False, BEFORE, MON, id="first_day_before_the_meeting"),
        pytest.param(None, DAYS, False, TUE, TUE, id="today_during_the_meeting"),
        pytest.param("2025-06-25", DAYS, False, TUE, WED, id="asked_day_wins"),
        pytest.param("all", DAYS, False, TUE, None, id="all_days"),
        pytest.param(None, DAYS, True, TUE, None, id="filtered_shows_every_day"),
        pytest.param(
            "2025-06-24", DAYS, True, BEFORE, TUE, id="asked_day_with_filters"
        ),
        pytest.param("2025-07-01", DAYS, False, BEFORE, MON, id="day_without_sessions"),
        pytest.param("yesterday", DAYS, False, BEFORE, MON, id="not_a_date"),
        pytest.param(None, [], False, BEFORE, None, id="no_sessions"),
    ],
)
def test_choose_day(requested, days, is_filtered, today, expected):
    assert choose_day(requested, days, is_filtered=is_filtered, today=today) == expected
