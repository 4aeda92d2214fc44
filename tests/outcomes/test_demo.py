"""The outcomes demo on a small world: editions, accounts and a few released sessions."""

import datetime as dt
import time

import pytest
from django.utils import timezone

from cms import demo as cms_demo
from cms.models import ForumEditionPage
from igfplus import demo as igfplus_demo
from outcomes import demo
from outcomes.enums import CommentStatus, DocumentKind, DocumentStatus, SourceKind
from outcomes.models import (
    MessageComment,
    MessageSource,
    NormativeForum,
    OutcomeDocument,
    PolicyMessage,
    SessionReport,
    Transmission,
    UptakeEvent,
)
from sessions.enums import PersonRole
from tests.factories import PersonFactory
from tests.factories.programme import SessionPageFactory
from tests.outcomes.conftest import release_session


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            NormativeForum,
            OutcomeDocument,
            PolicyMessage,
            MessageSource,
            MessageComment,
            SessionReport,
            Transmission,
            UptakeEvent,
        )
    }


@pytest.mark.django_db
def test_demo_outcomes_load_quickly_and_idempotently():
    cms_demo.load_editions(log=lambda _: None)
    igfplus_demo.load(log=lambda _: None)
    lillestrom = ForumEditionPage.objects.get(slug="igf2025")
    themes = list(lillestrom.themes.all())
    for index in range(12):
        session = SessionPageFactory(
            edition=lillestrom,
            theme=themes[index % len(themes)],
            participants=[_organizer()],
        )
        release_session(session, end_at=timezone.now() - dt.timedelta(days=100))

    started = time.monotonic()
    demo.load(log=lambda _: None)
    elapsed = time.monotonic() - started
    first = counts()
    demo.load(log=lambda _: None)

    assert counts() == first
    assert elapsed < 15
    assert first["NormativeForum"] >= 15
    assert 8 <= first["SessionReport"] < 12  # most, not all, sessions reported
    kinds = set(OutcomeDocument.objects.values_list("edition__slug", "kind"))
    assert {
        ("igf2023", DocumentKind.MESSAGES),
        ("igf2024", DocumentKind.MESSAGES),
        ("igf2025", DocumentKind.MESSAGES),
        ("igf2024", DocumentKind.PARLIAMENTARY),
        ("igf2024", DocumentKind.LEADERSHIP_PANEL),
        ("igf2025", DocumentKind.YOUTH),
    } == kinds
    youth = OutcomeDocument.objects.get(kind=DocumentKind.YOUTH)
    assert youth.status == DocumentStatus.PUBLIC_COMMENT
    assert set(MessageComment.objects.values_list("status", flat=True)) == set(
        CommentStatus.values
    )
    # IGF 2025 messages cite takeaways; older editions cite outputs by title and link.
    assert MessageSource.objects.filter(
        kind=SourceKind.TAKEAWAY, message__document__edition=lillestrom
    ).exists()
    assert set(
        MessageSource.objects.filter(
            message__document__edition__slug="igf2023"
        ).values_list("kind", flat=True)
    ) == {SourceKind.INTERSESSIONAL_OUTPUT, SourceKind.NRI_REPORT}
    assert first["Transmission"] >= 10
    assert UptakeEvent.objects.filter(evidence_level="indirect").exists()


def _organizer():
    from sessions.services.sessions import ParticipantSpec

    return ParticipantSpec(person=PersonFactory(), role=PersonRole.ORGANIZER)
