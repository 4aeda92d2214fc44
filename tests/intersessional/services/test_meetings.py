import datetime as dt

import pytest

from intersessional.services.meetings import MeetingTerms, Stamp, restamp

START = dt.datetime(2030, 3, 4, 9, tzinfo=dt.UTC)
BEFORE = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
NOW = dt.datetime(2030, 2, 1, tzinfo=dt.UTC)
PUBLISHED = MeetingTerms(
    start_at=START,
    end_at=START + dt.timedelta(hours=1),
    time_zone="Africa/Nairobi",
    format="online",
    location="",
    online_link="https://meet.example.org/a",
    is_cancelled=False,
    title="Monthly call",
    description="Agenda to follow.",
)


def edited(**changes) -> MeetingTerms:
    return MeetingTerms(**{**PUBLISHED.__dict__, **changes})


def test_a_new_meeting_starts_at_sequence_zero_now():
    assert restamp(
        published=None, published_stamp=None, edited=PUBLISHED, now=NOW
    ) == Stamp(0, NOW)


def test_an_unchanged_meeting_keeps_its_stamp():
    stamp = Stamp(3, BEFORE)
    assert (
        restamp(published=PUBLISHED, published_stamp=stamp, edited=edited(), now=NOW)
        == stamp
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"start_at": START + dt.timedelta(hours=2)},
        {"end_at": START + dt.timedelta(hours=3)},
        {"time_zone": "Europe/Paris"},
        {"format": "hybrid"},
        {"location": "Room 4, UN Gigiri"},
        {"online_link": "https://meet.example.org/b"},
        {"is_cancelled": True},
    ],
    ids=["start", "end", "zone", "format", "location", "link", "cancelled"],
)
def test_time_place_or_status_changes_raise_the_sequence_once(changes):
    stamp = restamp(
        published=PUBLISHED,
        published_stamp=Stamp(3, BEFORE),
        edited=edited(**changes),
        now=NOW,
    )
    assert stamp == Stamp(4, NOW)


def test_a_new_title_moves_changed_at_but_not_the_sequence():
    stamp = restamp(
        published=PUBLISHED,
        published_stamp=Stamp(3, BEFORE),
        edited=edited(title="Monthly call (agenda inside)"),
        now=NOW,
    )
    assert stamp == Stamp(3, NOW)
