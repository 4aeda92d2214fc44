"""Bulk downloads for the Open data page: each edition's released programme, its outcomes
and the NRIs, as CSV and JSON (``/open-data/``).

Everything here is built from what the public pages already show — the latest release
(``sessions.selectors.public_schedule``), the public outcomes
(``outcomes.services.open_data.export_outcomes``) and the NRI directory
(``cms.selectors.nri_directory``) — so nothing unreleased, draft, deleted or private can
reach a file: no e-mail, no gender, no account.

The functions below are pure: plain values in, bytes out. ``DATASETS`` is the data
dictionary the Open data page prints; every CSV column and JSON field is named there, and
the suite checks that the files and the dictionary agree.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from igfplus.csv_safety import defuse_formula
from sessions.enums import PersonRole

# Raise when a column or field changes meaning: cached copies are then not reused.
DOWNLOADS_VERSION = 1
LICENCE = "CC-BY-4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LIST_SEPARATOR = "; "  # between the items of a list in one CSV cell


@dataclass(frozen=True)
class Column:
    """One CSV column (and the JSON field of the same name)."""

    name: str
    type: str  # as the dictionary prints it: text, date, date-time, integer, list …
    meaning: str


@dataclass(frozen=True)
class Dataset:
    """One downloadable table: its file stem, title, formats and columns."""

    stem: str  # programme, outcomes, transmissions, nris
    title: str
    description: str
    formats: tuple[str, ...]
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


PROGRAMME = Dataset(
    stem="programme",
    title=_("Programme"),
    description=_(
        "One row per session of the edition's latest release, cancelled sessions "
        "included (see status). The JSON file lists each person as an object."
    ),
    formats=("csv", "json"),
    columns=(
        Column("guid", "GUID", _("The session's identifier; never changes.")),
        Column("code", _("text"), _('Type prefix and number, e.g. "WS #12".')),
        Column("title", _("text"), _("The session's title.")),
        Column("url", "URL", _("The session's page.")),
        Column(
            "status", _("text"), _("scheduled or cancelled, as of the latest release.")
        ),
        Column("type", _("text"), _("The session type, e.g. Workshop.")),
        Column(
            "track",
            _("text"),
            _("high-level, parliamentary, youth, or empty."),
        ),
        Column("theme", _("text"), _("The edition's sub-theme, or empty.")),
        Column("room", _("text"), _("The room, or empty when not placed.")),
        Column(
            "start",
            _("date-time"),
            _("ISO 8601, in the edition's local time with its UTC offset."),
        ),
        Column("end", _("date-time"), _("ISO 8601, like start.")),
        Column(
            "time_zone", _("text"), _("The edition's IANA time zone, e.g. Asia/Riyadh.")
        ),
        Column(
            "languages",
            _("list"),
            _("Language codes of the session, separated by semicolons."),
        ),
        Column("delivery", _("text"), _("onsite, hybrid or online.")),
        Column("description", _("text"), _("The session's description.")),
        Column(
            "speakers",
            _("list"),
            _('Speakers as "Name (Organisation)", separated by semicolons.'),
        ),
        Column(
            "moderators",
            _("list"),
            _("Onsite and online moderators, written like speakers."),
        ),
        Column("organizers", _("list"), _("Organizers, written like speakers.")),
        Column("rapporteurs", _("list"), _("Rapporteurs, written like speakers.")),
    ),
)

# The people of a session in programme.json: only what a session page shows.
PERSON_FIELDS = (
    Column("guid", "GUID", _("The person's identifier across editions.")),
    Column("name", _("text"), _("Their name as shown publicly.")),
    Column("organisation", _("text"), _("Their organisation, or empty.")),
    Column(
        "stakeholder_group",
        _("text"),
        _(
            "government, intergovernmental, civil_society, technical, private_sector, "
            "or empty."
        ),
    ),
    Column("regional_group", _("text"), _("Their UN regional group, or empty.")),
    Column(
        "role",
        _("text"),
        _("organizer, speaker, onsite_moderator, online_moderator or rapporteur."),
    ),
    Column("presence", _("text"), _("onsite or online.")),
)

OUTCOMES = Dataset(
    stem="outcomes",
    title=_("Outcomes: policy messages"),
    description=_(
        "One row per public policy message of the edition's outcome documents. The JSON "
        "file is the complete igfplus-outcomes format (documents, versions, messages, "
        "sources, forums, transmissions and uptake events) described in "
        "docs/open-data.md."
    ),
    formats=("csv", "json"),
    columns=(
        Column("document_guid", "GUID", _("The outcome document's identifier.")),
        Column("document_kind", _("text"), _("messages, summary, bpf, pn, dc, …")),
        Column("document_title", _("text"), _("The document's title.")),
        Column(
            "document_status",
            _("text"),
            _("public_comment or final."),
        ),
        Column("document_published_on", _("date"), _("YYYY-MM-DD, or empty.")),
        Column("message_guid", "GUID", _("The message's identifier.")),
        Column("order", _("integer"), _("The message's place in its document.")),
        Column("title", _("text"), _("The message's short title, may be empty.")),
        Column("text", _("text"), _("The message itself.")),
        Column("theme", _("text"), _("The sub-theme's name, or empty.")),
        Column(
            "sdgs",
            _("list"),
            _("Sustainable Development Goal numbers, separated by semicolons."),
        ),
        Column(
            "addressed_to",
            _("list"),
            _("Stakeholder groups the message addresses, separated by semicolons."),
        ),
        Column(
            "sources",
            _("list"),
            _(
                'What the message draws on, as "kind:session GUID or title", '
                "separated by semicolons."
            ),
        ),
    ),
)

TRANSMISSIONS = Dataset(
    stem="transmissions",
    title=_("Outcomes: transmissions and uptake"),
    description=_(
        "One row per uptake event of each public transmission of the edition's "
        "messages or documents; a transmission without events has one row with empty "
        "event columns. In JSON, see the transmissions of outcomes.json."
    ),
    formats=("csv",),
    columns=(
        Column("transmission_guid", "GUID", _("The transmission's identifier.")),
        Column("forum", _("text"), _("The slug of the forum it was sent to.")),
        Column(
            "channel",
            _("text"),
            _(
                "leadership_panel, briefing, session_at_forum, formal_report or "
                "submission."
            ),
        ),
        Column("sent_on", _("date"), _("YYYY-MM-DD.")),
        Column("actor", _("text"), _("Who carried it.")),
        Column("messages", _("list"), _("GUIDs of the messages sent.")),
        Column("document", "GUID", _("The whole document sent, or empty.")),
        Column("document_symbol", _("text"), _("e.g. E/CN.16/2025/2.")),
        Column("evidence_url", "URL", _("Evidence of the transmission.")),
        Column(
            "status", _("text"), _("Derived from the latest event; sent while none.")
        ),
        Column(
            "event_kind",
            _("text"),
            _("acknowledged, discussed, referenced, reflected, no_action, withdrawn."),
        ),
        Column("event_occurred_on", _("date"), _("YYYY-MM-DD.")),
        Column(
            "event_evidence_level",
            _("text"),
            _(
                "direct (the forum's record names the IGF input) or indirect (the "
                "topic appears; no proof of uptake)."
            ),
        ),
        Column("event_evidence_url", "URL", _("Where the event is recorded.")),
        Column("event_document_symbol", _("text"), _("The forum's document symbol.")),
        Column("event_quoted_passage", _("text"), _("The passage quoted as evidence.")),
    ),
)

NRIS = Dataset(
    stem="nris",
    title=_("National, regional and youth IGFs (NRIs)"),
    description=_("One row per published NRI, whatever the edition."),
    formats=("csv", "json"),
    columns=(
        Column("acronym", _("text"), _("e.g. EuroDIG.")),
        Column("name", _("text"), _("The initiative's name.")),
        Column("url", "URL", _("Its page on this site.")),
        Column("kind", _("text"), _("national, regional, subregional or youth.")),
        Column("country", _("text"), _("ISO 3166 country code, or empty.")),
        Column("region", _("text"), _("The region's name, or empty.")),
        Column("un_regional_group", _("text"), _("The UN regional group, or empty.")),
        Column("website", "URL", _("Its own website.")),
        Column("established_year", _("integer"), _("Year established, or empty.")),
        Column(
            "recognition_status", _("text"), _("The secretariat's recognition status.")
        ),
        Column("recognized_on", _("date"), _("YYYY-MM-DD, or empty.")),
        Column(
            "is_active",
            _("boolean"),
            _("Whether its annual reports are up to date (true or false)."),
        ),
    ),
)

EDITION_DATASETS = (PROGRAMME, OUTCOMES, TRANSMISSIONS)
DATASETS = (*EDITION_DATASETS, NRIS)


# --- CSV ----------------------------------------------------------------------------------


def csv_bytes(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> bytes:
    """UTF-8 CSV (no BOM) with a header row; every cell safe from spreadsheet formulas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in columns])
    return buffer.getvalue().encode("utf-8")


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return defuse_formula(LIST_SEPARATOR.join(str(item) for item in value))
    return defuse_formula(value)


