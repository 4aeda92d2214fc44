"""The search page, its JSON twin and title suggestions: parse, call a selector, render."""

from __future__ import annotations

from dataclasses import replace

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from search.forms import SearchForm
from search.selectors import (
    edition_titles,
    kind_labels,
    search_results,
    title_suggestions,
)
from search.services.documents import SearchResults
from search.services.facets import FACETS, MAX_VALUES_PER_FACET, value_label

SUGGEST_LIMIT = 8


def search(request: HttpRequest) -> HttpResponse:
    """/search/?q=…&type=…&page=…&sort=… as HTML, or as JSON with format=json."""
    form = SearchForm(request.GET)
    search_request = form.search_request(request.GET)
    results = search_results(search_request)
    if not results.hits and results.total and search_request.page > 1:
        # Past the end: show the last page rather than nothing.
        search_request = replace(search_request, page=results.page_count)
        results = search_results(search_request)
    facets = _facet_groups(results)
    kinds = kind_labels()
    if request.GET.get("format") == "json":
        return JsonResponse(_as_json(results, facets), json_dumps_params={"indent": 1})
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "results": results,
            "searched": search_request.text,
            "facets": facets,
            "rows": [
                {"hit": hit, "kind_label": kinds.get(hit.kind, hit.kind)}
                for hit in results.hits
            ],
            "pages": _page_links(request, results),
            "has_filters": bool(search_request.filters),
            "json_url": _with(request, format="json", page=search_request.page),
            "clear_filters_url": "?" + _query_of(request, keep=("q", "sort")),
        },
    )


def suggest(request: HttpRequest) -> JsonResponse:
    """/search/suggest?q=gov → {"suggestions": [{"title", "url", "kind"}]}."""
    text = str(request.GET.get("q", ""))[:200]
    return JsonResponse({"suggestions": title_suggestions(text, SUGGEST_LIMIT)})


def _facet_groups(results: SearchResults) -> list[dict]:
    kinds, editions = kind_labels(), edition_titles()
    groups = []
    for name, label in FACETS.items():
        chosen = results.request.filters.get(name, ())
        counts = {c.value: c.count for c in results.facets.get(name, [])}
        shown = [c.value for c in results.facets.get(name, [])][:MAX_VALUES_PER_FACET]
        # Chosen values stay visible (count 0 if unknown) so they can be unticked.
        values = list(dict.fromkeys([*shown, *chosen]))
        if not values:
            continue
        groups.append(
            {
                "name": name,
                "label": str(label),
                "values": [
                    {
                        "value": value,
                        "label": value_label(
                            name, value, kinds=kinds, editions=editions
                        ),
                        "count": counts.get(value, 0),
                        "is_chosen": value in chosen,
                    }
                    for value in values
                ],
            }
        )
    return groups


def _as_json(results: SearchResults, facets: list[dict]) -> dict:
    request = results.request
    return {
        "query": request.text,
        "filters": {name: list(values) for name, values in request.filters.items()},
        "sort": request.sort,
        "page": request.page,
        "page_count": results.page_count,
        "per_page": request.per_page,
        "total": results.total,
        "backend": results.backend,
        "notice": results.fallback_reason,
        "results": [
            {
                "type": hit.kind,
                "title": hit.title.replace("\ue000", "").replace("\ue001", ""),
                "title_html": str(hit.title_html),
                "snippet_html": str(hit.snippet_html),
                "url": hit.url,
                "date": hit.date.isoformat() if hit.date else None,
                "edition": hit.edition,
                "facets": hit.facets,
            }
            for hit in results.hits
        ],
        "facets": {
            group["name"]: [
                {"value": v["value"], "label": v["label"], "count": v["count"]}
                for v in group["values"]
            ]
            for group in facets
        },
    }


def _query_of(request: HttpRequest, *, keep=None, **changes) -> str:
    query = request.GET.copy()
    if keep is not None:
        for key in list(query):
            if key not in keep:
                del query[key]
    for key, value in changes.items():
        query[key] = str(value)
    return query.urlencode()


def _with(request: HttpRequest, **changes) -> str:
    return "?" + _query_of(request, **changes)


def _page_links(request: HttpRequest, results: SearchResults) -> dict:
    page, count = results.request.page, results.page_count
    numbers = sorted({1, count, *range(max(1, page - 2), min(count, page + 2) + 1)})
    return {
        "current": page,
        "count": count,
        "previous": _with(request, page=page - 1) if page > 1 else "",
        "next": _with(request, page=page + 1) if page < count else "",
        "numbers": [(n, _with(request, page=n)) for n in numbers],
    }
