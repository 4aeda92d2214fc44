"""Translations never add a search result: the index holds each record once."""

import pytest

from outcomes.models import PolicyMessageTranslation
from search.selectors import search_results
from search.services.documents import SearchRequest
from sessions.models import SessionPageTranslation
from tests.search.conftest import release

pytestmark = pytest.mark.django_db


def test_translated_session_and_message_are_found_once(
    released_session, public_message, index_now
):
    released_session.translations.add(
        SessionPageTranslation(
            language="fr", title="Gouvernance des flux de données transfrontières"
        )
    )
    release(released_session)
    PolicyMessageTranslation.objects.create(
        message=public_message, language="fr", title="Gouverner", text="Gouverner."
    )
    index_now()

    sessions = search_results(SearchRequest(text="cross-border data flows"))
    french = search_results(SearchRequest(text="transfrontières"))

    assert SessionPageTranslation.objects.count() == 1
    assert [hit.title.count("Governance") for hit in sessions.hits] == [1]
    assert sessions.total == 1
    assert french.total == 0
