"""Stable, opaque cursors: keyset pagination on each list's unique key.

A cursor is base64url of JSON ``{"after": <last key>, "query": <hash>}``. The hash covers
the endpoint and every filter (not ``limit`` or ``cursor``), so a cursor taken from one
query is refused by another instead of silently skipping or repeating rows. Because the
key is unique and the rows are ordered by it, a row added or removed between two
requests never shifts the rows of the next page.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema

from igfplus.api.errors import (
    BAD_CURSOR,
    CURSOR_MISMATCH,
    CURSOR_OF_ANOTHER_QUERY,
    CURSOR_UNREADABLE,
    UNKNOWN_PARAMETER,
    UNKNOWN_PARAMETERS,
    ApiError,
)

DEFAULT_LIMIT = 50
# Above this the request is refused (400), never clamped: a client that asked for 500
# rows and silently got 200 would think it had them all.
MAX_LIMIT = 200
MAX_CURSOR_CHARS = 200
_NOT_FILTERS = ("cursor", "limit")


class PageParams(Schema):
    limit: int = Field(
        DEFAULT_LIMIT,
        ge=1,
        le=MAX_LIMIT,
        description=f"Items per page, 1 to {MAX_LIMIT} (more is refused with 400).",
    )
    cursor: str | None = Field(
        None,
        max_length=MAX_CURSOR_CHARS,
        description="Where to continue: copy it from the previous page's “next” link.",
    )


def reject_unknown_parameters(request, *schemas: type[Schema]) -> None:
    """Refuse query parameters that none of ``schemas`` declares (a typo is not ignored)."""
    allowed = {
        field.alias or name
        for schema in schemas
        for name, field in schema.model_fields.items()
    }
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        raise ApiError(
            400,
            UNKNOWN_PARAMETER,
            UNKNOWN_PARAMETERS
            % {
                "names": ", ".join(unknown),
                "allowed": ", ".join(sorted(allowed)) or "none",
            },
            field=unknown[0],
        )


def query_hash(request) -> str:
    """What identifies a query: its endpoint and its filters, in a canonical order."""
    filters = {
        name: sorted(request.GET.getlist(name))
        for name in sorted(request.GET)
        if name not in _NOT_FILTERS
    }
    text = json.dumps([request.path, filters], sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def encode_cursor(after: Any, query: str) -> str:
    raw = json.dumps({"after": after, "query": query}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(request, cursor: str | None, *, key_type: type = int) -> Any:
    """The key after which the page starts (None for the first page)."""
    if cursor is None:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        after, query = data["after"], data["query"]
    except (
        binascii.Error,
        UnicodeError,
        ValueError,
        TypeError,
        KeyError,
    ) as error:
        raise ApiError(400, BAD_CURSOR, CURSOR_UNREADABLE, field="cursor") from error
    # bool is an int in Python; a cursor never carries one. Keys fit a database integer.
    if (
        type(after) is not key_type
        or not isinstance(query, str)
        or (key_type is int and not 0 <= after < 2**63)
    ):
        raise ApiError(400, BAD_CURSOR, CURSOR_UNREADABLE, field="cursor")
    if query != query_hash(request):
        raise ApiError(400, CURSOR_MISMATCH, CURSOR_OF_ANOTHER_QUERY, field="cursor")
    return after


def next_link(request, after: Any) -> str:
    """The absolute URL of the next page: the same query with a cursor after ``after``."""
    query = request.GET.copy()
    query["cursor"] = encode_cursor(after, query_hash(request))
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def keyset_page(
    request, queryset: QuerySet, params: PageParams, *, key: str = "pk"
) -> tuple[list, str | None]:
    """One page of ``queryset`` ordered by the unique ``key``, and the next page's link.

    Reads ``limit + 1`` rows: the extra row only says whether there is a next page.
    """
    after = decode_cursor(request, params.cursor)
    if after is not None:
        queryset = queryset.filter(**{f"{key}__gt": after})
    rows = list(queryset.order_by(key)[: params.limit + 1])
    return _cut(request, rows, params.limit, _key_reader(key))


def keyset_list(
    request,
    items: Sequence,
    params: PageParams,
    *,
    key: Callable[[Any], int],
) -> tuple[list, str | None]:
    """The same over a list a selector built in memory (NRIs, bodies: a few hundred)."""
    after = decode_cursor(request, params.cursor)
    ordered = sorted(items, key=key)
    if after is not None:
        ordered = [item for item in ordered if key(item) > after]
    return _cut(request, ordered[: params.limit + 1], params.limit, key)


def _key_reader(key: str) -> Callable[[Any], Any]:
    def read(row):
        if isinstance(row, dict):
            return row[key]
        if isinstance(row, tuple | list):
            return row[0]
        if isinstance(row, int):
            return row
        return getattr(row, key)

    return read


def _cut(request, rows: list, limit: int, key) -> tuple[list, str | None]:
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, next_link(request, key(rows[-1]))
