"""The API's scene: the outcomes scene (released and unreleased sessions, a final and a
draft document, a deleted message, live and deleted transmissions), with people whose
e-mail and gender must never leave the site."""

from __future__ import annotations

import pytest
from django.test import Client

from igfplus import roles
from igfplus.enums import Gender
from igfplus.models import ApiScope
from igfplus.services.api_tokens import issue_token
from sessions.enums import PersonRole
from sessions.models import SessionParticipant
from sessions.services.releases import release_schedule
from tests.factories import PersonFactory, UserFactory
from tests.outcomes.test_selectors import build_scene

PRIVATE_EMAIL = "sentinel.api.private@example.org"


def build_api_scene():
    s = build_scene()
    account = UserFactory(email=PRIVATE_EMAIL, gender=Gender.FEMALE)
    s.speaker = PersonFactory(
        name="Ama Mensah", organisation="Ghana IGF", user=account, gender=Gender.FEMALE
    )
    s.hidden_speaker = PersonFactory(name="Unreleased Speaker")
    SessionParticipant.objects.create(
        session=s.session, person=s.speaker, role=PersonRole.SPEAKER, sort_order=1
    )
    SessionParticipant.objects.create(
        session=s.hidden_session,
        person=s.hidden_speaker,
        role=PersonRole.SPEAKER,
        sort_order=1,
    )
    # Release again so the speaker is part of what the public sees.
    release_schedule(edition=s.edition, by=None, message="Speakers confirmed")
    return s


@pytest.fixture
def scene(home_page):
    return build_api_scene()


@pytest.fixture
def client() -> Client:
    return Client(raise_request_exception=False)


@pytest.fixture
def secretariat(db):
    return UserFactory(roles=[roles.SECRETARIAT])


@pytest.fixture
def make_token(secretariat):
    """A token's secret, for the secretariat (by default) with the given scopes."""

    def make(*scopes: str, owner=None):
        issued = issue_token(
            name="Integration",
            owner=owner or secretariat,
            scopes=list(scopes) or [ApiScope.UPTAKE_WRITE],
            by=secretariat,
        )
        return issued.secret

    return make


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
