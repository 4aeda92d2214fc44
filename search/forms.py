"""The search form: everything in the URL, every value checked, nothing able to fail."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from search.services.documents import PER_PAGE, SORT_DATE, SORT_RELEVANCE, SearchRequest
from search.services.facets import FACETS, MAX_CHOSEN_PER_FACET
from search.services.query import MAX_QUERY_CHARS, truncate_query

MAX_PAGE = 500  # deeper than any visitor reads; keeps OFFSET bounded


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False, strip=True)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(SORT_RELEVANCE, _("Relevance")), (SORT_DATE, _("Newest first"))],
    )

    def search_request(self, data) -> SearchRequest:
        """The request the visitor's parameters describe; bad values fall back to defaults."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        text = truncate_query(str(data.get("q", ""))[: MAX_QUERY_CHARS * 4])
        filters = {
            name: tuple(
                dict.fromkeys(v[:200] for v in data.getlist(name) if v.strip())
            )[:MAX_CHOSEN_PER_FACET]
            for name in FACETS
        }
        return SearchRequest(
            text=text,
            filters={name: values for name, values in filters.items() if values},
            sort=cleaned.get("sort") or SORT_RELEVANCE,
            page=_page_number(data.get("page")),
            per_page=PER_PAGE,
        )


def _page_number(value) -> int:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)
