"""The programme as a printable PDF booklet: rendered in the background, cached per release.

``/<edition>/programme/programme.pdf`` takes the programme page's filters (``q``,
``theme``, ``type``, ``track``, ``room``, ``language``, ``attendance``), ``day``
(YYYY-MM-DD, or ``all``) and ``mine=1`` (the signed-in person's starred sessions);
``download=1`` asks for an attachment instead of a PDF shown in the browser.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from igfplus.http import conditional_bytes, document_etag
from sessions.forms import ProgrammeFilterForm
from sessions.models import ProgrammeBooklet, Release
from sessions.selectors import latest_release, release_days, starred_session_ids
from sessions.services.booklet import FILTER_PARAMS, BookletQuery
from sessions.services.programme import ALL_DAYS
from sessions.tasks import request_booklet

NOT_RELEASED = _(
    "The programme has not been published yet, so there is no PDF booklet of it."
)
INVALID_FILTERS = _("These filters do not match the programme: %(errors)s")
INVALID_DAY = _("“%(day)s” is not a day of the programme.")
INVALID_MINE = _("Use mine=1 for your own agenda.")
PREPARING_HEADING = _("Your PDF is being prepared…")
PREPARING = _(
    "The booklet of this version of the programme is being put together. "
    "It takes a few seconds, longer for the whole programme."
)
FAILED_HEADING = _("The PDF could not be prepared")
FAILED = _(
    "Something went wrong while putting the booklet together, and the site's team "
    "can see what. Please try again in a few minutes."
)
NOT_FOUND_HEADING = _("No PDF booklet")

REFRESH_SECONDS = 5
PDF_MAX_AGE = 60 * 15
FAILED_RETRY_SECONDS = 60 * 10


def programme_pdf(request: HttpRequest, programme_page) -> HttpResponse:
    """The booklet's PDF when ready; otherwise a page that waits for it (or says why not)."""
    edition = programme_page.edition
    release = latest_release(edition)
    if release is None:
        return _page(request, programme_page, NOT_FOUND_HEADING, NOT_RELEASED, 404)
    query, problem = _query(request, edition, release)
    if problem:
        return _page(request, programme_page, NOT_FOUND_HEADING, problem, 404)
    if query.is_mine and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    booklet = request_booklet(
        edition=edition,
        release=release,
        query=query,
        language=get_language(),
        user=request.user if query.is_mine else None,
    )
    if booklet.is_ready:
        return _pdf(request, booklet, query, release)
    if booklet.is_failed:
        response = _page(request, programme_page, FAILED_HEADING, FAILED, 503)
        response["Retry-After"] = str(FAILED_RETRY_SECONDS)
        return response
    return _page(
        request,
        programme_page,
        PREPARING_HEADING,
        PREPARING,
        202,
        refresh_seconds=REFRESH_SECONDS,
    )


def _query(
    request: HttpRequest, edition, release: Release
) -> tuple[BookletQuery | None, str]:
    """The booklet query in the URL, or a message saying what in it is wrong."""
    form = ProgrammeFilterForm(request.GET, edition=edition)
    if not form.is_valid():
        errors = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in form.errors.items()
        )
        return None, INVALID_FILTERS % {"errors": errors}
    filters = {
        name: getattr(value, "pk", value)
        for name in FILTER_PARAMS
        if (value := form.cleaned_data.get(name))
    }
    day = None
    requested_day = request.GET.get("day", "")
    if requested_day and requested_day != ALL_DAYS:
        try:
            day = dt.date.fromisoformat(requested_day)
        except ValueError:
            day = None
        if day is None or day not in release_days(release, edition.time_zone):
            return None, INVALID_DAY % {"day": requested_day}
    mine = request.GET.get("mine", "")
    if mine not in {"", "0", "1"}:
        return None, str(INVALID_MINE)
    session_ids = None
    if mine == "1":
        session_ids = starred_session_ids(request.user)
    return BookletQuery.build(filters, day=day, session_ids=session_ids), ""


def _pdf(
    request: HttpRequest,
    booklet: ProgrammeBooklet,
    query: BookletQuery,
    release: Release,
) -> HttpResponse:
    filename = query.filename(
        acronym=booklet.edition.slug,
        version=release.number,
        language=booklet.language,
    )
    with booklet.file.open("rb") as file:
        body = file.read()
    response = conditional_bytes(
        request,
        body,
        etag=document_etag("booklet", booklet.pk, booklet.rendered_at.isoformat()),
        last_modified=release.released_at,
        content_type="application/pdf",
        max_age=PDF_MAX_AGE,
        private=query.is_mine,
    )
    if response.status_code == 200:
        disposition = "attachment" if request.GET.get("download") else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    # The same URL gives each reader the booklet in their own language.
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


def _page(
    request: HttpRequest,
    programme_page,
    heading: str,
    message: str,
    status: int,
    *,
    refresh_seconds: int = 0,
) -> HttpResponse:
    return render(
        request,
        "sessions/booklet/status.html",
        {
            "edition": programme_page.edition,
            "programme_url": programme_page.url,
            "heading": heading,
            "message": message,
            "is_error": status >= 400,
            "refresh_seconds": refresh_seconds,
        },
        status=status,
    )
