"""What every endpoint shares: cursors, limits, errors, ETags, CORS, the docs."""

from __future__ import annotations

import base64
import json

import pytest

from outcomes.models import NormativeForum
from tests.factories.outcomes import ForumFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def forums(db):
    return [ForumFactory(slug=f"forum-{n:02d}") for n in range(7)]


def _walk(client, url: str, params: dict) -> list[dict]:
    pages, response = [], client.get(url, params)
    while True:
        body = response.json()
        pages.append(body)
        if body["next"] is None:
            return pages
        response = client.get(body["next"])


def _slugs_in_key_order() -> list[str]:
    # The migrations seed the real forums; the fixture adds seven more.
    return list(NormativeForum.objects.order_by("pk").values_list("slug", flat=True))


def test_cursor_walks_every_row_once_in_key_order(forums, client):
    expected = _slugs_in_key_order()
    pages = _walk(client, "/api/v1/forums", {"limit": 3})
    assert [len(page["items"]) for page in pages[:-1]] == [3] * (len(pages) - 1)
    slugs = [item["slug"] for page in pages for item in page["items"]]
    assert slugs == expected


def test_cursor_is_stable_when_rows_are_added(forums, client):
    expected = _slugs_in_key_order()
    first = client.get("/api/v1/forums", {"limit": 3}).json()
    ForumFactory(slug="added-later")
    second = client.get(first["next"]).json()
    assert [item["slug"] for item in second["items"]] == expected[3:6]


def test_cursor_of_another_query_is_refused(forums, client):
    first = client.get("/api/v1/forums", {"limit": 3}).json()
    cursor = first["next"].split("cursor=")[1]
    response = client.get("/api/v1/forums", {"kind": "un_body", "cursor": cursor})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "cursor_mismatch"
    assert response.json()["error"]["field"] == "cursor"


@pytest.mark.parametrize(
    "cursor",
    [
        "not-base64!",
        base64.urlsafe_b64encode(b"[1, 2]").decode(),
        base64.urlsafe_b64encode(
            json.dumps({"after": "x", "query": "q"}).encode()
        ).decode(),
        base64.urlsafe_b64encode(
            json.dumps({"after": 10**30, "query": "q"}).encode()
        ).decode(),
    ],
    ids=["garbage", "not_an_object", "text_key", "huge_key"],
)
def test_unreadable_cursor_is_a_400(db, client, cursor):
    response = client.get("/api/v1/forums", {"cursor": cursor})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_cursor"


def test_limit_over_the_maximum_is_refused_not_clamped(db, client):
    response = client.get("/api/v1/forums", {"limit": 201})
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "invalid",
        "message": "Input should be less than or equal to 200",
        "field": "limit",
    }


def test_unknown_query_parameter_is_named(db, client):
    response = client.get("/api/v1/forums", {"knd": "un_body"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "unknown_parameter"
    assert error["field"] == "knd"
    assert "knd" in error["message"]


def test_unknown_path_is_a_json_404(db, client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_wrong_method_is_a_405_error_object(db, client):
    response = client.delete("/api/v1/forums")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_etag_gives_304_until_the_data_changes(forums, client):
    first = client.get("/api/v1/forums")
    etag = first["ETag"]
    again = client.get("/api/v1/forums", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    ForumFactory(slug="zz-new")
    changed = client.get("/api/v1/forums", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_sessions_carry_the_release_time_as_last_modified(scene, client):
    response = client.get("/api/v1/sessions", {"edition": "igf2030"})
    assert response["Last-Modified"]


def test_public_reads_allow_any_origin(db, client):
    response = client.get("/api/v1/forums", HTTP_ORIGIN="https://example.net")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    head = client.head("/api/v1/forums")
    assert head.status_code == 200
    assert head["Access-Control-Allow-Origin"] == "*"


def test_preflight_allows_reads_only(db, client):
    response = client.options(
        "/api/v1/transmissions",
        HTTP_ORIGIN="https://example.net",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_writes_carry_no_cors_header(db, client):
    response = client.post("/api/v1/transmissions", {}, content_type="application/json")
    assert response.status_code == 401
    assert "Access-Control-Allow-Origin" not in response


def test_openapi_description_lists_the_endpoints(db, client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "IGF+ open data API"
    assert "/api/v1/sessions" in schema["paths"]
    assert "post" in schema["paths"]["/api/v1/transmissions/{guid}/uptake-events"]


def test_docs_page_uses_no_outside_assets(db, client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "GET /api/v1/sessions" in html
    assert "cdn" not in html.lower()
    assert "https://" not in html.replace("https://creativecommons", "")
