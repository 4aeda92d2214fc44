"""The Open data page at ``/open-data/`` and its bulk downloads.

``/open-data/<edition>/programme.csv|json``, ``/open-data/<edition>/outcomes.csv|json``,
``/open-data/<edition>/transmissions.csv`` and ``/open-data/nris.csv|json``. Read by
machines that poll: any origin may fetch them, each carries an ``ETag`` and a poll of an
unchanged file is a 304. A programme file is rendered once per release and kept with the
release's other documents (``programme_documents``), so a new release forgets it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Max
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cms.models import ForumEditionPage, NriPage
from cms.selectors import (
    NriFilters,
    live_editions,
    live_nri_index,
    nri_directory,
    nri_directory_version,
)
from igfplus.http import document_etag, kept_document, versioned_document
from outcomes.services import downloads
from outcomes.services.open_data import (
    export_outcomes,
    latest_change,
    outcomes_json,
    public_documents,
)
from sessions.public_urls import release_key
from sessions.selectors import latest_release, public_schedule
from sessions.services.releases import programme_documents

app_name = "open_data"

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8; header=present",
    "json": "application/json; charset=utf-8",
}
TEXT_CONTENT_TYPE = "text/plain; charset=utf-8"
API_DOCS_URL = "/api/v1/docs"
NO_SUCH_EDITION = _(
    'There is no edition "%(edition)s". Every download is listed at /open-data/.'
)
NO_RELEASE_YET = _(
    "The programme of %(edition)s has not been released yet: there is nothing to "
    "download. Try again after its first release."
)
FIRST_IGF = dt.datetime(2006, 10, 30, tzinfo=dt.UTC)
NO_NRI_DIRECTORY = _("There is no NRI directory on this site yet.")


@dataclass(frozen=True)
class Download:
    """One file at one address, rendered by ``render`` when not already kept."""

    filename: str
    format: str
    etag: str
    last_modified: dt.datetime
    render: Callable[[], bytes]
    keep_in: str = ""


# --- which file, which version --------------------------------------------------------------


def programme_download(request, edition, fmt: str) -> Download | None:
    """The edition's programme file, or None before its first release."""
    release = latest_release(edition)
    if release is None:
        return None
    site_url = _site_url(request)

    def render_file() -> bytes:
        schedule = public_schedule(edition, release=release)
        records = downloads.programme_records(schedule, site_url=site_url)
        if fmt == "csv":
            return downloads.programme_csv(records)
        return downloads.programme_json(records, edition=edition, release=release)

    return Download(
        filename=f"{edition.slug}-programme.{fmt}",
        format=fmt,
        etag=_programme_etag(
            release_key(release.pk, release.released_at), fmt, site_url
        ),
        last_modified=release.released_at,
        render=render_file,
        keep_in=programme_documents(edition.pk),
    )


def _programme_etag(release: str, fmt: str, site_url: str) -> str:
    return document_etag(
        "open-data", "programme", fmt, downloads.DOWNLOADS_VERSION, release, site_url
    )


def outcomes_download(
    edition, stem: str, fmt: str, change: tuple[str, dt.datetime] | None = None
) -> Download:
    """The edition's outcomes (``stem`` outcomes or transmissions) in ``fmt``;
    ``change`` is ``latest_change(edition)`` when the caller has it already."""
    version, changed_at = change or latest_change(edition)

    def render_file() -> bytes:
        data = export_outcomes(edition)
        if fmt == "json":
            return outcomes_json(data)
        if stem == "transmissions":
            return downloads.transmissions_csv(data)
        return downloads.outcomes_csv(data)

    return Download(
        filename=f"{edition.slug}-{stem}.{fmt}",
        format=fmt,
        etag=document_etag(
            "open-data", stem, fmt, downloads.DOWNLOADS_VERSION, edition.pk, version
        ),
        last_modified=changed_at,
        render=render_file,
    )


def nris_download(request, fmt: str) -> Download | None:
    """Every published NRI, or None when the site has no NRI directory."""
    index = live_nri_index()
    if index is None:
        return None
    today = timezone.localdate()
    site_url = _site_url(request)

    def render_file() -> bytes:
        # Labels (the region's name) in English, whoever asks: the file is the same
        # for every visitor.
        with translation.override("en"):
            directory = nri_directory(index=index, filters=NriFilters(), today=today)
            records = downloads.nri_records(directory.nris, site_url=site_url)
        if fmt == "csv":
            return downloads.nris_csv(records)
        return downloads.nris_json(records)

    last_published = _nris_last_published(index)
    return Download(
        filename=f"nris.{fmt}",
        format=fmt,
        etag=document_etag(
            "open-data",
            "nris",
            fmt,
            downloads.DOWNLOADS_VERSION,
            nri_directory_version(index=index),
            today,
            site_url,
        ),
        last_modified=last_published,
        render=render_file,
    )


