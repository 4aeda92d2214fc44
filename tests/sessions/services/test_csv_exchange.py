import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Revision

from cms.models import EditionTheme
from sessions.enums import Delivery, PersonRole, SessionStatus
from sessions.models import SessionPage
from sessions.services.csv_exchange import (
    COLUMNS,
    CsvInvalid,
    import_sessions_csv,
    parse_languages,
    write_sessions_csv,
)
from sessions.services.sessions import ParticipantSpec, update_session_content
from tests.factories import ForumEditionPageFactory, PersonFactory, RoomFactory
from tests.factories.programme import (
    PlacementFactory,
    SessionPageFactory,
    SessionTypeFactory,
)

HEADER = ",".join(COLUMNS)


@pytest.mark.parametrize(
    ("raw", "codes", "unknown"),
    [
        pytest.param("en; fr", ["en", "fr"], [], id="codes"),
        pytest.param("English, French,", ["en", "fr"], [], id="names"),
        pytest.param("AR;ar", ["ar"], [], id="duplicates_once"),
        pytest.param("", [], [], id="empty"),
        pytest.param("en; de; Klingon", ["en"], ["de", "Klingon"], id="unknown"),
    ],
)
def test_parse_languages(raw, codes, unknown):
    assert parse_languages(raw) == (codes, unknown)


@pytest.fixture
def scene(home_page):
    """An edition in Zurich: a placed workshop with speakers and an unplaced one."""
    edition = ForumEditionPageFactory(
        slug="igf2030", year=2030, time_zone="Europe/Zurich"
    )
    trust = EditionTheme.objects.create(
        page=edition, name="Digital trust", sort_order=0
    )
    EditionTheme.objects.create(page=edition, name="Universal access", sort_order=1)
    workshop = SessionTypeFactory(edition=edition, name="Workshop", prefix="WS")
    room = RoomFactory(edition=edition, name="Room A")
    amara = PersonFactory(name="Amara Okafor", organisation="Lagos Tech Hub")
    lars = PersonFactory(name="Lars Dubois", organisation="")
    placed = SessionPageFactory(
        session_type=workshop,
        title='=HYPERLINK("http://evil.example")',
        theme=trust,
        languages=["en", "fr"],
        description='Line one,\nline two; "quoted".',
        duration_minutes=90,
        delivery=Delivery.HYBRID,
        participants=[
            ParticipantSpec(person=amara),
            ParticipantSpec(person=lars),
            ParticipantSpec(
                person=PersonFactory(name="Olu Moderator"),
                role=PersonRole.ONSITE_MODERATOR,
            ),
        ],
    )
    PlacementFactory(
        session=placed,
        room=room,
        start_at=dt.datetime(2030, 6, 23, 7, 0, tzinfo=dt.UTC),
        end_at=dt.datetime(2030, 6, 23, 8, 30, tzinfo=dt.UTC),
    )
    unplaced = SessionPageFactory(
        session_type=workshop, title="Meaningful access", description=""
    )
    return {"edition": edition, "placed": placed, "unplaced": unplaced, "trust": trust}


def export(edition) -> str:
    out = io.StringIO(newline="")
    write_sessions_csv(edition=edition, out=out)
    return out.getvalue()


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def to_csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@pytest.mark.django_db
def test_export_writes_every_session_with_local_times(scene):
    placed, unplaced = scene["placed"], scene["unplaced"]

    text = export(scene["edition"])

    assert text == (
        f"{HEADER}\r\n"
        f'{placed.guid},WS #1,"\'=HYPERLINK(""http://evil.example"")",Workshop,'
        "Digital trust,accepted,Room A,2030-06-23T09:00:00+02:00,2030-06-23T10:30:00+02:00,"
        '90,hybrid,en; fr,,,,"Line one,\nline two; ""quoted"".",'
        "Amara Okafor (Lagos Tech Hub); Lars Dubois\r\n"
        f"{unplaced.guid},WS #2,Meaningful access,Workshop,,accepted,,,,60,onsite,en,,,,,\r\n"
    )


