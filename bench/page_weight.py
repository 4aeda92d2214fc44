"""What a visitor on a weak connection downloads: `make bench` (or
`.venv/bin/python bench/page_weight.py [--reuse]`).

Renders the programme and a session page of the demo world's current edition through
Django's test client, then adds every stylesheet, script and font the HTML (and its CSS)
asks for, read from the static files. Bytes are counted as sent uncompressed and as gzip
(level 6, what nginx and most CDNs use). Images are counted too: there are none today.
Writes bench/RESULTS-weight.md.
"""

from __future__ import annotations

import gzip
import os
import re
from html.parser import HTMLParser

from harness import ROOT, machine, start, timed

CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
CSS_IMPORT = re.compile(r"@import\s+['\"]([^'\"]+)['\"]")


class Assets(HTMLParser):
    """The URLs of the stylesheets, scripts and images a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and "stylesheet" in (attributes.get("rel") or "").split():
            self.urls.append(("css", attributes["href"]))
        elif tag == "script" and attributes.get("src"):
            self.urls.append(("js", attributes["src"]))
        elif tag == "img" and attributes.get("src"):
            self.urls.append(("images", attributes["src"]))


def static_bytes(url: str) -> bytes:
    from django.conf import settings
    from django.contrib.staticfiles import finders

    path = url.split("?")[0].split("#")[0]
    if not path.startswith(settings.STATIC_URL):
        raise ValueError(f"{url} is not a static file: count it another way")
    found = finders.find(path.removeprefix(settings.STATIC_URL))
    if found is None:
        raise FileNotFoundError(url)
    with open(found, "rb") as file:
        return file.read()


def weigh(client, url: str, **headers) -> dict[str, tuple[int, int]]:
    """Bytes per kind (html, css, js, fonts, images): (uncompressed, gzip)."""
    from urllib.parse import urljoin

    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    html = response.content
    parser = Assets()
    parser.feed(html.decode())
    files: dict[str, list[bytes]] = {"html": [html], "css": [], "js": [], "fonts": []}
    files["images"] = []
    seen: set[str] = set()
    queue = list(parser.urls)
    while queue:
        kind, asset = queue.pop(0)
        if asset in seen or asset.startswith("data:"):
            continue
        seen.add(asset)
        body = static_bytes(asset)
        files[kind].append(body)
        if kind == "css":
            text = body.decode()
            for found in CSS_IMPORT.findall(text):
                queue.append(("css", urljoin(asset, found)))
            for found in CSS_URL.findall(text):
                is_font = found.split("?")[0].endswith(
                    (".woff2", ".woff", ".ttf", ".otf")
                )
                queue.append(("fonts" if is_font else "images", urljoin(asset, found)))
    return {
        kind: (
            sum(len(body) for body in bodies),
            sum(len(gzip.compress(body, compresslevel=6)) for body in bodies),
        )
        for kind, bodies in files.items()
    }


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def main() -> None:
    if start("igfplus-bench"):
        from django.core.management import call_command

        with open(os.devnull, "w") as quiet:
            timed(
                "demo world built",
                lambda: call_command("load_demo_data", stdout=quiet),
            )

    from django.test import Client

    from cms.models import ForumEditionPage
    from sessions.models import SessionPage
    from sessions.services.sessions import programme_page_for

    edition = ForumEditionPage.objects.get(slug="igf2025")
    programme = programme_page_for(edition)
    session = SessionPage.objects.live().filter(edition=edition).first()
    sessions = SessionPage.objects.live().filter(edition=edition).count()
    client = Client()
    arabic = {"HTTP_ACCEPT_LANGUAGE": "ar"}
    cases = [
        ("programme, first day (default)", programme.url, {}),
        ("programme, all days", f"{programme.url}?day=all", {}),
        ("programme, first day, Arabic", programme.url, arabic),
        ("session page", session.url, {}),
        ("session page, Arabic", session.url, arabic),
    ]
    kinds = ["html", "css", "js", "fonts", "images"]
    header = "| page | " + " | ".join(kinds) + " | total | total gzip |"
    table = [header, "|---|" + "---:|" * (len(kinds) + 2)]
    for label, url, headers in cases:
        weights = weigh(client, url, **headers)
        cells = [f"{kb(weights[kind][0])} ({kb(weights[kind][1])})" for kind in kinds]
        total = sum(weights[kind][0] for kind in kinds)
        total_gzip = sum(weights[kind][1] for kind in kinds)
        table.append(
            f"| {label} | " + " | ".join(cells) + f" | {kb(total)} | {kb(total_gzip)} |"
        )
    scale = f"{sessions} sessions in {edition.title}; session page: {session.title}"
    print(scale)
    print("\n".join(table))
    method = (
        "Produced by `make bench` (bench/page_weight.py): each page rendered by Django's "
        "test client, plus every stylesheet, script, font and image it loads, read from "
        "the static files. KB (1,024 bytes) uncompressed, gzip level 6 in brackets; "
        "totals are what a first visit with an empty cache transfers (headers aside)."
    )
    (ROOT / "bench" / "RESULTS-weight.md").write_text(
        f"# Page weight\n\n{method}\n\n- Machine: {machine()}\n- Data: {scale}\n\n"
        + "\n".join(table)
        + "\n"
    )


if __name__ == "__main__":
    main()
