"""Sessions as CSV for spreadsheet users: export, and import of content changes.

The export has one row per session of an edition, with times in the edition's local time
(ISO 8601 with the offset). The import reads such a file back and updates the content
of existing sessions, found by GUID: title, sub-theme, delivery, languages, interpretation,
captioning ("yes" or the caption languages), sign language, duration and
description. It never creates or deletes a session, and it is all or nothing: any bad
cell and nothing is saved, with each problem named by row and column. Where and when a
session takes place, its status, type and people are shown but not imported (they are
changed in the schedule editor and on the session page); a changed cell there is
reported as a warning.

Spreadsheets run cells that start with = + - @ as formulas, so such cells are written
with a leading apostrophe, which the import strips again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.db import transaction
from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision

from cms.models import EditionTheme, ForumEditionPage
from igfplus.csv_safety import defuse_formula, restore_formula
from igfplus.fields import UN_LANGUAGES
from sessions.enums import Delivery, PersonRole
from sessions.models import Person, SessionPage, SessionParticipant
from sessions.services.importers import choice_value
from sessions.services.sessions import latest_content, update_session_content

COLUMNS = (
    "guid",
    "code",
    "title",
    "type",
    "theme",
    "status",
    "room",
    "start",
    "end",
    "duration_minutes",
    "delivery",
    "languages",
    "interpretation_languages",
    "captioning",
    "sign_language",
    "description",
    "speakers",
)
CONTENT_COLUMNS = (
    "title",
    "theme",
    "delivery",
    "languages",
    "interpretation_languages",
    "captioning",
    "sign_language",
    "duration_minutes",
    "description",
)
READ_ONLY_COLUMNS = ("code", "type", "status", "room", "start", "end", "speakers")
LIST_SEPARATOR = "; "
MAX_TITLE_LENGTH = 255
MAX_SIGN_LANGUAGE_LENGTH = 100  # SessionPage.sign_language
CAPTIONING_YES = "yes"  # captions in the languages spoken
MAX_DURATION_MINUTES = 24 * 60 - 1
SPLIT_LIST = re.compile(r"\s*[;,]\s*")

AT_CELL = _('row %(row)s, column "%(column)s": %(problem)s')
EMPTY_FILE = _("The file is empty: its first row must name the columns.")
NO_GUID_COLUMN = _(
    'The file has no "guid" column. Its first row must name the columns, e.g. %(columns)s.'
)
GUID_EMPTY = _("the GUID is empty")
NOT_A_GUID = _('"%(value)s" is not a GUID')
UNKNOWN_SESSION = _('no session of edition "%(edition)s" has the GUID %(value)s')
DUPLICATE_ROW = _("the same session is already on row %(row)s")
TITLE_EMPTY = _("the title is empty")
TITLE_TOO_LONG = _("the title is longer than %(limit)s characters")
SIGN_LANGUAGE_TOO_LONG = _("the sign language is longer than %(limit)s characters")
UNKNOWN_THEME = _(
    '"%(value)s" is not a sub-theme of edition "%(edition)s" (%(choices)s)'
)
UNKNOWN_DELIVERY = _('"%(value)s" is not one of %(choices)s')
UNKNOWN_LANGUAGE = _(
    '"%(value)s" is not a UN language (ar, zh, en, fr, ru, es or their names)'
)
BAD_DURATION = _('"%(value)s" is not a whole number of minutes from 1 to %(limit)s')
UNKNOWN_COLUMN = _('column "%(column)s" is not known and was ignored')
NOT_IMPORTED = _(
    '"%(value)s" differs from the programme ("%(current)s"), but this column is not '
    "imported: change it in the schedule editor or on the session page"
)
NO_THEMES = _("the edition has no sub-themes")


class CsvInvalid(Exception):
    """Cells of the file are wrong; ``errors`` names each one. Nothing was saved."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass(frozen=True)
class ExportedSession:
    session: SessionPage  # the row: code, type, status, placement
    content: SessionPage  # its latest content (a pending draft if there is one)
    cells: dict[str, str]  # column → value, before formula protection


@dataclass
class CsvImportReport:
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)


# --- pure rules -----------------------------------------------------------------------


