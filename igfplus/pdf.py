"""HTML to PDF with WeasyPrint, fetching nothing but the site's own static and media files.

Documents rendered here carry text that users typed, and WeasyPrint follows every URL an
HTML or CSS document names (images, stylesheets, fonts, attachments). Its default fetcher
would let a session description make the server request internal addresses or read
``file://`` paths. ``SiteFileFetcher`` replaces it: URLs under ``STATIC_URL`` and
``MEDIA_URL``, relative or on the document's own origin, are read from disk inside those
roots; small ``data:`` URIs are decoded in memory; everything else is refused before any
network or filesystem access. Nothing is ever fetched over the network, so there are no
redirects to follow either.
"""

from __future__ import annotations

import base64
import binascii
import logging
import mimetypes
import posixpath
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML, Document
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# Relative URLs in a document rendered without a request resolve against this origin.
# ``.invalid`` is reserved (RFC 2606): the name can never reach a real host.
SITE_ORIGIN = "https://igfplus.invalid/"

# An inline image is fine; a multi-megabyte one in user content is not worth the memory.
MAX_DATA_URI_BYTES = 256 * 1024


class RefusedURL(ValueError):
    """A URL the PDF renderer will not fetch; WeasyPrint logs it and skips the resource."""


class SiteFileFetcher(URLFetcher):
    """WeasyPrint's URL fetcher limited to the site's static and media files on disk."""

    def __init__(self, *, origins: tuple[str, ...] = (SITE_ORIGIN,)):
        # No protocol is allowed through the parent's network machinery: ``fetch`` below
        # never calls it, and this makes sure a future caller of ``open`` cannot either.
        super().__init__(allowed_protocols=(), allow_redirects=False)
        self.origins = frozenset(_origin(url) for url in origins)

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url[:5].lower() == "data:":
            body, content_type = _decode_data_uri(url)
            return URLFetcherResponse(url, body, {"Content-Type": content_type})
        path = self.local_path(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, path.read_bytes(), {"Content-Type": content_type}
        )

    def local_path(self, url: str) -> Path:
        """The file on disk that ``url`` names, or ``RefusedURL`` (checked before any I/O)."""
        parts = urlsplit(url)
        if parts.scheme.lower() not in {"http", "https"}:
            raise RefusedURL(f"Only the site's own files are embedded, not {url!r}.")
        if f"{parts.scheme.lower()}://{parts.netloc.lower()}" not in self.origins:
            raise RefusedURL(f"{url!r} is not on this site.")
        path = unquote(parts.path)
        for prefix, find in (
            (settings.STATIC_URL, _static_file),
            (settings.MEDIA_URL, _media_file),
        ):
            if prefix and path.startswith(prefix):
                found = find(_safe_relative(path[len(prefix) :], url))
                if found is None:
                    raise RefusedURL(f"{url!r} names no file.")
                return found
        raise RefusedURL(f"{url!r} is neither a static nor a media file.")


def render_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """The PDF of ``html``; relative URLs resolve against ``base_url`` (its origin only).

    ``base_url`` is the site's own address when rendering during a request (e.g.
    ``request.build_absolute_uri("/")``); without it relative URLs resolve against
    ``SITE_ORIGIN``. Either way only static and media files are embedded.
    """
    return render_document(html, base_url=base_url).write_pdf()


def render_document(html: str, *, base_url: str | None = None) -> Document:
    """``html`` laid out in pages (fetching as ``render_pdf`` does), not yet written.

    For documents made of parts: a part's page numbers (``anchor_pages``) can go into
    the next part, and ``combine_pdf`` writes them all as one PDF.
    """
    origins = (SITE_ORIGIN,) if base_url is None else (SITE_ORIGIN, base_url)
    return HTML(
        string=html,
        base_url=base_url or SITE_ORIGIN,
        url_fetcher=SiteFileFetcher(origins=origins),
    ).render()


def anchor_pages(document: Document, *, first_page: int = 1) -> dict[str, int]:
    """The page number on which each element ``id`` of the document starts."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=first_page):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def combine_pdf(documents: Sequence[Document]) -> bytes:
    """One PDF of the documents' pages in order; links between the parts still work."""
    return documents[0].copy([page for d in documents for page in d.pages]).write_pdf()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _safe_relative(relative: str, url: str) -> str:
    """``relative`` as a clean path below a root: no ``..``, no absolute or odd parts."""
    segments = relative.split("/")
    if (
        not relative
        or "\\" in relative
        or "\x00" in relative
        or any(segment in {"", ".", ".."} for segment in segments)
        or posixpath.isabs(relative)
    ):
        raise RefusedURL(f"{url!r} leaves the site's files.")
    return relative


def _static_file(relative: str) -> Path | None:
    # STATIC_ROOT first (collected, as served in production), then the finders (development).
    candidates = []
    if settings.STATIC_ROOT:
        candidates.append(Path(settings.STATIC_ROOT) / relative)
    found = finders.find(relative)
    if found:
        candidates.append(Path(found))
    for candidate in candidates:
        if _is_file_below(candidate, _static_roots()):
            return candidate
    return None


def _media_file(relative: str) -> Path | None:
    candidate = Path(settings.MEDIA_ROOT) / relative
    return (
        candidate if _is_file_below(candidate, (Path(settings.MEDIA_ROOT),)) else None
    )


def _is_file_below(candidate: Path, roots) -> bool:
    # Resolving follows symbolic links, so a link inside a root cannot point outside it.
    resolved = candidate.resolve()
    return resolved.is_file() and any(
        resolved.is_relative_to(root.resolve()) for root in roots
    )


def _static_roots() -> tuple[Path, ...]:
    roots = [Path(settings.STATIC_ROOT)] if settings.STATIC_ROOT else []
    return (*roots, *_finder_roots())


def _finder_roots() -> tuple[Path, ...]:
    roots = []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location))
    return tuple(roots)


def _decode_data_uri(url: str) -> tuple[bytes, str]:
    # Checked on the URL's length first: base64 is longer than the bytes it encodes.
    if len(url) > MAX_DATA_URI_BYTES * 4 // 3 + 256:
        raise RefusedURL("This data: URI is too large to embed.")
    header, comma, payload = url[5:].partition(",")
    if not comma:
        raise RefusedURL("This data: URI is malformed.")
    media_type, *params = header.split(";")
    try:
        if params and params[-1].lower() == "base64":
            body = base64.b64decode("".join(unquote(payload).split()), validate=True)
        else:
            body = unquote_to_bytes(payload)
    except (binascii.Error, ValueError) as error:
        raise RefusedURL("This data: URI is malformed.") from error
    if len(body) > MAX_DATA_URI_BYTES:
        raise RefusedURL("This data: URI is too large to embed.")
    return body, media_type or "text/plain"
