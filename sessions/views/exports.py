"""The released programme for conference apps: ``schedule.xml`` (frab) and
``schedule.json`` (c3voc), at ``/<edition>/programme/``.

Open data, read by apps that poll: any origin may fetch them, and a poll costs one
lookup (304, or the cached bytes) until the next release.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.utils.translation import gettext_lazy as _

from igfplus.http import versioned_document
from sessions.exporters import c3voc_json, frab_xml
from sessions.public_urls import release_etag, release_key
from sessions.selectors import PublicSchedule, latest_release, public_schedule
from sessions.services.releases import programme_documents

# Raise when what an export contains changes shape, so cached copies are not reused.
EXPORT_VERSION = 2  # 2: participation facets in the description
XML_CONTENT_TYPE = "application/xml; charset=utf-8"
JSON_CONTENT_TYPE = "application/json; charset=utf-8"
TEXT_CONTENT_TYPE = "text/plain; charset=utf-8"

NO_RELEASE_YET = _(
    "The programme of %(edition)s has not been released yet: there is no schedule to "
    "export. Schedule apps can try again later."
)

Builder = Callable[..., bytes]


def schedule_xml(request: HttpRequest, programme_page) -> HttpResponse:
    """The edition's latest release as frab XML; 404 before the first release."""
    return _export(request, programme_page, "frab", frab_xml, XML_CONTENT_TYPE)


def schedule_json(request: HttpRequest, programme_page) -> HttpResponse:
    """The edition's latest release as c3voc JSON; 404 before the first release."""
    return _export(request, programme_page, "c3voc", c3voc_json, JSON_CONTENT_TYPE)


def _export(
    request: HttpRequest,
    programme_page,
    kind: str,
    build: Builder,
    content_type: str,
) -> HttpResponse:
    edition = programme_page.edition
    release = latest_release(edition)
    if release is None:
        response = HttpResponseNotFound(
            str(NO_RELEASE_YET % {"edition": edition.title}),
            content_type=TEXT_CONTENT_TYPE,
        )
        return _open_to_all(response)
    site_url = request.build_absolute_uri("/").rstrip("/")
    programme_url = programme_page.url

    def render() -> bytes:
        schedule: PublicSchedule = public_schedule(
            edition, release=release, programme_url=programme_url
        )
        return build(schedule, site_url=site_url, programme_url=programme_url)

    response = versioned_document(
        request,
        etag=export_etag(
            request, release_key(release.pk, release.released_at), kind=kind
        ),
        last_modified=release.released_at,
        content_type=content_type,
        render=render,
        keep_in=programme_documents(edition.pk),
    )
    return _open_to_all(response)


def export_etag(request: HttpRequest, release: str, *, kind: str) -> str:
    """The version of an export: its format and release (see ``on_programme``)."""
    return release_etag(request, kind, EXPORT_VERSION, release)


def frab_etag(request: HttpRequest, release: str) -> str:
    return export_etag(request, release, kind="frab")


def c3voc_etag(request: HttpRequest, release: str) -> str:
    return export_etag(request, release, kind="c3voc")


def _open_to_all(response: HttpResponse) -> HttpResponse:
    # Open data: web-based schedule viewers on other sites may fetch it.
    response["Access-Control-Allow-Origin"] = "*"
    return response
