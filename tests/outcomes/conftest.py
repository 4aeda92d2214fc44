"""Scenes for the outcomes tests: sessions that took place as released, and who filed."""

import datetime as dt

import pytest
from django.utils import timezone

from sessions.enums import PersonRole, SessionStatus
from sessions.models import Release, ReleasedSession
from sessions.services.sessions import ParticipantSpec
from tests.factories import ForumEditionPageFactory, PersonFactory, UserFactory
from tests.factories.programme import SessionPageFactory


def release_session(session, *, end_at: dt.datetime, status=SessionStatus.SCHEDULED):
    """Put the session in its edition's latest release (made if missing), ending at end_at."""
    release = (
        Release.objects.filter(edition=session.edition).order_by("-number").first()
    )
    release = release or Release.objects.create(edition=session.edition, number=1)
    return ReleasedSession.objects.create(
        release=release,
        session=session,
        status=status,
        start_at=end_at - dt.timedelta(hours=1),
        end_at=end_at,
        changed_at=end_at,
    )


@pytest.fixture
def organizer_user(db):
    return UserFactory(name="Amina Diallo")


@pytest.fixture
def organizer(organizer_user):
    return PersonFactory(name="Amina Diallo", user=organizer_user)


@pytest.fixture
def edition(db):
    return ForumEditionPageFactory()


@pytest.fixture
def make_session(edition):
    def make(*, people=(), ended_days_ago: int | None = 2, title=None):
        kwargs = {"edition": edition}
        if title:
            kwargs["title"] = title
        session = SessionPageFactory(
            participants=[
                ParticipantSpec(person=person, role=role) for person, role in people
            ],
            **kwargs,
        )
        if ended_days_ago is not None:
            release_session(
                session, end_at=timezone.now() - dt.timedelta(days=ended_days_ago)
            )
        return session

    return make


@pytest.fixture
def held_session(make_session, organizer):
    """A session Amina organised, released and ended two days ago."""
    return make_session(people=[(organizer, PersonRole.ORGANIZER)])
