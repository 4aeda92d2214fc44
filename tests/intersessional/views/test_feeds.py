"""Meetings feeds, read back by icalendar and the strict ``ical`` parser."""

import datetime as dt

import pytest
from django.urls import reverse

from intersessional.enums import BodyKind, MeetingFormat
from intersessional.models import Meeting
from tests.factories.intersessional import (
    IntersessionalBodyPageFactory,
    MeetingFactory,
)
from tests.feeds import HOSTILE_TITLE, events_by_uid, parse

pytestmark = pytest.mark.django_db

ALL_FEED = "/intersessional/meetings.ics"


def body_feed(body) -> str:
    return f"/intersessional/{body.slug}/meetings.ics"


@pytest.fixture
def meetings(index):
    dcad = IntersessionalBodyPageFactory(
        title="Dynamic Coalition on Accessibility and Disability",
        slug="dcad",
        acronym="DCAD",
    )
    pnai = IntersessionalBodyPageFactory(
        title="Policy Network on Artificial Intelligence",
        slug="pnai",
        acronym="PNAI",
        kind=BodyKind.POLICY_NETWORK,
    )
    call = MeetingFactory(
        body=dcad,
        title="Monthly call",
        start_at=dt.datetime(2030, 3, 4, 6, tzinfo=dt.UTC),
        time_zone="Africa/Nairobi",
    )
    cancelled = MeetingFactory(
        body=dcad,
        title="Cancelled call",
        start_at=dt.datetime(2030, 4, 4, 6, tzinfo=dt.UTC),
        is_cancelled=True,
        sequence=1,
    )
    workshop = MeetingFactory(
        body=pnai,
        title="Drafting workshop",
        start_at=dt.datetime(2030, 5, 12, 13, tzinfo=dt.UTC),
        time_zone="America/Sao_Paulo",
        format=MeetingFormat.HYBRID,
        location="NIC.br, São Paulo",
    )
    return {
        "dcad": dcad,
        "pnai": pnai,
        "call": call,
        "cancelled": cancelled,
        "workshop": workshop,
    }


def test_body_feed_carries_its_meetings_with_zones_and_status(client, meetings):
    library, strict = parse(client.get(body_feed(meetings["dcad"])))

    events = events_by_uid(library)
    call = events[str(meetings["call"].guid)]
    cancelled = events[str(meetings["cancelled"].guid)]
    assert set(events) == {str(meetings["call"].guid), str(meetings["cancelled"].guid)}
    assert str(call["SUMMARY"]) == "DCAD: Monthly call"
    assert call["DTSTART"].params["TZID"] == "Africa/Nairobi"
    assert call["DTSTART"].dt == dt.datetime(2030, 3, 4, 6, tzinfo=dt.UTC)
    assert call["DTEND"].dt == dt.datetime(2030, 3, 4, 7, tzinfo=dt.UTC)
    assert call["STATUS"] == "CONFIRMED"
    assert call["SEQUENCE"] == 0
    assert call["LAST-MODIFIED"].dt == dt.datetime(2029, 12, 1, 8, tzinfo=dt.UTC)
    assert str(call["URL"]) == (
        f"http://testserver/intersessional/dcad/#meeting-{meetings['call'].guid}"
    )
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled["SEQUENCE"] == 1
    assert (
        next(
            e for e in strict.events if e.uid == str(meetings["cancelled"].guid)
        ).status
        == "CANCELLED"
    )
    assert [str(tz["TZID"]) for tz in library.walk("VTIMEZONE")] == ["Africa/Nairobi"]
    assert str(library["X-WR-TIMEZONE"]) == "Africa/Nairobi"
    assert str(library["NAME"]) == (
        "Dynamic Coalition on Accessibility and Disability — meetings"
    )
    assert library["METHOD"] == "PUBLISH"
    assert (
        b"REFRESH-INTERVAL;VALUE=DURATION:PT1H"
        in client.get(body_feed(meetings["dcad"])).content
    )