@pytest.mark.django_db
def test_export_shows_the_pending_draft_of_a_released_session(scene):
    placed = scene["placed"]
    placed.get_latest_revision().publish()
    placed.refresh_from_db()
    update_session_content(
        session=placed.get_latest_revision_as_object(),
        title="Data flows, redrafted",
        theme=None,
    )

    row = rows_of(export(scene["edition"]))[0]

    assert (row["title"], row["theme"], row["speakers"]) == (
        "Data flows, redrafted",
        "",
        "Amara Okafor (Lagos Tech Hub); Lars Dubois",
    )


@pytest.mark.django_db
def test_export_query_count_does_not_grow_with_sessions(scene):
    edition = scene["edition"]
    with CaptureQueriesContext(connection) as few:
        export(edition)
    workshop = scene["placed"].session_type
    for n in range(5):
        session = SessionPageFactory(
            session_type=workshop,
            participants=[ParticipantSpec(person=PersonFactory())],
        )
        PlacementFactory(session=session, room=RoomFactory(edition=edition))
        # A released session with a pending draft is read from its revision.
        if n % 2:
            session.get_latest_revision().publish()
            session.refresh_from_db()
            update_session_content(
                session=session.get_latest_revision_as_object(), title=f"Draft {n}"
            )

    with CaptureQueriesContext(connection) as many:
        text = export(edition)

    assert len(rows_of(text)) == 7
    assert len(many) == len(few) + 1  # the drafts' revisions, in one query


@pytest.mark.django_db
def test_import_updates_content_from_an_edited_export(scene):
    placed, unplaced = scene["placed"], scene["unplaced"]
    rows = rows_of(export(scene["edition"]))
    rows[0]["title"] = '\'=HYPERLINK("http://evil.example") and friends'
    rows[1].update(
        title="Meaningful access for all",
        theme="universal access",
        delivery="Online only",
        languages="Spanish; ar",
        duration_minutes="90",
        description="New text\r\nover two lines.",
    )
    revisions = Revision.objects.count()

    report = import_sessions_csv(edition=scene["edition"], text=to_csv(rows))

    placed.refresh_from_db()
    unplaced.refresh_from_db()
    assert placed.title == '=HYPERLINK("http://evil.example") and friends'
    assert (
        unplaced.title,
        unplaced.theme.name,
        unplaced.delivery,
        unplaced.languages,
        unplaced.duration_minutes,
        unplaced.description,
    ) == (
        "Meaningful access for all",
        "Universal access",
        "online",
        ["es", "ar"],
        90,
        "New text\nover two lines.",
    )
    assert Revision.objects.count() == revisions + 2
    assert (report.updated, report.unchanged, report.warnings) == (
        [
            'WS #1 “=HYPERLINK("http://evil.example") and friends”',
            "WS #2 “Meaningful access for all”",
        ],
        0,
        [],
    )


@pytest.mark.django_db
def test_importing_an_unchanged_export_changes_nothing(scene):
    text = export(scene["edition"])
    revisions = Revision.objects.count()

    report = import_sessions_csv(edition=scene["edition"], text=text)

    assert (report.updated, report.unchanged, report.warnings) == ([], 2, [])
    assert Revision.objects.count() == revisions
    assert export(scene["edition"]) == text


@pytest.mark.django_db
def test_import_reports_every_bad_cell_and_saves_nothing(scene):
    placed, unplaced = scene["placed"], scene["unplaced"]
    rows = rows_of(export(scene["edition"]))
    rows[0]["title"] = "A valid new title"
    rows[1].update(
        title="  ",
        theme="Cybersecurity",
        delivery="in person",
        languages="en; de",
        duration_minutes="1.5h",
    )
    rows.append({**rows[1], "guid": "not-a-guid"})
    rows.append({**rows[1], "guid": "00000000-0000-4000-8000-000000000001"})
    rows.append({**rows[0]})

    with pytest.raises(CsvInvalid) as caught:
        import_sessions_csv(edition=scene["edition"], text=to_csv(rows))

    assert caught.value.errors == [
        'row 3, column "title": the title is empty',
        'row 3, column "theme": "Cybersecurity" is not a sub-theme of edition "igf2030" '
        "(Digital trust, Universal access)",
        'row 3, column "delivery": "in person" is not one of onsite, hybrid, online',
        'row 3, column "languages": "de" is not a UN language (ar, zh, en, fr, ru, es or '
        "their names)",
        'row 3, column "duration_minutes": "1.5h" is not a whole number of minutes from 1 '
        "to 1439",
        'row 4, column "guid": "not-a-guid" is not a GUID',
        'row 5, column "guid": no session of edition "igf2030" has the GUID '
        "00000000-0000-4000-8000-000000000001",
        'row 6, column "guid": the same session is already on row 2',
    ]
    placed.refresh_from_db()
    assert placed.title == '=HYPERLINK("http://evil.example")'
    assert SessionPage.objects.get(pk=unplaced.pk).title == "Meaningful access"


