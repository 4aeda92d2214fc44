"""The Elasticsearch backend: mapping and query bodies exactly; live only against a cluster.

No cluster can run on these machines: the mapping and the bodies are asserted as
dictionaries, and the end-to-end suite below runs only when ELASTICSEARCH_URL is set.
"""

import datetime as dt
import os
import uuid

import pytest

from search.backends.elasticsearch import (
    ElasticsearchBackend,
    entry_document,
    search_body,
    suggest_body,
)
from search.services.documents import SORT_DATE, SearchDocument, SearchRequest

LANGUAGES = {
    "ar": {"analyzer": "arabic", "type": "text"},
    "en": {"analyzer": "english", "type": "text"},
    "es": {"analyzer": "spanish", "type": "text"},
    "fr": {"analyzer": "french", "type": "text"},
    "ru": {"analyzer": "russian", "type": "text"},
}
FACET_NAMES = [
    "type",
    "edition",
    "theme",
    "session_type",
    "track",
    "stakeholder_group",
    "regional_group",
    "forum",
    "uptake_status",
    "nri_kind",
    "nri_region",
]


def multilingual(chinese):
    return {
        "analyzer": "standard",
        "fields": {**LANGUAGES, "zh": {"analyzer": chinese, "type": "text"}},
        "type": "text",
    }


@pytest.mark.parametrize("chinese", ["cjk", "smartcn"])
def test_mapping_is_explicit_with_an_analyzer_per_un_language(chinese):
    assert entry_document(chinese, "igfplus-search")._index.to_dict() == {
        "settings": {"number_of_shards": 1, "number_of_replicas": 0},
        "mappings": {
            "properties": {
                "kind": {"type": "keyword"},
                "key": {"type": "keyword"},
                "title": multilingual(chinese),
                "body": multilingual(chinese),
                "url": {"index": False, "type": "keyword"},
                "date": {"type": "date"},
                "edition": {"type": "keyword"},
                "language": {"type": "keyword"},
                "facets": {
                    "properties": {name: {"type": "keyword"} for name in FACET_NAMES},
                    "type": "object",
                },
            }
        },
    }


def aggregations():
    return {
        name: {"terms": {"field": f"facets.{name}", "size": 50}} for name in FACET_NAMES
    }


HIGHLIGHT = {
    "fields": {
        "title": {"number_of_fragments": 0},
        "title.*": {"number_of_fragments": 0},
        "body": {"fragment_size": 180, "number_of_fragments": 2},
        "body.*": {"fragment_size": 180, "number_of_fragments": 2},
    },
    "pre_tags": ["\ue000"],
    "post_tags": ["\ue001"],
    "require_field_match": False,
}


def test_search_body_with_words_phrase_filter_and_page():
    request = SearchRequest(
        text='Governing "data flows" NEAR*', filters={"type": ("session",)}, page=2
    )

    assert search_body(request).to_dict() == {
        "query": {
            "bool": {
                "must": [
                    {
                        "multi_match": {
                            "query": "governing",
                            "fields": ["title^3", "title.*^3", "body", "body.*"],
                            "operator": "and",
                            "type": "cross_fields",
                        }
                    },
                    {
                        "multi_match": {
                            "query": "data flows",
                            "fields": ["title", "title.*", "body", "body.*"],
                            "type": "phrase",
                        }
                    },
                ],
                "filter": [{"terms": {"facets.type": ["session"]}}],
            }
        },
        "aggs": aggregations(),
        "track_total_hits": True,
        "from": 20,
        "size": 20,
        "highlight": HIGHLIGHT,
    }


def test_search_body_without_words_lists_newest_first():
    request = SearchRequest(text="", filters={"edition": ("igf2031",)}, sort=SORT_DATE)

    assert search_body(request).to_dict() == {
        "query": {"bool": {"filter": [{"terms": {"facets.edition": ["igf2031"]}}]}},
        "aggs": aggregations(),
        "track_total_hits": True,
        "sort": [{"date": {"order": "desc", "missing": "_last"}}, "_score"],
        "from": 0,
        "size": 20,
        "highlight": HIGHLIGHT,
    }


def test_suggest_body_matches_title_prefixes():
    assert suggest_body('gover "', 8).to_dict() == {
        "query": {
            "match_bool_prefix": {"title": {"query": "gover", "operator": "and"}}
        },
        "size": 8,
        "_source": ["title", "url", "kind"],
    }


def test_documents_are_sent_with_facets_and_a_stable_id():
    backend = ElasticsearchBackend("http://127.0.0.1:9")
    document = SearchDocument(
        kind="message",
        key="7",
        title="Govern \ue000AI\ue001",
        body="Text",
        url="/outcomes/messages/x/",
        date=dt.date(2031, 6, 27),
        edition="igf2031",
        facets={"theme": ("Data governance",)},
    )

    assert list(backend._actions([document], "igfplus-search-1")) == [
        {
            "_op_type": "index",
            "_index": "igfplus-search-1",
            "_id": "message:7",
            "_source": {
                "kind": "message",
                "key": "7",
                "title": "Govern AI",
                "body": "Text",
                "url": "/outcomes/messages/x/",
                "date": "2031-06-27",
                "edition": "igf2031",
                "language": "en",
                "facets": {
                    "type": ["message"],
                    "theme": ["Data governance"],
                    "edition": ["igf2031"],
                },
            },
        }
    ]


# --- live, against a real cluster ---------------------------------------------------------

live = [
    pytest.mark.elasticsearch,
    pytest.mark.skipif(
        not os.environ.get("ELASTICSEARCH_URL"),
        reason="ELASTICSEARCH_URL is not set: the live Elasticsearch suite needs a cluster",
    ),
]


@pytest.fixture
def live_backend(settings):
    settings.SEARCH_ELASTICSEARCH_ALIAS = f"igfplus-test-{uuid.uuid4().hex[:8]}"
    backend = ElasticsearchBackend(settings.ELASTICSEARCH_URL)
    yield backend
    backend.client.indices.delete(index=f"{backend.alias}-*", ignore_unavailable=True)


@pytest.mark.django_db
class TestLive:
    pytestmark = live

    def test_reindex_then_search_with_stemming_facets_and_marks(
        self, world, live_backend
    ):
        from search.selectors import search_results
        from search.services.indexing import rebuild_index

        rebuild_index(live_backend, progress=lambda done, total: None)
        results = search_results(SearchRequest(text="governing"))

        assert results.backend == "elasticsearch"
        assert {hit.kind for hit in results.hits} >= {"message", "page", "session"}
        assert {c.value: c.count for c in results.facets["type"]}["session"] == 1
        assert any("\ue000" in hit.title for hit in results.hits)

    def test_hidden_content_never_appears(self, world, live_backend):
        from search.selectors import search_results
        from search.services.indexing import rebuild_index

        rebuild_index(live_backend, progress=lambda done, total: None)

        assert search_results(SearchRequest(text="secret algorithms")).total == 0
        assert search_results(SearchRequest(text="governance idea drafted")).total == 0

    def test_outbox_applies_changes_and_deletes(self, world, live_backend, index_now):
        from search.selectors import search_results

        page = world["public_page"]
        page.unpublish()
        report = index_now()

        assert report.kept == 0
        assert search_results(SearchRequest(text="commons")).total == 0

    def test_alias_swap_keeps_one_index(self, world, live_backend):
        from search.services.indexing import rebuild_index

        rebuild_index(live_backend, progress=lambda done, total: None)
        rebuild_index(live_backend, progress=lambda done, total: None)

        aliases = live_backend.client.indices.get_alias(name=live_backend.alias)
        assert len(aliases) == 1