def test_all_meetings_feed_carries_every_body_with_each_zone(client, meetings):
    library, strict = parse(client.get(ALL_FEED))

    assert set(events_by_uid(library)) == {
        str(meetings[key].guid) for key in ("call", "cancelled", "workshop")
    }
    assert sorted(str(tz["TZID"]) for tz in library.walk("VTIMEZONE")) == [
        "Africa/Nairobi",
        "America/Sao_Paulo",
    ]
    workshop = events_by_uid(library)[str(meetings["workshop"].guid)]
    assert workshop["DTSTART"].params["TZID"] == "America/Sao_Paulo"
    assert str(workshop["LOCATION"]) == "NIC.br, São Paulo"
    assert str(library["X-WR-TIMEZONE"]) == "UTC"
    assert len(strict.events) == 3


def test_meetings_of_unpublished_bodies_stay_out(client, meetings):
    meetings["pnai"].unpublish()

    library, _strict = parse(client.get(ALL_FEED))

    assert str(meetings["workshop"].guid) not in events_by_uid(library)
    assert client.get(body_feed(meetings["pnai"])).status_code == 404


def test_unknown_body_feed_is_a_readable_404(client, index):
    response = client.get("/intersessional/nobody/meetings.ics")
    assert response.status_code == 404
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "There is no published intersessional body “nobody”.\n"
    )


def test_hostile_text_survives_both_parsers(client, meetings):
    Meeting.objects.filter(pk=meetings["call"].pk).update(
        title=HOSTILE_TITLE, location="Salle 1; étage 2, \\ aile Nord"
    )

    library, strict = parse(client.get(body_feed(meetings["dcad"])))

    uid = str(meetings["call"].guid)
    assert str(events_by_uid(library)[uid]["SUMMARY"]) == f"DCAD: {HOSTILE_TITLE}"
    assert next(e for e in strict.events if e.uid == uid).summary == (
        f"DCAD: {HOSTILE_TITLE}"
    )
    assert str(events_by_uid(library)[uid]["LOCATION"]) == (
        "Salle 1; étage 2, \\ aile Nord"
    )


def test_feed_answers_304_until_a_meeting_changes(client, meetings):
    url = body_feed(meetings["dcad"])
    first = client.get(url)
    etag, last_modified = first["ETag"], first["Last-Modified"]

    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(url).content == first.content  # same bytes: no churn

    Meeting.objects.filter(pk=meetings["call"].pk).update(
        changed_at=dt.datetime(2030, 1, 5, tzinfo=dt.UTC), sequence=1
    )
    after = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200
    assert after["ETag"] != etag
    assert events_by_uid(parse(after)[0])[str(meetings["call"].guid)]["SEQUENCE"] == 1


def test_download_link_saves_a_file_and_subscription_reads_inline(client, meetings):
    assert "Content-Disposition" not in client.get(ALL_FEED)
    download = client.get(ALL_FEED + "?download=1")
    assert download["Content-Disposition"] == (
        'attachment; filename="intersessional-meetings.ics"'
    )


def test_an_empty_feed_is_still_a_valid_calendar(client, index):
    library, strict = parse(client.get(ALL_FEED))
    assert list(library.walk("VEVENT")) == []
    assert strict.events == []


@pytest.mark.parametrize("bodies", [1, 8], ids=["one_body", "eight_bodies"])
def test_all_meetings_feed_costs_the_same_queries_for_any_number(
    client, index, django_assert_max_num_queries, bodies
):
    for _ in range(bodies):
        body = IntersessionalBodyPageFactory()
        MeetingFactory.create_batch(3, body=body)

    with django_assert_max_num_queries(8):
        response = client.get(ALL_FEED)

    assert len(parse(response)[0].walk("VEVENT")) == 3 * bodies


def test_feed_url_names_are_reversible():
    assert reverse("intersessional:meetings_ical") == ALL_FEED
    assert (
        reverse("intersessional:body_meetings_ical", args=["dcad"])
        == "/intersessional/dcad/meetings.ics"
    )


@pytest.mark.parametrize("count", [1, 15], ids=["one_meeting", "fifteen_meetings"])
def test_body_feed_costs_the_same_queries_for_any_number_of_meetings(
    client, index, django_assert_max_num_queries, count
):
    body = IntersessionalBodyPageFactory()
    MeetingFactory.create_batch(count, body=body)

    with django_assert_max_num_queries(8):
        response = client.get(body_feed(body))

    assert len(parse(response)[0].walk("VEVENT")) == count
