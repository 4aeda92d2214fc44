"""What every benchmark shares: a throwaway SQLite database, Django set up over it,
medians with query counts, and a results file naming the machine.

A script calls ``start(name)`` before importing anything of Django's, builds its world
when the database is fresh, then hands ``measure`` its cases and ``write_results`` the
rows. ``--reuse`` keeps the previous run's database (and skips the build).
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "15"))

# (label, run) or (label, run, prepare): ``prepare`` runs before each timed run, untimed.
Case = tuple
Row = tuple[str, float, int]


def start(name: str) -> bool:
    """Set Django up over /tmp/<name>/ and migrate; True when the database is new."""
    sys.path.insert(0, str(ROOT))
    data_dir = Path(tempfile.gettempdir()) / name
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "igfplus.settings.dev")
    os.environ["IGFPLUS_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("CACHE_URL", "locmemcache://")
    # The benches measure the views' own work: no whole-page or fragment caching, which
    # would answer every run after the first (`make loadtest` measures those).
    os.environ.setdefault("IGFPLUS_PAGE_CACHE_ENABLED", "false")
    os.environ.setdefault("FRAGMENT_CACHE_URL", "dummycache://")
    fresh = "--reuse" not in sys.argv or not data_dir.exists()
    if fresh and data_dir.exists():
        shutil.rmtree(data_dir)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    call_command("migrate", verbosity=0)  # a reused database may predate a migration
    return fresh


def timed(label: str, build: Callable[[], object]) -> None:
    started = time.perf_counter()
    build()
    print(f"{label} in {time.perf_counter() - started:.1f} s")


def page(client, url: str, status: int = 200, **headers) -> Callable[[], None]:
    """A case that requests ``url`` and insists on ``status``."""

    def run() -> None:
        response = client.get(url, **headers)
        assert response.status_code == status, (url, response.status_code)

    return run


def measure(cases: Sequence[Case], runs: int = RUNS) -> list[Row]:
    """Median milliseconds of ``runs`` runs after one warm-up, and the queries of one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rows = []
    for label, run, *setup in cases:
        prepare = setup[0] if setup else (lambda: None)
        prepare()
        run()  # warm code paths
        timings = []
        for _ in range(runs):
            prepare()
            started = time.perf_counter()
            run()
            timings.append((time.perf_counter() - started) * 1000)
        prepare()
        with CaptureQueriesContext(connection) as queries:
            run()
        rows.append((label, statistics.median(timings), len(queries)))
    return rows


def machine() -> str:
    return (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}"
    )


def write_results(
    filename: str, *, title: str, method: str, scale: str, rows: list[Row]
) -> None:
    """Print the table and write bench/<filename> with the machine and the data."""
    table = ["| case | median ms | SQL queries |", "|---|---:|---:|"]
    table += [f"| {label} | {ms:.1f} | {queries} |" for label, ms, queries in rows]
    print(scale)
    print("\n".join(table))
    (ROOT / "bench" / filename).write_text(
        f"# {title}\n\n{method}\n\n- Machine: {machine()}\n- Data: {scale}\n\n"
        + "\n".join(table)
        + "\n"
    )
