"""Files of an edition's released programme at ``/<edition>/programme/<file>``.

Wagtail's page router serves only paths of slugs ending in ``/``; feeds and exports have
file names (``schedule.ics``), so they are routed here, ahead of the page tree, and each
view receives the edition's live programme page.
"""

from functools import wraps

from django.http import HttpResponseNotFound
from django.urls import path
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from cms.models import ForumEditionPage
from igfplus.http import document_etag, not_modified
from sessions.models import ProgrammePage, Release

app_name = "programme"

NO_SUCH_PROGRAMME = _("There is no edition “%(edition)s” with a published programme.")


def programme_page_for_slug(request, edition_slug: str) -> ProgrammePage | None:
    """The live programme page of the edition with this acronym on the request's site."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    edition = (
        ForumEditionPage.objects.live()
        .descendant_of(site.root_page)
        .filter(slug=edition_slug)
        .first()
    )
    if edition is None:
        return None
    programme = ProgrammePage.objects.live().child_of(edition).first()
    if programme is not None:
        programme._edition = edition  # spare the views a second lookup of the parent
    return programme


def release_key(release_pk: int, released_at) -> str:
    """Which release a document comes from; its time too, as SQLite may reuse an id."""
    return f"{release_pk}@{released_at.isoformat()}"


def release_etag(request, kind: str, version: int, release: str, *extra) -> str:
    """The ETag of a document made from one release: format, release, query, language, host.

    Built from the raw query string, so a poll can be answered before any page or form is
    loaded (``on_programme``); equivalent queries written differently just cache twice.
    """
    query = sorted(
        (key, value)
        for key, values in request.GET.lists()
        if key != "download"
        for value in values
    )
    return document_etag(
        kind,
        version,
        release,
        *extra,
        query,
        get_language(),
        request.build_absolute_uri("/"),
    )


def _not_modified(request, edition_slug: str, etag_of, kwargs):
    """304 for a client that holds the latest release's version: one query, no pages.

    Calendar and schedule apps poll every hour; nearly every poll ends here.
    """
    if "If-None-Match" not in request.headers:
        return None
    latest = (
        Release.objects.filter(edition__slug=edition_slug, edition__live=True)
        .order_by("-number")
        .values_list("pk", "released_at")
        .first()
    )
    if latest is None:
        return None
    release_pk, released_at = latest
    response = not_modified(
        request,
        etag=etag_of(request, release_key(release_pk, released_at), **kwargs),
        last_modified=released_at,
    )
    if response is not None:
        response["Access-Control-Allow-Origin"] = "*"
    return response


def on_programme(view, etag_of=None):
    """Call ``view(request, programme_page, **kwargs)``, or answer a plain-text 404.

    ``etag_of(request, release_key, **kwargs)``, when given, must be the ETag the view
    sets: a matching ``If-None-Match`` is then answered at once.
    """

    @wraps(view)
    def wrapper(request, edition, **kwargs):
        if etag_of is not None:
            not_modified = _not_modified(request, edition, etag_of, kwargs)
            if not_modified is not None:
                return not_modified
        programme = programme_page_for_slug(request, edition)
        if programme is None:
            return HttpResponseNotFound(
                f"{NO_SUCH_PROGRAMME % {'edition': edition}}\n",
                content_type="text/plain; charset=utf-8",
            )
        return view(request, programme, **kwargs)

    return wrapper


def _lazy(module: str, name: str):
    """``module.name``, imported on first call: the exports and the booklet load heavy
    libraries that a 304 never needs."""

    def call(*args, **kwargs):
        from importlib import import_module

        return getattr(import_module(module), name)(*args, **kwargs)

    call.__name__ = name
    return call


urlpatterns = [
    path(
        "<slug:edition>/programme/schedule.ics",
        on_programme(
            _lazy("sessions.views.feeds", "programme_feed"),
            _lazy("sessions.views.feeds", "programme_feed_etag"),
        ),
        name="ical",
    ),
    path(
        "<slug:edition>/programme/sessions/<uuid:guid>.ics",
        on_programme(
            _lazy("sessions.views.feeds", "session_feed"),
            _lazy("sessions.views.feeds", "session_feed_etag"),
        ),
        name="session_ical",
    ),
    path(
        "<slug:edition>/programme/schedule.xml",
        on_programme(
            _lazy("sessions.views.exports", "schedule_xml"),
            _lazy("sessions.views.exports", "frab_etag"),
        ),
        name="frab",
    ),
    path(
        "<slug:edition>/programme/schedule.json",
        on_programme(
            _lazy("sessions.views.exports", "schedule_json"),
            _lazy("sessions.views.exports", "c3voc_etag"),
        ),
        name="c3voc",
    ),
    path(
        "<slug:edition>/programme/programme.pdf",
        on_programme(_lazy("sessions.views.booklet", "programme_pdf")),
        name="pdf",
    ),
]
