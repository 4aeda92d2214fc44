import datetime as dt

import pytest

from outcomes.enums import UptakeKind, UptakeStatus
from outcomes.services.uptake import EventFact, current_status, refresh_status
from tests.factories.outcomes import TransmissionFactory, UptakeEventFactory

D = dt.date(2025, 3, 1)


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        pytest.param([], UptakeStatus.SENT, id="no_events"),
        pytest.param(
            [EventFact(UptakeKind.ACKNOWLEDGED, D)],
            UptakeStatus.ACKNOWLEDGED,
            id="one_event",
        ),
        pytest.param(
            [
                EventFact(UptakeKind.REFERENCED, D),
                EventFact(UptakeKind.DISCUSSED, D + dt.timedelta(days=1)),
            ],
            UptakeStatus.DISCUSSED,
            id="latest_date_wins_even_if_lower",
        ),
        pytest.param(
            [
                EventFact(UptakeKind.REFLECTED, D, 1),
                EventFact(UptakeKind.DISCUSSED, D, 2),
            ],
            UptakeStatus.REFLECTED,
            id="same_day_further_along_wins",
        ),
        pytest.param(
            [
                EventFact(UptakeKind.DISCUSSED, D, 1),
                EventFact(UptakeKind.DISCUSSED, D, 2),
            ],
            UptakeStatus.DISCUSSED,
            id="same_day_same_kind",
        ),
        pytest.param(
            [
                EventFact(UptakeKind.REFLECTED, D),
                EventFact(UptakeKind.WITHDRAWN, D + dt.timedelta(days=30)),
            ],
            UptakeStatus.WITHDRAWN,
            id="withdrawn_later",
        ),
        pytest.param(
            [
                EventFact(UptakeKind.WITHDRAWN, D),
                EventFact(UptakeKind.NO_ACTION, D),
            ],
            UptakeStatus.WITHDRAWN,
            id="withdrawn_same_day_is_last_word",
        ),
    ],
)
def test_current_status(events, expected):
    assert current_status(events) == expected


@pytest.mark.django_db
def test_refresh_status_ignores_deleted_events():
    transmission = TransmissionFactory()
    UptakeEventFactory(transmission=transmission, kind=UptakeKind.ACKNOWLEDGED)
    UptakeEventFactory(
        transmission=transmission,
        kind=UptakeKind.REFLECTED,
        occurred_on=transmission.sent_on + dt.timedelta(days=90),
        deleted_at=dt.datetime(2026, 8, 1, tzinfo=dt.UTC),
    )

    assert refresh_status(transmission) == UptakeStatus.ACKNOWLEDGED
    transmission.refresh_from_db()
    assert transmission.status == UptakeStatus.ACKNOWLEDGED


@pytest.mark.django_db
def test_refresh_status_without_events_is_sent():
    transmission = TransmissionFactory(status=UptakeStatus.DISCUSSED)

    assert refresh_status(transmission) == UptakeStatus.SENT
    transmission.refresh_from_db()
    assert transmission.status == UptakeStatus.SENT
