"""The at-scale backend: an Elasticsearch cluster through elasticsearch-dsl Documents.

Readers and writers use an alias; a full reindex builds a new index and swaps the alias
atomically, so search never sees a half-built index. Every text field carries one
sub-field per UN language with that language's analyzer; queries search all of them.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_errors
from elasticsearch.helpers import BulkIndexError, bulk
from elasticsearch_dsl import Date, Document, Keyword, Object, Q, Search, Text

from search.backends.base import BackendUnavailable
from search.services.documents import (
    MARK_END,
    MARK_START,
    SORT_DATE,
    FacetCount,
    Hit,
    SearchDocument,
    SearchRequest,
    SearchResults,
    plain_snippet,
)
from search.services.facets import FACETS
from search.services.query import parse_text

DEFAULT_ALIAS = "igfplus-search"
SMARTCN = "smartcn"
CJK = "cjk"
# Built-in language analyzers; Chinese is smartcn (a plugin) or the built-in cjk.
LANGUAGE_ANALYZERS = {
    "ar": "arabic",
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "ru": "russian",
}
FACET_SIZE = 50
FRAGMENT_SIZE = 180
UNAVAILABLE = (
    es_errors.ConnectionError,
    es_errors.ConnectionTimeout,
    es_errors.TransportError,
    es_errors.ApiError,
    BulkIndexError,
)


def _multilingual(chinese_analyzer: str) -> Text:
    analyzers = {**LANGUAGE_ANALYZERS, "zh": chinese_analyzer}
    return Text(
        analyzer="standard",
        fields={code: Text(analyzer=name) for code, name in sorted(analyzers.items())},
    )


@functools.cache
def entry_document(chinese_analyzer: str = CJK, alias: str = DEFAULT_ALIAS) -> type:
    """The Document class of search entries, for the given Chinese analyzer and alias."""
    index = type(
        "Index",
        (),
        {"name": alias, "settings": {"number_of_shards": 1, "number_of_replicas": 0}},
    )
    return type(
        "SearchEntryDocument",
        (Document,),
        {
            "__module__": __name__,
            "kind": Keyword(),
            "key": Keyword(),
            "title": _multilingual(chinese_analyzer),
            "body": _multilingual(chinese_analyzer),
            "url": Keyword(index=False),
            "date": Date(),
            "edition": Keyword(),
            "language": Keyword(),
            "facets": Object(properties={name: Keyword() for name in FACETS}),
            "Index": index,
        },
    )


def search_body(request: SearchRequest, alias: str = DEFAULT_ALIAS) -> Search:
    """The Search for a request: all words in some field, facet filters, aggregations."""
    parsed = parse_text(request.text)
    search = Search(index=alias).extra(track_total_hits=True)
    if not parsed.is_empty:
        must = []
        if parsed.terms:
            must.append(
                Q(
                    "multi_match",
                    query=" ".join(parsed.terms),
                    type="cross_fields",
                    operator="and",
                    fields=["title^3", "title.*^3", "body", "body.*"],
                )
            )
        must += [
            Q(
                "multi_match",
                query=" ".join(phrase),
                type="phrase",
                fields=["title", "title.*", "body", "body.*"],
            )
            for phrase in parsed.phrases
        ]
        search = search.query(Q("bool", must=must))
    for name, values in sorted(request.filters.items()):
        if values:
            search = search.filter("terms", **{f"facets.{name}": list(values)})
    for name in FACETS:
        search.aggs.bucket(name, "terms", field=f"facets.{name}", size=FACET_SIZE)
    search = search.highlight("title", "title.*", number_of_fragments=0).highlight(
        "body", "body.*", fragment_size=FRAGMENT_SIZE, number_of_fragments=2
    )
    search = search.highlight_options(
        pre_tags=[MARK_START], post_tags=[MARK_END], require_field_match=False
    )
    if parsed.is_empty or request.sort == SORT_DATE:
        search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
    return search[request.offset : request.offset + request.per_page]


def suggest_body(text: str, limit: int, alias: str = DEFAULT_ALIAS) -> Search:
    parsed = parse_text(text)
    words = " ".join(parsed.terms)
    return (
        Search(index=alias)
        .query("match_bool_prefix", title={"query": words, "operator": "and"})
        .source(["title", "url", "kind"])[:limit]
    )


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, url: str, *, alias: str = "", timeout: float | None = None):
        self.url = url
        self.alias = alias or getattr(
            settings, "SEARCH_ELASTICSEARCH_ALIAS", DEFAULT_ALIAS
        )
        self.timeout = timeout or getattr(settings, "SEARCH_ELASTICSEARCH_TIMEOUT", 3.0)
        self.client = Elasticsearch(
            url, request_timeout=self.timeout, max_retries=0, retry_on_timeout=False
        )

    # --- the mapping --------------------------------------------------------------------

    def chinese_analyzer(self) -> str:
        """smartcn when configured so, or when the cluster has the plugin; cjk otherwise."""
        configured = getattr(settings, "SEARCH_CHINESE_ANALYZER", "")
        if configured:
            return configured
        plugins = self._call(lambda: self.client.cat.plugins(format="json"))
        has_smartcn = any(p.get("component") == "analysis-smartcn" for p in plugins)
        return SMARTCN if has_smartcn else CJK

    def document_class(self) -> type:
        return entry_document(self.chinese_analyzer(), self.alias)

    def _call(self, operation):
        try:
            return operation()
        except UNAVAILABLE as error:
            raise BackendUnavailable(
                f"Elasticsearch: {type(error).__name__}: {error}"
            ) from error

    def ensure_index(self) -> None:
        """Create the first index behind the alias if there is none yet."""
        if self._call(lambda: self.client.indices.exists_alias(name=self.alias)):
            return
        name = self._new_index_name()
        document = self.document_class()
        self._call(lambda: document.init(index=name, using=self.client))
        self._call(lambda: self.client.indices.put_alias(index=name, name=self.alias))

    def _new_index_name(self) -> str:
        return f"{self.alias}-{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S%f}"

    # --- writing ------------------------------------------------------------------------

    def _actions(self, documents: Iterable[SearchDocument], index: str):
        for document in documents:
            document = document.cleaned()
            yield {
                "_op_type": "index",
                "_index": index,
                "_id": f"{document.kind}:{document.key}",
                "_source": {
                    "kind": document.kind,
                    "key": document.key,
                    "title": document.title,
                    "body": document.body,
                    "url": document.url,
                    "date": document.date.isoformat() if document.date else None,
                    "edition": document.edition,
                    "language": document.language,
                    "facets": {k: list(v) for k, v in document.all_facets().items()},
                },
            }

    def index(self, documents: Sequence[SearchDocument]) -> None:
        if not documents:
            return
        self.ensure_index()
        self._call(
            lambda: bulk(
                self.client, self._actions(documents, self.alias), refresh=True
            )
        )

    def delete(self, kind: str, keys: Sequence[str]) -> None:
        if not keys:
            return
        actions = [
            {"_op_type": "delete", "_index": self.alias, "_id": f"{kind}:{key}"}
            for key in keys
        ]
        self._call(
            lambda: bulk(self.client, actions, refresh=True, raise_on_error=False)
        )

    def rebuild(self, batches, progress) -> int:
        """Index everything into a new index, then point the alias at it in one step."""
        name = self._new_index_name()
        document = self.document_class()
        self._call(lambda: document.init(index=name, using=self.client))
        done = 0
        for batch in batches:
            self._call(
                lambda batch=batch: bulk(self.client, self._actions(batch, name))
            )
            done += len(batch)
            progress(done)
        self._call(lambda: self.client.indices.refresh(index=name))
        old = list(
            self._call(
                lambda: self.client.indices.get_alias(
                    name=self.alias, ignore_unavailable=True
                )
            ).keys()
            if self._call(lambda: self.client.indices.exists_alias(name=self.alias))
            else []
        )
        actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self._call(lambda: self.client.indices.update_aliases(actions=actions))
        for index in old:
            self._call(lambda index=index: self.client.indices.delete(index=index))
        return done

    # --- reading ------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        search = Search(using=self.client, index=self.alias).extra(size=0)
        search.aggs.bucket("kinds", "terms", field="kind", size=100)
        response = self._call(search.execute)
        return {b.key: b.doc_count for b in response.aggregations.kinds.buckets}

    def search(self, request: SearchRequest) -> SearchResults:
        response = self._call(
            search_body(request, self.alias).using(self.client).execute
        )
        hits = []
        for hit in response.hits:
            highlight = hit.meta.to_dict().get("highlight", {})
            title = _first(highlight, ("title",)) or hit.title
            snippet = " … ".join(_all(highlight, ("body",))) or plain_snippet(hit.body)
            source = hit.to_dict()
            hits.append(
                Hit(
                    kind=source["kind"],
                    key=source["key"],
                    title=title,
                    snippet=snippet,
                    url=source["url"],
                    date=dt.date.fromisoformat(source["date"][:10])
                    if source.get("date")
                    else None,
                    edition=source.get("edition", ""),
                    facets=source.get("facets", {}),
                    score=hit.meta.score,
                )
            )
        facets = {
            name: [
                FacetCount(value=bucket.key, count=bucket.doc_count)
                for bucket in getattr(response.aggregations, name).buckets
            ]
            for name in FACETS
        }
        return SearchResults(
            request=request,
            total=response.hits.total.value,
            hits=hits,
            facets={name: counts for name, counts in facets.items() if counts},
            backend=self.name,
        )

    def suggest(self, text: str, limit: int = 8) -> list[dict]:
        if parse_text(text).is_empty:
            return []
        response = self._call(
            suggest_body(text, limit, self.alias).using(self.client).execute
        )
        return [
            {"title": hit.title, "url": hit.url, "kind": hit.kind}
            for hit in response.hits
        ]


def _all(highlight: dict, prefixes: tuple[str, ...]) -> list[str]:
    """Highlighted fragments of the field or its language sub-fields, best first."""
    for field, fragments in highlight.items():
        if field.split(".")[0] in prefixes:
            return list(fragments)
    return []


def _first(highlight: dict, prefixes: tuple[str, ...]) -> str:
    fragments = _all(highlight, prefixes)
    return fragments[0] if fragments else ""
