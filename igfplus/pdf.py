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
import io
import logging
import mimetypes
import multiprocessing
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
)
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

    Long documents are better cut into parts: ``render_parts`` lays them out at once and
    ``join_parts`` makes them one PDF.
    """
    origins = (SITE_ORIGIN,) if base_url is None else (SITE_ORIGIN, base_url)
    return HTML(
        string=html,
        base_url=base_url or SITE_ORIGIN,
        url_fetcher=SiteFileFetcher(origins=origins),
    ).render()


# WeasyPrint lays out in CSS pixels from the top left; PDF counts points from the bottom.
POINTS_PER_PX = 0.75


@dataclass
class RenderedPart:
    """One part of a document, written as a PDF, with what joining the parts needs."""

    pdf: bytes
    page_count: int
    # Element id -> (page index in this part, x, y in PDF points).
    anchors: dict[str, tuple[int, float, float]]
    # Links to ids of other parts: (page index, rectangle in PDF points, id).
    links_out: list[tuple[int, tuple[float, float, float, float], str]]


class PartFailed(RuntimeError):
    """A part could not be rendered in its process (the error could not be sent back)."""


class _LinksToOtherParts(logging.Filter):
    """WeasyPrint warns of links to ids it cannot find; a part's links to the other
    parts are joined by ``join_parts``, which warns of the ones still missing."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("No anchor #")


def render_part(html: str, *, base_url: str | None = None) -> RenderedPart:
    """``html`` laid out and written (fetching as ``render_pdf`` does)."""
    document = render_document(html, base_url=base_url)
    anchors: dict[str, tuple[int, float, float]] = {}
    links_out = []
    for index, page in enumerate(document.pages):
        height = page.height
        for name, (x, y, *_corner) in page.anchors.items():
            anchors.setdefault(name, (index, *_to_pdf(x, y, height)))
        for kind, target, rectangle, _box in page.links:
            if kind == "internal":
                x1, y1 = _to_pdf(*rectangle[:2], height)
                x2, y2 = _to_pdf(*rectangle[2:], height)
                links_out.append((index, (x1, y1, x2, y2), target))
    links_out = [link for link in links_out if link[2] not in anchors]
    quiet = _LinksToOtherParts()
    anchors_logger = logging.getLogger("weasyprint")
    anchors_logger.addFilter(quiet)
    try:
        pdf = document.write_pdf()
    finally:
        anchors_logger.removeFilter(quiet)
    return RenderedPart(pdf, len(document.pages), anchors, links_out)


def render_parts(
    htmls: Sequence[str], *, base_url: str | None = None
) -> list[RenderedPart]:
    """Each HTML rendered by ``render_part``, all at once: one in this process, the
    others in forked ones (the fonts, templates and Django are loaded already).

    Layout is WeasyPrint's slowest step and it cannot be shared out within a document;
    a document cut into parts can. Where ``fork`` is missing the parts are rendered here,
    one after another. An error in any part is raised here.
    """
    if len(htmls) == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [render_part(html, base_url=base_url) for html in htmls]
    context = multiprocessing.get_context("fork")
    children = []
    for html in htmls[:-1]:
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(
            target=_render_part_for_parent, args=(html, base_url, sender), daemon=True
        )
        child.start()
        sender.close()
        children.append((child, receiver))
    try:
        last = render_part(htmls[-1], base_url=base_url)
        results = [receiver.recv() for _child, receiver in children]
    finally:
        for child, receiver in children:
            receiver.close()
            child.join(timeout=5)
            if child.is_alive():
                child.kill()
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return [*results, last]


def _render_part_for_parent(html: str, base_url: str | None, sender) -> None:
    try:
        result = render_part(html, base_url=base_url)
    except Exception as error:  # sent to the parent, which raises it
        result = error
    try:
        sender.send(result)
    except Exception as error:  # an exception that cannot be pickled
        sender.send(PartFailed(f"{type(result).__name__}: {result} ({error})"))
    sender.close()


