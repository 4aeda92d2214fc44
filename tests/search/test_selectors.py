"""The database backend end to end: what is found, how it is counted and marked."""

import pytest

from search.selectors import search_results
from search.services.documents import SORT_DATE, SearchRequest

pytestmark = pytest.mark.django_db


def titles(results):
    return sorted(
        hit.title.replace("\ue000", "").replace("\ue001", "") for hit in results.hits
    )


def test_stemming_governing_finds_governance_and_govern(world):
    results = search_results(SearchRequest(text="governing"))

    session = world["released_session"]
    assert titles(results) == [
        "Govern artificial intelligence together",
        "Govern artificial intelligence together → DPA",
        "Governing the commons",
        "IGF 2031",  # the edition page: its sub-theme is "Data governance"
        f"{session.session_type.prefix} #{session.number} "
        "Governance of cross-border data flows",
    ]


def test_hidden_content_never_appears(world):
    found = titles(search_results(SearchRequest(text="governance idea drafted")))
    secret = titles(search_results(SearchRequest(text="secret algorithms")))

    assert (found, secret) == ([], [])


def test_every_word_must_match(world):
    assert search_results(SearchRequest(text="govern zebra")).total == 0


def test_facet_counts_over_all_matches(world):
    results = search_results(SearchRequest(text="governing"))

    counts = {
        name: {c.value: c.count for c in values}
        for name, values in results.facets.items()
    }
    assert counts == {
        "type": {"message": 1, "page": 2, "session": 1, "transmission": 1},
        "edition": {"igf2031": 4},
        "theme": {"Data governance": 2},
        "session_type": {world["released_session"].session_type.name: 1},
        "stakeholder_group": {"civil_society": 1, "government": 1, "private_sector": 1},
        "regional_group": {"african": 1},
        "forum": {"Data Policy Assembly": 2},
        "uptake_status": {"sent": 2},
    }


def test_facet_filter_narrows_and_combines(world):
    sessions = search_results(
        SearchRequest(text="governing", filters={"type": ("session",)})
    )
    either = search_results(
        SearchRequest(text="governing", filters={"type": ("session", "message")})
    )
    both = search_results(
        SearchRequest(
            text="governing",
            filters={"type": ("message",), "forum": ("Data Policy Assembly",)},
        )
    )

    assert [h.kind for h in sessions.hits] == ["session"]
    assert sorted(h.kind for h in either.hits) == ["message", "session"]
    assert [h.kind for h in both.hits] == ["message"]


def test_unknown_facet_value_finds_nothing(world):
    results = search_results(
        SearchRequest(text="", filters={"theme": ("No such theme",)})
    )

    assert (results.total, results.hits) == (0, [])


def test_highlights_mark_matched_words_only(world):
    results = search_results(
        SearchRequest(text="crossing borders", filters={"type": ("session",)})
    )

    hit = results.hits[0]
    assert "<mark>borders</mark>" in str(hit.snippet_html)
    assert "<mark>cross</mark>" in str(hit.title_html)


def test_empty_query_lists_everything_newest_first(world):
    results = search_results(SearchRequest(text=""))

    # The session, message, transmission, document, edition page and standard page.
    assert results.total == 6
    dates = [hit.date for hit in results.hits]
    assert dates == sorted(dates, reverse=True)


def test_sort_by_date(world):
    results = search_results(SearchRequest(text="governing", sort=SORT_DATE))

    dates = [hit.date for hit in results.hits]
    assert dates == sorted(dates, reverse=True)


def test_pagination_splits_results(world):
    first = search_results(SearchRequest(text="governing", per_page=2, page=1))
    second = search_results(SearchRequest(text="governing", per_page=2, page=2))

    assert (first.total, len(first.hits), len(second.hits), first.page_count) == (
        5,
        2,
        2,
        3,
    )
    assert not {(h.kind, h.key) for h in first.hits} & {
        (h.kind, h.key) for h in second.hits
    }


@pytest.mark.parametrize(
    ("text", "as_words"),
    [
        pytest.param('"govern', "govern", id="unbalanced_quote"),
        pytest.param("govern*", "govern", id="star"),
        pytest.param("NEAR(govern data)", "govern data", id="near"),
        pytest.param("-govern", "govern", id="minus"),
        pytest.param("commons:govern", "commons govern", id="colon"),
        pytest.param("govern AND ^data", "govern data", id="and_caret"),
        pytest.param("govern OR NOT", "govern", id="or_not"),
        pytest.param("govern'); DROP TABLE x;--", "govern drop table x", id="sql"),
        pytest.param("govern & | ! <-> :*", "govern", id="tsquery_operators"),
    ],
)
def test_operator_syntax_is_searched_as_words(world, text, as_words):
    results = search_results(SearchRequest(text=text))
    plain = search_results(SearchRequest(text=as_words))

    assert [h.key for h in results.hits] == [h.key for h in plain.hits]


def test_operator_syntax_still_finds(world):
    assert search_results(SearchRequest(text='NEAR("govern* -data^')).total == 3


def test_phrase_needs_adjacent_words(world):
    adjacent = search_results(SearchRequest(text='"data flows"'))
    apart = search_results(SearchRequest(text='"flows data"'))

    assert (adjacent.total, apart.total) == (1, 0)


def test_ten_thousand_characters_are_cut_not_refused(world):
    long = search_results(SearchRequest(text="governing " + "x" * 10_000))
    short = search_results(SearchRequest(text="governing"))

    assert [h.key for h in long.hits] == [h.key for h in short.hits]


def test_only_stop_words_lists_everything(world):
    assert search_results(SearchRequest(text="the and of")).total == 6
