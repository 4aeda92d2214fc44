"""Benchmark the programme at IGF scale: `make bench` (or `.venv/bin/python bench/programme.py`).

Builds the demo world (the current edition has ~400 sessions, 1,500 people) in a fresh
SQLite database under /tmp, then measures warm server time (median of N requests through
Django's test client, so no network) and SQL queries for each page. Prints a table and
writes bench/RESULTS.md. Numbers are for comparison between commits on the same machine.
"""

from __future__ import annotations

import os

from harness import RUNS, measure, start, timed, write_results
from harness import page as get


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
    from sessions.models import Person, SessionPage
    from sessions.selectors import edition_conflicts, latest_release, schedule_slots
    from sessions.services.conflicts import find_conflicts
    from sessions.services.sessions import programme_page_for
    from sessions.tasks import prepare_release_documents

    edition = ForumEditionPage.objects.get(slug="igf2025")
    programme = programme_page_for(edition)
    session = SessionPage.objects.live().filter(edition=edition).first()
    mag = _staff_client(Client(), "mag@demo.igfplus.org")
    participant = _staff_client(Client(), "participant@demo.igfplus.org")
    busiest = _busiest_day(edition)

    def forget_documents():
        # A cold document cache (another app server, a restart); documents kept in the
        # database stay. Wagtail's own site cache stays too.
        from django.core.cache import cache
        from wagtail.models import Site

        cache.clear()
        Site.get_site_root_paths()

    def forget_everything():
        # Nothing cached or kept: the first rendering of a release's document, which the
        # release task does before anyone asks (for the standard documents).
        from igfplus.models import StoredDocument

        StoredDocument.objects.all().delete()
        forget_documents()

    slug = edition.slug
    feed = f"/{slug}/programme/schedule.ics"
    feed_etag = Client().get(feed)["ETag"]
    agenda_url = _private_calendar_url(participant)

    slots, rules = schedule_slots(edition)
    cases = [
        (
            "conflict detection (pure, whole edition)",
            lambda: find_conflicts(slots, rules),
        ),
        (
            "conflicts from the database (selector + rule)",
            lambda: edition_conflicts(edition),
        ),
        ("public programme, first day (default)", get(Client(), programme.url)),
        (
            f"public programme, busiest day ({busiest})",
            get(Client(), f"{programme.url}?day={busiest}"),
        ),
        (
            "public programme, busiest day, signed in (star buttons)",
            get(participant, f"{programme.url}?day={busiest}"),
        ),
        ("public programme, all days", get(Client(), f"{programme.url}?day=all")),
        (
            "public programme, filtered (text)",
            get(Client(), programme.url + "?q=access"),
        ),
        ("session page", get(Client(), session.url)),
        ("agenda builder grid (admin)", get(mag, _agenda_builder_url(edition))),
        (
            "iCal feed, whole programme, first rendering",
            get(Client(), feed),
            forget_everything,
        ),
        (
            "iCal feed, whole programme, cold cache (kept)",
            get(Client(), feed),
            forget_documents,
        ),
        ("iCal feed, whole programme, cached", get(Client(), feed)),
        (
            "iCal feed, whole programme, 304",
            get(Client(), feed, 304, HTTP_IF_NONE_MATCH=feed_etag),
        ),
        (
            "iCal feed, parliamentary track, first rendering",
            get(Client(), feed + "?track=parliamentary"),
            forget_everything,
        ),
        ("iCal feed, personal agenda (private link)", get(Client(), agenda_url)),
        (
            "c3voc JSON export, first rendering",
            get(Client(), f"/{slug}/programme/schedule.json"),
            forget_everything,
        ),
        (
            "c3voc JSON export, cold cache (kept)",
            get(Client(), f"/{slug}/programme/schedule.json"),
            forget_documents,
        ),
        (
            "frab XML export, first rendering",
            get(Client(), f"/{slug}/programme/schedule.xml"),
            forget_everything,
        ),
        (
            "frab XML export, cold cache (kept)",
            get(Client(), f"/{slug}/programme/schedule.xml"),
            forget_documents,
        ),
        (
            "release task: prepare the standard feeds and exports",
            lambda: prepare_release_documents.call(latest_release(edition).pk),
            forget_everything,
        ),
        (
            "track page (parliamentary)",
            get(Client(), f"{programme.url}tracks/parliamentary/"),
        ),
    ]
    rows = measure(cases)
    scale = (
        f"{SessionPage.objects.filter(edition=edition).count()} sessions in {edition.title}, "
        f"{Person.objects.count()} people, {len(slots)} in the schedule being built"
    )
    write_results(
        "RESULTS.md",
        title="Benchmark results",
        method=f"Produced by `make bench` (bench/programme.py), median of {RUNS} runs "
        'through Django\'s test client on SQLite (embedded default). "First rendering" '
        "runs start with nothing cached or kept (the release task does this once per "
        'release for the standard documents); "cold cache (kept)" runs clear the '
        "cache, as on another app server or after a restart, and read the document "
        "kept in the database; the others run warm.",
        scale=scale,
        rows=rows,
    )


def _busiest_day(edition) -> str:
    from collections import Counter

    from sessions.selectors import latest_release

    starts = latest_release(edition).sessions.values_list("start_at", flat=True)
    days = Counter(start.astimezone(edition.tzinfo).date() for start in starts if start)
    return days.most_common(1)[0][0].isoformat()


def _staff_client(client, email):
    from igfplus.models import User

    client.force_login(User.objects.get(email=email))
    return client


def _private_calendar_url(client) -> str:
    """The demo participant's private calendar URL (a new token each run)."""
    from igfplus.services.feed_tokens import rotate_feed_token

    return f"/calendar/{rotate_feed_token(user=_user_of(client))}.ics"


def _user_of(client):
    from django.contrib.auth import SESSION_KEY

    from igfplus.models import User

    return User.objects.get(pk=client.session[SESSION_KEY])


def _agenda_builder_url(edition) -> str:
    from django.urls import reverse

    return reverse("sessions_agenda_builder", args=[edition.pk])


if __name__ == "__main__":
    main()
