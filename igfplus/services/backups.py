"""Backups that can be restored: the database (SQLite's online backup, or pg_dump) and
the media files, with a manifest of what was counted when the backup was made.

``make_backup`` writes a new folder and never touches the live data; ``restore_backup``
replaces the database's content and the media with the folder's, after checking that the
folder is whole. Both work while the site runs (SQLite copies page by page under a read
lock; pg_dump reads one consistent snapshot).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404  # runs pg_dump/psql only, see _run
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"


class BackupError(Exception):
    """A backup that cannot be made or restored, with the reason in plain words."""


@dataclass(frozen=True)
class Backup:
    folder: Path
    engine: str
    counts: dict[str, int]


def record_counts() -> dict[str, int]:
    """Rows per model of the project's own apps: what a restore must give back."""
    own = {"igfplus", "cms", "forum_sessions", "intersessional", "outcomes", "search"}
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in own and not model._meta.proxy
    }


def make_backup(destination: Path, *, now: dt.datetime) -> Backup:
    folder = destination / f"igfplus-{now:%Y%m%dT%H%M%SZ}"
    folder.mkdir(parents=True, exist_ok=False)
    engine = connection.vendor
    if engine == "sqlite":
        _sqlite_backup(folder / SQLITE_FILE)
    elif engine == "postgresql":
        _pg_dump(folder / POSTGRES_FILE)
    else:
        raise BackupError(f"Backups of a {engine} database are not supported.")
    _archive_media(folder / MEDIA_FILE)
    counts = record_counts()
    (folder / MANIFEST).write_text(
        json.dumps(
            {"engine": engine, "created": now.isoformat(), "counts": counts},
            indent=2,
            sort_keys=True,
        )
    )
    return Backup(folder, engine, counts)


def read_backup(folder: Path) -> Backup:
    manifest = folder / MANIFEST
    if not manifest.is_file():
        raise BackupError(f"{folder} is not a backup: it has no {MANIFEST}.")
    data = json.loads(manifest.read_text())
    expected = SQLITE_FILE if data["engine"] == "sqlite" else POSTGRES_FILE
    for name in (expected, MEDIA_FILE):
        if not (folder / name).is_file():
            raise BackupError(
                f"The backup in {folder} is incomplete: {name} is missing."
            )
    return Backup(folder, data["engine"], data["counts"])


def restore_backup(backup: Backup) -> dict[str, int]:
    """Put the backup's database and media in place; return the rows counted after."""
    if backup.engine != connection.vendor:
        raise BackupError(
            f"This backup holds a {backup.engine} database; the site runs on "
            f"{connection.vendor}. Restore it into a {backup.engine} database."
        )
    connection.close()
    if backup.engine == "sqlite":
        _sqlite_restore(backup.folder / SQLITE_FILE)
    else:
        _pg_restore(backup.folder / POSTGRES_FILE)
    _restore_media(backup.folder / MEDIA_FILE)
    return record_counts()


# --- SQLite ---------------------------------------------------------------------------


def _sqlite_backup(target: Path) -> None:
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()


def _sqlite_restore(source: Path) -> None:
    connection.ensure_connection()
    with sqlite3.connect(source) as backup:
        backup.backup(connection.connection)
    backup.close()


# --- PostgreSQL -----------------------------------------------------------------------


def _pg_environment() -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    options = ["--host", db["HOST"] or "localhost", "--port", str(db["PORT"] or 5432)]
    options += ["--username", db["USER"], "--dbname", db["NAME"]]
    return options, {**os.environ, "PGPASSWORD": db["PASSWORD"] or ""}


def _pg_dump(target: Path) -> None:
    options, env = _pg_environment()
    _run(
        ["pg_dump", "--format=custom", "--no-owner", "--file", str(target), *options],
        env,
    )


def _pg_restore(source: Path) -> None:
    options, env = _pg_environment()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            *options,
            str(source),
        ],
        env,
    )


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not installed (Debian: apt-get install postgresql-client)."
        )
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603  # a fixed argument list, no shell
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


# --- media ----------------------------------------------------------------------------


def _archive_media(target: Path) -> None:
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(target, "w:gz") as archive:
        if media.is_dir():
            archive.add(media, arcname="media")


def _restore_media(source: Path) -> None:
    media = Path(settings.MEDIA_ROOT)
    media.parent.mkdir(parents=True, exist_ok=True)
    with (
        tarfile.open(source, "r:gz") as archive,
        tempfile.TemporaryDirectory(dir=media.parent) as staging,
    ):
        members = [m for m in archive.getmembers() if m.name.split("/")[0] == "media"]
        # The "data" filter refuses links and paths that would leave the folder.
        archive.extractall(staging, members=members, filter="data")
        if media.exists():
            shutil.rmtree(media)
        extracted = Path(staging) / "media"
        if extracted.is_dir():
            extracted.rename(media)
        else:
            media.mkdir()
