"""Search over everything public, through the search app's own query interface
(``search.selectors.search_results``): the same results as /search/, as data."""

from __future__ import annotations

from ninja import Query, Router

from igfplus.api.errors import BAD_CURSOR, CURSOR_UNREADABLE, ApiError
from igfplus.api.pagination import (
    PageParams,
    decode_cursor,
    next_link,
    reject_unknown_parameters,
)
from igfplus.api.schemas import ErrorOut, SearchFilters, SearchPage
from search.forms import MAX_PAGE
from search.selectors import search_results
from search.services.documents import MARK_END, MARK_START, SearchRequest
from search.services.query import truncate_query

router = Router(tags=["search"])
_UNMARK = str.maketrans({MARK_START: "", MARK_END: ""})


@router.get("/search", response={200: SearchPage, 400: ErrorOut})
def search(request, filters: Query[SearchFilters], page: Query[PageParams]):
    """Released sessions, messages, documents, transmissions, NRIs, bodies, outputs and
    pages matching ``q``, by relevance or date.

    Results are ranked, not keyed: here the cursor carries the page number (still tied
    to the query that made it).
    """
    reject_unknown_parameters(request, SearchFilters, PageParams)
    number = decode_cursor(request, page.cursor) or 1
    if not 1 <= number <= MAX_PAGE:
        raise ApiError(400, BAD_CURSOR, CURSOR_UNREADABLE, field="cursor")
    chosen = {
        name: (value,)
        for name, value in (("type", filters.type), ("edition", filters.edition))
        if value
    }
    results = search_results(
        SearchRequest(
            text=truncate_query(filters.q),
            filters=chosen,
            sort=filters.sort,
            page=number,
            per_page=page.limit,
        )
    )
    has_more = number * page.limit < results.total and number < MAX_PAGE
    return {
        "items": [
            {
                "type": hit.kind,
                "title": hit.title.translate(_UNMARK),
                "snippet": hit.snippet.translate(_UNMARK),
                "url": hit.url,
                "date": hit.date,
                "edition": hit.edition,
            }
            for hit in results.hits
        ],
        "total": results.total,
        "next": next_link(request, number + 1) if has_more else None,
    }
