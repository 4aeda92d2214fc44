"""Scenes for the search tests: public and hidden content of one edition, then indexed."""

import datetime as dt

import pytest
from django.utils import timezone

from cms.models import StandardPage
from igfplus.enums import RegionalGroup, StakeholderGroup
from outcomes.enums import DocumentStatus
from search.services.indexing import drain_outbox
from sessions.enums import PersonRole
from sessions.models import Release, ReleasedSession
from sessions.services.sessions import ParticipantSpec
from tests.factories import EditionThemeFactory, ForumEditionPageFactory, PersonFactory
from tests.factories.outcomes import (
    ForumFactory,
    OutcomeDocumentFactory,
    PolicyMessageFactory,
    TransmissionFactory,
)
from tests.factories.programme import SessionPageFactory


def release(*sessions):
    """A new release of the sessions' edition holding exactly these sessions.

    Like ``release_schedule``, it publishes each session's latest revision.
    """
    edition = sessions[0].edition
    latest = Release.objects.filter(edition=edition).order_by("-number").first()
    new = Release.objects.create(
        edition=edition, number=(latest.number + 1) if latest else 1
    )
    start = timezone.make_aware(dt.datetime(edition.year, 6, 24, 10))
    for session in sessions:
        session.save_revision().publish()
        ReleasedSession.objects.create(
            release=new,
            session=session,
            status=session.status,
            start_at=start,
            end_at=start + dt.timedelta(hours=1),
            changed_at=start,
        )
    return new


@pytest.fixture
def index_now(db):
    """Apply the outbox as the after-commit task would."""
    return drain_outbox


@pytest.fixture
def edition(db):
    return ForumEditionPageFactory(year=2031, title="IGF 2031", slug="igf2031")


@pytest.fixture
def theme(edition):
    return EditionThemeFactory(page=edition, name="Data governance")


@pytest.fixture
def speaker(db):
    return PersonFactory(
        name="Amina Diallo",
        stakeholder_group=StakeholderGroup.CIVIL_SOCIETY,
        regional_group=RegionalGroup.AFRICAN,
    )


@pytest.fixture
def released_session(edition, theme, speaker):
    session = SessionPageFactory(
        edition=edition,
        theme=theme,
        title="Governance of cross-border data flows",
        description="How countries govern data that crosses borders.",
        participants=[ParticipantSpec(person=speaker, role=PersonRole.SPEAKER)],
    )
    release(session)
    return session


@pytest.fixture
def unreleased_session(edition, theme):
    return SessionPageFactory(
        edition=edition,
        theme=theme,
        title="Governing secret algorithms",
        description="Not yet in any release.",
    )


@pytest.fixture
def forum(db):
    return ForumFactory(name="Data Policy Assembly", acronym="DPA", slug="dpa")


@pytest.fixture
def public_message(edition, theme, forum):
    document = OutcomeDocumentFactory(edition=edition, title="IGF 2031 Messages")
    message = PolicyMessageFactory(
        document=document,
        theme=theme,
        title="Govern artificial intelligence together",
        text="Governments and companies should govern AI with civil society.",
        addressed_to=[StakeholderGroup.GOVERNMENT, StakeholderGroup.PRIVATE_SECTOR],
    )
    transmission = TransmissionFactory(forum=forum, document=None)
    transmission.messages.add(message)
    return message


@pytest.fixture
def draft_message(edition, theme):
    document = OutcomeDocumentFactory(
        edition=edition,
        title="Draft messages",
        slug="draft",
        status=DocumentStatus.DRAFT,
    )
    return PolicyMessageFactory(
        document=document,
        theme=theme,
        title="Draft governance idea",
        text="A governance idea still being drafted.",
    )


@pytest.fixture
def public_page(home_page):
    page = StandardPage(
        title="Governing the commons", slug="commons", intro="About us."
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def world(
    released_session,
    unreleased_session,
    public_message,
    draft_message,
    public_page,
    index_now,
):
    """Public and hidden content, indexed."""
    index_now()
    return {
        "released_session": released_session,
        "unreleased_session": unreleased_session,
        "public_message": public_message,
        "draft_message": draft_message,
        "public_page": public_page,
    }


@pytest.fixture(autouse=True)
def _database_backend_unless_live(request, settings):
    """Tests use the database backend; the live suite keeps ELASTICSEARCH_URL as set."""
    if request.node.get_closest_marker("elasticsearch") is None:
        settings.ELASTICSEARCH_URL = ""
