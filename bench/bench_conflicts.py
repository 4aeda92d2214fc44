"""Time find_conflicts on an edition-sized schedule.

400 sessions over 5 days in 24 rooms with 1,500 people (seeded, so every run times the
same schedule); prints the median of 20 runs. Run: ``.venv/bin/python bench/bench_conflicts.py``
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time
import zoneinfo
from pathlib import Path

SESSIONS = 400
DAYS = 5
ROOMS = 24
PEOPLE = 1500
RUNS = 20
SEED = 2025
TIME_ZONE = "Europe/Oslo"
FIRST_DAY = dt.date(2025, 6, 23)


def main() -> None:
    # Messages are translatable strings: Django needs settings, but no database.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django
    from django.conf import settings

    settings.configure(USE_I18N=True, LANGUAGE_CODE="en", INSTALLED_APPS=[])
    django.setup()
    from sessions.services.conflicts import find_conflicts

    slots, rules = build_schedule(random.Random(SEED))  # noqa: S311 (seeded data, not secrets)
    timings = []
    conflicts = []
    for _run in range(RUNS):
        started = time.perf_counter()
        conflicts = find_conflicts(slots, rules)
        timings.append((time.perf_counter() - started) * 1000)
    by_kind: dict[str, int] = {}
    for conflict in conflicts:
        by_kind[str(conflict.kind)] = by_kind.get(str(conflict.kind), 0) + 1
    print(
        f"find_conflicts: {len(slots)} sessions, {ROOMS} rooms, {PEOPLE} people, "
        f"{DAYS} days: median {statistics.median(timings):.1f} ms over {RUNS} runs "
        f"(min {min(timings):.1f}, max {max(timings):.1f}); "
        f"{len(conflicts)} conflicts {dict(sorted(by_kind.items()))}"
    )


def build_schedule(rng: random.Random):
    """Seeded random schedule: sessions on a 30-minute grid, 3–8 people each."""
    from sessions.services.conflicts import (
        PersonInfo,
        RoomInfo,
        ScheduleRules,
        SlotTiming,
    )

    tz = zoneinfo.ZoneInfo(TIME_ZONE)
    languages = ["ar", "zh", "en", "fr", "ru", "es"]
    rooms = [
        RoomInfo(
            id=n,
            name=f"Room {n}",
            capacity=rng.choice([40, 80, 150, 300, 1200]),
            has_hybrid_equipment=rng.random() < 0.8,
            interpretation_languages=frozenset(
                rng.sample(languages, rng.choice([0, 0, 2, 6]))
            ),
        )
        for n in range(1, ROOMS + 1)
    ]
    people = [PersonInfo(id=n, name=f"Person {n}") for n in range(1, PEOPLE + 1)]
    rules = ScheduleRules(
        time_zone=TIME_ZONE,
        first_day=FIRST_DAY,
        last_day=FIRST_DAY + dt.timedelta(days=DAYS - 1),
        venue_opens_at=dt.time(9, 0),
        venue_closes_at=dt.time(19, 0),
        max_parallel_per_theme=3,
        max_sessions_per_person=3,
    )
    slots = []
    for n in range(1, SESSIONS + 1):
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        minutes = rng.choice([30, 60, 60, 90, 90, 120])
        start_minute = rng.randrange(9 * 60, 19 * 60 - 30 + 1, 30)
        local = dt.datetime.combine(day, dt.time(0, 0), tzinfo=tz) + dt.timedelta(
            minutes=start_minute
        )
        start = local.astimezone(dt.UTC)
        slots.append(
            SlotTiming(
                guid=f"00000000-0000-0000-0000-{n:012d}",
                code=f"WS #{n}",
                title=f"Workshop {n}",
                room=rng.choice(rooms),
                start_at=start,
                end_at=start + dt.timedelta(minutes=minutes),
                people=tuple(rng.sample(people, rng.randint(3, 8))),
                theme_id=rng.randint(1, 6),
                theme_name=f"Sub-theme {n % 6 + 1}",
                delivery=rng.choice(["onsite", "hybrid", "hybrid", "online"]),
                languages=frozenset(rng.sample(languages, rng.randint(1, 2))),
                needs_interpretation=rng.random() < 0.1,
                expected_attendance=rng.choice([None, 30, 60, 100, 200]),
                allowed_durations=(60, 90),
            )
        )
    return slots, rules


if __name__ == "__main__":
    main()
