"""The content types search knows: one adapter each, registered here.

Adding a type is one small class in ``search/adapters/`` and one line in ``ADAPTERS``:
what it indexes (only public items), which model changes concern which of its items.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from django.db.models import Model

from search.services.documents import SearchDocument

# Returns the object keys (of the adapter's kind) that a changed instance concerns.
KeysOf = Callable[[Model], Sequence[str]]


@dataclass(frozen=True)
class Watch:
    """A model whose saves and deletes concern items of an adapter."""

    model: type[Model]
    keys: KeysOf
    # A hard delete of the model itself removes the item (only for the item's own model).
    is_own_model: bool = False


class Adapter:
    """How one content type becomes search documents."""

    kind: str = ""
    label: str = ""
    batch_size = 500

    def watches(self) -> list[Watch]:
        raise NotImplementedError

    def documents(self, keys: Sequence[str]) -> dict[str, SearchDocument]:
        """Documents of the keys that are public now; a missing key is not public."""
        raise NotImplementedError

    def public_keys(self) -> Iterator[str]:
        """Keys of every public item, for a full reindex and the drift check."""
        raise NotImplementedError

    def public_count(self) -> int:
        return sum(1 for _ in self.public_keys())

    def all_documents(self) -> Iterator[list[SearchDocument]]:
        """Every public item, in batches."""
        keys = list(self.public_keys())
        for start in range(0, len(keys), self.batch_size):
            chunk = keys[start : start + self.batch_size]
            found = self.documents(chunk)
            yield [found[key] for key in chunk if key in found]


def adapters() -> dict[str, Adapter]:
    """Every registered adapter by kind, in display order."""
    from search.adapters.network import BodyAdapter, NriAdapter, OutputAdapter
    from search.adapters.outcomes import (
        DocumentAdapter,
        MessageAdapter,
        TransmissionAdapter,
    )
    from search.adapters.pages import PageAdapter
    from search.adapters.sessions import SessionAdapter

    global _ADAPTERS
    if _ADAPTERS is None:
        _ADAPTERS = {
            adapter.kind: adapter
            for adapter in (
                SessionAdapter(),
                MessageAdapter(),
                DocumentAdapter(),
                TransmissionAdapter(),
                NriAdapter(),
                BodyAdapter(),
                OutputAdapter(),
                PageAdapter(),
            )
        }
    return _ADAPTERS


_ADAPTERS: dict[str, Adapter] | None = None


def adapter(kind: str) -> Adapter | None:
    return adapters().get(kind)