def json_bytes(data: Any) -> bytes:
    """Indented UTF-8 JSON ending with a newline (readable, stable bytes)."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _file(kind: str, **fields: Any) -> dict[str, Any]:
    return {
        "format": f"igfplus-{kind}",
        "version": DOWNLOADS_VERSION,
        "licence": LICENCE,
        **fields,
    }


# --- the programme -------------------------------------------------------------------------


def programme_records(schedule, *, site_url: str) -> list[dict[str, Any]]:
    """The sessions of a ``PublicSchedule`` as plain records, people as objects.

    ``site_url`` is the site's origin without a trailing slash.
    """
    zone = schedule.edition.tzinfo
    return [
        {
            "guid": session.guid,
            "code": session.code,
            "title": session.title,
            "url": f"{site_url}{session.url}",
            "status": session.status,
            "type": session.type_name,
            "track": session.track,
            "theme": session.theme_name,
            "room": session.room_name,
            "start": _local(session.start_at, zone),
            "end": _local(session.end_at, zone),
            "time_zone": schedule.edition.time_zone,
            "languages": list(session.languages),
            "delivery": session.delivery,
            "description": session.description,
            "people": [
                {
                    "guid": person.guid,
                    "name": person.name,
                    "organisation": person.organisation,
                    "stakeholder_group": person.stakeholder_group,
                    "regional_group": person.regional_group,
                    "role": person.role,
                    "presence": person.presence,
                }
                for person in session.people
            ],
        }
        for session in sorted(
            schedule.sessions,
            key=lambda s: (s.start_at is None, s.start_at or dt.datetime.min, s.code),
        )
    ]


def _local(moment: dt.datetime | None, zone) -> str:
    return "" if moment is None else moment.astimezone(zone).isoformat()


PEOPLE_COLUMNS = {
    "speakers": (PersonRole.SPEAKER,),
    "moderators": (PersonRole.ONSITE_MODERATOR, PersonRole.ONLINE_MODERATOR),
    "organizers": (PersonRole.ORGANIZER,),
    "rapporteurs": (PersonRole.RAPPORTEUR,),
}


def programme_csv(records: list[dict[str, Any]]) -> bytes:
    """The programme records as CSV: people grouped by role into four list columns."""

    def row(record: dict[str, Any]) -> dict[str, Any]:
        flat = {key: value for key, value in record.items() if key != "people"}
        for column, person_roles in PEOPLE_COLUMNS.items():
            flat[column] = [
                _named(person)
                for person in record["people"]
                if person["role"] in person_roles
            ]
        return flat

    return csv_bytes(PROGRAMME.column_names, map(row, records))


def _named(person: dict[str, Any]) -> str:
    organisation = person["organisation"]
    return f"{person['name']} ({organisation})" if organisation else person["name"]


def programme_json(records: list[dict[str, Any]], *, edition, release) -> bytes:
    """The programme records as the ``igfplus-programme`` JSON file."""
    return json_bytes(
        _file(
            "programme",
            edition=edition.slug,
            release=release.number,
            released_at=release.released_at.astimezone(dt.UTC).isoformat(),
            sessions=records,
        )
    )


# --- the outcomes -------------------------------------------------------------------------


def message_rows(outcomes: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per message of an ``export_outcomes`` document, with its document's fields."""
    return [
        {
            "document_guid": document["guid"],
            "document_kind": document["kind"],
            "document_title": document["title"],
            "document_status": document["status"],
            "document_published_on": document["published_on"] or "",
            "message_guid": message["guid"],
            "order": message["order"],
            "title": message["title"],
            "text": message["text"],
            "theme": message["theme"] or "",
            "sdgs": message["sdgs"],
            "addressed_to": message["addressed_to"],
            "sources": [_source_label(source) for source in message["sources"]],
        }
        for document in outcomes["documents"]
        for message in document["messages"]
    ]


