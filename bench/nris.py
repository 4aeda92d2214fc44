"""Benchmark the NRI directory and the all-NRI calendar: `.venv/bin/python bench/nris.py`.

Builds, in a fresh SQLite database under /tmp, 200 NRIs (national ones in 150 countries,
regional, sub-regional and youth ones) with two events each in their own time zones
(about 100 zones) and three annual reports; then measures warm server time (median of N
requests through Django's test client, so no network) and SQL queries of the directory
(unfiltered and filtered), one NRI's page, the all-NRI feed and one NRI's feed. Feeds are
timed twice: rendered (the shared document cache emptied before each request, the
process warm) and as most polls find them (the bytes cached for this version).
Writes bench/RESULTS-nris.md.
"""

from __future__ import annotations

import datetime as dt
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
DATA_DIR = Path(tempfile.gettempdir()) / "igfplus-bench-nris"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "igfplus.settings.dev")
os.environ["IGFPLUS_DATA_DIR"] = str(DATA_DIR)
os.environ.setdefault("CACHE_URL", "locmemcache://")

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
NRIS = 200
EVENTS_PER_NRI = 2
REPORTS_PER_NRI = 3


def main() -> None:
    fresh = "--reuse" not in sys.argv
    if fresh and DATA_DIR.exists():
        shutil.rmtree(DATA_DIR)

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    if fresh:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        _build()
        print(f"NRI world built in {time.perf_counter() - started:.1f} s")

    from cms.models import NriEvent, NriPage

    busiest = NriPage.objects.order_by("pk").first()
    client = Client()

    def fetch(url, *, cached, poll=False):
        etag = client.get(url)["ETag"] if poll else None

        def run():
            if not cached:
                cache.clear()
                Site.get_site_root_paths()  # a server keeps this table warm
            if poll:
                response = client.get(url, HTTP_IF_NONE_MATCH=etag)
                assert response.status_code == 304, (url, response.status_code)
                return
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return run

    cases = [
        ("directory, all NRIs, rendered", "/nris/", False, False),
        ("directory, all NRIs, cached listing", "/nris/", True, False),
        (
            "directory, filtered (national, African Group), cached listing",
            "/nris/?kind=national&group=african",
            True,
            False,
        ),
        ("one NRI's page", busiest.url, True, False),
        ("all-NRI feed, rendered", "/nris/events.ics", False, False),
        ("all-NRI feed, cached bytes", "/nris/events.ics", True, False),
        ("all-NRI feed, 304 (If-None-Match)", "/nris/events.ics", True, True),
        ("one NRI's feed, rendered", f"/nris/{busiest.slug}/events.ics", False, False),
    ]
    rows = []
    for label, url, cached, poll in cases:
        run = fetch(url, cached=cached, poll=poll)
        run()  # warm caches (templates, VTIMEZONE blocks, Wagtail's site roots)
        timings = []
        for _ in range(RUNS):
            started = time.perf_counter()
            run()
            timings.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            run()
        rows.append((label, statistics.median(timings), len(queries)))
    zones = NriEvent.objects.values("time_zone").distinct().count()
    scale = (
        f"{NriPage.objects.count()} NRIs, {NriEvent.objects.count()} events in "
        f"{zones} time zones, {REPORTS_PER_NRI} reports each"
    )
    table = ["| case | median ms | SQL queries |", "|---|---:|---:|"]
    table += [f"| {label} | {ms:.1f} | {queries} |" for label, ms, queries in rows]
    print(f"{scale}; median of {RUNS} warm runs")
    print("\n".join(table))
    machine = (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    (ROOT / "bench" / "RESULTS-nris.md").write_text(
        "# Benchmark results: NRIs\n\n"
        f"Produced by `.venv/bin/python bench/nris.py`, median of {RUNS} warm runs "
        "through Django's test client on SQLite (embedded default). “Rendered” empties "
        "the shared cache (document bytes, directory listing) before each request; "
        "“cached” is what the next visitor or hourly poll of unchanged data costs. The "
        "machine was shared with other work while this ran (load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores).\n\n"
        f"- Machine: {machine}\n- Data: {scale}\n\n" + "\n".join(table) + "\n"
    )


def _build() -> None:
    import uuid
    import zoneinfo

    from django.db import transaction
    from django.utils import timezone

    from cms.demo import _country_time_zones
    from cms.enums import NriRegion
    from cms.models import HomePage, NriAnnualReport, NriEvent, NriIndexPage, NriPage
    from cms.services.un_regional_groups import UN_REGIONAL_GROUP_OF_COUNTRY

    rng = random.Random(2025)  # noqa: S311 (benchmark data, not security)
    zones = _country_time_zones()
    countries = sorted(code for code in UN_REGIONAL_GROUP_OF_COUNTRY if code in zones)
    now = timezone.now()
    with transaction.atomic():
        home = HomePage.objects.get()
        index = NriIndexPage(title="NRIs", slug="nris")
        home.add_child(instance=index)
        index.save_revision().publish()
        pages = []
        for n in range(NRIS):
            national = n < 150
            code = countries[n % len(countries)] if national else ""
            page = NriPage(
                title=f"Bench initiative {n}",
                slug=f"bench-{n}",
                acronym=f"BENCH{n}",
                kind="national"
                if national
                else ["regional", "sub-regional", "youth"][n % 3],
                country=code,
                region="" if national else rng.choice(NriRegion.values),
                un_regional_group=UN_REGIONAL_GROUP_OF_COUNTRY.get(code, ""),
                website=f"https://bench-{n}.example.org/",
                established_year=rng.randint(2006, 2020),
                recognition_status="recognized",
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
            index.add_child(instance=page)
            pages.append(page)
        events, reports = [], []
        for page in pages:
            zone = zones.get(str(page.country or ""), "Europe/Brussels")
            for order in range(EVENTS_PER_NRI):
                local = dt.datetime(2026, rng.randint(1, 12), rng.randint(1, 28), 9)
                start = local.replace(tzinfo=zoneinfo.ZoneInfo(zone))
                events.append(
                    NriEvent(
                        page=page,
                        sort_order=order,
                        guid=uuid.UUID(int=rng.getrandbits(128), version=4),
                        title=f"{page.acronym} meeting {order}",
                        start_at=start,
                        end_at=start + dt.timedelta(hours=8),
                        time_zone=zone,
                        city="Capital",
                        country=str(page.country or ""),
                        link=page.website,
                        changed_at=now,
                    )
                )
            reports += [
                NriAnnualReport(
                    page=page,
                    year=year,
                    submitted_on=dt.date(year + 1, 2, 1),
                    text="Report.",
                )
                for year in range(2022, 2022 + REPORTS_PER_NRI)
            ]
        NriEvent.objects.bulk_create(events)
        NriAnnualReport.objects.bulk_create(reports)


if __name__ == "__main__":
    main()
