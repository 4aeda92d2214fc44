"""NRI event feeds, read back by icalendar and the strict ``ical`` package."""

import datetime as dt

import pytest
from django.utils.http import http_date

from cms.enums import NriEventTrack
from cms.models import NriEvent
from tests.factories.cms import NriEventFactory, NriPageFactory
from tests.feeds import HOSTILE_TITLE, events_by_uid, parse

pytestmark = pytest.mark.django_db

NAIROBI_9AM = dt.datetime(2030, 9, 10, 6, 0, tzinfo=dt.UTC)


@pytest.fixture
def kenya(nri_index):
    return NriPageFactory(acronym="KIGF", title="Kenya IGF", slug="kigf")


def test_nri_feed_carries_its_events_in_their_own_zone(client, kenya):
    event = NriEventFactory(
        page=kenya,
        title="Kenya IGF week",
        start_at=NAIROBI_9AM,
        end_at=NAIROBI_9AM + dt.timedelta(hours=8),
        time_zone="Africa/Nairobi",
        city="Nairobi",
        country="KE",
    )
    other = NriPageFactory(acronym="NIGF", country="NG")
    NriEventFactory(page=other, title="Not this one")

    library, strict = parse(client.get("/nris/kigf/events.ics"))

    events = events_by_uid(library)
    assert list(events) == [str(event.guid)]
    vevent = events[str(event.guid)]
    assert vevent["DTSTART"].params["TZID"] == "Africa/Nairobi"
    assert vevent["DTSTART"].dt == NAIROBI_9AM
    assert vevent["DTSTART"].dt.hour == 9  # local time in the file
    assert [str(tz["TZID"]) for tz in library.walk("VTIMEZONE")] == ["Africa/Nairobi"]
    assert str(vevent["SUMMARY"]) == "KIGF: Kenya IGF week"
    assert str(vevent["LOCATION"]) == "Nairobi, Kenya / Online"
    assert str(vevent["URL"]) == "http://testserver/nris/kigf/"
    assert "Organised by Kenya IGF (KIGF)." in str(vevent["DESCRIPTION"])
    assert vevent["STATUS"] == "CONFIRMED"
    assert vevent["SEQUENCE"] == 0
    assert library["METHOD"] == "PUBLISH"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in library.to_ical()
    assert strict.events[0].dtstart == NAIROBI_9AM


def test_cancelled_events_stay_in_the_feed_as_cancelled(client, kenya):
    event = NriEventFactory(page=kenya, is_cancelled=True, sequence=2)

    library, strict = parse(client.get("/nris/kigf/events.ics"))

    vevent = events_by_uid(library)[str(event.guid)]
    assert vevent["STATUS"] == "CANCELLED"
    assert vevent["SEQUENCE"] == 2
    assert strict.events[0].status == "CANCELLED"
    assert "This event has been cancelled." in str(vevent["DESCRIPTION"])


def test_stamps_come_from_the_events_change_time(client, kenya):
    changed = dt.datetime(2030, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    event = NriEventFactory(page=kenya)
    NriEvent.objects.filter(pk=event.pk).update(changed_at=changed)

    first = client.get("/nris/kigf/events.ics")
    second = client.get("/nris/kigf/events.ics")

    vevent = events_by_uid(parse(first)[0])[str(event.guid)]
    assert vevent["DTSTAMP"].dt == changed
    assert vevent["LAST-MODIFIED"].dt == changed
    assert first.content == second.content


def test_hostile_text_survives_both_parsers(client, kenya):
    kenya.title = "Forum, national; \\ الثقة 🔐"
    kenya.save_revision().publish()
    event = NriEventFactory(page=kenya, title=HOSTILE_TITLE, city="Zürich, ; 北京")

    library, strict = parse(client.get("/nris/kigf/events.ics"))

    vevent = events_by_uid(library)[str(event.guid)]
    assert str(vevent["SUMMARY"]) == f"KIGF: {HOSTILE_TITLE}"
    assert str(vevent["LOCATION"]).startswith("Zürich, ; 北京, Kenya")
    assert "Forum, national; \\ الثقة 🔐" in str(vevent["DESCRIPTION"])
    assert strict.events[0].summary == f"KIGF: {HOSTILE_TITLE}"


def test_all_nri_feed_has_every_published_nris_events_and_a_track_filter(client, kenya):
    youth = NriEventFactory(page=kenya, track=NriEventTrack.YOUTH, title="Youth day")
    plain = NriEventFactory(page=kenya, time_zone="Africa/Nairobi")
    other = NriPageFactory(acronym="EURO", country="FR")
    paris = NriEventFactory(page=other, time_zone="Europe/Paris", city="Paris")
    hidden = NriPageFactory(acronym="DRAFT", country="NO")
    NriEventFactory(page=hidden, title="Unpublished NRI's event")
    hidden.unpublish()

    library, _strict = parse(client.get("/nris/events.ics"))
    youth_only, _ = parse(client.get("/nris/events.ics?track=youth"))

    assert set(events_by_uid(library)) == {
        str(youth.guid),
        str(plain.guid),
        str(paris.guid),
    }
    assert sorted(str(tz["TZID"]) for tz in library.walk("VTIMEZONE")) == [
        "Africa/Nairobi",
        "Europe/Paris",
    ]
    assert list(events_by_uid(youth_only)) == [str(youth.guid)]
    assert client.get("/nris/events.ics?track=galactic").status_code == 404


def test_unknown_nri_feed_is_a_plain_404(client, nri_index):
    response = client.get("/nris/nobody/events.ics")

    assert response.status_code == 404
    assert response.content.decode() == "There is no published initiative “nobody”.\n"


def test_feed_answers_304_until_an_event_changes(client, kenya):
    event = NriEventFactory(page=kenya)
    first = client.get("/nris/kigf/events.ics")
    etag, last_modified = first["ETag"], first["Last-Modified"]

    unchanged = client.get("/nris/kigf/events.ics", HTTP_IF_NONE_MATCH=etag)
    NriEvent.objects.filter(pk=event.pk).update(
        title="Renamed", changed_at=event.changed_at + dt.timedelta(minutes=5)
    )
    changed = client.get("/nris/kigf/events.ics", HTTP_IF_NONE_MATCH=etag)

    assert unchanged.status_code == 304
    assert last_modified == http_date(int(event.changed_at.timestamp()))
    assert changed.status_code == 200
    assert b"Renamed" in changed.content


def test_download_link_saves_a_file(client, kenya):
    response = client.get("/nris/kigf/events.ics?download=1")

    assert response["Content-Disposition"] == 'attachment; filename="kigf-events.ics"'


@pytest.mark.parametrize("count", [1, 25])
def test_feeds_cost_the_same_number_of_queries(
    client, kenya, django_assert_max_num_queries, count
):
    for n in range(count):
        page = NriPageFactory(acronym=f"N{n}", country="GH")
        NriEventFactory(page=page, time_zone="Africa/Accra")
        NriEventFactory(page=kenya)

    # The page, the feed's version, its events; on a cold cache two more fill Wagtail's
    # table of site roots (page paths become URLs).
    with django_assert_max_num_queries(5):
        everything = client.get("/nris/events.ics")
    with django_assert_max_num_queries(3):
        one = client.get("/nris/kigf/events.ics")

    assert len(parse(everything)[1].events) == 2 * count
    assert len(parse(one)[1].events) == count
