"""Whole pages for anonymous visitors, served from a cache that any public write empties.

In meeting week most requests are anonymous GETs of the same programme, session, track
and outcome pages, and calendar apps polling the same feeds. Rendering each one again
costs 10–150 ms; answering from the cache costs well under one. The cache is never
stale on purpose:

- Every cached page is keyed by a *generation*, kept in the page cache itself.
- Every statement that writes to a table with public content (watched on each database
  connection, so ``update()``, ``bulk_create()`` and raw SQL count too) starts a new
  generation once its transaction commits. Writes to personal tables only (stars,
  sign-in sessions, the cache itself …) do not, so meeting-week traffic keeps its pages.
- A page is stored only when the request carried no session or messages cookie, and
  the response set no cookie but the CSRF one. The CSRF tokens in the page are
  replaced by a placeholder and filled in again per visitor, so no visitor ever sees
  another's token; a page holding its visitor's secret in any other form is not stored.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import connections, transaction
from django.http import HttpResponse
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, get_token
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language_from_request

GENERATION_KEY = "igfplus:pages:generation"
CSRF_PLACEHOLDER = "\x00igfplus-csrf\x00"
CSRF_FIELD = re.compile(r'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
# A masked CSRF token anywhere else in the page (a data attribute, a script).
MASKED_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
WRITE_STATEMENT = re.compile(
    r"^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO|TRUNCATE"
    r'(?:\s+TABLE)?)\s+"?([\w.]+)"?',
    re.IGNORECASE,
)
LAST_LOGIN_ONLY = re.compile(
    r'^\s*UPDATE\s+"?[\w.]+"?\s+SET\s+"?last_login"?\s*=\s*\S+\s+WHERE', re.IGNORECASE
)
STORED_HEADERS_SKIPPED = {"set-cookie"}
# Kept whole besides text/*: what feeds, exports and the API answer with.
TEXT_TYPES = {"application/json", "application/xml", "application/atom+xml"}
BODY_HEADERS = {
    "content-type",
    "content-length",
    "content-disposition",
    "content-encoding",
}


@dataclass(frozen=True)
class CachedPage:
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes
    has_csrf: bool


def page_cache():
    return caches[settings.IGFPLUS_PAGE_CACHE]


# ---------------------------------------------------------------------------------------
# Generations


def current_generation() -> int:
    # Kept beside the pages: whatever shares the pages (the workers of a host, or all
    # hosts through one Redis) shares what invalidates them, and reading it is cheap.
    _bump_if_written_outside_a_commit()
    store = page_cache()
    generation = store.get(GENERATION_KEY)
    if generation is None:
        generation = time.time_ns()
        store.add(GENERATION_KEY, generation, None)
        generation = store.get(GENERATION_KEY, generation)
    return generation


def start_new_generation() -> None:
    """Every page cached so far is out of date (a public write was committed)."""
    for connection in connections.all(initialized_only=True):
        connection.igfplus_public_write = False
    page_cache().set(GENERATION_KEY, time.time_ns(), None)


def _bump_if_written_outside_a_commit() -> None:
    # A write whose transaction has not committed in this thread (a test's transaction,
    # or a request that read its own write) must not be answered from the cache either.
    if any(
        getattr(connection, "igfplus_public_write", False)
        for connection in connections.all(initialized_only=True)
    ):
        start_new_generation()


def watch_public_writes(sender, connection, **kwargs) -> None:
    """Receiver of ``connection_created``: watch this connection's writes."""
    if _watch_statement not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_statement)


