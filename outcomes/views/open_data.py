"""The outcomes as open data: ``/outcomes/outcomes.json`` (all editions) and
``/outcomes/editions/<acronym>/outcomes.json`` (one), in the format of
``docs/schemas/outcomes.schema.json``.

Read by machines that poll: any origin may fetch them, and a poll costs a few aggregate
queries (304, or the cached bytes) until something in the export changes.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.urls import path
from django.utils.translation import gettext_lazy as _

from cms.models import ForumEditionPage
from igfplus.http import document_etag, versioned_document
from outcomes.services.open_data import export_outcomes, latest_change, outcomes_json

JSON_CONTENT_TYPE = "application/json; charset=utf-8"
TEXT_CONTENT_TYPE = "text/plain; charset=utf-8"

UNKNOWN_EDITION = _(
    'There is no edition "%(acronym)s". The outcomes of every edition are at '
    "/outcomes/outcomes.json."
)


def all_json(request: HttpRequest) -> HttpResponse:
    """The public outcomes of every edition."""
    return _outcomes(request, None)


def edition_json(request: HttpRequest, acronym: str) -> HttpResponse:
    """The public outcomes of one edition; 404 for an edition that does not exist."""
    edition = ForumEditionPage.objects.live().filter(slug=acronym).first()
    if edition is None:
        response = HttpResponseNotFound(
            str(UNKNOWN_EDITION % {"acronym": acronym}),
            content_type=TEXT_CONTENT_TYPE,
        )
        return _open_to_all(response)
    return _outcomes(request, edition)


def _outcomes(request: HttpRequest, edition: ForumEditionPage | None) -> HttpResponse:
    version, changed_at = latest_change(edition)
    response = versioned_document(
        request,
        etag=document_etag("outcomes", edition.pk if edition else "all", version),
        last_modified=changed_at,
        content_type=JSON_CONTENT_TYPE,
        render=lambda: outcomes_json(export_outcomes(edition)),
    )
    return _open_to_all(response)


def _open_to_all(response: HttpResponse) -> HttpResponse:
    # Open data: dashboards and researchers' tools on other sites may fetch it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


urlpatterns = [
    path("outcomes.json", all_json, name="all_json"),
    path("editions/<slug:acronym>/outcomes.json", edition_json, name="edition_json"),
]
