import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from outcomes import selectors
from outcomes.enums import (
    CommentStatus,
    DocumentStatus,
    EvidenceLevel,
    SourceKind,
    UptakeKind,
    UptakeStatus,
)
from outcomes.models import DocumentVersion
from outcomes.selectors import SendingFact, status_at_forum
from outcomes.services.uptake import refresh_status
from sessions.services.releases import release_schedule
from tests.factories import EditionThemeFactory, ForumEditionPageFactory, RoomFactory
from tests.factories.outcomes import (
    CallToActionFactory,
    ForumFactory,
    MessageCommentFactory,
    MessageSourceFactory,
    OutcomeDocumentFactory,
    PolicyMessageFactory,
    SessionReportFactory,
    TakeawayFactory,
    TransmissionFactory,
    UptakeEventFactory,
)
from tests.factories.programme import SessionPageFactory, SessionTypeFactory
from tests.sessions.conftest import local, schedule


def build_scene() -> SimpleNamespace:
    """One edition with a released session and its report, an unreleased one, a final
    document with three messages (one deleted), a draft, two forums, sendings and events."""
    s = SimpleNamespace()
    s.edition = ForumEditionPageFactory(slug="igf2030", year=2030, title="IGF 2030")
    s.access = EditionThemeFactory(page=s.edition, name="Access", sort_order=1)
    s.trust = EditionThemeFactory(page=s.edition, name="Trust", sort_order=2)
    workshop = SessionTypeFactory(edition=s.edition, prefix="WS")
    room = RoomFactory(edition=s.edition)
    s.session = SessionPageFactory(session_type=workshop, title="Community networks")
    s.hidden_session = SessionPageFactory(session_type=workshop, title="Not released")
    schedule(s.session, room, local(s.edition, 1, 10))
    release_schedule(edition=s.edition, by=None, message="First")
    s.report = SessionReportFactory(session=s.session)
    s.takeaway = TakeawayFactory(report=s.report, text="Local content drives demand.")
    s.other_takeaway = TakeawayFactory(report=s.report, text="Spectrum matters.")
    s.call = CallToActionFactory(report=s.report, text="Fund community networks.")
    s.hidden_report = SessionReportFactory(session=s.hidden_session)

    s.document = OutcomeDocumentFactory(
        edition=s.edition, slug="messages", title="IGF 2030 Messages"
    )
    s.first = PolicyMessageFactory(
        document=s.document, theme=s.access, order=1, title="Affordable access"
    )
    s.second = PolicyMessageFactory(
        document=s.document, theme=s.trust, order=2, title="Trust online"
    )
    s.deleted = PolicyMessageFactory(
        document=s.document, order=3, title="Withdrawn text", deleted_at=timezone.now()
    )
    s.draft = OutcomeDocumentFactory(
        edition=s.edition,
        slug="draft",
        title="Youth draft",
        status=DocumentStatus.DRAFT,
    )
    s.draft_message = PolicyMessageFactory(document=s.draft, title="Draft message")
    MessageSourceFactory(
        message=s.first, kind=SourceKind.SESSION_REPORT, report=s.report, title=""
    )
    MessageSourceFactory(
        message=s.first, kind=SourceKind.TAKEAWAY, takeaway=s.takeaway, title=""
    )
    MessageSourceFactory(
        message=s.first, kind=SourceKind.SESSION_REPORT, report=s.hidden_report
    )
    MessageSourceFactory(message=s.first, title="PN on Meaningful Access output")

    s.cstd = ForumFactory(name="Test Commission", acronym="TCOM", slug="tcom")
    s.hrc = ForumFactory(name="Test Council", acronym="TCOU", slug="tcou")
    s.to_cstd = TransmissionFactory(
        forum=s.cstd, messages=[s.first], sent_on=dt.date(2031, 4, 14)
    )
    UptakeEventFactory(
        transmission=s.to_cstd,
        kind=UptakeKind.ACKNOWLEDGED,
        occurred_on=dt.date(2031, 5, 1),
    )
    UptakeEventFactory(
        transmission=s.to_cstd,
        kind=UptakeKind.REFERENCED,
        occurred_on=dt.date(2031, 6, 1),
        evidence_level=EvidenceLevel.INDIRECT,
        document_symbol="E/CN.16/2031/2",
        quoted_passage="Affordable access remains a priority.",
    )
    UptakeEventFactory(
        transmission=s.to_cstd,
        kind=UptakeKind.REFLECTED,
        occurred_on=dt.date(2031, 7, 1),
        deleted_at=timezone.now(),
    )
    refresh_status(s.to_cstd)
    s.whole_to_hrc = TransmissionFactory(
        forum=s.hrc, document=s.document, sent_on=dt.date(2031, 5, 10)
    )
    s.deleted_sending = TransmissionFactory(
        forum=s.cstd, messages=[s.second], deleted_at=timezone.now()
    )
    s.draft_sending = TransmissionFactory(forum=s.cstd, messages=[s.draft_message])

    MessageCommentFactory(
        message=s.first, text="Name small islands.", status=CommentStatus.PUBLISHED
    )
    MessageCommentFactory(message=s.first, text="Pending remark.")
    MessageCommentFactory(
        message=s.first,
        text="Add rural areas.",
        status=CommentStatus.RESOLVED,
        resolution="Added in version 2.",
    )
    MessageCommentFactory(message=s.first, text="Spam.", status=CommentStatus.REJECTED)
    DocumentVersion.objects.create(
        document=s.document,
        number=1,
        status=DocumentStatus.PUBLIC_COMMENT,
        changes="First draft.",
    )
    DocumentVersion.objects.create(
        document=s.document,
        number=2,
        status=DocumentStatus.FINAL,
        changes="Rural areas added.",
    )
    return s


