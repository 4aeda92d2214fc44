"""Outcomes through the API: public documents, messages, transmissions and events only."""

from __future__ import annotations

import pytest

from tests.factories.outcomes import (
    ForumFactory,
    PolicyMessageFactory,
    TransmissionFactory,
    UptakeEventFactory,
)

pytestmark = pytest.mark.django_db


def test_documents_leave_out_drafts(scene, client):
    body = client.get("/api/v1/documents").json()
    assert [d["title"] for d in body["items"]] == ["IGF 2030 Messages"]
    assert body["items"][0]["url"] == "/outcomes/documents/igf2030/messages/"
    assert client.get(f"/api/v1/documents/{scene.draft.guid}").status_code == 404


def test_messages_leave_out_deleted_and_draft_ones(scene, client):
    body = client.get("/api/v1/messages").json()
    assert [m["title"] for m in body["items"]] == ["Affordable access", "Trust online"]
    for hidden in (scene.deleted, scene.draft_message):
        response = client.get(f"/api/v1/messages/{hidden.guid}")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_message_provenance_cites_only_released_sessions(scene, client):
    body = client.get(f"/api/v1/messages/{scene.first.guid}").json()
    sessions = {source["session"] for source in body["sources"]}
    assert str(scene.session.guid) in sessions
    assert str(scene.hidden_session.guid) not in sessions
    takeaways = [s for s in body["sources"] if s["kind"] == "takeaway"]
    assert [(s["session"], s["takeaway"]) for s in takeaways] == [
        (str(scene.session.guid), "Local content drives demand.")
    ]
    assert any(s["title"] == "PN on Meaningful Access output" for s in body["sources"])


def test_transmissions_leave_out_deleted_ones_and_draft_messages(scene, client):
    body = client.get("/api/v1/transmissions").json()
    guids = {t["guid"] for t in body["items"]}
    assert guids == {str(scene.to_cstd.guid), str(scene.whole_to_hrc.guid)}
    to_cstd = next(t for t in body["items"] if t["guid"] == str(scene.to_cstd.guid))
    assert to_cstd["messages"] == [str(scene.first.guid)]
    assert to_cstd["status"] == "referenced"
    # The deleted "reflected" event is not there.
    assert [e["kind"] for e in to_cstd["events"]] == ["acknowledged", "referenced"]
    for hidden in (scene.deleted_sending, scene.draft_sending):
        assert client.get(f"/api/v1/transmissions/{hidden.guid}").status_code == 404


def test_transmissions_filter_by_message_includes_whole_documents(scene, client):
    body = client.get(
        "/api/v1/transmissions", {"message": str(scene.first.guid)}
    ).json()
    assert {t["forum"] for t in body["items"]} == {"tcom", "tcou"}


def test_uptake_events_are_live_ones_of_public_transmissions(scene, client):
    body = client.get("/api/v1/uptake-events").json()
    assert [e["kind"] for e in body["items"]] == ["acknowledged", "referenced"]
    assert {e["transmission"] for e in body["items"]} == {str(scene.to_cstd.guid)}


def test_forum_detail_and_unknown_forum(scene, client):
    assert client.get("/api/v1/forums/tcom").json()["name"] == "Test Commission"
    response = client.get("/api/v1/forums/no-such-forum")
    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "code": "not_found",
            "message": "There is no forum “no-such-forum”.",
            "field": None,
        }
    }


def _many_sendings(scene, count: int) -> None:
    for _ in range(count):
        message = PolicyMessageFactory(document=scene.document)
        transmission = TransmissionFactory(forum=ForumFactory(), messages=[message])
        UptakeEventFactory(transmission=transmission)


@pytest.mark.parametrize("extra", [0, 10])
def test_transmissions_list_costs_the_same_for_1_or_many(
    scene, client, django_assert_max_num_queries, extra
):
    _many_sendings(scene, extra)
    with django_assert_max_num_queries(5):
        body = client.get("/api/v1/transmissions").json()
    assert len(body["items"]) == 2 + extra


@pytest.mark.parametrize("extra", [0, 10])
def test_messages_list_costs_the_same_for_1_or_many(
    scene, client, django_assert_max_num_queries, extra
):
    _many_sendings(scene, extra)
    with django_assert_max_num_queries(5):
        body = client.get("/api/v1/messages").json()
    assert len(body["items"]) == 2 + extra
