import base64
import contextlib
import http.server
import io
import pathlib
import re
import socket
import threading
import zlib

import pytest
from django.conf import settings as django_settings
from PIL import Image
from pypdf import PdfReader

import igfplus.pdf
from igfplus.pdf import (
    MAX_DATA_URI_BYTES,
    SITE_ORIGIN,
    RefusedURL,
    SiteFileFetcher,
    join_parts,
    render_parts,
    render_pdf,
)

BOOKLET_CSS = "sessions/css/booklet.css"
BOOKLET_CSS_PATH = (
    pathlib.Path(django_settings.BASE_DIR) / "sessions" / "static" / BOOKLET_CSS
)


# --- Reading PDFs back as bytes (the streams are zlib data) ---------------------------


def decompressed(pdf: bytes) -> bytes:
    """Every stream of the PDF, decompressed and joined (object streams included)."""
    parts = []
    for match in re.finditer(rb"(?<!end)stream\r?\n", pdf):
        end = pdf.find(b"endstream", match.end())
        # A stream that is not compressed is already in ``pdf`` itself.
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(pdf[match.end() : end]))
    return b"\n".join([pdf, *parts])


def pdf_characters(pdf: bytes) -> set[str]:
    """The characters the PDF's fonts map glyphs back to: what text extraction gives."""
    characters = set()
    for _glyph, code in re.findall(
        rb"<([0-9a-f]{4})> <([0-9a-f]+)>", decompressed(pdf)
    ):
        # A ligature (Arabic lam-alef) maps one glyph back to several characters.
        characters.update(bytes.fromhex(code.decode()).decode("utf-16-be"))
    return characters


