"""The backup drill: back up, lose data, restore — the exports come back identical."""

import json

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.urls import reverse

from sessions.models import Release
from sessions.services.releases import release_schedule
from tests.factories import ForumEditionPageFactory, RoomFactory
from tests.factories.programme import SessionPageFactory, SessionTypeFactory
from tests.sessions.conftest import local, schedule

# Restoring replaces the whole database, so the test cannot run inside a transaction;
# the serialized copy puts back the rows migrations made (the home page, the roles).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True)
    (settings.MEDIA_ROOT / "documents" / "report.pdf").write_bytes(b"%PDF-1.7 report")
    return settings.MEDIA_ROOT


@pytest.fixture
def released():
    edition = ForumEditionPageFactory(slug="igf2031", year=2031)
    workshop = SessionTypeFactory(edition=edition, name="Workshop", prefix="WS")
    room = RoomFactory(edition=edition, name="Room A")
    for hour, title in ((10, "Data flows"), (14, "Meaningful access")):
        session = SessionPageFactory(session_type=workshop, title=title)
        schedule(session, room, local(edition, 1, hour))
    release_schedule(edition=edition, by=None, message="v1")
    return edition


def exports(client, edition) -> list[bytes]:
    cache.clear()
    return [
        client.get(reverse(name, args=[edition.slug])).content
        for name in ("programme:c3voc", "programme:frab", "programme:ical")
    ]


def test_restoring_a_backup_gives_back_identical_exports_and_media(
    client, released, media, tmp_path
):
    before = exports(client, released)
    call_command("backup", "--to", str(tmp_path / "backups"))
    (folder,) = (tmp_path / "backups").iterdir()

    # The disaster: the releases and a document are lost.
    Release.objects.all().delete()
    (media / "documents" / "report.pdf").unlink()
    assert client.get(f"/{released.slug}/programme/schedule.json").status_code == 404

    call_command("restore", str(folder), "--yes")

    assert exports(client, released) == before
    assert (media / "documents" / "report.pdf").read_bytes() == b"%PDF-1.7 report"


def test_a_folder_that_is_not_a_backup_is_refused(tmp_path):
    with pytest.raises(
        CommandError, match=r"is not a backup: it has no manifest\.json"
    ):
        call_command("restore", str(tmp_path), "--yes")


def test_an_incomplete_backup_is_refused_and_nothing_changes(released, media, tmp_path):
    call_command("backup", "--to", str(tmp_path))
    (folder,) = tmp_path.glob("igfplus-*")
    (folder / "media.tar.gz").unlink()

    with pytest.raises(CommandError, match=r"incomplete: media\.tar\.gz is missing"):
        call_command("restore", str(folder), "--yes")
    assert Release.objects.count() == 1


def test_a_backup_of_another_database_engine_is_refused(released, media, tmp_path):
    call_command("backup", "--to", str(tmp_path))
    (folder,) = tmp_path.glob("igfplus-*")
    manifest = json.loads((folder / "manifest.json").read_text())
    other = "postgresql" if manifest["engine"] == "sqlite" else "sqlite"
    manifest["engine"] = other
    (folder / "manifest.json").write_text(json.dumps(manifest))
    for name in ("database.sqlite3", "database.dump"):
        (folder / name).touch()

    with pytest.raises(CommandError, match=f"holds a {other} database"):
        call_command("restore", str(folder), "--yes")
