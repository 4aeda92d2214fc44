"""The embedded backend: SQLite FTS5 or PostgreSQL full-text search over SearchEntry rows.

Filters, facets and counts are plain SQL over SearchEntry/SearchFacet on both databases;
only matching, ranking and highlighting differ by vendor.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db import connection, transaction
from django.db.models import Count, QuerySet
from django.db.models.expressions import RawSQL

from search.models import SearchEntry, SearchFacet
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
from search.services.query import ParsedText, fts5_query, parse_text, tsquery

BATCH = 500
# Facets that are columns of the entry too: filtering on an indexed column is cheaper.
COLUMN_FACETS = {"type": "kind", "edition": "edition"}
SNIPPET_WORDS = 30
# PostgreSQL ranks a page among at most this many ids already found (see _found).
RANK_BY_IDS_UP_TO = 5000
# bm25 weights per FTS5 column (title, body): a word in the title counts ten times.
SQLITE_RANK = "bm25(search_entry_fts, 10.0, 1.0)"
# PostgreSQL's generated column (migration 0002), qualified: it is used inside subqueries.
VECTOR = '"search_searchentry"."search_vector"'


class DatabaseBackend:
    name = "database"

    # --- writing ----------------------------------------------------------------------

    def index(self, documents: Sequence[SearchDocument]) -> None:
        documents = [document.cleaned() for document in documents]
        if not documents:
            return
        with transaction.atomic():
            by_kind = defaultdict(list)
            for document in documents:
                by_kind[document.kind].append(document.key)
            for kind, keys in by_kind.items():
                self._delete_rows(kind, keys)
            self._insert(documents)

    def delete(self, kind: str, keys: Sequence[str]) -> None:
        with transaction.atomic():
            self._delete_rows(kind, [str(key) for key in keys])

    def rebuild(self, batches: Iterable[Sequence[SearchDocument]], progress) -> int:
        done = 0
        with transaction.atomic():
            SearchFacet.objects.all()._raw_delete(SearchFacet.objects.db)
            SearchEntry.objects.all()._raw_delete(SearchEntry.objects.db)
            for batch in batches:
                self._insert([document.cleaned() for document in batch])
                done += len(batch)
                progress(done)
        return done

    def _delete_rows(self, kind: str, keys: Sequence[str]) -> None:
        for start in range(0, len(keys), BATCH):
            ids = SearchEntry.objects.filter(
                kind=kind, object_key__in=keys[start : start + BATCH]
            ).values_list("pk", flat=True)
            ids = list(ids)
            if ids:
                SearchFacet.objects.filter(entry_id__in=ids)._raw_delete(
                    SearchFacet.objects.db
                )
                SearchEntry.objects.filter(pk__in=ids)._raw_delete(
                    SearchEntry.objects.db
                )

    def _insert(self, documents: Sequence[SearchDocument]) -> None:
        for start in range(0, len(documents), BATCH):
            chunk = documents[start : start + BATCH]
            entries = SearchEntry.objects.bulk_create(
                [
                    SearchEntry(
                        kind=d.kind,
                        object_key=d.key,
                        title=d.title,
                        body=d.body,
                        url=d.url,
                        date=d.date,
                        edition=d.edition,
                        language=d.language,
                        facets={k: list(v) for k, v in d.all_facets().items()},
                    )
                    for d in chunk
                ]
            )
            if entries and entries[0].pk is None:  # databases that return no ids
                keys = {(d.kind, d.key) for d in chunk}
                ids = {
                    (kind, key): pk
                    for pk, kind, key in SearchEntry.objects.filter(
                        object_key__in=[d.key for d in chunk]
                    ).values_list("pk", "kind", "object_key")
                    if (kind, key) in keys
                }
                for entry in entries:
                    entry.pk = ids[(entry.kind, entry.object_key)]
            SearchFacet.objects.bulk_create(
                [
                    SearchFacet(entry_id=entry.pk, name=name, value=value)
                    for entry, document in zip(entries, chunk, strict=True)
                    for name, values in document.all_facets().items()
                    for value in values
                ]
            )

    # --- reading ----------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        return dict(
            SearchEntry.objects.filter(is_public=True)
            .values_list("kind")
            .annotate(n=Count("pk"))
            .order_by()
            .values_list("kind", "n")
        )

    def search(self, request: SearchRequest) -> SearchResults:
        parsed = parse_text(request.text)
        matching = self._matching(parsed, request.filters)
        # The ids once: counting and facet counts then need no second full-text match.
        ids = list(matching.values_list("pk", flat=True))
        total = len(ids)
        facets = self._facets(ids) if total else {}
        hits = self._page(parsed, matching, request, ids) if total else []
        return SearchResults(
            request=request, total=total, hits=hits, facets=facets, backend=self.name
        )

    def suggest(self, text: str, limit: int = 8) -> list[dict]:
        parsed = parse_text(text)
        if not parsed.terms and not parsed.phrases:
            return []
        entries = SearchEntry.objects.filter(
            is_public=True, pk__in=_text_matches(parsed, prefix=True, in_title=True)
        )
        return [
            {"title": title, "url": url, "kind": kind}
            for title, url, kind in entries.order_by("-date", "pk").values_list(
                "title", "url", "kind"
            )[:limit]
        ]

    def _matching(self, parsed: ParsedText, filters) -> QuerySet[SearchEntry]:
        entries = SearchEntry.objects.filter(is_public=True)
        for name, values in sorted(filters.items()):
            if not values:
                continue
            if name in COLUMN_FACETS:
                entries = entries.filter(**{f"{COLUMN_FACETS[name]}__in": values})
            else:
                entries = entries.filter(
                    pk__in=SearchFacet.objects.filter(
                        name=name, value__in=values
                    ).values("entry_id")
                )
        if parsed.is_empty:
            return entries
        return entries.filter(pk__in=_text_matches(parsed))

    def _facets(self, ids: list[int]) -> dict[str, list[FacetCount]]:
        """Counts of every facet value over all matching entries (one grouped query)."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT name, value, COUNT(*) FROM search_searchfacet "
                    "WHERE entry_id = ANY(%s) GROUP BY name, value",
                    [ids],
                )
            else:
                # One JSON parameter, however many ids (no limit on SQL variables).
                cursor.execute(
                    "SELECT name, value, COUNT(*) FROM search_searchfacet "
                    "WHERE entry_id IN (SELECT value FROM json_each(%s)) "
                    "GROUP BY name, value",
                    [json.dumps(ids)],
                )
            rows = cursor.fetchall()
        facets: dict[str, list[FacetCount]] = defaultdict(list)
        for name, value, count in rows:
            facets[name].append(FacetCount(value=value, count=count))
        for counts in facets.values():
            counts.sort(key=lambda c: (-c.count, c.value))
        return dict(facets)

    def _page(
        self, parsed: ParsedText, matching: QuerySet[SearchEntry], request, ids
    ) -> list[Hit]:
        fields = ("pk", "kind", "object_key", "title", "body", "url", "date")
        fields += ("edition", "facets")
        if parsed.is_empty or request.sort == SORT_DATE:
            ordered = matching.order_by("-date", "-pk")
            rank_of: dict[int, float] = {}
        elif connection.vendor == "postgresql":
            ordered = (
                self._found(matching, ids)
                .annotate(
                    rank=RawSQL(  # noqa: S611 - the query text is a parameter
                        f"ts_rank({VECTOR}, to_tsquery('english', %s))",
                        [tsquery(parsed)],
                    )
                )
                .order_by("-rank", "-date", "-pk")
            )
            fields += ("rank",)
        else:
            # bm25 exists only inside a query of the FTS table: rank there, join ids back.
            # "+rowid" keeps FTS5 from taking the id list as its plan (one MATCH per
            # candidate row); the ids are the matches already found, as one JSON value.
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT rowid, {SQLITE_RANK} FROM search_entry_fts "  # noqa: S608
                    "WHERE search_entry_fts MATCH %s "
                    "AND +rowid IN (SELECT value FROM json_each(%s)) "
                    f"ORDER BY {SQLITE_RANK} LIMIT %s OFFSET %s",
                    [
                        fts5_query(parsed),
                        json.dumps(ids),
                        request.per_page,
                        request.offset,
                    ],
                )
                ranked = cursor.fetchall()
            rank_of = {pk: -score for pk, score in ranked}
            rows = {
                row["pk"]: row
                for row in SearchEntry.objects.filter(pk__in=rank_of).values(*fields)
            }
            page = [rows[pk] for pk, _ in ranked if pk in rows]
            return self._hits(parsed, page, rank_of)
        page = list(
            ordered.values(*fields)[request.offset : request.offset + request.per_page]
        )
        if "rank" in fields:
            rank_of = {row["pk"]: row["rank"] for row in page}
        return self._hits(parsed, page, rank_of)

    @staticmethod
    def _found(
        matching: QuerySet[SearchEntry], ids: list[int]
    ) -> QuerySet[SearchEntry]:
        """The entries already found, for ranking, without running filters and match again.

        A few thousand ids cost less to send than the filters cost to run; beyond that,
        sending them costs more than matching again.
        """
        if len(ids) > RANK_BY_IDS_UP_TO:
            return matching
        return SearchEntry.objects.filter(
            pk__in=RawSQL("SELECT unnest(%s::bigint[])", [ids])
        )

    def _hits(self, parsed: ParsedText, page: list[dict], rank_of) -> list[Hit]:
        marked = self._highlights(parsed, [row["pk"] for row in page])
        return [
            Hit(
                kind=row["kind"],
                key=row["object_key"],
                title=marked.get(row["pk"], (row["title"], ""))[0] or row["title"],
                snippet=marked.get(row["pk"], ("", ""))[1]
                or plain_snippet(row["body"]),
                url=row["url"],
                date=row["date"],
                edition=row["edition"],
                facets=row["facets"],
                score=rank_of.get(row["pk"]),
            )
            for row in page
        ]

    def _highlights(self, parsed: ParsedText, ids: list[int]) -> dict[int, tuple]:
        """Title and snippet of each entry with the matched words marked."""
        if parsed.is_empty or not ids:
            return {}
        placeholders = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                options = (
                    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_WORDS}, "
                    'MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
                )
                cursor.execute(
                    "SELECT id, ts_headline('english', title, q, %s), "  # noqa: S608
                    "ts_headline('english', body, q, %s) "
                    "FROM search_searchentry, to_tsquery('english', %s) q "
                    f"WHERE id IN ({placeholders})",
                    [
                        f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true",
                        options,
                        tsquery(parsed),
                        *ids,
                    ],
                )
            else:
                cursor.execute(
                    "SELECT rowid, highlight(search_entry_fts, 0, %s, %s), "  # noqa: S608
                    "snippet(search_entry_fts, 1, %s, %s, ' … ', %s) "
                    "FROM search_entry_fts WHERE search_entry_fts MATCH %s "
                    f"AND rowid IN ({placeholders})",
                    [
                        MARK_START,
                        MARK_END,
                        MARK_START,
                        MARK_END,
                        SNIPPET_WORDS,
                        fts5_query(parsed),
                        *ids,
                    ],
                )
            rows = cursor.fetchall()
        return {
            pk: (title, snippet if MARK_START in (snippet or "") else "")
            for pk, title, snippet in rows
        }


def _text_matches(parsed: ParsedText, *, prefix: bool = False, in_title: bool = False):
    """A subquery of the ids of entries whose text matches (the query is a parameter)."""
    if connection.vendor == "postgresql":
        expression = tsquery(parsed, prefix_last=prefix, weight="A" if in_title else "")
        sql = (
            "SELECT id FROM search_searchentry "
            "WHERE search_vector @@ to_tsquery('english', %s)"
        )
    else:
        expression = fts5_query(
            parsed, prefix_last=prefix, column="title" if in_title else ""
        )
        sql = "SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s"
    return RawSQL(sql, [expression])  # noqa: S611 - the query text is a parameter