def _watch_statement(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if _writes_public_table(sql):
        connection = context["connection"]
        connection.igfplus_public_write = True
        if not _bump_pending(connection):
            # Right away in autocommit mode, else once the transaction commits.
            connection.igfplus_bump_at = len(connection.run_on_commit)
            transaction.on_commit(start_new_generation, using=connection.alias)
    return result


def _bump_pending(connection) -> bool:
    # Where our callback went in the commit queue: checked in place, not searched for,
    # since a big transaction queues thousands of other callbacks. A commit empties the
    # queue and a rollback rebuilds it; either way the check fails and we queue again.
    at = getattr(connection, "igfplus_bump_at", None)
    queue = connection.run_on_commit
    return at is not None and at < len(queue) and queue[at][1] is start_new_generation


def _writes_public_table(sql: str) -> bool:
    match = WRITE_STATEMENT.match(sql)
    if match is None:
        return False
    table = match.group(1).lower()
    if table in _private_tables():
        return False
    # Signing in touches the user row's last_login, which no public page shows.
    return not LAST_LOGIN_ONLY.match(sql)


_PRIVATE_TABLES: frozenset[str] | None = None


def _private_tables() -> frozenset[str]:
    global _PRIVATE_TABLES
    if _PRIVATE_TABLES is None:
        from django.apps import apps

        tables = {
            apps.get_model(label)._meta.db_table.lower()
            for label in settings.IGFPLUS_PAGE_CACHE_PRIVATE_MODELS
        }
        for alias in settings.CACHES:
            location = settings.CACHES[alias].get("LOCATION")
            if settings.CACHES[alias]["BACKEND"].endswith("DatabaseCache") and location:
                tables.add(location.lower())
        _PRIVATE_TABLES = frozenset(tables)
    return _PRIVATE_TABLES


# ---------------------------------------------------------------------------------------
# Which requests and responses


def may_answer_from_cache(request) -> bool:
    if not settings.IGFPLUS_PAGE_CACHE_ENABLED:
        return False
    if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
        return False
    if any(
        request.path.startswith(prefix) for prefix in settings.IGFPLUS_PAGE_CACHE_SKIP
    ):
        return False
    # Only these cookies make Django answer differently (the language one is in the
    # key); any other, an analytics one say, is never read by the site.
    personal = {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name}
    return not personal.intersection(request.COOKIES)


def page_key(request, generation: int) -> str:
    language = get_language_from_request(request)
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(where.encode()).hexdigest()
    return f"igfplus:page:{generation}:{language}:{digest}"


def page_to_store(request, response) -> CachedPage | None:
    """What of this response may be kept for every anonymous visitor, if anything."""
    if response.status_code != 200 or response.streaming:
        return None
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return None
    vary = {
        part.strip().lower()
        for part in response.get("Vary", "").split(",")
        if part.strip()
    }
    if vary - {"cookie", "accept-language", "accept-encoding"}:
        return None
    if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
        return None
    if not _is_text(response.get("Content-Type", "")):
        return None  # PDFs and other files: stored documents of their own already
    content = response.content
    secret = request.META.get("CSRF_COOKIE")
    has_csrf = False
    if secret:
        try:
            text = content.decode(response.charset or "utf-8")
        except UnicodeDecodeError:
            return None  # not the text it says it is: served, never kept
        text, replaced = CSRF_FIELD.subn(rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", text)
        if secret in text or any(
            _unmask(token) == secret for token in MASKED_TOKEN.findall(text)
        ):
            return None
        has_csrf = bool(replaced)
        content = text.encode(response.charset or "utf-8")
    headers = tuple(
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in STORED_HEADERS_SKIPPED
    )
    return CachedPage(response.status_code, headers, content, has_csrf)


def _is_text(content_type: str) -> bool:
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind.startswith("text/") or kind in TEXT_TYPES


def response_from_page(request, page: CachedPage, csrf_middleware) -> HttpResponse:
    response = HttpResponse(status=page.status)
    for name, value in page.headers:
        response.headers[name] = value
    etag = response.get("ETag")
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    if etag or last_modified:
        conditional = get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )
        if conditional is not response:
            # As the view would answer: its headers (CORS included), without a body.
            for name, value in page.headers:
                if name.lower() not in BODY_HEADERS:
                    conditional.headers[name] = value
            return conditional
    content = page.content
    if page.has_csrf:
        csrf_middleware.process_request(request)
        charset = response.charset or "utf-8"
        text = content.decode(charset)
        while CSRF_PLACEHOLDER in text:
            text = text.replace(CSRF_PLACEHOLDER, get_token(request), 1)
        content = text.encode(charset)
        response.content = content
        csrf_middleware.process_response(request, response)
    else:
        response.content = content
    return response


def _unmask(token: str) -> str:
    # django.middleware.csrf's masking: the first half is the mask, the second the
    # secret shifted by it, over the same 62-character alphabet.
    mask, masked = token[:CSRF_SECRET_LENGTH], token[CSRF_SECRET_LENGTH:]
    positions = [
        (CSRF_ALLOWED_CHARS.index(x), CSRF_ALLOWED_CHARS.index(y))
        for x, y in zip(masked, mask, strict=True)
    ]
    return "".join(CSRF_ALLOWED_CHARS[x - y] for x, y in positions)