def join_parts(parts: Sequence[RenderedPart], *, unnumbered_pages: int = 0) -> bytes:
    """One PDF of the parts in order, links between them working, pages numbered.

    Page numbers are drawn here rather than by CSS ``counter(page)``, since a part laid
    out at the same time as the one before it cannot know where its numbering starts.
    They go centred in the bottom margin, in the standard Helvetica (digits only, so
    every script reads them), on all pages but the first ``unnumbered_pages``.
    """
    writer = PdfWriter()
    starts = []
    for part in parts:
        starts.append(len(writer.pages))
        reader = PdfReader(io.BytesIO(part.pdf))
        if not starts[-1]:  # the title and language of the whole are the first part's
            if reader.metadata:
                writer.add_metadata(reader.metadata)
            if "/Lang" in reader.trailer["/Root"]:
                writer._root_object[NameObject("/Lang")] = reader.trailer["/Root"][
                    "/Lang"
                ]
        writer.append(reader)
    anchors = {
        name: (start + index, x, y)
        for part, start in zip(parts, starts, strict=True)
        for name, (index, x, y) in part.anchors.items()
    }
    for part, start in zip(parts, starts, strict=True):
        for index, rectangle, target in part.links_out:
            if target not in anchors:
                logger.warning("No anchor #%s in any part for a link", target)
                continue
            writer.add_annotation(
                start + index, _link_to(writer, anchors[target], rectangle)
            )
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    for number, page in enumerate(writer.pages, start=1):
        if number > unnumbered_pages:
            _stamp_page_number(writer, page, number, font)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _to_pdf(x: float, y: float, page_height: float) -> tuple[float, float]:
    return x * POINTS_PER_PX, (page_height - y) * POINTS_PER_PX


def _link_to(writer, destination, rectangle) -> DictionaryObject:
    page_index, x, y = destination
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject(FloatObject(v) for v in rectangle),
            NameObject("/Border"): ArrayObject([NumberObject(0)] * 3),
            NameObject("/Dest"): ArrayObject(
                [
                    writer.pages[page_index].indirect_reference,
                    NameObject("/XYZ"),
                    FloatObject(x),
                    FloatObject(y),
                    NumberObject(0),
                ]
            ),
        }
    )


# Helvetica's digits are all 556/1000 of the font size wide.
DIGIT_WIDTH = 0.556
PAGE_NUMBER_SIZE = 7.5
PAGE_NUMBER_BASELINE = 24  # points above the bottom edge, inside an 18 mm margin


def _stamp_page_number(writer, page, number: int, font) -> None:
    text = str(number)
    width = float(page.mediabox.width)
    left = (
        float(page.mediabox.left)
        + (width - len(text) * DIGIT_WIDTH * PAGE_NUMBER_SIZE) / 2
    )
    bottom = float(page.mediabox.bottom) + PAGE_NUMBER_BASELINE
    # The page's own drawing is wrapped in q … Q so that whatever state it leaves
    # (a transformation, a colour) cannot move or tint the number.
    before, after = DecodedStreamObject(), DecodedStreamObject()
    before.set_data(b"q\n")
    after.set_data(
        b"Q\nq BT /IgfPageNumber %.1f Tf 0.333 g %.2f %.2f Td (%s) Tj ET Q\n"
        % (PAGE_NUMBER_SIZE, left, bottom, text.encode("ascii"))
    )
    contents = page.get(NameObject("/Contents"))
    if contents is None:
        existing = []
    elif isinstance(contents.get_object(), ArrayObject):
        existing = list(contents.get_object())
    else:
        existing = [contents]
    page[NameObject("/Contents")] = ArrayObject(
        [writer._add_object(before), *existing, writer._add_object(after)]
    )
    resources = page.get(NameObject("/Resources"))
    if resources is None:
        resources = DictionaryObject()
        page[NameObject("/Resources")] = resources
    resources = resources.get_object()
    fonts = resources.get(NameObject("/Font"))
    if fonts is None:
        fonts = DictionaryObject()
        resources[NameObject("/Font")] = fonts
    fonts.get_object()[NameObject("/IgfPageNumber")] = font


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
