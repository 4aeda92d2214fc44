"""Background work of the programme: the PDF booklet, rendered once per release and selection.

Tasks run inline with the default (immediate) backend and in ``manage.py db_worker`` with
``TASKS_BACKEND=database``; either way the booklet's row says where it stands.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.handlers.wsgi import WSGIRequest
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import resolve, reverse
from django.utils import timezone, translation
from django_tasks import task

from cms.models import ForumEditionPage
from igfplus.fields import UN_LANGUAGES
from igfplus.pdf import join_parts, render_parts
from sessions.enums import Delivery, DiscussionFormat, Track
from sessions.forms import ProgrammeFilterForm
from sessions.models import ProgrammeBooklet, Release
from sessions.models.booklets import BookletStatus
from sessions.selectors import ProgrammeFilters, PublicSchedule, public_schedule
from sessions.services.booklet import (
    BookletContents,
    BookletQuery,
    booklet_contents,
    people_by_role,
    select_sessions,
)
from sessions.services.participation import facet_lines

logger = logging.getLogger(__name__)

# A booklet that failed, or is still pending this long after it was queued (a worker
# that died), is queued again by the next request for it.
RETRY_AFTER = dt.timedelta(minutes=10)

FILTERS_NO_LONGER_VALID = (
    "The booklet's filters no longer match the programme: {errors}"
)


def request_booklet(
    *,
    edition: ForumEditionPage,
    release: Release,
    query: BookletQuery,
    language: str,
    user=None,
) -> ProgrammeBooklet:
    """The booklet for this release, selection and language; queued if not ready.

    ``user`` makes it a personal booklet (“my agenda”) that only they are given. With
    the immediate backend the returned booklet is already rendered (or failed).
    """
    booklet, created = ProgrammeBooklet.objects.get_or_create(
        release=release,
        filter_key=query.key,
        language=language,
        user=user,
        defaults={"edition": edition, "query": query.query_string},
    )
    if created:
        _forget_superseded(booklet)
    elif booklet.status == BookletStatus.READY or (
        booklet.updated_at > timezone.now() - RETRY_AFTER
    ):
        return booklet
    else:
        booklet.status = BookletStatus.PENDING
        booklet.save(update_fields=["status", "updated_at"])
    render_programme_booklet.enqueue(booklet.pk)
    booklet.refresh_from_db()
    return booklet


@task()
def render_programme_booklet(booklet_id: int) -> str:
    """Render a pending booklet's PDF into its file; returns the booklet's new status."""
    booklet = (
        ProgrammeBooklet.objects.select_related("edition", "release")
        .filter(pk=booklet_id)
        .first()
    )
    if booklet is None:  # superseded by a newer release meanwhile
        return "gone"
    if booklet.status == BookletStatus.READY:
        return booklet.status
    try:
        with translation.override(booklet.language):
            pdf = booklet_pdf(booklet)
    except Exception as error:
        logger.exception("Programme booklet %s could not be rendered", booklet.pk)
        booklet.status = BookletStatus.FAILED
        booklet.error = f"{type(error).__name__}: {error}"
        booklet.save(update_fields=["status", "error", "updated_at"])
        return booklet.status
    query = BookletQuery.parse(booklet.query)
    booklet.file.save(
        query.filename(
            acronym=booklet.edition.slug,
            version=booklet.release.number,
            language=booklet.language,
        ),
        ContentFile(pdf),
        save=False,
    )
    booklet.status = BookletStatus.READY
    booklet.error = ""
    booklet.rendered_at = timezone.now()
    booklet.save(update_fields=["file", "status", "error", "rendered_at", "updated_at"])
    return booklet.status


def booklet_pdf(booklet: ProgrammeBooklet) -> bytes:
    """The booklet's PDF, from its release (in the active language)."""
    edition = booklet.edition
    query = BookletQuery.parse(booklet.query)
    filters, selection = _filters(edition, query)
    schedule = public_schedule(
        edition, filters, release=booklet.release, language=booklet.language
    )
    return render_booklet(schedule, query=query, selection=selection)


# Booklets with at least this many sessions are laid out in two processes at once: the
# cover, the day tables and the first sessions' details in one, the other details in the
# other. A day-table row costs about a third of a session's details (bench/booklet.py).
PARALLEL_FROM_SESSIONS = 40
TABLE_ROW_COST = 1 / 3


def render_booklet(
    schedule: PublicSchedule,
    *,
    query: BookletQuery,
    selection: list[tuple[str, str]] | None = None,
) -> bytes:
    """The booklet's PDF: cover, day tables and session details, then the speaker index.

    The index is laid out as a document of its own once the sessions' pages are known:
    CSS ``target-counter()`` would give the same numbers, but makes WeasyPrint lay out
    the whole booklet again and again (it took 40% of the time at 400 sessions). The
    pages are numbered when the parts are joined (``igfplus.pdf.join_parts``).
    """
    edition = schedule.edition
    zone = edition.tzinfo
    sessions = select_sessions(
        schedule.sessions, zone=zone, day=query.day, session_ids=query.session_ids
    )
    contents = booklet_contents(sessions, zone)
    details = _details(contents)
    html = partial(
        booklet_html, schedule, contents=contents, query=query, selection=selection
    )
    split = _split_point(details, table_rows=len(contents.items))
    if split is None:
        parts = render_parts([html(details=details)])
    else:
        parts = render_parts(
            [html(details=details[:split]), html(details=details[split:], front=False)]
        )
    if contents.index:
        pages = {
            name: start + index + 1
            for part, start in zip(parts, _starts(parts), strict=True)
            for name, (index, _x, _y) in part.anchors.items()
        }
        parts += render_parts(
            [
                render_to_string(
                    "sessions/booklet/index.html",
                    {
                        "edition": edition,
                        "rows": [
                            (
                                entry,
                                [
                                    (code, pages.get(anchor))
                                    for code, anchor in entry.anchors
                                ],
                            )
                            for entry in contents.index
                        ],
                    },
                )
            ]
        )
    return join_parts(parts, unnumbered_pages=1)


