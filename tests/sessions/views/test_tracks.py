"""A track's page: its profile and partners, and what other apps add through the
``track_page_sections`` hook (the outcomes' output documents, NRI events)."""

import datetime as dt

import pytest

from outcomes.enums import DocumentKind, DocumentStatus
from sessions.enums import Track
from sessions.models import TrackPartner, TrackProfile
from tests.factories.cms import (
    ForumEditionPageFactory,
    NriEventFactory,
    NriIndexPageFactory,
    NriPageFactory,
)
from tests.factories.outcomes import OutcomeDocumentFactory

pytestmark = pytest.mark.django_db


def track_url(edition, track) -> str:
    return f"{edition.url}programme/tracks/{track}/"


@pytest.fixture
def edition(programme_scene):
    return programme_scene["edition"]


def test_a_track_page_shows_its_introduction_and_partners(client, edition):
    profile = TrackProfile.objects.create(
        edition=edition,
        track=Track.PARLIAMENTARY,
        introduction="<p>For members of parliament, with the IPU.</p>",
    )
    TrackPartner.objects.create(
        profile=profile,
        name="Inter-Parliamentary Union",
        role="co-organiser",
        website="https://www.ipu.org/",
    )
    TrackPartner.objects.create(
        profile=profile, name="Storting", role="host parliament"
    )

    html = client.get(track_url(edition, "parliamentary")).content.decode()

    assert "For members of parliament, with the IPU." in html
    assert '<a href="https://www.ipu.org/" rel="noopener" dir="auto">' in html
    assert "Storting" in html
    assert "(host parliament)" in html


def test_without_a_profile_the_track_keeps_its_standard_introduction(client, edition):
    html = client.get(track_url(edition, "parliamentary")).content.decode()

    assert "Inter-Parliamentary Union and the host parliament" in html
    assert "Partners</h2>" not in html


def test_one_profile_per_track_and_edition(edition):
    from django.core.exceptions import ValidationError

    TrackProfile.objects.create(edition=edition, track=Track.YOUTH)

    with pytest.raises(ValidationError, match="already has a page for this track"):
        TrackProfile(edition=edition, track=Track.YOUTH).validate_constraints()


def test_a_track_page_lists_the_tracks_public_output_documents(client, edition):
    output = OutcomeDocumentFactory(
        edition=edition,
        kind=DocumentKind.PARLIAMENTARY,
        title="Parliamentary output, Zurich",
    )
    OutcomeDocumentFactory(
        edition=edition,
        kind=DocumentKind.PARLIAMENTARY,
        title="Draft of the next output",
        status=DocumentStatus.DRAFT,
    )
    OutcomeDocumentFactory(
        edition=edition, kind=DocumentKind.YOUTH, title="Youth messages"
    )

    html = client.get(track_url(edition, "parliamentary")).content.decode()

    assert "Output documents</h2>" in html
    assert f"/outcomes/documents/{edition.slug}/{output.slug}/" in html
    assert "Draft of the next output" not in html
    assert "Youth messages" not in html


def test_a_track_without_outputs_says_so(client, edition):
    html = client.get(track_url(edition, "youth")).content.decode()

    assert "has not published an output document for this edition yet" in html


def test_a_track_page_lists_its_regional_events_at_nris(client, edition):
    NriIndexPageFactory()
    nri = NriPageFactory(title="Kenya IGF", acronym="KIGF")
    start = dt.datetime.combine(edition.end_on, dt.time(9), tzinfo=dt.UTC)
    NriEventFactory(
        page=nri,
        title="Parliamentary roundtable",
        track=Track.PARLIAMENTARY,
        start_at=start + dt.timedelta(days=40),
    )
    NriEventFactory(
        page=nri,
        title="Youth hackathon",
        track=Track.YOUTH,
        start_at=start + dt.timedelta(days=40),
    )

    html = client.get(track_url(edition, "parliamentary")).content.decode()

    assert "Regional events at NRIs</h2>" in html
    assert "Parliamentary roundtable" in html
    assert f'<a href="{nri.url}">Kenya IGF</a>' in html
    assert "Youth hackathon" not in html
    assert "/nris/events.ics?track=parliamentary" in html


def test_regional_events_before_the_previous_meeting_are_not_on_the_road(
    client, edition
):
    earlier = ForumEditionPageFactory(year=edition.year - 1)
    NriIndexPageFactory()
    NriEventFactory(
        title="Long ago",
        track=Track.PARLIAMENTARY,
        start_at=dt.datetime.combine(earlier.start_on, dt.time(9), tzinfo=dt.UTC),
    )

    html = client.get(track_url(edition, "parliamentary")).content.decode()

    assert "Long ago" not in html
    assert "No regional event of this track is announced at an NRI yet." in html
