"""Time the programme booklet (PDF) at IGF scale: `.venv/bin/python bench/booklet.py [N]`.

Builds N (default 400) released sessions in memory as ``PublicSession`` values — the
selector behind the booklet reads them in a few queries whatever their number, so the cost
that grows with the programme is the rendering measured here: the HTML template and
WeasyPrint's layout. Sessions carry realistic text (a description of ~120 words, three
policy questions, 6 people) in several scripts. Prints the time of each step and the
PDF's size and page count; the booklet task must finish within 20 s for 400 sessions.
This is the task's own work (``sessions.tasks.render_booklet``) minus its few queries.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "igfplus.settings.dev")

BUDGET_SECONDS = 20.0

WORDS = [
    "internet",
    "governance",
    "multistakeholder",
    "digital",
    "cooperation",
    "data",
    "flows",
    "access",
    "inclusion",
    "security",
    "trust",
    "human",
    "rights",
    "artificial",
    "intelligence",
    "infrastructure",
    "capacity",
    "development",
    "youth",
    "parliamentarians",
    "policy",
    "standards",
    "innovation",
]
TITLES = [
    "Meaningful access for the next billion users",
    "حوكمة الإنترنت والتعاون الرقمي",
    "数字合作与互联网治理",
    "Управление интернетом и цифровое сотрудничество",
    "Gouvernance de l'internet et coopération numérique",
    "Gobernanza de internet y cooperación digital",
]


def synthetic_schedule(count: int):
    """A PublicSchedule of ``count`` sessions over 5 days and 12 rooms, never saved."""
    from cms.models import ForumEditionPage
    from sessions.enums import Delivery, PersonRole, Presence, SessionStatus
    from sessions.models import Release, Room
    from sessions.selectors import PublicPerson, PublicSchedule, PublicSession

    edition = ForumEditionPage(
        title="IGF 2025 Lillestrøm",
        slug="igf2025",
        year=2025,
        host_city="Lillestrøm",
        country="NO",
        venue="Nova Spektrum",
        start_on=dt.date(2025, 6, 23),
        end_on=dt.date(2025, 6, 27),
        time_zone="Europe/Oslo",
        overarching_theme="Building digital governance together",
    )
    released_at = dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC)
    release = Release(edition=edition, number=3, released_at=released_at)
    rooms = [Room(pk=n + 1, name=f"Room {n + 1}") for n in range(12)]
    roles = [
        PersonRole.ORGANIZER,
        PersonRole.ONSITE_MODERATOR,
        PersonRole.ONLINE_MODERATOR,
        PersonRole.SPEAKER,
        PersonRole.SPEAKER,
        PersonRole.RAPPORTEUR,
    ]
    sessions = []
    for n in range(count):
        day, slot = divmod(n // len(rooms), 8)
        room = rooms[n % len(rooms)]
        start = dt.datetime.combine(
            edition.start_on + dt.timedelta(days=day % 5),
            dt.time(9 + slot),
            tzinfo=edition.tzinfo,
        ).astimezone(dt.UTC)
        description = " ".join(WORDS[(n + i) % len(WORDS)] for i in range(120))
        people = tuple(
            PublicPerson(
                guid=f"person-{(n * 5 + i) % 1500}",
                name=f"Speaker {(n * 5 + i) % 1500} Ålesund-Ñúñez",
                organisation=f"Organisation {(n + i) % 90}",
                stakeholder_group="civil-society",
                regional_group="weog",
                role=role,
                presence=Presence.ONLINE if i == 2 else Presence.ONSITE,
            )
            for i, role in enumerate(roles)
        )
        sessions.append(
            PublicSession(
                session_id=n + 1,
                guid=f"guid-{n}",
                code=f"WS #{n + 1}",
                number=n + 1,
                title=f"{TITLES[n % len(TITLES)]} ({n + 1})",
                slug=f"ws-{n + 1}",
                url=f"/igf2025/programme/ws-{n + 1}/",
                status=SessionStatus.CANCELLED
                if n % 50 == 7
                else SessionStatus.SCHEDULED,
                type_id=1,
                type_name="Workshop",
                type_prefix="WS",
                track="",
                theme_id=1,
                theme_name="Harnessing innovation and balancing risks",
                description=description,
                policy_questions=(
                    "How can data flow with trust across borders?",
                    "Who decides the rules of artificial intelligence?",
                    "What does meaningful access require?",
                ),
                discussion_format="panel",
                languages=("en", "fr"),
                delivery=Delivery.HYBRID,
                online_participation="Join through the online platform; a link is "
                "sent to registered participants.",
                room_id=room.pk,
                room_name=room.name,
                start_at=start,
                end_at=start + dt.timedelta(minutes=60),
                sequence=0,
                changed_at=released_at,
                people=people,
            )
        )
    return PublicSchedule(edition=edition, release=release, sessions=sessions)


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu_reference_ms() -> float:
    """A fixed piece of pure Python, to compare this machine with others."""
    started = time.perf_counter()
    sum(range(10**7))
    return (time.perf_counter() - started) * 1000


RUNS = 3


def main() -> None:
    import django

    django.setup()
    from sessions.services.booklet import BookletQuery
    from sessions.tasks import render_booklet

    count = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 400
    schedule = synthetic_schedule(count)
    machine = (
        f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}, "
        f"sum(range(10**7)) in {cpu_reference_ms():.0f} ms"
    )
    print(f"Machine: {machine}")

    rows = []
    for run in range(1, RUNS + 1):
        started, cpu_started = time.perf_counter(), time.process_time()
        children_started = _children_cpu()
        pdf = render_booklet(schedule, query=BookletQuery())
        wall = time.perf_counter() - started
        # Wall time is the budget: a long booklet is laid out in two processes at once,
        # so its CPU time (this process and the forked one) is more than its wall time.
        here = time.process_time() - cpu_started
        forked = _children_cpu() - children_started
        rows.append((wall, here, forked))
        print(
            f"run {run}: {count} sessions in {wall:.2f} s wall; CPU {here:.2f} s here "
            f"+ {forked:.2f} s in the forked part"
        )
    median = sorted(rows)[len(rows) // 2]
    pages = page_count(pdf)
    print(f"PDF: {len(pdf) / 1e6:.2f} MB, {pages} pages")
    verdict = "within" if median[0] <= BUDGET_SECONDS else "OVER"
    print(f"Median {median[0]:.2f} s; budget {BUDGET_SECONDS:.0f} s for 400: {verdict}")
    if "--out" in sys.argv:
        Path(sys.argv[sys.argv.index("--out") + 1]).write_bytes(pdf)
    if count == 400:
        (ROOT / "bench" / "RESULTS-booklet.md").write_text(
            "# Programme booklet (PDF)\n\n"
            "Produced by `make bench` (bench/booklet.py): the booklet task's rendering of "
            f"400 released sessions, {RUNS} runs. Budget: {BUDGET_SECONDS:.0f} s.\n\n"
            f"- Machine: {machine}\n"
            f"- PDF: {len(pdf) / 1e6:.2f} MB, {pages} pages\n\n"
            "| run | wall s | CPU s (this process) | CPU s (forked part) |\n"
            "|---|---:|---:|---:|\n"
            + "".join(
                f"| {n} | {w:.2f} | {h:.2f} | {f:.2f} |\n"
                for n, (w, h, f) in enumerate(rows, start=1)
            )
            + f"\n**Median wall time: {median[0]:.2f} s ({verdict} the budget).**\n"
        )


if __name__ == "__main__":
    main()
