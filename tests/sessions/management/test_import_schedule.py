import copy
import datetime as dt
import json
import time
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from cms.models import EditionTheme, ForumEditionPage
from sessions.models import Person, Placement, Release, Room, SessionPage, SessionType
from sessions.selectors import edition_conflicts
from sessions.services.conflicts import ConflictKind
from tests.factories import ForumEditionPageFactory, PersonFactory, RoomFactory
from tests.factories.programme import (
    PlacementFactory,
    SessionPageFactory,
    SessionTypeFactory,
)

FIXTURE = Path(__file__).parents[2] / "fixtures" / "c3voc" / "igf2031.json"
OPENING = uuid.UUID("7f3c1a2b-5d4e-4f60-8a1b-2c3d4e5f6a01")
MAIN = uuid.UUID("7f3c1a2b-5d4e-4f60-8a1b-2c3d4e5f6a02")
COMMUNITY = uuid.UUID("7f3c1a2b-5d4e-4f60-8a1b-2c3d4e5f6a03")
DATA = uuid.UUID("7f3c1a2b-5d4e-4f60-8a1b-2c3d4e5f6a04")
INGRID = uuid.UUID("a1000000-0000-4000-8000-000000000001")
KWAME = uuid.UUID("a1000000-0000-4000-8000-000000000002")


def utc(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2031, 6, day, hour, minute, tzinfo=dt.UTC)


def fixture() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def clock_ms() -> int:
    """The wall clock in milliseconds: where a new placement's version starts."""
    return time.time_ns() // 1_000_000