@pytest.mark.django_db
def test_a_session_of_another_edition_is_unknown(scene):
    elsewhere = SessionPageFactory(title="Elsewhere")
    text = f"guid,title\r\n{elsewhere.guid},Renamed\r\n"

    with pytest.raises(CsvInvalid) as caught:
        import_sessions_csv(edition=scene["edition"], text=text)

    assert caught.value.errors == [
        f'row 2, column "guid": no session of edition "igf2030" has the GUID {elsewhere.guid}'
    ]


@pytest.mark.django_db
def test_placement_status_and_people_are_not_imported_but_reported(scene):
    placed = scene["placed"]
    rows = rows_of(export(scene["edition"]))
    rows[0].update(
        room="Room B",
        start="2030-06-23T07:00:00+00:00",  # the same instant, written in UTC
        end="2030-06-23T11:00:00+02:00",
        status="scheduled",
        speakers="",  # a cleared read-only cell says nothing
    )
    rows[1]["notes"] = "call the organizer"
    rows[0]["notes"] = ""

    report = import_sessions_csv(edition=scene["edition"], text=to_csv(rows))

    placement = SessionPage.objects.get(pk=placed.pk).placement
    assert (placement.room.name, placement.end_at, placement.version) == (
        "Room A",
        dt.datetime(2030, 6, 23, 8, 30, tzinfo=dt.UTC),
        1,
    )
    assert SessionPage.objects.get(pk=placed.pk).status == SessionStatus.ACCEPTED
    assert report.warnings == [
        'column "notes" is not known and was ignored',
        'row 2, column "status": "scheduled" differs from the programme ("accepted"), but '
        "this column is not imported: change it in the schedule editor or on the session "
        "page",
        'row 2, column "room": "Room B" differs from the programme ("Room A"), but this '
        "column is not imported: change it in the schedule editor or on the session page",
        'row 2, column "end": "2030-06-23T11:00:00+02:00" differs from the programme '
        '("2030-06-23T10:30:00+02:00"), but this column is not imported: change it in the '
        "schedule editor or on the session page",
    ]
    assert report.unchanged == 2


@pytest.mark.django_db
def test_a_file_with_only_some_columns_and_rows_changes_only_those(scene):
    placed, unplaced = scene["placed"], scene["unplaced"]
    text = f"\ufeffGUID;Title\r\n{unplaced.guid};Access for everyone\r\n;\r\n"

    report = import_sessions_csv(edition=scene["edition"], text=text)

    assert SessionPage.objects.get(pk=unplaced.pk).title == "Access for everyone"
    assert SessionPage.objects.get(pk=placed.pk).title == placed.title
    assert SessionPage.objects.count() == 2
    assert report.updated == ["WS #2 “Access for everyone”"]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        pytest.param(
            "", "The file is empty: its first row must name the columns.", id="empty"
        ),
        pytest.param(
            "code,title\r\nWS #1,Data\r\n",
            'The file has no "guid" column. Its first row must name the columns, e.g. '
            f"{HEADER}.",
            id="no_guid_column",
        ),
    ],
)
@pytest.mark.django_db
def test_files_without_a_usable_header_are_refused(scene, text, error):
    with pytest.raises(CsvInvalid) as caught:
        import_sessions_csv(edition=scene["edition"], text=text)
    assert caught.value.errors == [error]
