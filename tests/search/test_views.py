"""The search page, its JSON and suggestions: what a visitor sees, whatever they type."""

import json
import socket

import pytest
from django.urls import reverse
from django.utils.html import escape

from search.models import IndexOutbox, SearchEntry
from search.selectors import FALLBACK_NOTICE
from tests.factories.outcomes import PolicyMessageFactory

pytestmark = pytest.mark.django_db
URL = reverse("search:index")


def get_json(client, **params):
    response = client.get(URL, {**params, "format": "json"})
    assert response.status_code == 200
    return response.json()


def test_page_shows_results_with_marks_count_and_facets(client, world):
    response = client.get(URL, {"q": "governing"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-live="polite"' in html
    assert "5 results for “governing”" in html
    assert "<mark>Governing</mark> the commons" in html
    assert 'name="type" value="session"' in html
    assert "Civil Society" in html  # the stakeholder facet reads as its label


def test_script_in_a_title_is_escaped_and_only_marks_are_html(client, world, index_now):
    PolicyMessageFactory(
        document=world["public_message"].document,
        title="<script>alert('x')</script> zebra rules",
        text="<b>zebra</b> crossings",
    )
    index_now()

    html = client.get(URL, {"q": "zebra"}).content.decode()
    data = get_json(client, q="zebra")

    assert "<script>alert" not in html
    assert (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; <mark>zebra</mark>" in html
    )
    assert data["results"][0]["title_html"] == (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; <mark>zebra</mark> rules"
    )
    snippet = data["results"][0]["snippet_html"]
    # SQLite keeps the tag as escaped text; PostgreSQL's ts_headline drops tag-like words.
    assert snippet in (
        "&lt;b&gt;<mark>zebra</mark>&lt;/b&gt; crossings\nIGF 2031 Messages",
        "<mark>zebra</mark>  crossings\nIGF 2031 Messages",
    )


def test_json_carries_the_same_results(client, world):
    data = get_json(client, q="governing", type="session")

    assert data["total"] == 1
    assert data["filters"] == {"type": ["session"]}
    assert data["results"][0]["url"] == world["released_session"].url
    assert data["facets"]["type"] == [
        {"value": "session", "label": "Session", "count": 1}
    ]


def test_state_lives_in_the_url(client, world):
    html = client.get(
        URL, {"q": "governing", "type": "page", "sort": "date"}
    ).content.decode()

    assert 'value="governing"' in html
    assert 'name="type" value="page" checked' in html
    assert '<option value="date" selected>' in html


def test_no_results_page_helps(client, world):
    html = client.get(URL, {"q": "zzyzx", "type": "session"}).content.decode()

    assert "Nothing public matches “zzyzx”." in html
    assert "Remove the filters" in html
    assert "0 results for “zzyzx”" in html


def test_empty_query_lists_everything_with_facets(client, world):
    data = get_json(client, q="")

    assert data["total"] == 6
    assert {f["value"] for f in data["facets"]["type"]} == {
        "document",
        "message",
        "page",
        "session",
        "transmission",
    }


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"q": "x" * 10_000}, id="ten_thousand_chars"),
        pytest.param({"q": '"unbalanced'}, id="unbalanced_quote"),
        pytest.param({"q": "NEAR(a b) * - : ^ AND OR"}, id="operators"),
        pytest.param({"q": "\x00\ue000govern\ue001"}, id="nul_and_marks"),
        pytest.param({"q": "govern", "page": "abc"}, id="page_not_a_number"),
        pytest.param({"q": "govern", "page": "-3"}, id="negative_page"),
        pytest.param({"q": "govern", "page": "99999999999999999999"}, id="huge_page"),
        pytest.param({"q": "govern", "theme": "No such theme"}, id="unknown_facet"),
        pytest.param({"q": "govern", "sort": "sideways"}, id="unknown_sort"),
        pytest.param({"q": "govern", "edition": "x" * 5000}, id="long_facet_value"),
    ],
)
def test_bad_input_gets_a_sensible_page(client, world, params):
    assert client.get(URL, params).status_code == 200
    assert client.get(URL, {**params, "format": "json"}).status_code == 200


def test_page_past_the_end_shows_the_last_page(client, world):
    data = get_json(client, q="governing", page=40)

    assert (data["page"], data["page_count"], len(data["results"])) == (1, 1, 5)


def test_unknown_facet_value_stays_visible_to_untick(client, world):
    html = client.get(URL, {"q": "govern", "theme": "No such theme"}).content.decode()

    assert 'name="theme" value="No such theme" checked' in html
    assert "Remove all filters" in html


def test_suggest_returns_titles_by_prefix(client, world):
    response = client.get(reverse("search:suggest"), {"q": "gover"})

    assert sorted(s["title"] for s in response.json()["suggestions"]) == [
        "Govern artificial intelligence together",
        "Govern artificial intelligence together → DPA",
        "Governing the commons",
        f"{world['released_session'].session_type.prefix} "
        f"#{world['released_session'].number} Governance of cross-border data flows",
    ]


def test_suggest_ignores_empty_and_operator_input(client, world):
    for text in ("", '"*', "NEAR"):
        response = client.get(reverse("search:suggest"), {"q": text})
        assert response.json() == {"suggestions": []}


@pytest.mark.parametrize("count", [1, 30])
def test_query_count_does_not_grow_with_results(
    client, world, index_now, django_assert_max_num_queries, count
):
    document = world["public_message"].document
    PolicyMessageFactory.create_batch(
        count, document=document, text="Quota of queries."
    )
    index_now()

    with django_assert_max_num_queries(9):
        response = client.get(URL, {"q": "quota"})
    assert response.status_code == 200


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_elasticsearch_down_falls_back_with_a_notice(client, world, settings):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"

    response = client.get(URL, {"q": "governing"})
    data = get_json(client, q="governing")

    assert escape(str(FALLBACK_NOTICE)) in response.content.decode()
    assert (data["backend"], data["total"], data["notice"]) == (
        "database",
        5,
        str(FALLBACK_NOTICE),
    )


def test_elasticsearch_down_keeps_writes_and_the_outbox(world, settings, index_now):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    message = world["public_message"]

    message.text = "Spectrum sharing for rural access."
    message.save()
    report = index_now()

    # The database index is current (it is the fallback); the work waits for the cluster.
    assert SearchEntry.objects.get(
        kind="message", object_key=str(message.pk)
    ).body.startswith("Spectrum sharing")
    row = IndexOutbox.objects.get()
    assert (row.kind, row.object_key, row.attempts, report.kept) == (
        "message",
        str(message.pk),
        1,
        1,
    )
    assert "ConnectionError" in row.last_error

    index_now()
    assert IndexOutbox.objects.get().attempts == 2

    # Elasticsearch no longer configured: the next drain applies it and empties the outbox.
    settings.ELASTICSEARCH_URL = ""
    index_now()
    assert IndexOutbox.objects.count() == 0


def test_json_is_valid_for_open_data_users(client, world):
    response = client.get(URL, {"q": "governing", "format": "json"})

    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["query"] == "governing"