def write(tmp_path, document, name="schedule.json") -> str:
    path = tmp_path / name
    text = document if isinstance(document, str) else json.dumps(document)
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(path: str, *args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_schedule", path, *args, stdout=out)
    return out.getvalue()


def events(document) -> list[dict]:
    return [
        event
        for day in document["schedule"]["conference"]["days"]
        for room_events in day["rooms"].values()
        for event in room_events
    ]


def event(document, guid: uuid.UUID) -> dict:
    return next(e for e in events(document) if e["guid"] == str(guid))


def world() -> dict:
    """Everything an import can touch, as comparable values."""
    return {
        "editions": list(ForumEditionPage.objects.values_list("slug", flat=True)),
        "rooms": sorted(Room.objects.values_list("name", "capacity")),
        "types": sorted(
            SessionType.objects.values_list("name", "prefix", "allowed_durations")
        ),
        "themes": sorted(EditionTheme.objects.values_list("name", flat=True)),
        "people": sorted(
            Person.objects.values_list(
                "name", "organisation", "stakeholder_group", "regional_group"
            )
        ),
        "sessions": sorted(
            SessionPage.objects.values_list(
                "guid", "title", "status", "number", "languages"
            )
        ),
        "placements": sorted(
            Placement.objects.values_list(
                "session__guid", "room__name", "start_at", "end_at", "version"
            )
        ),
        "revisions": Revision.objects.count(),
    }


@pytest.mark.django_db
def test_import_creates_the_edition_and_everything_in_it(home_page):
    before = clock_ms()
    output = run(str(FIXTURE))
    after = clock_ms()

    edition = ForumEditionPage.objects.get(slug="igf2031")
    assert (
        edition.title,
        edition.year,
        edition.ordinal,
        edition.start_on,
        edition.end_on,
        edition.time_zone,
        edition.overarching_theme,
        edition.live,
        edition.get_parent().specific,
    ) == (
        "IGF 2031 Bergen",
        2031,
        1,
        dt.date(2031, 6, 23),
        dt.date(2031, 6, 24),
        "Europe/Oslo",
        "An Internet that works for everyone",
        True,
        home_page,
    )
    assert sorted(edition.rooms.values_list("name", "capacity", "sort_order")) == [
        ("Plenary Hall", 2000, 1),
        ("Workshop Room 1", 100, 2),
    ]
    assert sorted(
        edition.session_types.values_list("name", "prefix", "allowed_durations")
    ) == [
        ("Main Session", "MS", [90]),
        ("Opening Ceremony", "OC", [90]),
        ("Workshop", "W", [60, 90]),
    ]
    assert list(edition.themes.values_list("name", flat=True)) == [
        "Digital trust and resilience",
        "Universal access and digital rights",
    ]
    assert sorted(
        Person.objects.values_list(
            "name", "organisation", "stakeholder_group", "regional_group"
        )
    ) == [
        ("Ingrid Johansen", "Ministry of Digitalisation", "government", "weog"),
        ("Kwame Mensah", "Accra Digital Rights Lab", "civil_society", "african"),
        (
            "Mei Chen",
            "Asia Pacific Network Information Centre",
            "technical",
            "asia_pacific",
        ),
        ("Olga Ivanova", "", "", ""),
        ("Sofía Álvarez", "Universidad de la República", "civil_society", "grulac"),
    ]
    assert Person.objects.get(name="Ingrid Johansen").guid == INGRID

    main = SessionPage.objects.get(guid=MAIN)
    assert (
        main.code,
        main.title,
        main.status,
        main.description,
        main.languages,
        main.theme.name,
        main.duration_minutes,
        main.edition,
        main.live,
    ) == (
        "MS #1",
        "Main session: digital trust",
        "scheduled",
        "How trust is built across borders.\n\n"
        "Speakers from four stakeholder groups compare approaches.",
        ["en", "fr"],
        "Digital trust and resilience",
        90,
        edition,
        False,
    )
    assert [(p.person.name, p.role, p.presence) for p in main.participants.all()] == [
        ("Kwame Mensah", "speaker", "onsite"),
        ("Mei Chen", "onsite_moderator", "onsite"),
        ("Sofía Álvarez", "online_moderator", "online"),
        ("Olga Ivanova", "rapporteur", "onsite"),
    ]
    opening = SessionPage.objects.get(guid=OPENING)
    assert (opening.code, opening.theme, opening.description) == (
        "OC #1",
        None,
        "The host country opens the forum.",
    )
    assert [(p.person.name, p.role) for p in opening.participants.all()] == [
        ("Ingrid Johansen", "organizer"),
        ("Kwame Mensah", "speaker"),  # no role: a speaker
    ]
    community = SessionPage.objects.get(guid=COMMUNITY)
    assert (community.description, community.languages) == (
        "Lessons from community networks.",  # abstract and description are the same
        ["es"],
    )
    # Stored in UTC: 09:00 in Oslo in June is 07:00 UTC. All are new placements, so
    # each version starts from the clock during the import.
    assert sorted(
        (guid, room, start_at, end_at, before <= version <= after)
        for guid, room, start_at, end_at, version in Placement.objects.values_list(
            "session__guid", "room__name", "start_at", "end_at", "version"
        )
    ) == sorted(
        [
            (OPENING, "Plenary Hall", utc(23, 7), utc(23, 8, 30), True),
            (MAIN, "Plenary Hall", utc(23, 8, 30), utc(23, 10), True),
            (COMMUNITY, "Workshop Room 1", utc(23, 9), utc(23, 10), True),
            (DATA, "Workshop Room 1", utc(24, 7), utc(24, 8, 30), True),
        ]
    )
    assert (
        "Created: 2 room(s), 3 session type(s), 2 sub-theme(s), 5 person(s), 4 session(s), 4 placement(s)."
        in output
    )
    assert (
        "Updated: 0 person(s), 0 session(s), 0 session(s) moved; 0 session(s) unchanged."
        in output
    )
    assert "Imported 4/4 events" in output
    assert (
        '  - room "Workshop Room 1" was not in edition "igf2031": created with capacity 100'
        in output
    )
    assert (
        '  - session type "Workshop" was not in edition "igf2031": created with prefix "W" '
        "and allowed durations 60, 90 minutes" in output
    )
    assert (
        '  - person "Olga Ivanova" was created without stakeholder_group and regional_group: '
        "fill it in" in output
    )
    assert (
        '  - sub-theme "Digital trust and resilience" was not in edition "igf2031": created'
        in output
    )


@pytest.mark.django_db
def test_touching_sessions_do_not_clash(home_page):
    run(str(FIXTURE))

    edition = ForumEditionPage.objects.get(slug="igf2031")
    kinds = {conflict.kind for conflict in edition_conflicts(edition)}
    assert ConflictKind.ROOM_OVERLAP not in kinds


@pytest.mark.django_db
def test_importing_the_same_file_again_changes_nothing(home_page):
    run(str(FIXTURE))
    before = world()

    output = run(str(FIXTURE))

    assert world() == before
    assert (
        "Created: 0 room(s), 0 session type(s), 0 sub-theme(s), 0 person(s), 0 session(s), 0 placement(s)."
        in output
    )
    assert (
        "Updated: 0 person(s), 0 session(s), 0 session(s) moved; 4 session(s) unchanged."
        in output
    )


@pytest.mark.django_db
def test_an_update_moves_a_session_and_changes_its_content(home_page, tmp_path):
    run(str(FIXTURE))
    version = Placement.objects.get(session__guid=DATA).version
    document = fixture()
    data = event(document, DATA)
    data["date"] = "2031-06-24T14:00:00+02:00"
    data["title"] = "Data governance for small island states"
    data["persons"].append(
        {"guid": str(KWAME), "name": "Kwame Mensah", "role": "speaker"}
    )
    revisions = Revision.objects.count()

    output = run(write(tmp_path, document))

    session = SessionPage.objects.get(guid=DATA)
    placement = session.placement
    assert (
        placement.room.name,
        placement.start_at,
        placement.end_at,
        placement.version,
    ) == (
        "Workshop Room 1",
        utc(24, 12),
        utc(24, 13, 30),
        version + 1,
    )
    assert session.title == "Data governance for small island states"
    assert [(p.person.name, p.role) for p in session.participants.all()] == [
        ("Ingrid Johansen", "rapporteur"),
        ("Kwame Mensah", "speaker"),
    ]
    assert Revision.objects.count() == revisions + 1
    assert SessionPage.objects.count() == 4
    assert (
        "Updated: 0 person(s), 1 session(s), 1 session(s) moved; 3 session(s) unchanged."
        in output
    )
    assert (
        "Sessions moved:\n  - W #2 “Data governance for small island states”" in output
    )


@pytest.mark.django_db
def test_one_bad_event_means_nothing_is_imported(home_page, tmp_path):
    document = fixture()
    event(document, MAIN)["duration"] = "1:75"

    with pytest.raises(CommandError) as caught:
        run(write(tmp_path, document))

    assert str(caught.value).splitlines()[1:] == [
        '  - day 1, room "Plenary Hall", event 7f3c1a2b… ("Main session: digital trust"): '
        'duration "1:75" is not HH:MM'
    ]
    assert str(caught.value).startswith("Nothing was imported: 1 problem(s) in ")
    assert caught.value.returncode == 1
    assert not ForumEditionPage.objects.filter(slug="igf2031").exists()
    assert (
        Room.objects.count(),
        Person.objects.count(),
        SessionPage.objects.count(),
    ) == (0, 0, 0)


@pytest.mark.django_db
def test_a_bad_event_in_an_existing_edition_rolls_back_the_good_ones(
    home_page, tmp_path
):
    run(str(FIXTURE))
    before = world()
    document = fixture()
    event(document, OPENING)["title"] = "Opening ceremony of the forum"  # valid change
    event(document, DATA)["date"] = "24 June 2031, 9 am"

    with pytest.raises(CommandError) as caught:
        run(write(tmp_path, document))

    assert str(caught.value).splitlines()[1:] == [
        '  - day 2, room "Workshop Room 1", event 7f3c1a2b… ("Data governance for small '
        'states"): date "24 June 2031, 9 am" is not an ISO 8601 date and time'
    ]
    assert world() == before


@pytest.mark.django_db
def test_an_overlap_with_a_session_the_file_does_not_move_is_refused(
    home_page, tmp_path
):
    run(str(FIXTURE))
    edition = ForumEditionPage.objects.get(slug="igf2031")
    other = SessionPageFactory(
        session_type=SessionTypeFactory(
            edition=edition, name="Open Forum", prefix="OF"
        ),
        title="Open forum of the host",
    )
    PlacementFactory(
        session=other,
        room=Room.objects.get(name="Workshop Room 1"),
        start_at=utc(24, 12),
        end_at=utc(24, 13),
    )
    document = fixture()
    event(document, DATA)["date"] = "2031-06-24T14:30:00+02:00"

    with pytest.raises(CommandError) as caught:
        run(write(tmp_path, document))

    assert str(caught.value).splitlines()[1:] == [
        '  - day 2, room "Workshop Room 1", event 7f3c1a2b… ("Data governance for small '
        'states"): overlaps OF #1 "Open forum of the host", already placed in this room '
        "(2031-06-24 12:00–13:00 UTC)"
    ]
    assert SessionPage.objects.get(guid=DATA).placement.start_at == utc(24, 7)


@pytest.mark.django_db
def test_several_problems_are_all_named(home_page, tmp_path):
    document = fixture()
    conference = document["schedule"]["conference"]
    conference["time_zone_name"] = "CET"
    event(document, OPENING)["duration"] = "24:00"
    event(document, MAIN)["date"] = "2031-06-23T10:00:00+02:00"  # inside the opening
    community = event(document, COMMUNITY)
    community["end"] = "2031-06-23T10:00:00+02:00"
    community["persons"][0]["stakeholder_group"] = "Academia"
    community["persons"][0]["role"] = "chair"
    event(document, DATA)["guid"] = str(MAIN)

    with pytest.raises(CommandError) as caught:
        run(write(tmp_path, document))

    assert str(caught.value).splitlines()[1:] == [
        "  - conference: time_zone_name: “CET” is not a time zone of the IANA tz database. "
        "Use a name such as Europe/Oslo or Asia/Riyadh, not an abbreviation such as CET or "
        "GMT.",
        '  - day 1, room "Plenary Hall", event 7f3c1a2b… ("Opening ceremony"): '
        'duration "24:00" is 24 hours or more',
        '  - day 1, room "Workshop Room 1", event 7f3c1a2b… ("Community networks in rural '
        'areas"): end "2031-06-23T10:00:00+02:00" is not after the start '
        '"2031-06-23T11:00:00+02:00"',
        '  - day 1, room "Workshop Room 1", event 7f3c1a2b… ("Community networks in rural '
        'areas"), person "Sofía Álvarez": stakeholder_group "Academia" is not one of '
        "government (Government), intergovernmental (Intergovernmental Organization), "
        "civil_society (Civil Society), technical (Technical Community), private_sector "
        "(Private Sector)",
        '  - day 1, room "Workshop Room 1", event 7f3c1a2b… ("Community networks in rural '
        'areas"), person "Sofía Álvarez": role "chair" is not one of organizer, speaker, '
        "moderator, online_moderator, rapporteur",
        '  - day 2, room "Workshop Room 1", event 7f3c1a2b… ("Data governance for small '
        'states"): guid 7f3c1a2b-5d4e-4f60-8a1b-2c3d4e5f6a02 is also used by day 1, room '
        '"Plenary Hall", event 7f3c1a2b… ("Main session: digital trust")',
    ]


@pytest.mark.django_db
def test_overlapping_events_in_the_same_room_are_refused(home_page, tmp_path):
    document = fixture()
    event(document, MAIN)["date"] = "2031-06-23T10:00:00+02:00"

    with pytest.raises(CommandError) as caught:
        run(write(tmp_path, document))

    assert str(caught.value).splitlines()[1:] == [
        '  - day 1, room "Plenary Hall", event 7f3c1a2b… ("Main session: digital trust"): '
        'overlaps 7f3c1a2b… ("Opening ceremony") in the same room (10:00–11:30 and '
        "09:00–10:30)"
    ]


@pytest.mark.django_db
def test_a_file_that_is_not_json_is_refused(home_page, tmp_path):
    path = write(tmp_path, "<schedule><conference/></schedule>", "schedule.xml")

    with pytest.raises(CommandError) as caught:
        run(path)

    assert str(caught.value) == (
        f"{path}: The file is not JSON (line 1, column 1: Expecting value)."
    )
    assert caught.value.returncode == 1


@pytest.mark.django_db
def test_json_that_is_not_a_c3voc_schedule_is_refused(home_page, tmp_path):
    path = write(tmp_path, {"version": "1.0", "events": []})

    with pytest.raises(CommandError) as caught:
        run(path)

    assert str(caught.value) == (
        f"{path}: The file is JSON but not a c3voc schedule: it has no "
        "schedule.conference object."
    )


@pytest.mark.django_db
def test_a_missing_file_is_named(home_page, tmp_path):
    with pytest.raises(CommandError) as caught:
        run(str(tmp_path / "missing.json"))

    assert (
        str(caught.value)
        == f"Cannot read {tmp_path / 'missing.json'}: No such file or directory"
    )


@pytest.mark.django_db
def test_an_existing_edition_keeps_its_rooms_types_and_themes(home_page):
    edition = ForumEditionPageFactory(
        slug="igf2031",
        title="IGF 2031",
        year=2031,
        ordinal=26,
        time_zone="Europe/Berlin",
    )
    plenary = RoomFactory(edition=edition, name="plenary hall", capacity=1500)
    workshop = SessionTypeFactory(
        edition=edition, name="Workshop", prefix="WS", allowed_durations=[90]
    )
    SessionPageFactory(session_type=workshop, title="Planned outside the file")
    theme = EditionTheme.objects.create(
        page=edition, name="Digital Trust and Resilience", sort_order=0
    )
    revisions = edition.revisions.count()

    output = run(str(FIXTURE))

    assert Room.objects.filter(edition=edition).count() == 2
    assert SessionPage.objects.get(guid=MAIN).placement.room == plenary
    data = SessionPage.objects.get(guid=DATA)
    assert (data.code, data.theme) == ("WS #3", theme)
    assert SessionPage.objects.get(title="Planned outside the file").code == "WS #1"
    assert sorted(
        EditionTheme.objects.filter(page=edition).values_list("name", flat=True)
    ) == [
        "Digital Trust and Resilience",
        "Universal access and digital rights",
    ]
    # No pending draft of the edition: its live row is what the admin edits next.
    assert edition.revisions.count() == revisions
    assert "Edition igf2031 (existing): IGF 2031" in output
    assert (
        '  - day 1, room "Workshop Room 1", event 7f3c1a2b… ("Community networks in rural '
        'areas"): 60 minutes is not an allowed duration of "Workshop" (90)'
    ) in output
    assert (
        '  - conference time_zone_name "Europe/Oslo" differs from edition "igf2031" '
        "(Europe/Berlin); the edition keeps its own"
    ) in output
    assert (
        '  - 1 session(s) of edition "igf2031" are not in the file and were left as they '
        "were"
    ) in output


@pytest.mark.django_db
def test_a_new_theme_joins_a_pending_draft_of_the_edition(home_page):
    edition = ForumEditionPageFactory(
        slug="igf2031", year=2031, time_zone="Europe/Oslo"
    )
    draft = edition.get_latest_revision_as_object()
    draft.overarching_theme = "A draft theme"
    draft.save_revision()

    run(str(FIXTURE))

    edition.refresh_from_db()
    latest = edition.get_latest_revision_as_object()
    assert (latest.overarching_theme, sorted(t.name for t in latest.themes.all())) == (
        "A draft theme",
        ["Digital trust and resilience", "Universal access and digital rights"],
    )
    # Publishing that draft keeps the themes the imported sessions use.
    edition.get_latest_revision().publish()
    assert EditionTheme.objects.filter(page=edition).count() == 2


@pytest.mark.django_db
def test_people_are_matched_by_guid_then_by_name(home_page):
    by_guid = PersonFactory(name="Ingrid J.", organisation="Old ministry")
    Person.objects.filter(pk=by_guid.pk).update(guid=INGRID)
    by_name = PersonFactory(
        name="mei chen", organisation="APNIC", stakeholder_group="technical"
    )

    output = run(str(FIXTURE))

    by_guid.refresh_from_db()
    by_name.refresh_from_db()
    assert (
        by_guid.name,
        by_guid.organisation,
        by_guid.stakeholder_group,
        by_guid.regional_group,
    ) == (
        "Ingrid Johansen",
        "Ministry of Digitalisation",
        "government",
        "weog",
    )
    # Matched by name, the person keeps their own name and guid.
    assert (by_name.name, by_name.organisation, by_name.guid) == (
        "mei chen",
        "Asia Pacific Network Information Centre",
        by_name.guid,
    )
    main = SessionPage.objects.get(guid=MAIN)
    assert by_name in [p.person for p in main.participants.all()]
    assert Person.objects.count() == 5
    assert "Updated: 2 person(s), 0 session(s)" in output


@pytest.mark.django_db
def test_a_session_of_another_edition_is_refused(home_page, tmp_path):
    elsewhere = SessionPageFactory(title="Somewhere else")
    document = fixture()
    event(document, DATA)["guid"] = str(elsewhere.guid)

    with pytest.raises(CommandError) as caught:
        run(write(tmp_path, document))

    assert str(caught.value).splitlines()[1:] == [
        f'  - day 2, room "Workshop Room 1", event {str(elsewhere.guid)[:8]}… ("Data '
        f'governance for small states"): the session with this guid belongs to edition '
        f'"{elsewhere.edition.slug}"'
    ]


@pytest.mark.django_db
def test_a_new_edition_in_a_year_already_held_is_refused(home_page, tmp_path):
    ForumEditionPageFactory(slug="igf_bergen", year=2031)

    with pytest.raises(CommandError) as caught:
        run(str(FIXTURE))

    assert str(caught.value).splitlines()[1:] == [
        '  - conference: start "2031-06-23": edition "igf_bergen" is already held in 2031, '
        'so edition "igf2031" cannot be created'
    ]


@pytest.mark.django_db
def test_progress_is_reported_every_fifty_events(home_page, tmp_path):
    document = fixture()
    day = document["schedule"]["conference"]["days"][1]
    template = day["rooms"]["Workshop Room 1"][0]
    day["rooms"]["Workshop Room 1"] = []
    for n in range(120):
        copy_ = copy.deepcopy(template)
        copy_["guid"] = str(uuid.UUID(int=n + 1))
        start = dt.datetime(2031, 6, 24, 0, 0) + dt.timedelta(minutes=10 * n)
        copy_["date"] = f"{start:%Y-%m-%dT%H:%M}:00+02:00"
        copy_["duration"] = "00:10"
        copy_["persons"] = []
        day["rooms"]["Workshop Room 1"].append(copy_)

    output = run(write(tmp_path, document))

    assert [line for line in output.splitlines() if line.startswith("Imported ")] == [
        "Imported 50/123 events",
        "Imported 100/123 events",
        "Imported 123/123 events",
    ]


@pytest.mark.django_db
def test_release_after_a_successful_import(home_page, tmp_path):
    document = fixture()
    # Sofía Álvarez would otherwise be in two sessions at once.
    event(document, COMMUNITY)["date"] = "2031-06-23T12:00:00+02:00"
    event(document, COMMUNITY)["end"] = "2031-06-23T13:00:00+02:00"

    output = run(write(tmp_path, document), "--release", "First programme")

    release = Release.objects.get(edition__slug="igf2031")
    assert (release.number, release.message, release.released_by) == (
        1,
        "First programme",
        None,
    )
    assert sorted(release.sessions.values_list("session__guid", flat=True)) == sorted(
        [OPENING, MAIN, COMMUNITY, DATA]
    )
    assert output.endswith("Import complete.\nReleased version 1 of the schedule.\n")


@pytest.mark.django_db
def test_release_blocked_by_a_hard_conflict_keeps_the_import(home_page):
    with pytest.raises(CommandError) as caught:
        run(str(FIXTURE), "--release", "First programme")

    assert str(caught.value) == (
        "The import was saved, but the schedule was not released: The schedule still has "
        "1 hard conflict(s) (rooms double-booked or people in two places at once). Resolve "
        "them, or release anyway with a written reason.\n"
        "  - Sofía Álvarez is booked in MS #1 “Main session: digital trust” and W #1 "
        "“Community networks in rural areas” at the same time."
    )
    assert SessionPage.objects.filter(edition__slug="igf2031").count() == 4
    assert not Release.objects.exists()
