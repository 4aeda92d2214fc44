"""Benchmark search at scale: `.venv/bin/python bench/search.py` (SQLite) or with
`DATABASE_URL=postgres://…` (PostgreSQL, an empty database).

1. Full-reindex throughput from real rows: 3,000 policy messages made in the database,
   read by the message adapter and indexed by the database backend.
2. 50,000 messages and 8,000 sessions as generated search documents (seeded random text
   from a governance vocabulary, realistic facets), bulk-indexed with ``rebuild``.
3. p50/p95 of queries with words and two facets through the database backend (count,
   facet counts, one ranked page, highlights) and of the same through the page view.
Writes bench/RESULTS-search.md (one section per database vendor).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA_DIR = Path(tempfile.gettempdir()) / "igfplus-bench-search"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "igfplus.settings.dev")
os.environ["IGFPLUS_DATA_DIR"] = str(DATA_DIR)
os.environ.setdefault("CACHE_URL", "locmemcache://")
# The views' own work: no whole-page or fragment caching (`make loadtest` measures those).
os.environ.setdefault("IGFPLUS_PAGE_CACHE_ENABLED", "false")
os.environ.setdefault("FRAGMENT_CACHE_URL", "dummycache://")
os.environ["ELASTICSEARCH_URL"] = ""

MESSAGES = int(os.environ.get("BENCH_MESSAGES", "50000"))
SESSIONS = int(os.environ.get("BENCH_SESSIONS", "8000"))
REAL_MESSAGES = int(os.environ.get("BENCH_REAL_MESSAGES", "3000"))
RUNS = int(os.environ.get("BENCH_RUNS", "200"))
EDITIONS = [f"igf{year}" for year in range(2006, 2026)]
THEMES = [
    "Data governance",
    "Cybersecurity and trust",
    "Digital inclusion",
    "Human rights",
    "Artificial intelligence",
    "Sustainability",
    "Universal access",
    "Media and content",
    "Emerging technologies",
    "Digital cooperation",
    "Youth engagement",
    "Infrastructure",
]
FORUMS = [f"Forum {n}" for n in range(30)]
STATUSES = ["sent", "acknowledged", "discussed", "referenced", "reflected", "no_action"]
GROUPS = [
    "government",
    "civil_society",
    "technical",
    "private_sector",
    "intergovernmental",
]
REGIONS = ["african", "asia_pacific", "eastern_european", "grulac", "weog"]
TYPES = ["Workshop", "Open Forum", "Lightning Talk", "Town Hall", "Main Session"]
TRACKS = ["", "", "", "high-level", "parliamentary", "youth"]
WORDS = """
governance govern governing data privacy protection cybersecurity security trust internet
access connectivity affordable infrastructure broadband spectrum rural women youth skills
literacy artificial intelligence algorithm accountability transparency human rights freedom
expression content moderation platform regulation policy framework multistakeholder
cooperation digital divide inclusion sustainable development environment climate energy
cloud cross-border flows localisation standards interoperability open source identity
public interest misinformation elections children safety online harm encryption lawful
cooperation capacity building finance investment small business innovation competition
market taxation trade ecommerce health education agriculture emergency resilience network
shutdowns fragmentation domain names addressing routing ipv6 satellite community networks
languages multilingual culture heritage journalism media disability accessibility gender
""".split()  # noqa: SIM905 - a paragraph of words reads better


SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ru",
    "sa",
    "te",
    "vi",
    "do",
    "pa",
    "ge",
    "bu",
    "ri",
    "fo",
    "la",
    "ze",
    "ti",
    "mo",
    "na",
    "ke",
]
# A Zipf-distributed vocabulary, as in real text: the governance words are the commonest
# (each appears in a few percent of documents), then 4,000 rarer made-up words.
VOCABULARY = WORDS + [
    a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES[:10]
]
CUMULATIVE = list(
    itertools.accumulate(1 / (rank + 8) for rank in range(len(VOCABULARY)))
)


def text(rng: random.Random, words: int) -> str:
    chosen = rng.choices(VOCABULARY, cum_weights=CUMULATIVE, k=words)
    return " ".join(chosen).capitalize() + "."


def generated_documents(rng: random.Random):
    from search.services.documents import SearchDocument

    for n in range(MESSAGES):
        edition = rng.choice(EDITIONS)
        forums = rng.sample(FORUMS, rng.choice([0, 1, 1, 2, 3]))
        yield SearchDocument(
            kind="message",
            key=str(n + 1),
            title=text(rng, 6),
            body=text(rng, 45),
            url=f"/outcomes/messages/{n + 1}/",
            date=dt.date(int(edition[3:]), 12, 1)
            - dt.timedelta(days=rng.randint(0, 300)),
            edition=edition,
            facets={
                "theme": (rng.choice(THEMES),),
                "stakeholder_group": tuple(rng.sample(GROUPS, rng.randint(1, 3))),
                "forum": tuple(forums),
                "uptake_status": tuple(rng.choice(STATUSES) for _ in forums),
            },
        )
    for n in range(SESSIONS):
        edition = rng.choice(EDITIONS)
        yield SearchDocument(
            kind="session",
            key=str(n + 1),
            title=f"WS #{n} " + text(rng, 7),
            body=text(rng, 90),
            url=f"/{edition}/programme/ws-{n}/",
            date=dt.date(int(edition[3:]), 11, rng.randint(1, 28)),
            edition=edition,
            facets={
                "theme": (rng.choice(THEMES),),
                "session_type": (rng.choice(TYPES),),
                "track": (rng.choice(TRACKS),),
                "stakeholder_group": tuple(rng.sample(GROUPS, rng.randint(1, 4))),
                "regional_group": tuple(rng.sample(REGIONS, rng.randint(1, 3))),
            },
        )


def batched(items, size=2000):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    if "DATABASE_URL" not in os.environ and DATA_DIR.exists():
        shutil.rmtree(DATA_DIR)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated in {time.perf_counter() - started:.1f} s ({connection.vendor})")

    from search.backends import database_backend
    from search.registry import adapter
    from search.selectors import search_results
    from search.services.documents import SearchRequest

    backend = database_backend()
    real_rate = _real_rows_throughput(backend, adapter("message"))

    rng = random.Random(2025)  # noqa: S311 - reproducible data, not security
    started = time.perf_counter()
    count = backend.rebuild(batched(generated_documents(rng)), lambda done: None)
    bulk_seconds = time.perf_counter() - started
    print(f"indexed {count} generated documents in {bulk_seconds:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry; ANALYZE search_searchfacet")

    queries = [
        "data governance",
        "cybersecurity",
        "human rights online",
        "spectrum",
        "governing artificial intelligence",
        "rural connectivity",
        "youth skills",
        "privacy protection",
        "climate",
        "internet shutdowns",
    ]
    cases = [
        (
            "words + edition + type",
            lambda q, r: SearchRequest(
                text=q, filters={"edition": (r.choice(EDITIONS),), "type": ("message",)}
            ),
        ),
        (
            "words + theme + stakeholder group",
            lambda q, r: SearchRequest(
                text=q,
                filters={
                    "theme": (r.choice(THEMES),),
                    "stakeholder_group": (r.choice(GROUPS),),
                },
            ),
        ),
        (
            "words + type, sorted by date",
            lambda q, r: SearchRequest(
                text=q, filters={"type": ("session",), "track": ("youth",)}, sort="date"
            ),
        ),
        (
            "no words + two facets",
            lambda q, r: SearchRequest(
                text="",
                filters={"edition": (r.choice(EDITIONS),), "type": ("message",)},
            ),
        ),
        ("words, no facets (broadest)", lambda q, r: SearchRequest(text=q)),
    ]
    rows = []
    rng = random.Random(7)  # noqa: S311
    for label, make in cases:
        search_results(make(queries[0], rng))  # warm
        timings = []
        for n in range(RUNS):
            request = make(queries[n % len(queries)], rng)
            started = time.perf_counter()
            results = search_results(request)
            timings.append((time.perf_counter() - started) * 1000)
        rows.append(
            (
                label,
                statistics.median(timings),
                percentile(timings, 0.95),
                results.total,
            )
        )

    client = Client()
    view_timings = []
    for n in range(min(RUNS, 100)):
        started = time.perf_counter()
        response = client.get(
            "/search/",
            {
                "q": queries[n % len(queries)],
                "edition": EDITIONS[n % 20],
                "type": "message",
            },
        )
        view_timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    rows.append(
        (
            "page view (HTML), words + edition + type",
            statistics.median(view_timings),
            percentile(view_timings, 0.95),
            None,
        )
    )

    table = ["| query | p50 ms | p95 ms | matches (last run) |", "|---|---:|---:|---:|"]
    table += [
        f"| {label} | {p50:.1f} | {p95:.1f} | {'' if total is None else total} |"
        for label, p50, p95, total in rows
    ]
    print("\n".join(table))
    machine = (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    vendor = {"sqlite": "SQLite (FTS5)", "postgresql": "PostgreSQL (full-text)"}[
        connection.vendor
    ]
    section = (
        f"## {vendor}\n\n"
        f"- Machine: {machine}; {RUNS} runs per query\n"
        f"- Data: {MESSAGES:,} messages + {SESSIONS:,} sessions as search entries\n"
        f"- Bulk indexing of generated documents: {count:,} in {bulk_seconds:.1f} s "
        f"({count / bulk_seconds:,.0f} documents/s)\n"
        f"- Full reindex from real rows ({REAL_MESSAGES:,} policy messages through the "
        f"message adapter): {real_rate:,.0f} items/s\n\n" + "\n".join(table) + "\n"
    )
    _write_results(connection.vendor, section)


def _real_rows_throughput(backend, message_adapter) -> float:
    from django.db import transaction

    from cms.models import ForumEditionPage, HomePage
    from outcomes.enums import DocumentKind, DocumentStatus
    from outcomes.models import OutcomeDocument, PolicyMessage

    rng = random.Random(11)  # noqa: S311
    with transaction.atomic():
        home = HomePage.objects.get()
        edition = ForumEditionPage(
            title="IGF Bench",
            slug="igfbench",
            ordinal=99,
            year=2099,
            start_on=dt.date(2099, 6, 1),
            end_on=dt.date(2099, 6, 4),
            time_zone="UTC",
            overarching_theme="Bench",
        )
        home.add_child(instance=edition)
        document = OutcomeDocument.objects.create(
            edition=edition,
            kind=DocumentKind.MESSAGES,
            title="Bench messages",
            slug="bench",
            status=DocumentStatus.FINAL,
            published_on=dt.date(2099, 6, 4),
        )
        PolicyMessage.objects.bulk_create(
            PolicyMessage(
                document=document, order=n, title=text(rng, 5), text=text(rng, 45)
            )
            for n in range(REAL_MESSAGES)
        )
    started = time.perf_counter()
    done = 0
    for batch in message_adapter.all_documents():
        backend.index(batch)
        done += len(batch)
    seconds = time.perf_counter() - started
    print(f"reindexed {done} real messages in {seconds:.1f} s")
    return done / seconds


def _write_results(vendor: str, section: str) -> None:
    path = ROOT / "bench" / "RESULTS-search.md"
    header = (
        "# Benchmark results: search\n\n"
        "Produced by `bench/search.py` (SQLite) and "
        "`DATABASE_URL=postgres://… bench/search.py` (PostgreSQL): p50/p95 of "
        "`search.selectors.search_results` (count, facet counts, one ranked page of 20, "
        "highlights) on the database backend, warm. Target: p95 ≤ 100 ms.\n\n"
    )
    sections = {}
    if path.exists():
        current = None
        for line in path.read_text().splitlines(keepends=True):
            if line.startswith("## "):
                current = line
                sections[current] = ""
            if current:
                sections[current] += line
    key = section.splitlines(keepends=True)[0]
    sections = {k: v for k, v in sections.items() if k != key}
    sections[key] = section
    ordered = sorted(sections.items(), key=lambda item: "PostgreSQL" in item[0])
    path.write_text(header + "\n".join(v.rstrip("\n") + "\n" for _, v in ordered))


if __name__ == "__main__":
    main()
