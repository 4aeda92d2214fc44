"""The forum's calendar: annual meetings, NRI events and intersessional meetings in one
page and one feed, read back by two independent parsers."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories.cms import (
    ForumEditionPageFactory,
    NriEventFactory,
    NriIndexPageFactory,
    NriPageFactory,
)
from tests.factories.intersessional import IntersessionalBodyPageFactory, MeetingFactory
from tests.feeds import events_by_uid, parse

pytestmark = pytest.mark.django_db

SOON = timezone.now() + dt.timedelta(days=30)


@pytest.fixture
def year(home_page):
    edition = ForumEditionPageFactory(
        year=SOON.year + 1,
        start_on=dt.date(SOON.year + 1, 6, 23),
        end_on=dt.date(SOON.year + 1, 6, 27),
        host_city="Lillestrøm",
    )
    NriIndexPageFactory()
    nri = NriPageFactory(title="Kenya IGF", acronym="KIGF")
    nri_event = NriEventFactory(page=nri, title="Kenya IGF 2030", start_at=SOON)
    body = IntersessionalBodyPageFactory(title="DC on Accessibility", acronym="DCAD")
    meeting = MeetingFactory(
        body=body, title="Monthly call", start_at=SOON + dt.timedelta(days=2)
    )
    return {
        "edition": edition,
        "nri": nri,
        "nri_event": nri_event,
        "body": body,
        "meeting": meeting,
    }


def test_the_feed_holds_the_meeting_the_nris_and_the_intersessional_work(client, year):
    events = events_by_uid(parse(client.get("/events.ics"))[0])

    annual = events[str(year["edition"].translation_key)]
    assert annual["DTSTART"].dt == year["edition"].start_on
    assert annual["DTEND"].dt == year["edition"].end_on + dt.timedelta(days=1)
    assert str(events[str(year["nri_event"].guid)]["SUMMARY"]).endswith(
        "Kenya IGF 2030"
    )
    assert str(year["meeting"].guid) in events


def test_unpublished_hosts_leave_the_feed(client, year):
    year["nri"].unpublish()
    year["body"].unpublish()

    events = events_by_uid(parse(client.get("/events.ics"))[0])

    assert str(year["nri_event"].guid) not in events
    assert str(year["meeting"].guid) not in events
    assert str(year["edition"].translation_key) in events


def test_the_feed_answers_304_until_something_changes(client, year):
    etag = client.get("/events.ics")["ETag"]
    assert client.get("/events.ics", HTTP_IF_NONE_MATCH=etag).status_code == 304

    MeetingFactory(body=year["body"], title="Extra call", start_at=SOON)

    changed = client.get("/events.ics", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert b"Extra call" in changed.content


def test_the_page_lists_what_comes_and_filters_by_kind(client, year):
    everything = client.get("/events/").content.decode()
    nri_only = client.get("/events/?kind=nri").content.decode()
    unknown = client.get("/events/?kind=gardening")

    assert "Kenya IGF 2030" in everything
    assert "Monthly call" in everything
    assert year["edition"].title in everything
    assert 'href="webcal://testserver/events.ics"' in everything
    assert "Kenya IGF 2030" in nri_only
    assert "Monthly call" not in nri_only
    assert unknown.status_code == 200
    assert "Monthly call" in unknown.content.decode()


def test_the_page_says_when_nothing_is_announced(client, home_page):
    html = client.get("/events/").content.decode()

    assert "Nothing is announced yet" in html


def test_queries_do_not_grow_with_the_calendar(
    client, year, django_assert_max_num_queries
):
    client.get("/events/")
    client.get("/events.ics")
    # Each measured request follows new events, as cached fragments (the site menu)
    # are then drawn again: like is compared with like.
    NriEventFactory(page=year["nri"], start_at=SOON)
    with django_assert_max_num_queries(30) as page:
        client.get("/events/")
    for offset in range(5):
        NriEventFactory(page=year["nri"], start_at=SOON + dt.timedelta(days=offset))
        MeetingFactory(body=year["body"], start_at=SOON + dt.timedelta(days=offset))

    with django_assert_max_num_queries(len(page)):
        client.get("/events/")
