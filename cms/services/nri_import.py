"""Import NRIs from a CSV file (``name,acronym,kind,country,region,website,established``).

Reading and checking the rows is pure (``parse_nri_csv``); writing them is one atomic
service (``import_nris``): every row applies, or none does and each problem is named by
row and column. Rows are numbered as a spreadsheet numbers them (the header is row 1).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cms.enums import NriKind, NriRegion
from cms.models import NriIndexPage, NriPage
from cms.services.nris import place_problems
from cms.services.un_regional_groups import un_regional_group_of
from igfplus.csv_safety import restore_formula

COLUMNS = ("name", "acronym", "kind", "country", "region", "website", "established")
FIRST_YEAR = 1995  # the first national Internet governance initiatives came later

AT_CELL = _("row %(row)s, column %(column)s: %(problem)s")
EMPTY_FILE = _("The file is empty: its first row must name the columns.")
MISSING_COLUMNS = _(
    "row 1: the column(s) %(columns)s are missing; expected %(expected)s."
)
REQUIRED = _("this cell is required")
UNKNOWN_KIND = _(
    "“%(value)s” is not a kind of NRI: use national, sub-regional, regional or youth"
)
UNKNOWN_COUNTRY = _("“%(value)s” is not an ISO 3166 country code")
UNKNOWN_REGION = _("“%(value)s” is not a region: use one of %(choices)s")
BAD_WEBSITE = _("“%(value)s” is not a web address (it starts with https://)")
BAD_YEAR = _("“%(value)s” is not a year between %(first)s and %(last)s")
TOO_LONG = _("at most %(limit)s characters")
REPEATED_ACRONYM = _("the acronym “%(value)s” is also on row %(other)s")
NAME_TAKEN = _(
    "the acronym matches “%(title)s” but the name “%(value)s” belongs to another "
    "initiative (%(acronym)s)"
)


@dataclass(frozen=True)
class NriRow:
    row: int
    name: str
    acronym: str
    kind: str
    country: str
    region: str
    website: str
    established: int | None


class NriCsvInvalid(Exception):
    """The file cannot be imported; ``problems`` says why, one line per cell."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _at(row: int, column: str, problem) -> str:
    return str(AT_CELL % {"row": row, "column": column, "problem": problem})


def parse_nri_csv(text: str, *, current_year: int) -> list[NriRow]:
    """The file's rows, checked one by one; raises NriCsvInvalid with every problem."""
    header, records = _read(text)
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise NriCsvInvalid(
            [
                str(
                    MISSING_COLUMNS
                    % {"columns": ", ".join(missing), "expected": ",".join(COLUMNS)}
                )
            ]
        )
    rows, problems = [], []
    first_row_of: dict[str, int] = {}
    for number, record in records:
        row, row_problems = _check(number, record, current_year=current_year)
        key = row.acronym.lower()
        if key and key in first_row_of:
            row_problems.append(
                _at(
                    number,
                    "acronym",
                    REPEATED_ACRONYM
                    % {"value": row.acronym, "other": first_row_of[key]},
                )
            )
        first_row_of.setdefault(key, number)
        problems.extend(row_problems)
        rows.append(row)
    if problems:
        raise NriCsvInvalid(problems)
    return rows


def _check(number: int, record: dict[str, str], *, current_year: int):
    problems: list[str] = []

    def problem(column: str, message) -> None:
        problems.append(_at(number, column, message))

    name, acronym = record["name"].strip(), record["acronym"].strip()
    kind = record["kind"].strip().lower()
    country = record["country"].strip().upper()
    region_text = record["region"].strip()
    website = record["website"].strip()
    established_text = record["established"].strip()

    for column, value, limit in (("name", name, 255), ("acronym", acronym, 40)):
        if not value:
            problem(column, REQUIRED)
        elif len(value) > limit:
            problem(column, TOO_LONG % {"limit": limit})
    if kind not in NriKind.values:
        problem("kind", UNKNOWN_KIND % {"value": record["kind"].strip()})
    if country and country not in countries:
        problem("country", UNKNOWN_COUNTRY % {"value": record["country"].strip()})
    region = _region(region_text)
    if region_text and region is None:
        problem(
            "region",
            UNKNOWN_REGION
            % {"value": region_text, "choices": ", ".join(NriRegion.values)},
        )
    if kind in NriKind.values:
        for column, message in place_problems(
            kind=kind,
            # An unknown code is reported above; "x" keeps it from counting as empty.
            country=country if not country or country in countries else "x",
            region=region or region_text,
        ).items():
            if column == "country" and country and country not in countries:
                continue  # already said
            problem(column, message)
    if website:
        try:
            URLValidator(schemes=["http", "https"])(website)
        except ValidationError:
            problem("website", BAD_WEBSITE % {"value": website})
    established = None
    if established_text:
        if (
            established_text.isdigit()
            and FIRST_YEAR <= int(established_text) <= current_year
        ):
            established = int(established_text)
        else:
            problem(
                "established",
                BAD_YEAR
                % {
                    "value": established_text,
                    "first": FIRST_YEAR,
                    "last": current_year,
                },
            )
    row = NriRow(
        row=number,
        name=name,
        acronym=acronym,
        kind=kind,
        country=country,
        region=region or "",
        website=website,
        established=established,
    )
    return row, problems