@pytest.fixture
def scene(home_page):
    return build_scene()


def _fact(pk, sent_on, last_event_on, status):
    return SendingFact(1, pk, sent_on, last_event_on, status)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ([], UptakeStatus.SENT),
        ([_fact(1, dt.date(2030, 1, 1), None, "sent")], "sent"),
        (
            [
                _fact(1, dt.date(2030, 1, 1), dt.date(2030, 9, 1), "reflected"),
                _fact(2, dt.date(2030, 6, 1), None, "sent"),
            ],
            "reflected",
        ),
        (
            [
                _fact(1, dt.date(2030, 1, 1), dt.date(2030, 3, 1), "reflected"),
                _fact(2, dt.date(2030, 6, 1), None, "sent"),
            ],
            "sent",
        ),
        (
            [
                _fact(1, dt.date(2030, 1, 1), dt.date(2030, 6, 1), "discussed"),
                _fact(2, dt.date(2030, 6, 1), None, "sent"),
            ],
            "sent",
        ),
    ],
    ids=[
        "never_sent",
        "one_sending",
        "older_sending_with_newer_event_wins",
        "newer_sending_wins",
        "same_day_later_sending_wins",
    ],
)
def test_status_at_forum(facts, expected):
    assert status_at_forum(facts) == expected


@pytest.mark.django_db
def test_public_documents_leave_out_drafts_and_deleted(scene):
    OutcomeDocumentFactory(edition=scene.edition, deleted_at=timezone.now())

    assert list(selectors.public_documents()) == [scene.document]


@pytest.mark.django_db
def test_public_messages_leave_out_deleted_and_drafts(scene):
    assert set(selectors.public_messages()) == {scene.first, scene.second}


@pytest.mark.django_db
def test_public_reports_are_submitted_reports_of_released_sessions(scene):
    SessionReportFactory(
        session=SessionPageFactory(edition=scene.edition), is_submitted=False
    )

    assert list(selectors.public_reports()) == [scene.report]


@pytest.mark.django_db
def test_a_session_dropped_from_the_latest_release_hides_its_report(scene):
    from sessions.enums import SessionStatus
    from sessions.models import SessionPage

    other = SessionPageFactory(edition=scene.edition, title="Kept")
    schedule(other, RoomFactory(edition=scene.edition), local(scene.edition, 2, 10))
    SessionPage.objects.filter(pk=scene.session.pk).update(
        status=SessionStatus.ACCEPTED
    )
    release_schedule(edition=scene.edition, by=None, message="Second")

    assert list(selectors.public_reports()) == []


@pytest.mark.django_db
def test_live_transmissions_need_something_public(scene):
    assert set(selectors.live_transmissions()) == {scene.to_cstd, scene.whole_to_hrc}


@pytest.mark.django_db
def test_message_trace_goes_back_to_public_sources_and_forward_to_forums(scene):
    trace = selectors.message_trace(scene.first.guid)

    assert [s.report for s in trace.report_sources] == [scene.report]
    assert [s.takeaway for s in trace.takeaway_sources] == [scene.takeaway]
    assert [s.title for s in trace.other_sources] == ["PN on Meaningful Access output"]
    assert [(t.forum.acronym, t.status) for t in trace.forums] == [
        ("TCOM", UptakeStatus.REFERENCED),
        ("TCOU", UptakeStatus.SENT),
    ]
    cstd = trace.forums[0]
    assert [t.pk for t in cstd.transmissions] == [scene.to_cstd.pk]
    assert [e.kind for e in cstd.transmissions[0].events.all()] == [
        UptakeKind.ACKNOWLEDGED,
        UptakeKind.REFERENCED,
    ]


