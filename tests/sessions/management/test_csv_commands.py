import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from sessions.models import SessionPage
from sessions.services.csv_exchange import COLUMNS
from tests.factories import ForumEditionPageFactory
from tests.factories.programme import SessionPageFactory, SessionTypeFactory

HEADER = ",".join(COLUMNS)


@pytest.fixture
def edition(home_page):
    edition = ForumEditionPageFactory(slug="igf2030", year=2030)
    workshop = SessionTypeFactory(edition=edition, name="Workshop", prefix="WS")
    SessionPageFactory(session_type=workshop, title="Data flows", description="")
    SessionPageFactory(session_type=workshop, title="علم البيانات", description="")
    return edition


def command(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_export_to_a_file_is_utf8_with_a_byte_order_mark(edition, tmp_path):
    path = tmp_path / "sessions.csv"

    out, _err = command("export_sessions_csv", "igf2030", "--output", str(path))

    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n")
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert [line.split(",")[1:3] for line in lines[1:3]] == [
        ["WS #1", "Data flows"],
        ["WS #2", "علم البيانات"],
    ]
    assert out == f"Exported 2 session(s) of igf2030 to {path}.\n"


@pytest.mark.django_db
def test_export_to_standard_output_keeps_the_summary_apart(edition):
    out, err = command("export_sessions_csv", "igf2030")

    assert out.startswith(f"{HEADER}\r\n")
    assert len(out.split("\r\n")) == 4  # header, two sessions, the final line end
    assert err == "Exported 2 session(s) of igf2030.\n"


@pytest.mark.django_db
def test_an_unknown_edition_is_named(edition):
    with pytest.raises(CommandError) as caught:
        command("export_sessions_csv", "igf1999")
    assert str(caught.value) == (
        "There is no edition with the acronym “igf1999”. Known editions: igf2030."
    )


@pytest.mark.django_db
def test_import_applies_an_edited_export(edition, tmp_path):
    path = tmp_path / "sessions.csv"
    command("export_sessions_csv", "igf2030", "--output", str(path))
    text = path.read_text(encoding="utf-8-sig").replace(
        "Data flows", "Cross-border data flows"
    )
    path.write_text(text, encoding="utf-8-sig", newline="")

    out, _err = command("import_sessions_csv", "igf2030", str(path))

    assert SessionPage.objects.get(number=1).title == "Cross-border data flows"
    assert out == (
        "Updated 1 session(s); 1 unchanged.\n"
        "  - WS #1 “Cross-border data flows”\n"
        "Import complete.\n"
    )


@pytest.mark.django_db
def test_import_with_a_bad_cell_saves_nothing(edition, tmp_path):
    first, second = SessionPage.objects.order_by("number")
    path = tmp_path / "sessions.csv"
    path.write_text(
        f"guid,title,duration_minutes\n{first.guid},Renamed,60\n{second.guid},Also renamed,0\n",
        encoding="utf-8",
    )
    revisions = Revision.objects.count()

    with pytest.raises(CommandError) as caught:
        command("import_sessions_csv", "igf2030", str(path))

    assert str(caught.value) == (
        f"Nothing was imported: 1 problem(s) in {path}:\n"
        '  - row 3, column "duration_minutes": "0" is not a whole number of minutes from 1 '
        "to 1439"
    )
    assert caught.value.returncode == 1
    assert list(
        SessionPage.objects.order_by("number").values_list("title", flat=True)
    ) == [
        "Data flows",
        "علم البيانات",
    ]
    assert Revision.objects.count() == revisions


@pytest.mark.django_db
def test_import_refuses_a_file_that_is_not_utf8(edition, tmp_path):
    path = tmp_path / "sessions.csv"
    path.write_bytes("guid,title\n,Café\n".encode("cp1252"))

    with pytest.raises(CommandError) as caught:
        command("import_sessions_csv", "igf2030", str(path))

    assert str(caught.value) == (
        f"{path} is not UTF-8 text: save it from the spreadsheet as “CSV UTF-8”."
    )
