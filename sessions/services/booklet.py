"""Pure rules of the programme booklet (PDF): which sessions, grouped how, named how.

Everything here takes plain values (``PublicSession`` from a release) and returns plain
values, so the booklet's logic is tested without a database or a PDF renderer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode
from zoneinfo import ZoneInfo

from sessions.enums import PersonRole

if TYPE_CHECKING:
    from sessions.selectors import PublicPerson, PublicSession

# Raise when the booklet's layout changes so that cached booklets are rendered again.
LAYOUT_VERSION = 2  # 2: interpretation, captioning, sign language, joining online

# The programme filters a booklet accepts (the programme page's own query parameters).
FILTER_PARAMS = (
    "q",
    "theme",
    "type",
    "track",
    "room",
    "language",
    "attendance",
    "interpretation",
    "captioned",
    "sign_language",
    "online",
)

# People who take the floor: the speaker index lists them; organizers and rapporteurs
# are shown with the session but are not what a reader looks a name up for.
INDEXED_ROLES = (
    PersonRole.SPEAKER,
    PersonRole.ONSITE_MODERATOR,
    PersonRole.ONLINE_MODERATOR,
)


@dataclass(frozen=True)
class BookletQuery:
    """What a booklet shows, normalised so equal selections share one cached file."""

    filters: tuple[tuple[str, str], ...] = ()  # (programme filter parameter, value)
    day: dt.date | None = None  # a local day of the edition
    session_ids: tuple[int, ...] | None = None  # “my agenda”: the starred sessions

    @classmethod
    def build(
        cls,
        filters: Mapping[str, object],
        *,
        day: dt.date | None = None,
        session_ids: Iterable[int] | None = None,
    ) -> BookletQuery:
        """A query from filter values (empty ones dropped, spaces collapsed)."""
        cleaned = []
        for name, value in filters.items():
            if name not in FILTER_PARAMS:
                raise ValueError(f"Not a programme filter: {name!r}")
            text = " ".join(str(value if value is not None else "").split())
            if text:
                cleaned.append((name, text))
        ids = None if session_ids is None else tuple(sorted(set(session_ids)))
        return cls(filters=tuple(sorted(cleaned)), day=day, session_ids=ids)

    @classmethod
    def parse(cls, query: str) -> BookletQuery:
        """The query that ``query_string`` wrote (as stored with a booklet)."""
        filters: dict[str, str] = {}
        day = None
        session_ids = None
        for name, value in parse_qsl(query, keep_blank_values=True):
            if name == "day":
                day = dt.date.fromisoformat(value)
            elif name == "sessions":
                session_ids = [int(part) for part in value.split(",") if part]
            elif name != "mine":
                filters[name] = value
        return cls.build(filters, day=day, session_ids=session_ids)

    @property
    def is_mine(self) -> bool:
        return self.session_ids is not None

    @property
    def is_whole_programme(self) -> bool:
        return not self.filters and self.day is None and not self.is_mine

    @property
    def query_string(self) -> str:
        """The normalised query, e.g. ``day=2025-06-24&theme=3`` (empty for everything)."""
        pairs = list(self.filters)
        if self.day is not None:
            pairs.append(("day", self.day.isoformat()))
        if self.session_ids is not None:
            pairs.append(("mine", "1"))
            pairs.append(("sessions", ",".join(map(str, self.session_ids))))
        return urlencode(sorted(pairs))

    @property
    def key(self) -> str:
        """A fixed-length key naming this selection in this layout."""
        text = f"{LAYOUT_VERSION}\x1f{self.query_string}"
        return hashlib.sha256(text.encode()).hexdigest()

    def filename(self, *, acronym: str, version: int, language: str = "") -> str:
        """A download name such as ``igf2025-programme-v3.pdf``."""
        parts = [f"{acronym}-programme-v{version}"]
        if self.day is not None:
            parts.append(self.day.isoformat())
        if self.is_mine:
            parts.append("my-agenda")
        if self.filters:
            parts.append("selection")
        if language:
            parts.append(language)
        return "-".join(parts) + ".pdf"


def text_direction(text: str) -> str:
    """``rtl`` or ``ltr`` from the first strongly directional character, else ``auto``.

    What ``dir="auto"`` means in HTML, worked out here because WeasyPrint ignores it:
    an Arabic title in an English booklet (or the reverse) keeps its punctuation in place.
    """
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in {"R", "AL"}:
            return "rtl"
        if kind == "L":
            return "ltr"
    return "auto"


class TextDirections:
    """``directions["title"]``: the direction of a session's text field, for templates."""

    def __init__(self, session: PublicSession):
        self._session = session

    def __getitem__(self, name: str) -> str:
        value = getattr(self._session, name)
        if isinstance(value, tuple):
            value = " ".join(value)
        return text_direction(value)


@dataclass(frozen=True)
class BookletItem:
    """A session with its times in the edition's zone (None when it has no time)."""

    session: PublicSession
    local_start: dt.datetime | None
    local_end: dt.datetime | None

    @property
    def anchor(self) -> str:
        return session_anchor(self.session)

    @property
    def dir(self) -> TextDirections:
        return TextDirections(self.session)