def format_speakers(speakers: Iterable[tuple[str, str]]) -> str:
    """ "Name (Organisation); Name" from (name, organisation) pairs."""
    return LIST_SEPARATOR.join(
        f"{name} ({organisation})" if organisation else name
        for name, organisation in speakers
    )


def format_captioning(has_captioning: bool, codes: Iterable[str]) -> str:
    """ "" without captioning, "yes" with captions in the languages spoken, else codes."""
    if not has_captioning:
        return ""
    return LIST_SEPARATOR.join(codes) or CAPTIONING_YES


def parse_captioning(raw: str) -> tuple[bool, list[str], list[str]]:
    """(captioned, language codes, what was not a language) from a captioning cell."""
    text = raw.strip()
    if not text:
        return False, [], []
    if text.casefold() == CAPTIONING_YES:
        return True, [], []
    codes, unknown = parse_languages(text)
    return True, codes, unknown


def parse_languages(raw: str) -> tuple[list[str], list[str]]:
    """UN language codes from "en; fr" or "English, French", and what was not one."""
    by_name: dict[str, str] = {}
    for code, label in UN_LANGUAGES:
        by_name[code] = code
        by_name[str(label).casefold()] = code
        with translation.override("en"):
            by_name[str(label).casefold()] = code
    codes: list[str] = []
    unknown: list[str] = []
    for part in SPLIT_LIST.split(raw.strip()):
        if not part:
            continue
        code = by_name.get(part.casefold())
        if code is None:
            unknown.append(part)
        elif code not in codes:
            codes.append(code)
    return codes, unknown


def _local(moment: dt.datetime | None, time_zone) -> str:
    return moment.astimezone(time_zone).isoformat() if moment else ""


def _same_instant(first: str, second: str) -> bool:
    try:
        return dt.datetime.fromisoformat(first) == dt.datetime.fromisoformat(second)
    except ValueError:
        return False


# --- export ---------------------------------------------------------------------------


def exported_sessions(edition: ForumEditionPage) -> list[ExportedSession]:
    """Every session of the edition as CSV cells, placed ones first in time order (5 queries)."""
    sessions = list(
        SessionPage.objects.filter(edition=edition)
        .select_related("session_type", "theme", "placement__room")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=SessionParticipant.objects.order_by("sort_order", "pk"),
            )
        )
    )
    # A released session with a pending edit: its content is in the latest revision.
    drafts = Revision.objects.in_bulk(
        [s.latest_revision_id for s in sessions if s.live and s.has_unpublished_changes]
    )
    contents = {
        session.pk: (
            SessionPage.from_serializable_data(
                drafts[session.latest_revision_id].content, check_fks=False
            )
            if session.latest_revision_id in drafts
            else session
        )
        for session in sessions
    }
    themes = {
        theme.pk: theme.name for theme in EditionTheme.objects.filter(page=edition)
    }
    person_ids = {
        participant.person_id
        for content in contents.values()
        for participant in content.participants.all()
        if participant.role == PersonRole.SPEAKER
    }
    people = Person.objects.in_bulk(person_ids)
    time_zone = edition.tzinfo
    sessions.sort(key=_export_order)
    return [
        ExportedSession(
            session,
            contents[session.pk],
            _cells(session, contents[session.pk], themes, people, time_zone),
        )
        for session in sessions
    ]


