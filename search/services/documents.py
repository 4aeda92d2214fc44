"""Plain values that flow between adapters, backends and views."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Private-use characters mark highlights inside plain text; they are stripped from indexed
# text, so after HTML-escaping, only they turn into <mark> tags.
MARK_START = "\ue000"
MARK_END = "\ue001"
_MARKS = str.maketrans({MARK_START: "", MARK_END: ""})

SORT_RELEVANCE = "relevance"
SORT_DATE = "date"
SORTS = (SORT_RELEVANCE, SORT_DATE)
PER_PAGE = 20


def clean_text(value: str) -> str:
    """Text safe to index: no highlight marks, no NUL (PostgreSQL refuses it)."""
    return (value or "").translate(_MARKS).replace("\x00", "")


def marked_html(text: str) -> SafeString:
    """Escaped text where only the highlight marks become ``<mark>`` elements."""
    html = escape(text)
    return mark_safe(  # noqa: S308  # nosec B308, B703  # escaped above; the marks are ours
        html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )


@dataclass(frozen=True)
class SearchDocument:
    """One public item to index, whatever its backend."""

    kind: str
    key: str
    title: str
    body: str
    url: str
    date: dt.date | None = None
    edition: str = ""  # the edition's slug (acronym), or ""
    language: str = "en"
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def cleaned(self) -> SearchDocument:
        return SearchDocument(
            kind=self.kind,
            key=str(self.key),
            title=clean_text(self.title)[:500] or "—",
            body=clean_text(self.body),
            url=self.url,
            date=self.date,
            edition=self.edition,
            language=self.language,
            facets={
                name: tuple(sorted({clean_text(v)[:200] for v in values if v}))
                for name, values in self.facets.items()
            },
        )

    def all_facets(self) -> dict[str, tuple[str, ...]]:
        """The facet values including the content type and the edition."""
        values = {"type": (self.kind,), **self.facets}
        if self.edition:
            values["edition"] = (self.edition,)
        return {name: v for name, v in values.items() if v}


@dataclass(frozen=True)
class SearchRequest:
    """What a visitor asked for: text, chosen facet values, sort and page."""

    text: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = SORT_RELEVANCE
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass(frozen=True)
class Hit:
    kind: str
    key: str
    title: str  # marked text (see marked_html)
    snippet: str  # marked text
    url: str
    date: dt.date | None
    edition: str
    facets: dict[str, list[str]]
    score: float | None = None

    @property
    def title_html(self) -> SafeString:
        return marked_html(self.title)

    @property
    def snippet_html(self) -> SafeString:
        return marked_html(self.snippet)


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


@dataclass
class SearchResults:
    request: SearchRequest
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetCount]]
    backend: str
    # Set when the configured backend failed and the database answered instead.
    fallback_reason: str = ""

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.request.per_page))


def plain_snippet(body: str, length: int = 240) -> str:
    """The start of the text, cut at a word, when there is nothing to highlight."""
    body = " ".join((body or "").split())
    if len(body) <= length:
        return body
    return body[:length].rsplit(" ", 1)[0] + " …"