def _nris_last_published(index) -> dt.datetime:
    """When the directory or any NRI under it was last published."""
    found = (
        NriPage.objects.live()
        .child_of(index)
        .aggregate(latest=Max("last_published_at"))
    )
    candidates = [found["latest"], index.last_published_at, FIRST_IGF]
    return max(moment for moment in candidates if moment is not None)


def _site_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


# --- the files --------------------------------------------------------------------------


def _serve(request: HttpRequest, download: Download) -> HttpResponse:
    response = versioned_document(
        request,
        etag=download.etag,
        last_modified=download.last_modified,
        content_type=CONTENT_TYPES[download.format],
        render=download.render,
        filename=download.filename if download.format == "csv" else "",
        keep_in=download.keep_in,
    )
    return _open_to_all(response)


def _not_found(message) -> HttpResponse:
    return _open_to_all(
        HttpResponseNotFound(str(message), content_type=TEXT_CONTENT_TYPE)
    )


def _edition(slug: str) -> ForumEditionPage | None:
    return live_editions().filter(slug=slug).first()


def edition_file(stem: str, fmt: str):
    """A view serving ``stem.fmt`` of the edition named in the URL."""

    def view(request: HttpRequest, edition: str) -> HttpResponse:
        found = _edition(edition)
        if found is None:
            return _not_found(NO_SUCH_EDITION % {"edition": edition})
        if stem == "programme":
            download = programme_download(request, found, fmt)
            if download is None:
                return _not_found(NO_RELEASE_YET % {"edition": found.title})
        else:
            download = outcomes_download(found, stem, fmt)
        return _serve(request, download)

    view.__name__ = f"{stem}_{fmt}"
    return view


def nris_file(fmt: str):
    """A view serving ``nris.fmt``."""

    def view(request: HttpRequest) -> HttpResponse:
        download = nris_download(request, fmt)
        if download is None:
            return _not_found(NO_NRI_DIRECTORY)
        return _serve(request, download)

    view.__name__ = f"nris_{fmt}"
    return view


def _open_to_all(response: HttpResponse) -> HttpResponse:
    # Open data: dashboards and researchers' tools on other sites may fetch it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- the page ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListedFile:
    dataset: downloads.Dataset
    format: str
    url: str
    size: int


@dataclass(frozen=True)
class EditionDownloads:
    edition: ForumEditionPage
    files: list[ListedFile]
    has_release: bool


def open_data_page(request: HttpRequest) -> HttpResponse:
    """Every download per edition with its size, the data dictionary and the licence."""
    editions = []
    for edition in live_editions():
        files = []
        has_release = False
        change = latest_change(edition)  # one version for the edition's outcome files
        for dataset in downloads.EDITION_DATASETS:
            for fmt in dataset.formats:
                if dataset is downloads.PROGRAMME:
                    download = programme_download(request, edition, fmt)
                    if download is None:
                        continue
                    has_release = True
                else:
                    download = outcomes_download(edition, dataset.stem, fmt, change)
                files.append(_listed(request, dataset, download, edition.slug))
        # An edition with neither a release nor a public outcome has nothing to offer.
        if has_release or public_documents(edition).exists():
            editions.append(EditionDownloads(edition, files, has_release))
    nri_files = []
    for fmt in downloads.NRIS.formats:
        download = nris_download(request, fmt)
        if download is not None:
            nri_files.append(_listed(request, downloads.NRIS, download, None))
    return render(
        request,
        "outcomes/open_data.html",
        {
            "editions": editions,
            "nri_files": nri_files,
            "datasets": downloads.DATASETS,
            "person_fields": downloads.PERSON_FIELDS,
            "licence_url": downloads.LICENCE_URL,
            "api_docs_url": API_DOCS_URL,
        },
    )


def _listed(request, dataset, download: Download, edition: str | None) -> ListedFile:
    name = f"{dataset.stem}_{download.format}"
    url = (
        reverse(f"open_data:{name}", kwargs={"edition": edition})
        if edition
        else reverse(f"open_data:{name}")
    )
    # The same kept rendering the download serves: listing a size renders it once.
    body = kept_document(
        etag=download.etag, render=download.render, keep_in=download.keep_in
    )
    return ListedFile(dataset, download.format, url, len(body))


urlpatterns = [
    path("", open_data_page, name="index"),
    path("nris.csv", nris_file("csv"), name="nris_csv"),
    path("nris.json", nris_file("json"), name="nris_json"),
    path(
        "<slug:edition>/programme.csv",
        edition_file("programme", "csv"),
        name="programme_csv",
    ),
    path(
        "<slug:edition>/programme.json",
        edition_file("programme", "json"),
        name="programme_json",
    ),
    path(
        "<slug:edition>/outcomes.csv",
        edition_file("outcomes", "csv"),
        name="outcomes_csv",
    ),
    path(
        "<slug:edition>/outcomes.json",
        edition_file("outcomes", "json"),
        name="outcomes_json",
    ),
    path(
        "<slug:edition>/transmissions.csv",
        edition_file("transmissions", "csv"),
        name="transmissions_csv",
    ),
]