@dataclass(frozen=True)
class BookletDay:
    date: dt.date
    items: tuple[BookletItem, ...]


@dataclass(frozen=True)
class IndexEntry:
    """A person in the speaker index with the sessions they take the floor in."""

    name: str
    organisation: str
    sessions: tuple[PublicSession, ...]

    @property
    def dir(self) -> str:
        return text_direction(self.name)

    @property
    def anchors(self) -> tuple[tuple[str, str], ...]:
        """(session code, anchor) pairs, for links that show the page number."""
        return tuple((s.code, session_anchor(s)) for s in self.sessions)


@dataclass(frozen=True)
class BookletContents:
    days: tuple[BookletDay, ...]
    undated: tuple[BookletItem, ...]  # released without a time (shown after the days)
    index: tuple[IndexEntry, ...]

    @property
    def items(self) -> tuple[BookletItem, ...]:
        """Every session in booklet order: day by day, then those without a time."""
        return (*(item for day in self.days for item in day.items), *self.undated)

    @property
    def session_count(self) -> int:
        return len(self.items)

    @property
    def cancelled_count(self) -> int:
        return sum(1 for item in self.items if item.session.is_cancelled)


def session_anchor(session: PublicSession) -> str:
    return f"session-{session.session_id}"


def select_sessions(
    sessions: Iterable[PublicSession],
    *,
    zone: ZoneInfo,
    day: dt.date | None = None,
    session_ids: Iterable[int] | None = None,
) -> list[PublicSession]:
    """The sessions on ``day`` (local to ``zone``) and among ``session_ids``, in order.

    ``None`` means no restriction; an empty ``session_ids`` (an empty agenda) keeps none.
    """
    wanted = None if session_ids is None else set(session_ids)
    return [
        session
        for session in sessions
        if (wanted is None or session.session_id in wanted)
        and (
            day is None
            or (session.start_at is not None and local_day(session, zone) == day)
        )
    ]


def local_day(session: PublicSession, zone: ZoneInfo) -> dt.date | None:
    """The day the session starts on in ``zone``, or None without a time."""
    if session.start_at is None:
        return None
    return session.start_at.astimezone(zone).date()


def booklet_days(
    sessions: Iterable[PublicSession], zone: ZoneInfo
) -> tuple[tuple[BookletDay, ...], tuple[BookletItem, ...]]:
    """Sessions grouped by local day, by start time within a day (ties keep their order).

    Returns the days and, apart, the sessions released without a time.
    """
    by_day: dict[dt.date, list[BookletItem]] = {}
    undated = []
    for session in sessions:
        if session.start_at is None:
            undated.append(BookletItem(session, None, None))
            continue
        start = session.start_at.astimezone(zone)
        end = session.end_at.astimezone(zone) if session.end_at else None
        by_day.setdefault(start.date(), []).append(BookletItem(session, start, end))
    days = tuple(
        BookletDay(date, tuple(sorted(items, key=lambda item: item.local_start)))
        for date, items in sorted(by_day.items())
    )
    return days, tuple(undated)


def speaker_index(sessions: Sequence[PublicSession]) -> tuple[IndexEntry, ...]:
    """Everyone who takes the floor, by name, with their sessions in the given order.

    One entry per person (two people who share a name stay apart); a person who has two
    roles in one session lists it once.
    """
    people: dict[str, PublicPerson] = {}
    appearances: dict[str, list[PublicSession]] = {}
    for session in sessions:
        for person in session.people:
            if person.role not in INDEXED_ROLES:
                continue
            people.setdefault(person.guid, person)
            listed = appearances.setdefault(person.guid, [])
            if session not in listed:
                listed.append(session)
    entries = [
        IndexEntry(
            name=people[guid].name,
            organisation=people[guid].organisation,
            sessions=tuple(listed),
        )
        for guid, listed in appearances.items()
    ]
    return tuple(
        sorted(entries, key=lambda e: (name_sort_key(e.name), e.name, e.organisation))
    )


def name_sort_key(name: str) -> str:
    """Sorts names across scripts: accents and case ignored (Émile with Emile)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def people_by_role(
    people: Iterable[PublicPerson],
) -> list[tuple[str, list[PublicPerson]]]:
    """(role label, people) in the roles' usual order, people in the session's order."""
    groups: dict[str, list[PublicPerson]] = {}
    for person in people:
        groups.setdefault(person.role, []).append(person)
    labels = dict(PersonRole.choices)
    order = list(labels)
    return [
        (str(labels.get(role, role)), groups[role])
        for role in sorted(
            groups, key=lambda role: order.index(role) if role in order else len(order)
        )
    ]


def booklet_contents(
    sessions: Sequence[PublicSession], zone: ZoneInfo
) -> BookletContents:
    """Everything the booklet prints, from the selected sessions."""
    days, undated = booklet_days(sessions, zone)
    contents = BookletContents(days=days, undated=undated, index=())
    return BookletContents(
        days=days,
        undated=undated,
        index=speaker_index([item.session for item in contents.items]),
    )
