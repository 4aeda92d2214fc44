"""``schedule.xml`` and ``schedule.json`` over HTTP: the latest release only, validators,
query counts, and a round trip through the importer into an empty database."""

import io
import json
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from defusedxml.ElementTree import fromstring
from django.core.cache import cache
from django.core.management import call_command
from django.utils.http import http_date

from cms.models import EditionTheme, ForumEditionPage
from sessions.enums import PersonRole, Presence
from sessions.models import (
    Person,
    Placement,
    Release,
    Room,
    SessionPage,
    SessionType,
)
from sessions.services.importers import (
    ScheduleInvalid,
    import_schedule,
    number_in_slug,
    parse_schedule,
)
from sessions.services.releases import release_schedule
from sessions.services.scheduling import cancel_session
from sessions.services.sessions import (
    ParticipantSpec,
    programme_page_for,
    update_session_content,
)
from sessions.views.exports import NO_RELEASE_YET
from tests.factories import ForumEditionPageFactory, PersonFactory, RoomFactory
from tests.factories.cms import EditionThemeFactory
from tests.factories.programme import SessionPageFactory, SessionTypeFactory
from tests.sessions.conftest import local, schedule
from tests.sessions.services.test_importers import an_event, minimal

SCHEMAS = Path(__file__).parents[2] / "fixtures" / "schemas"
FORMATS = {
    "xml": ("schedule.xml", "application/xml; charset=utf-8"),
    "json": ("schedule.json", "application/json; charset=utf-8"),
}
# latest release, edition (parent + specific), sessions, people, rooms; Wagtail's
# routing adds its own few. What matters is that it never grows with the programme.
MAX_QUERIES = 10


def export_url(edition, kind: str) -> str:
    return programme_page_for(edition).url + FORMATS[kind][0]


