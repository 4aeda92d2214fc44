"""Writes for integrations: scoped tokens, the admin's validation, rate limit, audit."""

from __future__ import annotations

import datetime as dt

import pytest

from igfplus import roles
from igfplus.models import ApiScope, ApiToken, ApiTokenUse
from igfplus.services.api_tokens import revoke_token
from igfplus.services.feed_tokens import hash_token
from outcomes.models import Transmission, UptakeEvent
from tests.factories import UserFactory
from tests.igfplus.api.conftest import bearer

pytestmark = pytest.mark.django_db

EVENT = {
    "kind": "discussed",
    "occurred_on": "2031-08-01",
    "evidence_level": "direct",
    "evidence_url": "https://example.org/record",
    "document_symbol": "E/CN.16/2031/L.1",
}


def _post_event(client, scene, secret=None, **changes):
    headers = bearer(secret) if secret else {}
    return client.post(
        f"/api/v1/transmissions/{scene.to_cstd.guid}/uptake-events",
        {**EVENT, **changes},
        content_type="application/json",
        **headers,
    )


def test_uptake_event_is_recorded_in_the_owners_name(
    scene, client, make_token, secretariat
):
    response = _post_event(client, scene, make_token(ApiScope.UPTAKE_WRITE))
    assert response.status_code == 201
    event = UptakeEvent.objects.get(pk=response.json()["id"])
    assert event.recorded_by == secretariat
    assert event.document_symbol == "E/CN.16/2031/L.1"
    scene.to_cstd.refresh_from_db()
    assert scene.to_cstd.status == "discussed"  # the latest event sets the status


def test_token_is_stored_hashed_and_every_use_audited(scene, client, make_token):
    secret = make_token(ApiScope.UPTAKE_WRITE)
    token = ApiToken.objects.get()
    assert token.token_hash == hash_token(secret)
    assert secret not in str(ApiToken.objects.values_list().get())
    _post_event(client, scene, secret)
    _post_event(client, scene, secret, occurred_on="1999-01-01")
    uses = list(
        ApiTokenUse.objects.order_by("pk").values_list("method", "path", "status")
    )
    path = f"/api/v1/transmissions/{scene.to_cstd.guid}/uptake-events"
    assert uses == [("POST", path, 201), ("POST", path, 400)]
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_service_rule_comes_back_on_its_field(scene, client, make_token):
    response = _post_event(client, scene, make_token(), occurred_on="2031-01-01")
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "invalid",
        "message": "The event is dated 2031-01-01, before the transmission was sent on 2031-04-14.",
        "field": "occurred_on",
    }
    assert not UptakeEvent.objects.filter(occurred_on=dt.date(2031, 1, 1)).exists()


def test_unknown_kind_is_refused_before_anything_is_saved(scene, client, make_token):
    response = _post_event(client, scene, make_token(), kind="adopted")
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "kind"


def test_missing_and_wrong_tokens_are_401(scene, client):
    assert _post_event(client, scene).json()["error"]["code"] == "not_authenticated"
    response = _post_event(client, scene, "igf_not-a-real-token")
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "This token is not valid."


def test_revoked_token_stops_at_once(scene, client, make_token):
    secret = make_token()
    revoke_token(token=ApiToken.objects.get())
    response = _post_event(client, scene, secret)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_revoked"
    assert ApiTokenUse.objects.get().status == 401


def test_token_without_the_scope_is_403(scene, client, make_token):
    response = _post_event(client, scene, make_token(ApiScope.TRANSMISSIONS_WRITE))
    assert response.status_code == 403
    assert response.json()["error"] == {
        "code": "insufficient_scope",
        "message": "This token lacks the scope “uptake:write”.",
        "field": None,
    }


def test_token_of_an_owner_without_the_permission_is_403(scene, client, make_token):
    mag_member = UserFactory(roles=[roles.MAG_MEMBER])
    response = _post_event(client, scene, make_token(owner=mag_member))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert (
        UptakeEvent.objects.filter(document_symbol=EVENT["document_symbol"]).count()
        == 0
    )


