"""Reads of search: results from the configured backend, falling back to the database."""

from __future__ import annotations

import logging

from django.utils.translation import gettext_lazy as _

from cms.models import ForumEditionPage
from search.backends import (
    BackendUnavailable,
    database_backend,
    elasticsearch_backend,
)
from search.registry import adapters
from search.services.documents import SearchRequest, SearchResults

logger = logging.getLogger(__name__)

FALLBACK_NOTICE = _(
    "The main search service is unavailable: these results come from the site's own "
    "database and may lack the latest language-specific matching."
)


def search_results(request: SearchRequest) -> SearchResults:
    """One page of results with facet counts; the database answers if Elasticsearch fails."""
    elastic = elasticsearch_backend()
    if elastic is not None:
        try:
            return elastic.search(request)
        except BackendUnavailable as error:
            logger.warning("Search falls back to the database: %s", error)
            results = database_backend().search(request)
            results.fallback_reason = str(FALLBACK_NOTICE)
            return results
    return database_backend().search(request)


def title_suggestions(text: str, limit: int = 8) -> list[dict]:
    """Titles matching what was typed so far (the last word as a prefix)."""
    elastic = elasticsearch_backend()
    if elastic is not None:
        try:
            return elastic.suggest(text, limit)
        except BackendUnavailable:
            pass
    return database_backend().suggest(text, limit)


def kind_labels() -> dict[str, str]:
    return {kind: adapter.label for kind, adapter in adapters().items()}


def edition_titles() -> dict[str, str]:
    """Edition slugs to titles (one query), for the edition facet."""
    return dict(ForumEditionPage.objects.values_list("slug", "title"))