def write_sessions_csv(*, edition: ForumEditionPage, out: TextIO) -> int:
    """Write the edition's sessions as CSV to ``out``; return how many rows were written."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    rows = exported_sessions(edition)
    for row in rows:
        writer.writerow([defuse_formula(row.cells[column]) for column in COLUMNS])
    return len(rows)


def _export_order(session: SessionPage) -> tuple:
    placement = getattr(session, "placement", None)
    if placement is None:
        return (
            1,
            dt.datetime.max.replace(tzinfo=dt.UTC),
            0,
            "",
            session.session_type.sort_order,
            session.session_type.prefix,
            session.number,
        )
    return (
        0,
        placement.start_at,
        placement.room.sort_order,
        placement.room.name,
        session.session_type.sort_order,
        session.session_type.prefix,
        session.number,
    )


def _cells(session, content, themes, people, time_zone) -> dict[str, str]:
    placement = getattr(session, "placement", None)
    speakers = [
        people[p.person_id]
        for p in content.participants.all()
        if p.role == PersonRole.SPEAKER and p.person_id in people
    ]
    return {
        "guid": str(session.guid),
        "code": session.code,
        "title": content.title,
        "type": session.session_type.name,
        "theme": themes.get(content.theme_id, ""),
        "status": session.status,
        "room": placement.room.name if placement else "",
        "start": _local(placement.start_at if placement else None, time_zone),
        "end": _local(placement.end_at if placement else None, time_zone),
        "duration_minutes": str(content.duration_minutes),
        "delivery": content.delivery,
        "languages": LIST_SEPARATOR.join(content.languages or []),
        "interpretation_languages": LIST_SEPARATOR.join(
            content.interpretation_languages or []
        ),
        "captioning": format_captioning(
            content.has_captioning, content.captioning_languages or []
        ),
        "sign_language": content.sign_language,
        "description": content.description,
        "speakers": format_speakers((p.name, p.organisation) for p in speakers),
    }


# --- import ---------------------------------------------------------------------------


@transaction.atomic
def import_sessions_csv(
    *, edition: ForumEditionPage, text: str, by=None
) -> CsvImportReport:
    """Update the content of the sessions the CSV names; all or nothing."""
    header, records = _read(text)
    known = {row.session.guid: row for row in exported_sessions(edition)}
    themes = {
        theme.name.casefold(): theme
        for theme in EditionTheme.objects.filter(page=edition)
    }
    report = CsvImportReport()
    report.warnings.extend(
        str(UNKNOWN_COLUMN % {"column": column})
        for column in header
        if column not in COLUMNS
    )
    errors: list[str] = []
    seen: dict[uuid.UUID, int] = {}
    changes: list[tuple[ExportedSession, dict]] = []
    for row_number, record in records:
        problems: list[tuple[str, Any]] = []
        exported = _session_of(record, row_number, edition, known, seen, problems)
        if exported is not None:
            changed = _content_changes(
                record, exported.content, themes, edition, problems
            )
            if not problems:
                changes.append((exported, changed))
            report.warnings.extend(
                _at(row_number, column, message)
                for column, message in _read_only_differences(record, exported)
            )
        errors.extend(_at(row_number, column, message) for column, message in problems)
    if errors:
        raise CsvInvalid(errors)

    for exported, changed in changes:
        if not changed:
            report.unchanged += 1
            continue
        content = latest_content(exported.session)
        update_session_content(session=content, by=by, **changed)
        report.updated.append(f"{exported.session.code} “{content.title}”")
    return report


def _at(row: int, column: str, problem) -> str:
    return str(AT_CELL % {"row": row, "column": column, "problem": problem})


def _read_only_differences(record, exported: ExportedSession) -> list[tuple[str, Any]]:
    """Cells of columns that are not imported and differ from the programme."""
    differences = []
    for column in READ_ONLY_COLUMNS:
        value = record.get(column, "").strip()
        current = exported.cells[column]
        if not value or value == current:
            continue
        if column in ("start", "end") and _same_instant(value, current):
            continue
        differences.append(
            (column, NOT_IMPORTED % {"value": value, "current": current})
        )
    return differences


def _read(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and the non-blank records, numbered as a spreadsheet numbers rows."""
    text = text.removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise CsvInvalid([str(EMPTY_FILE)])
    # Spreadsheets in many locales save CSV with semicolons.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [restore_formula(cell).strip().lower() for cell in next(reader)]
    if "guid" not in header:
        raise CsvInvalid([str(NO_GUID_COLUMN % {"columns": ",".join(COLUMNS)})])
    records = []
    for row_number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        cells = [restore_formula(cell) for cell in cells] + [""] * (
            len(header) - len(cells)
        )
        records.append(
            (
                row_number,
                {
                    column: cells[index]
                    for index, column in enumerate(header)
                    if column in COLUMNS
                },
            )
        )
    return header, records


