"""The year-round network: NRIs, intersessional bodies and their outputs — published
pages only, read through the same selectors as the directory and index pages."""

from __future__ import annotations

from django.utils import timezone
from ninja import Query, Router

from cms.selectors import NriFilters as DirectoryFilters
from cms.selectors import live_nri_index, nri_directory
from igfplus.api.pagination import (
    PageParams,
    keyset_list,
    keyset_page,
    reject_unknown_parameters,
)
from igfplus.api.schemas import (
    BodyFilters,
    BodyPage,
    ErrorOut,
    NriFilters,
    NriPage,
    OutputFilters,
    OutputPage,
)
from intersessional.models import IntersessionalIndexPage, Output
from intersessional.selectors import body_listing

router = Router(tags=["network"])
LIST_ERRORS = {400: ErrorOut}


@router.get("/nris", response={200: NriPage, **LIST_ERRORS})
def list_nris(request, filters: Query[NriFilters], page: Query[PageParams]):
    """National, regional, sub-regional and youth IGFs, as the NRI directory lists them."""
    reject_unknown_parameters(request, NriFilters, PageParams)
    index = live_nri_index()
    if index is None:
        return {"items": [], "next": None}
    directory = nri_directory(
        index=index,
        filters=DirectoryFilters(
            kind=filters.kind or "",
            group=filters.group or "",
            status=filters.status or "",
            activity=filters.activity or "",
        ),
        today=timezone.localdate(),
    )
    rows, next_url = keyset_list(request, directory.nris, page, key=lambda n: n.pk)
    return {
        "items": [
            {
                "id": nri.pk,
                "title": nri.title,
                "acronym": nri.acronym,
                "kind": nri.kind,
                "country": str(nri.country or ""),
                "un_regional_group": nri.group,
                "website": nri.website,
                "established_year": nri.established_year,
                "recognition_status": nri.status,
                "recognized_on": nri.recognized_on,
                "is_active": nri.is_active,
                "url": nri.url,
            }
            for nri in rows
        ],
        "next": next_url,
    }


def _bodies_index():
    return IntersessionalIndexPage.objects.live().order_by("path").first()


@router.get("/intersessional/bodies", response={200: BodyPage, **LIST_ERRORS})
def list_bodies(request, filters: Query[BodyFilters], page: Query[PageParams]):
    """Best Practice Forums, Policy Networks and Dynamic Coalitions, with their status."""
    reject_unknown_parameters(request, BodyFilters, PageParams)
    index = _bodies_index()
    if index is None:
        return {"items": [], "next": None}
    listing = body_listing(
        index,
        today=timezone.localdate(),
        kind=filters.kind or "",
        status=filters.status or "",
    )
    cards = [card for group in listing.groups for card in group.bodies]
    rows, next_url = keyset_list(request, cards, page, key=lambda c: c.pk)
    return {
        "items": [
            {
                "id": card.pk,
                "title": card.title,
                "acronym": card.acronym,
                "kind": card.kind,
                "first_year": card.first_year,
                "last_year": card.last_year,
                "status": card.status,
                "url": card.url,
            }
            for card in rows
        ],
        "next": next_url,
    }


@router.get("/intersessional/outputs", response={200: OutputPage, **LIST_ERRORS})
def list_outputs(request, filters: Query[OutputFilters], page: Query[PageParams]):
    """Draft and final outputs of published bodies (as their pages show them)."""
    reject_unknown_parameters(request, OutputFilters, PageParams)
    index = _bodies_index()
    if index is None:
        return {"items": [], "next": None}
    outputs = Output.objects.filter(
        body__in=index.get_children().live().values("pk")
    ).select_related("body", "edition", "document")
    if filters.body is not None:
        outputs = outputs.filter(body_id=filters.body)
    if filters.kind is not None:
        outputs = outputs.filter(kind=filters.kind)
    if filters.status is not None:
        outputs = outputs.filter(status=filters.status)
    if filters.year is not None:
        outputs = outputs.filter(year=filters.year)
    if filters.edition is not None:
        outputs = outputs.filter(edition__slug=filters.edition)
    rows, next_url = keyset_page(request, outputs, page)
    base_url = index.url or "/intersessional/"
    return {
        "items": [
            {
                "id": output.pk,
                "body_id": output.body_id,
                "body": output.body.title,
                "title": output.title,
                "kind": output.kind,
                "status": output.status,
                "year": output.year,
                "edition": output.edition.slug if output.edition else None,
                "published_on": output.published_on,
                "summary": output.summary,
                "link": output.link,
                "document_url": output.document.url if output.document else None,
                # Built here: Output.url walks the page tree once per row.
                "url": f"{base_url}{output.body.slug}/outputs/{output.pk}/",
            }
            for output in rows
        ],
        "next": next_url,
    }
