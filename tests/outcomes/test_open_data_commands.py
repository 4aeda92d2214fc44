import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command

from outcomes.enums import EvidenceLevel, UptakeKind, UptakeStatus
from outcomes.models import Transmission, UptakeEvent
from outcomes.services.open_data import export_outcomes
from tests.outcomes.services.test_open_data import delete_outcomes, open_data_scene


@pytest.fixture
def scene(home_page):
    return open_data_scene()


# --- export_outcomes / import_outcomes --------------------------------------------------


def test_export_to_a_file_then_import_into_an_empty_database(scene, tmp_path, capsys):
    path = tmp_path / "outcomes.json"
    call_command("export_outcomes", "igf2025", "--output", str(path))
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert exported == export_outcomes(scene.edition)
    delete_outcomes()

    call_command("import_outcomes", str(path))

    out = capsys.readouterr().out
    assert out.splitlines() == [
        "Created: 1 forums, 1 documents, 1 versions, 2 messages, 1 transmissions, "
        "2 events.",
        "Updated: 0 forums, 0 documents, 0 versions, 0 messages, 0 transmissions, "
        "0 events.",
        "Unchanged: 0 forums, 0 documents, 0 versions, 0 messages, 0 transmissions, "
        "0 events.",
        "Import complete.",
    ]
    assert export_outcomes(scene.edition) == exported


def test_export_to_standard_output(scene, capsys):
    call_command("export_outcomes")

    assert json.loads(capsys.readouterr().out) == export_outcomes()


def test_export_unknown_edition(home_page):
    with pytest.raises(CommandError) as raised:
        call_command("export_outcomes", "igf1999")
    assert str(raised.value) == 'There is no edition "igf1999".'


def test_import_errors_are_listed_and_nothing_is_saved(scene, tmp_path):
    data = export_outcomes()
    delete_outcomes()
    data["transmissions"][0]["forum"] = "nowhere"
    data["transmissions"][0]["events"][1]["occurred_on"] = "2026-01-01"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(CommandError) as raised:
        call_command("import_outcomes", str(path))

    where = f"transmissions[0] (guid {scene.transmission.guid})"
    assert str(raised.value).splitlines() == [
        f"Nothing was imported: 1 problem(s) in {path}:",
        f"  - {where}, events[1]: The event is dated 2026-01-01, before the "
        "transmission was sent on 2026-04-14.",
    ]
    data["transmissions"][0]["events"][1]["occurred_on"] = "2026-05-02"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command("import_outcomes", str(path))
    assert str(raised.value).splitlines()[1:] == [
        f'  - {where}: forum "nowhere" is neither in the file nor a forum of this site'
    ]
    assert Transmission.objects.count() == 0


def test_import_file_that_is_not_outcomes(tmp_path, db):
    path = tmp_path / "schedule.json"
    path.write_text('{"schedule": {}}', encoding="utf-8")

    with pytest.raises(CommandError) as raised:
        call_command("import_outcomes", str(path))

    assert str(raised.value) == (
        f"{path}: The file is JSON but not an IGF+ outcomes file: it has no "
        '"format": "igfplus-outcomes".'
    )


# --- import_uptake_csv ------------------------------------------------------------------

HEADER = "transmission,kind,occurred_on,evidence_level,evidence_url,document_symbol,quoted_passage\n"


def test_uptake_csv_adds_events_and_derives_statuses(scene, tmp_path, capsys):
    guid = scene.transmission.guid
    path = tmp_path / "uptake.csv"
    path.write_text(
        HEADER
        + f"{guid},reflected,2026-07-01,direct,https://undocs.org/x,A/RES/80/1,'=Recalls the IGF\n"
        # The same event as one recorded: its evidence is brought up to date.
        + f"{guid},Acknowledged,2026-04-20,indirect,,,\n",
        encoding="utf-8",
    )

    call_command("import_uptake_csv", str(path))

    assert capsys.readouterr().out.splitlines() == [
        "1 event(s) added, 1 updated, 0 unchanged; the status of 1 transmission(s) "
        "derived again."
    ]
    scene.transmission.refresh_from_db()
    assert scene.transmission.status == UptakeStatus.REFLECTED
    reflected = UptakeEvent.objects.get(kind=UptakeKind.REFLECTED, deleted_at=None)
    assert reflected.quoted_passage == "=Recalls the IGF"
    assert reflected.occurred_on == dt.date(2026, 7, 1)
    assert reflected.document_symbol == "A/RES/80/1"
    acknowledged = UptakeEvent.objects.get(kind=UptakeKind.ACKNOWLEDGED)
    assert acknowledged.evidence_level == EvidenceLevel.INDIRECT


def test_uptake_csv_errors_per_row_and_column_save_nothing(scene, tmp_path):
    guid = scene.transmission.guid
    path = tmp_path / "uptake.csv"
    path.write_text(
        HEADER
        + f"{guid},reflected,2026-07-01,direct,,,\n"
        + "not-a-guid,adopted,2026-13-01,strong,ftp://x,,\n"
        + f"{guid},discussed,2026-01-02,direct,,,\n"
        + "00000000-0000-4000-8000-000000000000,discussed,,direct,,,\n",
        encoding="utf-8",
    )
    before = UptakeEvent.objects.count()

    with pytest.raises(CommandError) as raised:
        call_command("import_uptake_csv", str(path))

    assert str(raised.value).splitlines() == [
        f"Nothing was saved: 8 problem(s) in {path}:",
        '  - row 3, column "transmission": "not-a-guid" is not a GUID',
        '  - row 3, column "kind": "adopted" is not one of acknowledged, discussed, '
        "referenced, reflected, no_action, withdrawn",
        '  - row 3, column "evidence_level": "strong" is not one of direct, indirect',
        '  - row 3, column "occurred_on": "2026-13-01" is not a date (YYYY-MM-DD)',
        '  - row 3, column "evidence_url": "ftp://x" is not a web address (https://…)',
        '  - row 4, column "occurred_on": The event is dated 2026-01-02, before the '
        "transmission was sent on 2026-04-14.",
        '  - row 5, column "transmission": no transmission has the GUID '
        "00000000-0000-4000-8000-000000000000",
        '  - row 5, column "occurred_on": the cell is empty',
    ]
    assert UptakeEvent.objects.count() == before
    scene.transmission.refresh_from_db()
    assert scene.transmission.status == UptakeStatus.REFERENCED


def test_uptake_csv_without_the_required_columns(db, tmp_path):
    path = tmp_path / "uptake.csv"
    path.write_text("transmission;kind\n", encoding="utf-8")

    with pytest.raises(CommandError) as raised:
        call_command("import_uptake_csv", str(path))

    assert str(raised.value).splitlines()[1] == (
        '  - The file has no "occurred_on", "evidence_level" column(s). Its first row '
        "must name the columns: transmission,kind,occurred_on,evidence_level,"
        "evidence_url,document_symbol,quoted_passage."
    )
