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
import random

from harness import RUNS, measure, page, start, timed, write_results

NRIS = 200
EVENTS_PER_NRI = 2
REPORTS_PER_NRI = 3


def main() -> None:
    if start("igfplus-bench-nris"):
        timed("NRI world built", _build)

    from django.core.cache import cache
    from django.test import Client
    from wagtail.models import Site

    from cms.models import NriEvent, NriPage

    busiest = NriPage.objects.order_by("pk").first()
    client = Client()

    def forget():
        # "Rendered": the shared cache emptied; a server keeps Wagtail's site table warm.
        cache.clear()
        Site.get_site_root_paths()

    feed = "/nris/events.ics"
    etag = client.get(feed)["ETag"]
    rows = measure(
        [
            ("directory, all NRIs, rendered", page(client, "/nris/"), forget),
            ("directory, all NRIs, cached listing", page(client, "/nris/")),
            (
                "directory, filtered (national, African Group), cached listing",
                page(client, "/nris/?kind=national&group=african"),
            ),
            ("one NRI's page", page(client, busiest.url)),
            ("all-NRI feed, rendered", page(client, feed), forget),
            ("all-NRI feed, cached bytes", page(client, feed)),
            (
                "all-NRI feed, 304 (If-None-Match)",
                page(client, feed, 304, HTTP_IF_NONE_MATCH=etag),
            ),
            (
                "one NRI's feed, rendered",
                page(client, f"/nris/{busiest.slug}/events.ics"),
                forget,
            ),
        ]
    )
    zones = NriEvent.objects.values("time_zone").distinct().count()
    write_results(
        "RESULTS-nris.md",
        title="Benchmark results: NRIs",
        method=f"Produced by `make bench` (bench/nris.py), median of {RUNS} warm runs "
        "through Django's test client on SQLite (embedded default). “Rendered” empties "
        "the shared cache (document bytes, directory listing) before each request; "
        "“cached” is what the next visitor or hourly poll of unchanged data costs.",
        scale=f"{NriPage.objects.count()} NRIs, {NriEvent.objects.count()} events in "
        f"{zones} time zones, {REPORTS_PER_NRI} reports each",
        rows=rows,
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