def pdf_font_families(pdf: bytes) -> set[str]:
    return {
        family.decode()
        for family in re.findall(rb"/FontFamily \(([^)]*)\)", decompressed(pdf))
    }


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def image_count(pdf: bytes) -> int:
    return decompressed(pdf).count(b"/Subtype /Image")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def static_root(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    return settings.STATIC_ROOT


@pytest.fixture
def no_io(monkeypatch):
    """Fails the test if anything reads a file's bytes or opens a network connection."""

    def refuse(*args, **kwargs):
        raise AssertionError("I/O attempted")

    monkeypatch.setattr(pathlib.Path, "read_bytes", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@contextlib.contextmanager
def counting_http_server():
    """A real HTTP server on the loopback interface that counts the requests it gets.

    It answers each with a redirect to the cloud metadata address, should anything
    follow it.
    """
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def counting_server():
    with counting_http_server() as server:
        yield server


# --- The fetcher, case by case ---------------------------------------------------------


def test_fetcher_serves_a_static_file_found_by_the_finders():
    response = SiteFileFetcher().fetch(f"{SITE_ORIGIN}static/{BOOKLET_CSS}?v=2#top")

    assert response.read() == BOOKLET_CSS_PATH.read_bytes()
    assert response.content_type == "text/css"


def test_fetcher_prefers_the_collected_static_files(static_root):
    (static_root / "sessions" / "css").mkdir(parents=True)
    (static_root / BOOKLET_CSS).write_text("/* collected */")

    response = SiteFileFetcher().fetch(f"{SITE_ORIGIN}static/{BOOKLET_CSS}")

    assert response.read() == b"/* collected */"


def test_fetcher_serves_a_media_file(media_root):
    (media_root / "images").mkdir()
    (media_root / "images" / "logo.png").write_bytes(png_bytes())

    response = SiteFileFetcher().fetch(f"{SITE_ORIGIN}media/images/logo.png")

    assert response.read() == png_bytes()
    assert response.content_type == "image/png"


def test_fetcher_serves_the_documents_own_origin_too():
    fetcher = SiteFileFetcher(
        origins=(SITE_ORIGIN, "https://IGF.example.org/programme/")
    )

    response = fetcher.fetch(f"https://igf.example.org/static/{BOOKLET_CSS}")

    assert response.read() == BOOKLET_CSS_PATH.read_bytes()


@pytest.mark.parametrize(
    "url",
    [
        pytest.param(f"https://example.org/static/{BOOKLET_CSS}", id="other_host"),
        pytest.param(f"http://127.0.0.1:8000/static/{BOOKLET_CSS}", id="loopback"),
        pytest.param(f"http://localhost/static/{BOOKLET_CSS}", id="localhost"),
        pytest.param(f"http://[::1]/static/{BOOKLET_CSS}", id="ipv6_loopback"),
        pytest.param("http://169.254.169.254/latest/meta-data/", id="cloud_metadata"),
        pytest.param(f"http://igfplus.invalid/static/{BOOKLET_CSS}", id="other_scheme"),
        pytest.param(
            f"https://igfplus.invalid:8443/static/{BOOKLET_CSS}", id="other_port"
        ),
        pytest.param(
            f"https://user@igfplus.invalid/static/{BOOKLET_CSS}", id="userinfo"
        ),
        pytest.param("file:///etc/passwd", id="file"),
        pytest.param(f"file://{BOOKLET_CSS_PATH}", id="file_of_a_static_file"),
        pytest.param(f"ftp://igfplus.invalid/static/{BOOKLET_CSS}", id="ftp"),
        pytest.param("gopher://127.0.0.1:6379/_INFO", id="gopher"),
        pytest.param("https://igfplus.invalid/static/../../etc/passwd", id="traversal"),
        pytest.param(
            "https://igfplus.invalid/static/%2e%2e/%2E%2E/etc/passwd",
            id="encoded_traversal",
        ),
        pytest.param(
            "https://igfplus.invalid/media/../igfplus/settings/base.py",
            id="media_traversal",
        ),
        pytest.param(
            "https://igfplus.invalid/static/..%5c..%5cetc%5cpasswd", id="backslash"
        ),
        pytest.param("https://igfplus.invalid/static//etc/passwd", id="absolute"),
        pytest.param("https://igfplus.invalid/static/x%00.css", id="nul_byte"),
        pytest.param("https://igfplus.invalid/static/", id="static_folder"),
        pytest.param("https://igfplus.invalid/etc/passwd", id="outside_static"),
        pytest.param("https://igfplus.invalid/admin/", id="a_site_page"),
    ],
)
def test_fetcher_refuses_before_any_io(url, no_io):
    with pytest.raises(RefusedURL):
        SiteFileFetcher().fetch(url)


def test_fetcher_refuses_a_missing_file():
    with pytest.raises(RefusedURL, match="names no file"):
        SiteFileFetcher().fetch(f"{SITE_ORIGIN}static/sessions/css/missing.css")


def test_fetcher_refuses_a_link_out_of_the_media_folder(media_root, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (media_root / "innocent.png").symlink_to(secret)

    with pytest.raises(RefusedURL, match="names no file"):
        SiteFileFetcher().fetch(f"{SITE_ORIGIN}media/innocent.png")


def test_fetcher_decodes_a_small_data_uri(no_io):
    encoded = base64.b64encode(png_bytes()).decode()

    response = SiteFileFetcher().fetch(f"data:image/png;base64,{encoded}")
    plain = SiteFileFetcher().fetch("data:,a%20b")

    assert response.read() == png_bytes()
    assert response.content_type == "image/png"
    assert plain.read() == b"a b"
    assert plain.content_type == "text/plain"


@pytest.mark.parametrize(
    "url",
    [
        pytest.param(
            "data:image/png;base64,"
            + base64.b64encode(b"x" * (MAX_DATA_URI_BYTES + 1)).decode(),
            id="too_large",
        ),
        pytest.param("data:" + "%41" * (MAX_DATA_URI_BYTES + 1), id="too_large_text"),
        pytest.param("data:image/png;base64", id="no_comma"),
        pytest.param("data:image/png;base64,@@@=", id="bad_base64"),
    ],
)
def test_fetcher_refuses_a_data_uri(url, no_io):
    with pytest.raises(RefusedURL, match="data: URI"):
        SiteFileFetcher().fetch(url)


# --- The renderer: user HTML cannot make the server fetch anything -------------------


def test_render_pdf_requests_nothing_from_any_reference(counting_server, media_root):
    origin, requests = counting_server
    html = f"""<!DOCTYPE html><html><head>
        <link rel="stylesheet" href="{origin}/style.css">
        <style>
            @import url("{origin}/import.css");
            @font-face {{ font-family: Remote; src: url("{origin}/font.woff2"); }}
            body {{ background: url("{origin}/background.png"); font-family: Remote; }}
        </style></head><body>
        <p>Hello</p>
        <img src="{origin}/x">
        <img srcset="{origin}/2x.png 2x">
        <object data="{origin}/object.svg"></object>
        <embed src="{origin}/embed.png">
        <svg><image href="{origin}/svg.png" width="10" height="10"/></svg>
        <link rel="attachment" href="{origin}/attachment.txt">
        <img src="http://localhost:{origin.rsplit(":", 1)[1]}/by-name">
        </body></html>"""

    pdf = render_pdf(html)

    assert pdf.startswith(b"%PDF-")
    assert requests == []
    assert image_count(pdf) == 0


def test_render_pdf_ignores_a_base_element_pointing_elsewhere(counting_server):
    origin, requests = counting_server

    pdf = render_pdf(f'<base href="{origin}/"><img src="relative.png"><p>Hi</p>')

    assert pdf.startswith(b"%PDF-")
    assert requests == []


def test_render_pdf_embeds_no_local_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER")
    svg = tmp_path / "secret.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<text y="10">SVG-SECRET-MARKER</text></svg>'
    )
    depth = "../" * len(tmp_path.parts)
    html = f"""<p>Hello</p>
        <img src="file://{svg}">
        <img src="/static/{depth}{str(svg).lstrip("/")}">
        <object data="file:///etc/passwd"></object>
        <link rel="attachment" href="file://{secret}">
        <link rel="attachment" href="file:///etc/passwd">
        <a rel="attachment" href="file://{secret}">secret</a>"""

    content = decompressed(render_pdf(html))

    assert b"TOP-SECRET-MARKER" not in content
    assert b"SVG-SECRET-MARKER" not in content
    assert b"root:" not in content
    assert b"/EmbeddedFile" not in content


def test_render_pdf_embeds_the_sites_media_images(media_root):
    (media_root / "pixel.png").write_bytes(png_bytes())

    pdf = render_pdf('<img src="/media/pixel.png"><img src="pixel.png">')
    with_base = render_pdf(
        '<img src="pixel.png">', base_url="https://igf.example.org/media/"
    )

    # The relative one resolves to /pixel.png, which is neither static nor media.
    assert image_count(pdf) == 1
    assert image_count(with_base) == 1


def test_render_pdf_applies_the_sites_stylesheets(static_root):
    (static_root / "print.css").write_text("@page { size: A5; }")

    pdf = render_pdf('<link rel="stylesheet" href="/static/print.css"><p>Hi</p>')

    assert b"/MediaBox [0 0 419.527559 595.275591]" in decompressed(pdf)


# --- Documents in parts ----------------------------------------------------------------

TWO_PAGES = '<p id="first">One</p><p id="second" style="break-before: page">Two</p>'
LINKS_TO_THE_FIRST_PART = '<p><a href="#second">See the second page</a></p>'


def test_parts_are_joined_in_order_with_links_between_them_and_page_numbers():
    first, second = render_parts([TWO_PAGES, LINKS_TO_THE_FIRST_PART])

    pdf = PdfReader(io.BytesIO(join_parts([first, second], unnumbered_pages=1)))

    assert (first.page_count, second.page_count, len(pdf.pages)) == (2, 1, 3)
    assert [page.extract_text().split()[-1] for page in pdf.pages] == ["One", "2", "3"]
    (link,) = [annotation.get_object() for annotation in pdf.pages[2]["/Annots"]]
    assert link["/Subtype"] == "/Link"
    assert link["/Dest"][0] == pdf.pages[1].indirect_reference


def test_links_within_a_part_keep_working_when_joined():
    (part,) = render_parts(
        ['<p><a href="#far">Far</a></p><p id="far" style="break-before: page">Here</p>']
    )

    pdf = PdfReader(io.BytesIO(join_parts([part])))

    (link,) = [annotation.get_object() for annotation in pdf.pages[0]["/Annots"]]
    assert pdf.named_destinations["far"].page == pdf.pages[1].indirect_reference
    assert link["/Dest"] == "far"


def test_a_part_that_fails_in_its_process_fails_the_whole(monkeypatch):
    real = igfplus.pdf.render_document

    def broken(html, **kwargs):
        if "broken" in html:
            raise OSError("disk full")
        return real(html, **kwargs)

    monkeypatch.setattr(igfplus.pdf, "render_document", broken)

    with pytest.raises(OSError, match="disk full"):
        render_parts(["<p>broken</p>", "<p>fine</p>"])


def test_parts_laid_out_in_other_processes_fetch_nothing_either(counting_server):
    origin, requests = counting_server

    parts = render_parts([f'<img src="{origin}/x"><p>One</p>', "<p>Two</p>"])

    assert [part.page_count for part in parts] == [1, 1]
    assert requests == []