def test_writes_over_the_rate_limit_are_429(scene, client, make_token, settings):
    settings.API_WRITES_PER_MINUTE = 2
    secret = make_token()
    statuses = [
        _post_event(client, scene, secret, occurred_on=f"2031-08-0{day}").status_code
        for day in (1, 2, 3)
    ]
    assert statuses == [201, 201, 429]
    response = _post_event(client, scene, secret)
    assert response.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(response["Retry-After"]) <= 60


def test_transmission_is_recorded_with_the_admins_rules(scene, client, make_token):
    secret = make_token(ApiScope.TRANSMISSIONS_WRITE)
    payload = {
        "forum": "tcou",
        "messages": [str(scene.second.guid)],
        "channel": "briefing",
        "sent_on": "2031-09-01",
        "actor": "IGF Secretariat",
    }
    response = client.post(
        "/api/v1/transmissions",
        payload,
        content_type="application/json",
        **bearer(secret),
    )
    assert response.status_code == 201
    body = response.json()
    assert body["forum"] == "tcou"
    assert body["messages"] == [str(scene.second.guid)]
    assert body["status"] == "sent"
    assert Transmission.objects.get(guid=body["guid"]).actor == "IGF Secretariat"


def test_deleted_message_cannot_be_sent(scene, client, make_token):
    secret = make_token(ApiScope.TRANSMISSIONS_WRITE)
    payload = {
        "forum": "tcou",
        "messages": [str(scene.deleted.guid)],
        "channel": "briefing",
        "sent_on": "2031-09-01",
        "actor": "IGF Secretariat",
    }
    response = client.post(
        "/api/v1/transmissions",
        payload,
        content_type="application/json",
        **bearer(secret),
    )
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "invalid",
        "message": "“Withdrawn text” was deleted and cannot be sent.",
        "field": "messages",
    }


def test_secretariat_issues_a_token_shown_once_in_the_admin(home_page, give_totp):
    from django.test import Client

    secretariat = give_totp(UserFactory(roles=[roles.SECRETARIAT]))
    owner = UserFactory(roles=[roles.SECRETARIAT])
    browser = Client()
    browser.force_login(secretariat)
    response = browser.post(
        "/admin/api_tokens/new/",
        {"name": "CSTD tracker", "owner": owner.pk, "scopes": ["uptake:write"]},
    )
    assert response.status_code == 200
    token = ApiToken.objects.get()
    assert token.created_by == secretariat
    assert token.scopes == ["uptake:write"]
    html = response.content.decode()
    start = html.index('value="igf_') + len('value="')
    secret = html[start : html.index('"', start)]
    assert hash_token(secret) == token.token_hash
    edit = browser.get(f"/admin/api_tokens/edit/{token.pk}/")
    assert secret not in edit.content.decode()


def test_only_the_secretariat_reaches_the_token_admin(home_page, give_totp):
    from django.test import Client

    mag_member = give_totp(UserFactory(roles=[roles.MAG_MEMBER]))
    browser = Client()
    browser.force_login(mag_member)
    response = browser.get("/admin/api_tokens/")
    assert response.status_code in (302, 403)
    assert not ApiToken.objects.exists()


def test_secretariat_reads_the_audit_trail_in_the_admin(scene, give_totp, make_token):
    from django.test import Client

    secret = make_token()
    _post_event(Client(), scene, secret)
    secretariat = give_totp(UserFactory(roles=[roles.SECRETARIAT]))
    browser = Client()
    browser.force_login(secretariat)
    response = browser.get("/admin/api_token_uses/")
    assert response.status_code == 200
    assert f"/api/v1/transmissions/{scene.to_cstd.guid}/uptake-events" in (
        response.content.decode()
    )
    assert browser.get("/admin/api_token_uses/new/").status_code in (302, 403)