def _source_label(source: dict[str, Any]) -> str:
    return f"{source['kind']}:{source['session'] or source['title']}"


def transmission_rows(outcomes: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per uptake event (or per transmission without any) of an export."""
    rows = []
    for transmission in outcomes["transmissions"]:
        sent = {
            "transmission_guid": transmission["guid"],
            "forum": transmission["forum"],
            "channel": transmission["channel"],
            "sent_on": transmission["sent_on"],
            "actor": transmission["actor"],
            "messages": transmission["messages"],
            "document": transmission["document"] or "",
            "document_symbol": transmission["document_symbol"],
            "evidence_url": transmission["evidence_url"],
            "status": transmission["status"],
        }
        rows.extend(
            {
                **sent,
                "event_kind": event["kind"],
                "event_occurred_on": event["occurred_on"],
                "event_evidence_level": event["evidence_level"],
                "event_evidence_url": event["evidence_url"],
                "event_document_symbol": event["document_symbol"],
                "event_quoted_passage": event["quoted_passage"],
            }
            for event in transmission["events"]
        )
        if not transmission["events"]:
            rows.append(sent)
    return rows


def outcomes_csv(outcomes: dict[str, Any]) -> bytes:
    return csv_bytes(OUTCOMES.column_names, message_rows(outcomes))


def transmissions_csv(outcomes: dict[str, Any]) -> bytes:
    return csv_bytes(TRANSMISSIONS.column_names, transmission_rows(outcomes))


# --- the NRIs ---------------------------------------------------------------------------


def nri_records(listings, *, site_url: str) -> list[dict[str, Any]]:
    """The NRI directory's listings as plain records."""
    return [
        {
            "acronym": nri.acronym,
            "name": nri.title,
            "url": f"{site_url}{nri.url}",
            "kind": nri.kind,
            "country": nri.country,
            "region": nri.region_name,
            "un_regional_group": nri.group,
            "website": nri.website,
            "established_year": nri.established_year,
            "recognition_status": nri.status,
            "recognized_on": nri.recognized_on.isoformat()
            if nri.recognized_on
            else None,
            "is_active": nri.is_active,
        }
        for nri in listings
    ]


def nris_csv(records: list[dict[str, Any]]) -> bytes:
    return csv_bytes(NRIS.column_names, records)


def nris_json(records: list[dict[str, Any]]) -> bytes:
    return json_bytes(_file("nris", nris=records))