def _region(text: str) -> str | None:
    """A region's key from its key or its English name, in any case."""
    wanted = text.strip().lower()
    for value, label in NriRegion.choices:
        if wanted in (value, str(label).lower()):
            return value
    return None


def _read(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and the non-blank records, numbered as a spreadsheet numbers rows."""
    text = text.removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise NriCsvInvalid([str(EMPTY_FILE)])
    # Spreadsheets in many locales save CSV with semicolons.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [restore_formula(cell).strip().lower() for cell in next(reader)]
    records = []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        cells = [restore_formula(cell) for cell in cells]
        cells += [""] * (len(header) - len(cells))
        records.append(
            (
                number,
                {
                    column: cells[i]
                    for i, column in enumerate(header)
                    if column in COLUMNS
                },
            )
        )
    return header, records


@dataclass
class NriImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


@transaction.atomic
def import_nris(
    *,
    rows: list[NriRow],
    index: NriIndexPage,
    progress: Callable[[int, int, str], None] | None = None,
) -> NriImportReport:
    """Create or update one NRI per row (by acronym in any case, else by name); all or
    nothing. Raises NriCsvInvalid when a row's acronym belongs to another NRI."""
    existing = list(NriPage.objects.child_of(index).specific())
    by_acronym = {page.acronym.lower(): page for page in existing}
    by_name = {page.title.lower(): page for page in existing}
    problems, plan = [], []
    for row in rows:
        named = by_name.get(row.name.lower())
        page = by_acronym.get(row.acronym.lower())
        if page is not None and named is not None and named.pk != page.pk:
            problems.append(
                _at(
                    row.row,
                    "name",
                    NAME_TAKEN
                    % {
                        "title": page.title,
                        "value": row.name,
                        "acronym": named.acronym,
                    },
                )
            )
        plan.append((row, page or named))
    if problems:
        raise NriCsvInvalid(problems)

    report = NriImportReport()
    slugs = {page.slug for page in existing}
    for done, (row, page) in enumerate(plan, start=1):
        label = f"{row.acronym} “{row.name}”"
        if page is None:
            page = NriPage(slug=_free_slug(row.acronym, slugs))
            _apply(page, row)
            index.add_child(instance=page)
            page.save_revision().publish()
            report.created.append(label)
        elif _apply(page, row):
            page.save_revision().publish()
            report.updated.append(label)
        else:
            report.unchanged.append(label)
        if progress:
            progress(done, len(plan), label)
    return report


def _apply(page: NriPage, row: NriRow) -> bool:
    """Copy the row onto the page; whether anything changed."""
    values = {
        "title": row.name,
        "acronym": row.acronym,
        "kind": row.kind,
        "country": row.country,
        "region": row.region,
        "website": row.website,
        "established_year": row.established,
    }
    group = un_regional_group_of(row.country)
    if group:
        values["un_regional_group"] = group
    changed = False
    for name, value in values.items():
        current = getattr(page, name)
        current = current.code or "" if name == "country" else current
        if current != value:
            setattr(page, name, value)
            changed = True
    if changed:
        page.draft_title = page.title
    return changed


def _free_slug(acronym: str, taken: set[str]) -> str:
    base = slugify(acronym) or "nri"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug
