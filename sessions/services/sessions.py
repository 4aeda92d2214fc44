"""Creating sessions and editing their content (write services)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from wagtail.models import Revision

from cms.models import ForumEditionPage
from sessions.enums import PersonRole, Presence, SessionStatus
from sessions.models import (
    Person,
    ProgrammePage,
    SessionPage,
    SessionParticipant,
    SessionType,
)

PROGRAMME_SLUG = "programme"


@dataclass(frozen=True)
class ParticipantSpec:
    person: Person
    role: str = PersonRole.SPEAKER
    presence: str = Presence.ONSITE
    is_confirmed: bool = True


def programme_page_for(edition: ForumEditionPage) -> ProgrammePage:
    """The edition's programme page, created (published, at /<edition>/programme/) if missing."""
    existing = ProgrammePage.objects.child_of(edition).first()
    if existing:
        return existing
    page = ProgrammePage(title=f"Programme – {edition.title}", slug=PROGRAMME_SLUG)
    edition.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def create_session(
    *,
    edition: ForumEditionPage,
    session_type: SessionType,
    title: str,
    by=None,
    participants: Sequence[ParticipantSpec] = (),
    status: str = SessionStatus.DRAFT,
    guid: uuid.UUID | None = None,
    **content,
) -> SessionPage:
    """A new, unpublished session page under the edition's programme, numbered per type."""
    programme = programme_page_for(edition)
    # Lock the type's row so two submissions at once never take the same number.
    SessionType.objects.select_for_update().filter(pk=session_type.pk).first()
    number = (session_type.sessions.aggregate(top=Max("number"))["top"] or 0) + 1
    session = SessionPage(
        title=title,
        slug=f"{slugify(session_type.prefix) or 'session'}-{number}",
        edition=edition,
        session_type=session_type,
        number=number,
        status=status,
        proposer=by,
        live=False,
        guid=guid or uuid.uuid4(),
        **content,
    )
    session.participants = [
        _participant(spec, order) for order, spec in enumerate(participants)
    ]
    programme.add_child(instance=session)
    session.save_revision(user=by, log_action=True)
    return session


@transaction.atomic
def update_session_content(
    *,
    session: SessionPage,
    by=None,
    participants: Sequence[ParticipantSpec] | None = None,
    **content,
) -> Revision:
    """Save new content as a revision; a session not yet public also changes in place.

    A released (live) session keeps its public text until the next release publishes the
    revision. Its people change at once: who is where is what conflict checks must see.
    """
    # Whether the session is public is the database's word: a copy loaded before a
    # release still says "not live", and saving it in place would unpublish the page.
    session.refresh_from_db(
        fields=["live", "live_revision", "has_unpublished_changes", "latest_revision"]
    )
    for field, value in content.items():
        setattr(session, field, value)
    if participants is not None:
        session.participants = [
            _participant(spec, order) for order, spec in enumerate(participants)
        ]
        if session.live:
            SessionParticipant.objects.filter(session=session).delete()
            SessionParticipant.objects.bulk_create(
                [
                    _participant(spec, order, session=session)
                    for order, spec in enumerate(participants)
                ]
            )
    if not session.live:
        session.save()
    return session.save_revision(user=by, log_action=True)


def latest_content(session: SessionPage) -> SessionPage:
    """The session with its newest content: a released session's pending revision, if any.

    Status, number and type stay the row's (SessionPage.PLACEMENT_FIELDS): they are the
    MAG's and change without a revision.
    """
    if not session.live or not session.has_unpublished_changes:
        return session
    return session.get_latest_revision_as_object()


def _participant(spec: ParticipantSpec, order: int, session=None) -> SessionParticipant:
    return SessionParticipant(
        session=session,
        person=spec.person,
        role=spec.role,
        presence=spec.presence,
        is_confirmed=spec.is_confirmed,
        sort_order=order,
    )
