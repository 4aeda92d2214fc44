"""Benchmark the schedule exports at IGF scale: `.venv/bin/python bench/exports.py`.

Works on a copy of the demo world that bench/programme.py builds (~400 sessions in the
current edition's latest release), or builds one. Measures, as medians of N runs:
the pure builders, the selector plus builder (what a cache miss costs the server), and
whole requests through Django's test client: a cache miss, a cached copy and a 304.
Prints a table; writes nothing.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = Path(tempfile.gettempdir()) / "igfplus-bench" / "igfplus.sqlite3"
DATA_DIR = Path(tempfile.gettempdir()) / "igfplus-bench-exports"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "igfplus.settings.dev")
os.environ["IGFPLUS_DATA_DIR"] = str(DATA_DIR)
os.environ.setdefault("CACHE_URL", "locmemcache://")
# The views' own work: no whole-page or fragment caching (`make loadtest` measures those).
os.environ.setdefault("IGFPLUS_PAGE_CACHE_ENABLED", "false")
os.environ.setdefault("FRAGMENT_CACHE_URL", "dummycache://")

RUNS = int(os.environ.get("BENCH_RUNS", "25"))


def main() -> None:
    built = _prepare()

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    if built:
        call_command("migrate", verbosity=0)
        call_command("load_demo_data", stdout=open(os.devnull, "w"))  # noqa: SIM115

    from cms.models import ForumEditionPage
    from sessions.exporters import c3voc_json, frab_xml
    from sessions.selectors import latest_release, public_schedule
    from sessions.services.sessions import programme_page_for

    edition = ForumEditionPage.objects.get(slug="igf2025")
    programme = programme_page_for(edition)
    release = latest_release(edition)
    site, page_url = "https://igf.example", programme.url
    schedule = public_schedule(edition, release=release, programme_url=page_url)
    schedule.rooms  # noqa: B018 (read once, as a render does)
    client = Client()

    def build(builder):
        return lambda: builder(schedule, site_url=site, programme_url=page_url)

    def select_and_build(builder):
        def run():
            fresh = public_schedule(edition, release=release, programme_url=page_url)
            builder(fresh, site_url=site, programme_url=page_url)

        return run

    def request(name, *, cold=False, etag=False):
        url = programme.url + name
        validator = client.get(url)["ETag"]

        def run():
            if cold:
                cache.clear()
            headers = {"HTTP_IF_NONE_MATCH": validator} if etag else {}
            response = client.get(url, **headers)
            assert response.status_code == (304 if etag else 200), response

        return run

    cases = []
    for name, builder in (("schedule.json", c3voc_json), ("schedule.xml", frab_xml)):
        cases += [
            (f"{name}: builder only (pure)", build(builder)),
            (f"{name}: selector + builder", select_and_build(builder)),
            (f"{name}: request, cache miss", request(name, cold=True)),
            (f"{name}: request, cached copy", request(name)),
            (f"{name}: request, 304", request(name, etag=True)),
        ]
    rows = []
    for label, run in cases:
        run()
        timings = []
        for _ in range(RUNS):
            started = time.perf_counter()
            run()
            timings.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            run()
        rows.append((label, statistics.median(timings), len(queries)))

    sizes = {
        name: len(builder(schedule, site_url=site, programme_url=page_url))
        for name, builder in (("json", c3voc_json), ("xml", frab_xml))
    }
    exported = sum(1 for s in schedule.sessions if not s.is_cancelled and s.start_at)
    print(
        f"{edition.title}, release {release.number}: {len(schedule.sessions)} released "
        f"sessions ({exported} exported), {sum(len(s.people) for s in schedule.sessions)} "
        f"participations; JSON {sizes['json'] // 1024} KiB, XML {sizes['xml'] // 1024} KiB"
    )
    print("| case | median ms | SQL queries |\n|---|---:|---:|")
    for label, ms, queries in rows:
        print(f"| {label} | {ms:.1f} | {queries} |")


def _prepare() -> bool:
    """A private copy of the shared demo database; True when one must be built."""
    DATA_DIR.mkdir(exist_ok=True)
    target = DATA_DIR / SHARED.name
    if SHARED.exists():
        shutil.copyfile(SHARED, target)
        return False
    target.unlink(missing_ok=True)
    return True


if __name__ == "__main__":
    main()
