"""The network in search: NRIs (with their kind and region as facets), intersessional
bodies and their outputs — only while they are published."""

import pytest

from search.selectors import search_results
from search.services.documents import SearchRequest
from search.services.indexing import drain_outbox
from tests.factories.cms import NriIndexPageFactory, NriPageFactory
from tests.factories.intersessional import IntersessionalBodyPageFactory, OutputFactory

pytestmark = pytest.mark.django_db


def found(text: str, **filters) -> list[tuple[str, str]]:
    drain_outbox()
    results = search_results(
        SearchRequest(text=text, filters={k: (v,) for k, v in filters.items()})
    )
    return sorted(
        (hit.kind, hit.title.replace("\ue000", "").replace("\ue001", ""))
        for hit in results.hits
    )


@pytest.fixture
def network(home_page):
    NriIndexPageFactory()
    return {
        "kenya": NriPageFactory(
            title="Kenya Internet Governance Forum", acronym="KIGF", country="KE"
        ),
        "youth": NriPageFactory(
            title="Youth Internet Governance Forum Africa",
            acronym="YIGF-AF",
            kind="youth",
            country="",
            region="africa",
        ),
        "body": IntersessionalBodyPageFactory(
            title="Dynamic Coalition on Accessibility", acronym="DCAD"
        ),
    }


def test_nris_are_found_and_faceted_by_kind_and_region(network):
    assert found("internet governance forum") == [
        ("nri", "Kenya Internet Governance Forum (KIGF)"),
        ("nri", "Youth Internet Governance Forum Africa (YIGF-AF)"),
    ]
    assert found("internet governance forum", nri_kind="youth") == [
        ("nri", "Youth Internet Governance Forum Africa (YIGF-AF)")
    ]
    counts = search_results(SearchRequest(text="forum")).facets
    assert {c.value: c.count for c in counts["nri_kind"]} == {
        "national": 1,
        "youth": 1,
    }
    assert {c.value: c.count for c in counts["nri_region"]} == {"africa": 1}


def test_an_unpublished_nri_leaves_the_index(network):
    assert found("kenya")
    network["kenya"].unpublish()

    assert found("kenya") == []


def test_bodies_and_their_outputs_are_found_until_the_body_goes_offline(network):
    OutputFactory(body=network["body"], title="Accessible meetings guide")

    assert found("accessible") == [
        ("body", "Dynamic Coalition on Accessibility (DCAD)"),
        ("output", "DCAD: Accessible meetings guide (2029, final)"),
    ]
    network["body"].unpublish()

    assert found("accessible") == []