def _session_of(
    record: dict[str, str],
    row_number: int,
    edition: ForumEditionPage,
    known: dict[uuid.UUID, ExportedSession],
    seen: dict[uuid.UUID, int],
    problems: list[tuple[str, Any]],
) -> ExportedSession | None:
    """The session the row names by GUID, or None with the problem noted."""
    raw = record["guid"].strip()
    if not raw:
        problems.append(("guid", GUID_EMPTY))
        return None
    try:
        guid = uuid.UUID(raw)
    except ValueError:
        problems.append(("guid", NOT_A_GUID % {"value": raw}))
        return None
    exported = known.get(guid)
    if exported is None:
        problems.append(
            ("guid", UNKNOWN_SESSION % {"edition": edition.slug, "value": raw})
        )
        return None
    if guid in seen:
        problems.append(("guid", DUPLICATE_ROW % {"row": seen[guid]}))
        return None
    seen[guid] = row_number
    return exported


def _content_changes(
    record: dict[str, str],
    content: SessionPage,
    themes: dict[str, EditionTheme],
    edition: ForumEditionPage,
    problems: list[tuple[str, Any]],
) -> dict[str, Any]:
    """The content fields the row changes; problems with its cells are noted."""
    wanted: dict[str, Any] = {}
    if "title" in record:
        title = record["title"].strip()
        if not title:
            problems.append(("title", TITLE_EMPTY))
        elif len(title) > MAX_TITLE_LENGTH:
            problems.append(("title", TITLE_TOO_LONG % {"limit": MAX_TITLE_LENGTH}))
        wanted["title"] = title
    if "theme" in record:
        name = record["theme"].strip()
        theme = themes.get(name.casefold()) if name else None
        if name and theme is None:
            choices = ", ".join(t.name for t in themes.values()) or NO_THEMES
            problems.append(
                (
                    "theme",
                    UNKNOWN_THEME
                    % {"value": name, "edition": edition.slug, "choices": choices},
                )
            )
        wanted["theme"] = theme
    if "delivery" in record:
        raw = record["delivery"].strip()
        value = choice_value(Delivery, raw) if raw else None
        if value is None:
            choices = ", ".join(str(v) for v in Delivery.values)
            problems.append(
                ("delivery", UNKNOWN_DELIVERY % {"value": raw, "choices": choices})
            )
        wanted["delivery"] = value
    if "languages" in record:
        codes, unknown = parse_languages(record["languages"])
        problems.extend(
            ("languages", UNKNOWN_LANGUAGE % {"value": part}) for part in unknown
        )
        wanted["languages"] = codes
    if "interpretation_languages" in record:
        codes, unknown = parse_languages(record["interpretation_languages"])
        problems.extend(
            ("interpretation_languages", UNKNOWN_LANGUAGE % {"value": part})
            for part in unknown
        )
        wanted["interpretation_languages"] = codes
    if "captioning" in record:
        has_captioning, codes, unknown = parse_captioning(record["captioning"])
        problems.extend(
            ("captioning", UNKNOWN_LANGUAGE % {"value": part}) for part in unknown
        )
        wanted["has_captioning"] = has_captioning
        wanted["captioning_languages"] = codes
    if "sign_language" in record:
        text = " ".join(record["sign_language"].split())
        if len(text) > MAX_SIGN_LANGUAGE_LENGTH:
            problems.append(
                (
                    "sign_language",
                    SIGN_LANGUAGE_TOO_LONG % {"limit": MAX_SIGN_LANGUAGE_LENGTH},
                )
            )
        wanted["sign_language"] = text
    if "duration_minutes" in record:
        raw = record["duration_minutes"].strip()
        minutes = int(raw) if raw.isdigit() else 0
        if not 1 <= minutes <= MAX_DURATION_MINUTES:
            problems.append(
                (
                    "duration_minutes",
                    BAD_DURATION % {"value": raw, "limit": MAX_DURATION_MINUTES},
                )
            )
        wanted["duration_minutes"] = minutes
    if "description" in record:
        wanted["description"] = record["description"].replace("\r\n", "\n")
    changed = {}
    for name, value in wanted.items():
        if name == "theme":
            if content.theme_id != (value.pk if value else None):
                changed[name] = value
        elif getattr(content, name) != value:
            changed[name] = value
    return changed
