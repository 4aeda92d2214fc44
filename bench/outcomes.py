"""Benchmark the outcome pages at scale: `.venv/bin/python bench/outcomes.py`.

Builds, in a fresh SQLite database under /tmp, 20 editions of 5 sub-themes and 40 policy
messages each (800 messages), 2,000 transmissions to one forum and 600 to ten others,
with one to three uptake events each; then measures warm server time (median of N
requests through Django's test client, so no network) and SQL queries of the forum page,
a message trace, the dashboard and the other outcome pages. Prints a table.
"""

from __future__ import annotations

import datetime as dt
import random

from harness import RUNS, measure, page, start, timed, write_results

EDITIONS = 20
THEMES = 5
MESSAGES_PER_EDITION = 40
BUSY_FORUM_TRANSMISSIONS = 2000
OTHER_TRANSMISSIONS = 600


def main() -> None:
    if start("igfplus-bench-outcomes"):
        timed("outcomes world built", _build)

    from django.db.models import Count
    from django.test import Client

    from outcomes.models import NormativeForum, PolicyMessage, Transmission

    busy = NormativeForum.objects.get(slug="bench-busy")
    # The message sent most often: the worst case of a trace.
    traced = (
        PolicyMessage.objects.filter(transmissions__isnull=False)
        .annotate(sent=Count("transmissions"))
        .order_by("-sent", "pk")
        .first()
    )
    client = Client()
    sent = busy.transmissions.count()
    pages = sent // 50 + 1
    cases = [
        ("index", "/outcomes/"),
        ("forums list", "/outcomes/forums/"),
        (f"forum page, {sent} transmissions, page 1", f"/outcomes/forums/{busy.slug}/"),
        (
            f"forum page, last page ({pages})",
            f"/outcomes/forums/{busy.slug}/?page={pages}",
        ),
        (
            f"message trace ({traced.sent} transmissions)",
            f"/outcomes/messages/{traced.guid}/",
        ),
        ("edition page (40 messages)", "/outcomes/editions/bench2025/"),
        ("document page (40 messages)", "/outcomes/documents/bench2025/messages/"),
        ("dashboard, 20 editions", "/outcomes/dashboard/"),
        (
            "dashboard, filtered (2015-2020, UN bodies)",
            "/outcomes/dashboard/?first_year=2015&last_year=2020&forum_kind=un_body",
        ),
    ]
    write_results(
        "RESULTS-outcomes.md",
        title="Benchmark results: outcomes",
        method=f"Produced by `make bench` (bench/outcomes.py), median of {RUNS} warm "
        "runs through Django's test client on SQLite (embedded default).",
        scale=f"{EDITIONS} editions, {PolicyMessage.objects.count()} messages, "
        f"{Transmission.objects.count()} transmissions",
        rows=measure([(label, page(client, url)) for label, url in cases]),
    )


def _build() -> None:
    from django.db import transaction

    from cms.models import EditionTheme, ForumEditionPage, HomePage
    from outcomes.enums import (
        Channel,
        DocumentStatus,
        EvidenceLevel,
        ForumKind,
        SourceKind,
        UptakeKind,
    )
    from outcomes.models import (
        MessageSource,
        NormativeForum,
        OutcomeDocument,
        PolicyMessage,
        Transmission,
        UptakeEvent,
    )
    from outcomes.services.uptake import EventFact, current_status

    rng = random.Random(2025)  # noqa: S311 (benchmark data, not security)
    home = HomePage.objects.get()
    with transaction.atomic():
        messages = []
        for n in range(EDITIONS):
            year = 2006 + n
            edition = ForumEditionPage(
                title=f"Bench IGF {year}",
                slug=f"bench{year}",
                ordinal=100 + n,
                year=year,
                start_on=dt.date(year, 11, 10),
                end_on=dt.date(year, 11, 14),
                time_zone="Europe/Zurich",
                overarching_theme="An Internet for all",
            )
            home.add_child(instance=edition)
            edition.save_revision().publish()
            themes = EditionTheme.objects.bulk_create(
                EditionTheme(page=edition, name=f"Theme {t}", sort_order=t)
                for t in range(THEMES)
            )
            document = OutcomeDocument.objects.create(
                edition=edition,
                kind="messages",
                title=f"IGF {year} Messages",
                slug="messages",
                status=DocumentStatus.FINAL,
                published_on=edition.end_on,
            )
            messages += PolicyMessage.objects.bulk_create(
                PolicyMessage(
                    document=document,
                    theme=themes[m % THEMES],
                    order=m,
                    title=f"Message {m} of {year}",
                    text="Meaningful access needs affordable connectivity. " * 3,
                )
                for m in range(MESSAGES_PER_EDITION)
            )
        MessageSource.objects.bulk_create(
            MessageSource(
                message=message,
                kind=SourceKind.INTERSESSIONAL_OUTPUT,
                title=f"Policy Network output for {message.title}",
                url="https://example.org/output",
            )
            for message in messages
        )
        busy = NormativeForum.objects.create(
            name="Bench busy forum",
            acronym="BUSY",
            slug="bench-busy",
            kind=ForumKind.UN_BODY,
        )
        others = [
            NormativeForum.objects.create(
                name=f"Bench forum {n}",
                acronym=f"BF{n}",
                slug=f"bench-{n}",
                kind=list(ForumKind.values)[n % len(ForumKind.values)],
            )
            for n in range(10)
        ]
        kinds = [k for k in UptakeKind.values if k != UptakeKind.WITHDRAWN]
        plan = [busy] * BUSY_FORUM_TRANSMISSIONS + [
            rng.choice(others) for _ in range(OTHER_TRANSMISSIONS)
        ]
        sendings, chosen, event_rows = [], [], []
        for forum in plan:
            picked = rng.sample(messages, rng.randint(1, 3))
            year = max(m.document.edition.year for m in picked)
            sent_on = dt.date(year + 1, rng.randint(1, 12), rng.randint(1, 28))
            events = [
                (rng.choice(kinds), sent_on + dt.timedelta(days=30 * (e + 1)))
                for e in range(rng.randint(0, 3))
            ]
            status = current_status(
                EventFact(k, d, i) for i, (k, d) in enumerate(events)
            )
            sendings.append(
                Transmission(
                    forum=forum,
                    channel=rng.choice(Channel.values),
                    sent_on=sent_on,
                    actor="IGF Secretariat",
                    evidence_url="https://example.org/evidence",
                    status=status,
                )
            )
            chosen.append(picked)
            event_rows.append(events)
        sendings = Transmission.objects.bulk_create(sendings)
        Link = Transmission.messages.through
        Link.objects.bulk_create(
            Link(transmission=t, policymessage=m)
            for t, picked in zip(sendings, chosen, strict=True)
            for m in picked
        )
        UptakeEvent.objects.bulk_create(
            UptakeEvent(
                transmission=t,
                kind=kind,
                occurred_on=on,
                evidence_level=rng.choice(EvidenceLevel.values),
                evidence_url="https://example.org/record",
                quoted_passage="The Commission takes note of the IGF messages.",
            )
            for t, events in zip(sendings, event_rows, strict=True)
            for kind, on in events
        )


if __name__ == "__main__":
    main()
