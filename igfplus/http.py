"""Conditional responses for documents that change only when their source changes.

Feeds and exports are read by machines that poll (calendar apps every hour, schedule
apps at start-up). Each document has a version string — for the programme, the release
it comes from — so a poll costs one lookup: ``304 Not Modified`` when the client has it,
the cached bytes when another client asked first, a fresh rendering otherwise.

Documents given a ``keep_in`` scope are also kept in the database (``StoredDocument``):
the cache is per process, so without it every app server would render each release's
documents again, and again after every restart.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

from igfplus.models import StoredDocument

CACHE_SECONDS = 60 * 60 * 24 * 30  # the key changes with every release anyway
CACHE_PREFIX = "igfplus:document:"


def document_etag(*parts: object) -> str:
    """A short, quoted ETag naming one version of one document."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:32]
    return quote_etag(digest)


def versioned_document(
    request: HttpRequest,
    *,
    etag: str,
    last_modified: dt.datetime,
    content_type: str,
    render: Callable[[], bytes],
    filename: str = "",
    max_age: int = 60 * 15,
    private: bool = False,
    keep_in: str = "",
) -> HttpResponse:
    """``render()``'s bytes with validators; 304 when the client already has this version.

    ``filename`` makes the response a download (``Content-Disposition: attachment``);
    private documents (a person's agenda) are never kept in shared caches. ``keep_in``
    keeps the rendering in the database under that scope until ``forget_documents``.
    """
    unchanged = not_modified(
        request,
        etag=etag,
        last_modified=last_modified,
        max_age=max_age,
        private=private,
    )
    if unchanged is not None:
        return unchanged
    if private:
        body = render()
    else:
        body = _kept_rendering(etag.strip('"'), render, scope=keep_in)
    return conditional_bytes(
        request,
        body,
        etag=etag,
        last_modified=last_modified,
        content_type=content_type,
        filename=filename,
        max_age=max_age,
        private=private,
    )


def _kept_rendering(key: str, render: Callable[[], bytes], *, scope: str) -> bytes:
    """The document's bytes: from the cache, else the database, else ``render()``."""
    body = cache.get(CACHE_PREFIX + key)
    if body is not None:
        return body
    if scope:
        stored = StoredDocument.objects.filter(key=key).values_list("body").first()
        body = bytes(stored[0]) if stored else None
    if body is None:
        body = render()
        if scope:
            # Two servers may render the same version at once: the first row stays.
            StoredDocument.objects.bulk_create(
                [StoredDocument(key=key, scope=scope, body=body)],
                ignore_conflicts=True,
            )
    cache.set(CACHE_PREFIX + key, body, CACHE_SECONDS)
    return body


def kept_document(
    *, etag: str, render: Callable[[], bytes], keep_in: str = ""
) -> bytes:
    """The bytes ``versioned_document`` serves for ``etag``: cached, kept or rendered now.

    For pages that list documents with their sizes: listing one renders it once, and its
    download then costs nothing more.
    """
    return _kept_rendering(etag.strip('"'), render, scope=keep_in)


def forget_documents(scope: str) -> int:
    """Drop every kept document of ``scope`` (its source changed); return how many."""
    deleted, _by_model = StoredDocument.objects.filter(scope=scope).delete()
    return deleted


def not_modified(
    request: HttpRequest,
    *,
    etag: str,
    last_modified: dt.datetime,
    max_age: int = 60 * 15,
    private: bool = False,
) -> HttpResponse | None:
    """304 (or 412 for a failed If-Match) with validators when the request's conditions
    settle it, else None: the caller renders."""
    timestamp = int(last_modified.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is None:
        return None
    _validators(response, etag, timestamp, max_age, private)
    return response


def conditional_bytes(
    request: HttpRequest,
    body: bytes,
    *,
    etag: str,
    last_modified: dt.datetime,
    content_type: str,
    filename: str = "",
    max_age: int = 60 * 15,
    private: bool = False,
) -> HttpResponse:
    """``body`` with validators, or 304 when the client already has this version."""
    timestamp = int(last_modified.timestamp())
    response = get_conditional_response(
        request, etag=etag, last_modified=timestamp
    ) or HttpResponse(body, content_type=content_type)
    if filename and response.status_code == 200:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    _validators(response, etag, timestamp, max_age, private)
    return response


def _validators(
    response: HttpResponse, etag: str, timestamp: int, max_age: int, private: bool
) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(timestamp)
    if private:
        patch_cache_control(response, private=True, max_age=max_age)
    else:
        patch_cache_control(response, public=True, max_age=max_age)