def events_of(raw: bytes) -> list[dict]:
    return [
        event
        for day in json.loads(raw)["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    ]


def titles(raw: bytes, kind: str) -> list[str]:
    if kind == "json":
        return [event["title"] for event in events_of(raw)]
    return [event.findtext("title") for event in fromstring(raw).iter("event")]


@pytest.fixture
def released(programme_scene):
    s = programme_scene
    speaker = PersonFactory(name="Amara Mensah", organisation="ISOC")
    update_session_content(
        session=s["first"], participants=[ParticipantSpec(speaker, PersonRole.SPEAKER)]
    )
    schedule(s["first"], s["room_a"], local(s["edition"], 1, 10))
    schedule(s["second"], s["room_b"], local(s["edition"], 2, 14, 30))
    s["release"] = release_schedule(edition=s["edition"], by=None, message="First")
    return s


# --- before the first release ----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FORMATS)
def test_export_before_the_first_release_is_404_and_says_why(
    client, programme_scene, kind
):
    response = client.get(export_url(programme_scene["edition"], kind))

    assert response.status_code == 404
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.content.decode() == str(NO_RELEASE_YET % {"edition": "IGF 2030"})
    assert response.content.decode() == (
        "The programme of IGF 2030 has not been released yet: there is no schedule to "
        "export. Schedule apps can try again later."
    )


# --- the documents ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FORMATS)
def test_export_is_open_data_of_its_own_type(client, released, kind):
    response = client.get(export_url(released["edition"], kind))

    assert response.status_code == 200
    assert response["Content-Type"] == FORMATS[kind][1]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Last-Modified"] == http_date(
        released["release"].released_at.timestamp()
    )
    assert "Content-Disposition" not in response
    assert titles(response.content, kind) == ["Data flows", "Meaningful access"]


@pytest.mark.django_db
def test_exports_are_valid_against_the_published_schemas(client, released):
    c3voc = json.loads((SCHEMAS / "c3voc-schedule.schema.json").read_text("utf-8"))
    frab = xmlschema.XMLSchema(SCHEMAS / "frab-schedule.xml.xsd")

    raw_json = client.get(export_url(released["edition"], "json")).content
    raw_xml = client.get(export_url(released["edition"], "xml")).content

    validator = jsonschema.Draft6Validator(
        c3voc, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER
    )
    assert [e.message for e in validator.iter_errors(json.loads(raw_json))] == []
    assert [str(e.reason) for e in frab.iter_errors(raw_xml.decode())] == []


@pytest.mark.django_db
def test_json_export_shows_the_released_session_as_apps_need_it(client, released):
    first = released["first"]
    speaker = Person.objects.get(name="Amara Mensah")

    event = events_of(client.get(export_url(released["edition"], "json")).content)[0]

    assert {key: event[key] for key in ("guid", "date", "duration", "slug", "url")} == {
        "guid": str(first.guid),
        "date": "2030-06-23T10:00:00+02:00",
        "duration": "01:00",
        "slug": "igf2030-ws-1",
        "url": "http://testserver/igf2030/programme/ws-1/",
    }
    assert event["persons"] == [
        {
            "name": "Amara Mensah",
            "guid": str(speaker.guid),
            "organization": "ISOC",
            "stakeholder_group": "civil_society",
            "regional_group": "african",
            "role": "speaker",
            "presence": "onsite",
        }
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FORMATS)
def test_export_holds_only_the_latest_release(client, released, kind):
    s = released
    # Scheduled but not released: not public yet.
    third = SessionPageFactory(session_type=s["workshop"], title="Not yet released")
    schedule(third, s["room_a"], local(s["edition"], 1, 14))
    # An organizer's draft of a released session: public at the next release only.
    live = SessionPage.objects.get(pk=s["first"].pk)
    update_session_content(session=live, title="Draft title")
    url = export_url(s["edition"], kind)

    before = client.get(url)

    assert titles(before.content, kind) == ["Data flows", "Meaningful access"]
    assert b"Draft title" not in before.content
    assert b"Not yet released" not in before.content

    release_schedule(edition=s["edition"], by=None, message="Second")
    after = client.get(url)

    assert titles(after.content, kind) == [
        "Draft title",
        "Not yet released",
        "Meaningful access",
    ]
    assert after["ETag"] != before["ETag"]


@pytest.mark.django_db
def test_cancelled_sessions_leave_the_exports(client, released):
    cancel_session(session=SessionPage.objects.get(pk=released["second"].pk))
    release_schedule(edition=released["edition"], by=None, message="Cancelled one")

    for kind in FORMATS:
        raw = client.get(export_url(released["edition"], kind)).content
        assert titles(raw, kind) == ["Data flows"]


# --- conditional requests and caching ---------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FORMATS)
def test_export_answers_304_to_either_validator(client, released, kind):
    url = export_url(released["edition"], kind)
    first = client.get(url)

    by_etag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    older = client.get(url, HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT")
    other = client.get(url, HTTP_IF_NONE_MATCH='"something-else"')

    assert [r.status_code for r in (by_etag, by_date, older, other)] == [
        304,
        304,
        200,
        200,
    ]
    assert by_etag.content == b""
    assert (by_etag["ETag"], by_etag["Access-Control-Allow-Origin"]) == (
        first["ETag"],
        "*",
    )
    assert older.content == first.content


@pytest.mark.django_db
def test_each_format_has_its_own_etag(client, released):
    xml = client.get(export_url(released["edition"], "xml"))
    json_ = client.get(export_url(released["edition"], "json"))
    assert xml["ETag"] != json_["ETag"]

    crossed = client.get(
        export_url(released["edition"], "json"), HTTP_IF_NONE_MATCH=xml["ETag"]
    )
    assert crossed.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FORMATS)
def test_export_is_cached_until_the_next_release(client, released, kind):
    url = export_url(released["edition"], kind)
    first = client.get(url)
    Room.objects.filter(pk=released["room_a"].pk).update(name="Renamed room")

    cached = client.get(url)
    release_schedule(edition=released["edition"], by=None, message="Again")
    fresh = client.get(url)

    assert cached.content == first.content
    assert b"Renamed room" not in cached.content
    assert b"Renamed room" in fresh.content


# --- cost --------------------------------------------------------------------------------


def _add_sessions(scene, count: int) -> None:
    edition = scene["edition"]
    rooms = [RoomFactory(edition=edition) for _ in range(4)]
    for n in range(count):
        session = SessionPageFactory(
            session_type=scene["workshop"],
            participants=[
                ParticipantSpec(PersonFactory(), PersonRole.SPEAKER),
                ParticipantSpec(
                    PersonFactory(), PersonRole.ONLINE_MODERATOR, Presence.ONLINE
                ),
            ],
        )
        day, slot = divmod(n, 4 * 8)
        room, hour = divmod(slot, 8)
        schedule(session, rooms[room], local(edition, day % 5 + 1, 9 + hour))


@pytest.mark.django_db
@pytest.mark.parametrize("kind", FORMATS)
def test_export_query_count_does_not_grow_with_sessions(
    client, released, django_assert_max_num_queries, kind
):
    url = export_url(released["edition"], kind)
    client.get(url)  # Wagtail's site lookups, cached from here on
    cache.clear()
    with django_assert_max_num_queries(MAX_QUERIES) as few:
        assert client.get(url).status_code == 200

    _add_sessions(released, 40)
    release_schedule(edition=released["edition"], by=None, message="Many")
    client.get(url)
    cache.clear()
    with django_assert_max_num_queries(MAX_QUERIES) as many:
        response = client.get(url)

    assert len(titles(response.content, kind)) == 42
    assert len(many) == len(few)


@pytest.mark.django_db
def test_a_poll_for_an_unchanged_export_does_not_render_it(
    client, released, django_assert_max_num_queries
):
    url = export_url(released["edition"], "json")
    etag = client.get(url)["ETag"]

    # The release and the edition only: no session, person or room is read.
    with django_assert_max_num_queries(MAX_QUERIES) as polled:
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    with django_assert_max_num_queries(MAX_QUERIES) as rendered:
        cache.clear()
        assert client.get(url).status_code == 200

    assert len(polled) < len(rendered)
    assert not any("participant" in q["sql"] for q in polled.captured_queries)


# --- round trip through the importer ------------------------------------------------------


def _rich_programme(scene) -> None:
    """Two types (one prefix ending in a digit), numbering gaps, a theme, capacities,
    every role and presence, several languages, hostile text; released once."""
    edition, workshop = scene["edition"], scene["workshop"]
    day_zero = SessionTypeFactory(
        edition=edition, name="Day 0 Event", prefix="D0", allowed_durations=[120]
    )
    theme = EditionThemeFactory(page=edition, name="Trust & <safety>")
    Room.objects.filter(pk=scene["room_a"].pk).update(capacity=250)
    # The second session has no interpretation of its own: its room's is exported.
    Room.objects.filter(pk=scene["room_b"].pk).update(interpretation_languages=["fr"])
    RoomFactory(edition=edition, name="Unused room", capacity=12)
    org = PersonFactory(
        name="Ольга Иванова", organisation="", stakeholder_group="government"
    )
    speaker = PersonFactory(name="محمد علي", organisation='ISOC "Chapter" & co')
    online = PersonFactory(name="李华", regional_group="asia_pacific")
    rapporteur = PersonFactory(name="Zoë O'Brien 🎉")
    first = SessionPage.objects.get(pk=scene["first"].pk)
    update_session_content(
        session=first,
        title='Data <flows> & "trust" – البيانات 数据 🌍\x07',
        description="  Why it matters.\n\nSecond paragraph.  ",
        theme=theme,
        languages=["en", "ar", "zh"],
        # Participation facets travel in the events' description and come back.
        interpretation_languages=["ar", "fr"],
        has_captioning=True,
        captioning_languages=["en"],
        sign_language="International Sign",
        delivery="online",
        participants=[
            ParticipantSpec(org, PersonRole.ORGANIZER),
            ParticipantSpec(speaker, PersonRole.SPEAKER),
            ParticipantSpec(online, PersonRole.ONLINE_MODERATOR, Presence.ONLINE),
            ParticipantSpec(rapporteur, PersonRole.RAPPORTEUR, Presence.ONLINE),
            ParticipantSpec(speaker, PersonRole.ONSITE_MODERATOR),
        ],
    )
    SessionPageFactory(session_type=workshop, title="Withdrawn, never scheduled")
    fourth = SessionPageFactory(
        session_type=workshop, title="Workshop four", languages=[], people=[speaker]
    )
    SessionPageFactory(session_type=day_zero, title="Day zero, unscheduled")
    day_zero_two = SessionPageFactory(
        session_type=day_zero, title="Day zero two", duration_minutes=120
    )
    schedule(first, scene["room_a"], local(edition, 1, 10))
    schedule(scene["second"], scene["room_b"], local(edition, 2, 14, 30))
    schedule(fourth, scene["room_b"], local(edition, 1, 9))
    schedule(day_zero_two, scene["room_a"], local(edition, 1, 7))
    release_schedule(edition=edition, by=None, message="First")


def _empty_the_database() -> None:
    Release.objects.all().delete()
    Placement.objects.all().delete()
    for session in SessionPage.objects.all():
        session.delete()
    Person.objects.all().delete()
    Room.objects.all().delete()
    SessionType.objects.all().delete()
    for edition in ForumEditionPage.objects.all():
        edition.delete()
    assert [
        model.objects.count()
        for model in (ForumEditionPage, SessionPage, Person, Room, EditionTheme)
    ] == [0, 0, 0, 0, 0]


def _import(raw: bytes, tmp_path) -> str:
    path = tmp_path / "schedule.json"
    path.write_bytes(raw)
    out = io.StringIO()
    call_command("import_schedule", str(path), "--release", "Imported", stdout=out)
    cache.clear()  # a release number can come back in an emptied database
    return out.getvalue()


@pytest.mark.django_db
def test_json_export_round_trips_through_the_importer(
    client, programme_scene, tmp_path
):
    _rich_programme(programme_scene)
    edition = programme_scene["edition"]
    exported = client.get(export_url(edition, "json")).content
    assert [e["slug"] for e in events_of(exported)] == [
        "igf2030-d0-2",  # Room A, 07:00
        "igf2030-ws-1",  # Room A, 10:00
        "igf2030-ws-4",  # Room B, 09:00
        "igf2030-ws-2",  # day 2
    ]
    descriptions = {e["slug"]: e["description"] for e in events_of(exported)}
    assert descriptions["igf2030-ws-1"] == (
        "Interpretation: ar, fr\nCaptioning: en\nSign language: International Sign"
        "\nDelivery: online"
    )
    # Room B's interpretation, as the release froze it.
    assert descriptions["igf2030-ws-2"].startswith("Interpretation: fr\n")

    _empty_the_database()
    _import(exported, tmp_path)
    again = ForumEditionPage.objects.get(slug="igf2030")
    reexported = client.get(export_url(again, "json"))

    assert reexported.status_code == 200
    assert reexported.content.decode() == exported.decode()
    assert sorted(str(s.code) for s in SessionPage.objects.all()) == [
        "D0 #2",
        "WS #1",
        "WS #2",
        "WS #4",
    ]


@pytest.mark.django_db
def test_round_trip_of_a_later_release_differs_only_in_its_version(
    client, programme_scene, tmp_path
):
    _rich_programme(programme_scene)
    edition = programme_scene["edition"]
    cancel_session(session=SessionPage.objects.get(pk=programme_scene["second"].pk))
    release_schedule(edition=edition, by=None, message="Second")
    exported = json.loads(client.get(export_url(edition, "json")).content)

    _empty_the_database()
    _import(json.dumps(exported).encode(), tmp_path)
    again = ForumEditionPage.objects.get(slug="igf2030")
    reexported = json.loads(client.get(export_url(again, "json")).content)

    assert (exported["schedule"]["version"], reexported["schedule"]["version"]) == (
        "2",
        "1",
    )
    exported["schedule"]["version"] = reexported["schedule"]["version"]
    assert reexported == exported
    assert "Meaningful access" not in json.dumps(exported)


# --- what the importer reads back (its extensions for the round trip) --------------------


@pytest.mark.parametrize(
    ("slug", "prefix", "number"),
    [
        pytest.param("igf2031-ws-12", "WS", 12, id="workshop"),
        pytest.param("igf2031-d0-2", "D0", 2, id="prefix_ending_in_a_digit"),
        pytest.param("igf2031-w-01", "W", 1, id="padded"),
        pytest.param("igf2031-w-1", "W", None, id="not_as_exported"),
        pytest.param("igf2031-ws-12", "OF", None, id="another_type"),
        pytest.param("igf2030-ws-12", "WS", None, id="another_edition"),
        pytest.param("igf2031-1-opening", "WS", None, id="pretalx_style"),
        pytest.param("igf2031-ws-0", "WS", None, id="zero"),
        pytest.param(None, "WS", None, id="none"),
    ],
)
def test_number_in_slug(slug, prefix, number):
    assert number_in_slug(slug, "igf2031", prefix) == number


def test_the_importer_reads_presence_and_names_an_unknown_one():
    online = {"name": "Ann Lee", "role": "speaker", "presence": "Online"}
    unknown = {"name": "Bo Chen", "presence": "hybrid"}

    document = parse_schedule(minimal(an_event(persons=[online])))
    with pytest.raises(ScheduleInvalid) as caught:
        parse_schedule(minimal(an_event(persons=[unknown])))

    assert document.events[0].persons[0].presence == Presence.ONLINE
    assert caught.value.errors == [
        'day 1, room "Room A", event 00000000… ("Session 1"), person "Bo Chen": '
        'presence "hybrid" is not one of onsite (Onsite), online (Online)'
    ]


@pytest.mark.django_db
def test_the_importer_takes_new_type_prefixes_from_meta(home_page):
    meta = {
        "session_types": [
            {"name": "Workshop", "prefix": "WS"},
            {"name": "Open Forum", "prefix": "OPENFORUM9"},  # too long
            {"name": "Ignored"},  # no prefix: says nothing
        ]
    }
    document = parse_schedule(
        minimal(
            an_event(1, slug="igf2031-ws-7"),
            an_event(2, type="Open Forum", date="2031-06-23T11:00:00+02:00"),
            meta=meta,
        )
    )

    report = import_schedule(document=document)

    assert sorted(SessionType.objects.values_list("name", "prefix")) == [
        ("Open Forum", "OF"),
        ("Workshop", "WS"),
    ]
    assert sorted(SessionPage.objects.all(), key=lambda s: s.title)[0].code == "WS #7"
    assert report.sessions_created == ["WS #7 “Session 1”", "OF #1 “Session 2”"]
    assert report.warnings[0] == (
        'conference: meta.session_types gives "Open Forum" the prefix "OPENFORUM9", '
        "which is not 1 to 8 characters: it was not used"
    )


@pytest.mark.django_db
def test_the_importer_numbers_a_new_session_anew_when_its_number_is_taken(home_page):
    edition = ForumEditionPageFactory(
        slug="igf2031", year=2031, time_zone="Europe/Oslo"
    )
    workshop = SessionTypeFactory(
        edition=edition, name="Workshop", prefix="WS", allowed_durations=[60]
    )
    SessionPageFactory(session_type=workshop, title="Kept as WS #1")
    SessionPageFactory(session_type=workshop, title="Kept as WS #2")

    report = import_schedule(
        document=parse_schedule(minimal(an_event(5, slug="igf2031-ws-2")))
    )

    assert report.sessions_created == ["WS #3 “Session 5”"]
    assert (
        'day 1, room "Room A", event 00000000… ("Session 5"): WS #2 is already taken, '
        "so the new session was numbered WS #3"
    ) in report.warnings