@pytest.mark.django_db
def test_message_trace_of_a_hidden_message_is_none(scene):
    assert selectors.message_trace(scene.deleted.guid) is None
    assert selectors.message_trace(scene.draft_message.guid) is None


@pytest.mark.django_db
def test_forum_statuses_count_whole_documents_for_each_message(scene):
    statuses = selectors.forum_statuses([scene.first, scene.second])

    assert [
        (f.forum_acronym, f.status, f.sendings) for f in statuses[scene.first.pk]
    ] == [
        ("TCOM", "referenced", 1),
        ("TCOU", "sent", 1),
    ]
    assert [(f.forum_acronym, f.status) for f in statuses[scene.second.pk]] == [
        ("TCOU", "sent")
    ]


@pytest.mark.django_db
def test_document_page_shows_public_comments_and_versions(scene):
    page = selectors.document_page("igf2030", "messages")

    assert [(g.theme.name, [m.title for m in g.messages]) for g in page.themes] == [
        ("Access", ["Affordable access"]),
        ("Trust", ["Trust online"]),
    ]
    assert [c.text for c in page.themes[0].messages[0].public_comments] == [
        "Name small islands.",
        "Add rural areas.",
    ]
    assert page.comment_count == 2
    assert [v.number for v in page.versions] == [2, 1]
    assert selectors.document_page("igf2030", "draft") is None


@pytest.mark.django_db
def test_forum_summaries_count_public_transmissions_by_status(scene):
    summaries = {s.forum.acronym: s for s in selectors.forum_summaries()}

    assert summaries["TCOM"].counts == {"referenced": 1}
    assert summaries["TCOU"].counts == {"sent": 1}
    assert summaries["TCOM"].counts_in_order()[1] == (
        "referenced",
        "Referenced in a document",
        1,
    )


@pytest.mark.django_db
def test_session_outcomes_list_citing_messages_and_their_forums(scene):
    outcomes = selectors.session_outcomes(scene.session.guid)

    assert [t.text for t in outcomes.report.takeaways.all()] == [
        "Local content drives demand.",
        "Spectrum matters.",
    ]
    (entry,) = outcomes.messages
    assert entry.message == scene.first
    assert entry.takeaway_ids == {scene.takeaway.pk}
    assert entry.cites_report is True
    assert [f.forum_acronym for f in entry.statuses] == ["TCOM", "TCOU"]
    assert selectors.session_outcomes(scene.hidden_session.guid) is None


@pytest.mark.django_db
def test_edition_outcomes_count_statuses_per_message_and_forum(scene):
    outcomes = selectors.edition_outcomes("igf2030")

    assert [d.slug for d in outcomes.documents] == ["messages"]
    assert outcomes.status_counts == {"referenced": 1, "sent": 2}
    assert selectors.edition_outcomes("igf1999") is None


@pytest.mark.django_db
def test_dashboard_aggregates(scene):
    everything = selectors.DashboardFilters()

    assert [(r.label, r.counts) for r in selectors.uptake_by_forum(everything)] == [
        ("TCOM", {"referenced": 1}),
        ("TCOU", {"sent": 1}),
    ]
    assert [(r.label, r.counts) for r in selectors.uptake_by_year(everything)] == [
        ("2031", {"referenced": 1, "sent": 1})
    ]
    # Whole-document sendings have no sub-theme: only message sendings count here.
    assert [(r.label, r.counts) for r in selectors.uptake_by_theme(everything)] == [
        ("Access", {"referenced": 1})
    ]
    assert selectors.theme_forum_status_flows(everything) == [
        selectors.FlowRow("Access", "TCOM", "referenced", 1)
    ]


@pytest.mark.django_db
def test_dashboard_filters_by_edition_years_and_forum_kind(scene):
    from outcomes.enums import ForumKind

    later = selectors.DashboardFilters(first_year=2031)
    treaty = selectors.DashboardFilters(forum_kind=ForumKind.TREATY_BODY)
    in_range = selectors.DashboardFilters(first_year=2030, last_year=2030)

    assert selectors.uptake_by_forum(later) == []
    assert selectors.uptake_by_forum(treaty) == []
    assert [r.label for r in selectors.uptake_by_forum(in_range)] == ["TCOM", "TCOU"]