def _starts(parts) -> list[int]:
    starts, total = [], 0
    for part in parts:
        starts.append(total)
        total += part.page_count
    return starts


def _split_point(details: list[dict], *, table_rows: int) -> int | None:
    """Where to cut the details so that both processes have as much to lay out (the
    second part begins on a new page); None for booklets too short to be worth it.
    """
    if len(details) < PARALLEL_FROM_SESSIONS:
        return None
    balanced = round((len(details) - table_rows * TABLE_ROW_COST) / 2)
    return min(max(balanced, 1), len(details) - 1)


def booklet_html(
    schedule: PublicSchedule,
    *,
    contents: BookletContents,
    query: BookletQuery,
    details: list[dict],
    selection: list[tuple[str, str]] | None = None,
    front: bool = True,
) -> str:
    """The booklet's main part as HTML: cover, day tables, session details.

    ``front=False`` gives only the details, continuing those of a part before it.
    """
    return render_to_string(
        "sessions/booklet/booklet.html",
        {
            "edition": schedule.edition,
            "release": schedule.release,
            "query": query,
            "selection": selection or [],
            "contents": contents,
            "details": details,
            "front": front,
        },
    )


def _details(contents: BookletContents) -> list[dict]:
    languages = dict(UN_LANGUAGES)
    formats = dict(DiscussionFormat.choices)
    deliveries = dict(Delivery.choices)
    tracks = dict(Track.choices)
    return [
        {
            "item": item,
            "session": item.session,
            "roles": people_by_role(item.session.people),
            "languages": ", ".join(
                str(languages.get(code, code)) for code in item.session.languages
            ),
            "format": formats.get(item.session.discussion_format, ""),
            "delivery": deliveries.get(item.session.delivery, ""),
            "track": tracks.get(item.session.track, ""),
            "access": " · ".join(facet_lines(item.session.participation)),
        }
        for item in contents.items
    ]


def _filters(
    edition: ForumEditionPage, query: BookletQuery
) -> tuple[ProgrammeFilters, list[tuple[str, str]]]:
    """The query's programme filters and, for the cover, (label, value) pairs."""
    form = ProgrammeFilterForm(QueryDict(urlencode(query.filters)), edition=edition)
    if not form.is_valid():
        raise ValueError(FILTERS_NO_LONGER_VALID.format(errors=form.errors.as_text()))
    selection = []
    for name, _value in query.filters:
        field = form.fields[name]
        value = form.cleaned_data[name]
        if hasattr(field, "choices") and not hasattr(value, "pk"):
            value = dict(field.choices).get(value, value)
        selection.append((str(field.label), str(value)))
    return form.filters(), selection


def _forget_superseded(booklet: ProgrammeBooklet) -> None:
    """Remove booklets no request will ask for again, files included.

    Booklets of the edition's earlier releases (the programme always shows the latest),
    and the owner's personal booklets of this edition made for other stars.
    """
    stale = list(
        ProgrammeBooklet.objects.filter(
            edition=booklet.edition_id, release__number__lt=booklet.release.number
        )
    )
    if booklet.user_id is not None:
        stars = BookletQuery.parse(booklet.query).session_ids
        stale += [
            other
            for other in ProgrammeBooklet.objects.filter(
                edition=booklet.edition_id,
                release=booklet.release_id,
                user=booklet.user_id,
            ).exclude(pk=booklet.pk)
            if BookletQuery.parse(other.query).session_ids != stars
        ]
    for old in stale:
        if old.file:
            old.file.delete(save=False)
        old.delete()


@task()
def prepare_release_documents(release_id: int) -> int:
    """Render a new release's standard feeds and exports before anyone asks for them.

    The documents a release changes for everyone — the whole programme's calendar, each
    track's calendar, the frab and c3voc exports — are rendered here, in the site's
    default language and under the site's own address, exactly as a request for them
    would render them; the first calendar app to poll gets kept bytes. Returns how many
    documents were prepared.
    """
    release = Release.objects.filter(pk=release_id).select_related("edition").first()
    if (
        release is None
        or release.edition.releases.filter(number__gt=release.number).exists()
    ):
        return 0  # gone, or superseded while queued
    site = release.edition.get_site()
    if site is None:
        return 0
    slug = release.edition.slug
    paths = [
        (reverse("programme:ical", args=[slug]), ""),
        *(
            (reverse("programme:ical", args=[slug]), urlencode({"track": track}))
            for track in Track.values
        ),
        (reverse("programme:frab", args=[slug]), ""),
        (reverse("programme:c3voc", args=[slug]), ""),
    ]
    prepared = 0
    with translation.override(settings.LANGUAGE_CODE):
        for path, query in paths:
            request = _site_request(site, path, query)
            match = resolve(path)
            response = match.func(request, *match.args, **match.kwargs)
            prepared += response.status_code == 200
    return prepared


def _site_request(site, path: str, query: str) -> WSGIRequest:
    """A GET request for ``path`` as it reaches the site from outside (its host, its
    scheme), so the prepared documents carry the site's public addresses and ETags."""
    scheme, _sep, host = site.root_url.partition("://")
    server_name, _sep, port = host.partition(":")
    return WSGIRequest(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": server_name,
            "SERVER_PORT": port or ("443" if scheme == "https" else "80"),
            "HTTP_HOST": host,
            "wsgi.url_scheme": scheme,
            "wsgi.input": io.BytesIO(),
        }
    )
