"""Which backends are in use: the database always; Elasticsearch when ELASTICSEARCH_URL is set."""

from __future__ import annotations

from django.conf import settings

from search.backends.base import BackendUnavailable, SearchBackend
from search.backends.database import DatabaseBackend

__all__ = [
    "BackendUnavailable",
    "SearchBackend",
    "database_backend",
    "elasticsearch_backend",
    "writing_backends",
]


def elasticsearch_url() -> str:
    return getattr(settings, "ELASTICSEARCH_URL", "") or ""


def database_backend() -> DatabaseBackend:
    return DatabaseBackend()


def elasticsearch_backend():
    """The Elasticsearch backend when configured, else None."""
    url = elasticsearch_url()
    if not url:
        return None
    from search.backends.elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend(url)


def writing_backends() -> list:
    """Every backend index changes go to: the database first (it is the fallback)."""
    backends: list = [database_backend()]
    elastic = elasticsearch_backend()
    if elastic is not None:
        backends.append(elastic)
    return backends
