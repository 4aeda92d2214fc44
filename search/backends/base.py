"""The interface every search backend offers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from search.services.documents import SearchDocument, SearchRequest, SearchResults

Progress = Callable[[int], None]


class BackendUnavailable(Exception):
    """The backend could not be reached; the caller falls back or retries later."""


class SearchBackend(Protocol):
    name: str

    def index(self, documents: Sequence[SearchDocument]) -> None:
        """Add or replace these documents."""

    def delete(self, kind: str, keys: Sequence[str]) -> None:
        """Remove these items (unknown keys are ignored)."""

    def search(self, request: SearchRequest) -> SearchResults:
        """One page of matches, with facet counts over all matches."""

    def suggest(self, text: str, limit: int = 8) -> list[dict]:
        """Titles that start with the words typed: [{"title", "url", "kind"}]."""

    def counts(self) -> dict[str, int]:
        """Number of indexed items per content type."""

    def rebuild(
        self, batches: Iterable[Sequence[SearchDocument]], progress: Progress
    ) -> int:
        """Replace the whole index with these documents; returns how many were indexed."""
