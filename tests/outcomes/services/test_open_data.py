import copy
import datetime as dt
import json
import uuid
from dataclasses import dataclass

import jsonschema
import pytest
from django.conf import settings
from django.utils import timezone

from igfplus.enums import StakeholderGroup
from outcomes.enums import (
    Channel,
    DocumentKind,
    DocumentStatus,
    EvidenceLevel,
    ForumKind,
    SourceKind,
    UptakeKind,
    UptakeStatus,
)
from outcomes.models import (
    DocumentVersion,
    MessageSource,
    NormativeForum,
    OutcomeDocument,
    PolicyMessage,
    Transmission,
    UptakeEvent,
)
from outcomes.services.open_data import (
    NOTHING_SENT,
    UNKNOWN_EDITION,
    UNKNOWN_FORUM,
    UNKNOWN_MESSAGE,
    UNKNOWN_SESSION,
    UNKNOWN_TAKEAWAY,
    UNKNOWN_THEME,
    OutcomesInvalid,
    OutcomesNotReadable,
    export_outcomes,
    import_outcomes,
    load_outcomes,
    outcomes_schema,
    parse_outcomes,
)
from outcomes.services.uptake import refresh_status
from tests.factories import EditionThemeFactory, ForumEditionPageFactory
from tests.factories.outcomes import (
    ForumFactory,
    MessageSourceFactory,
    OutcomeDocumentFactory,
    PolicyMessageFactory,
    SessionReportFactory,
    TakeawayFactory,
    TransmissionFactory,
    UptakeEventFactory,
)

DELETED_AT = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


@dataclass
class Scene:
    edition: object
    document: OutcomeDocument
    message: PolicyMessage
    second: PolicyMessage
    draft_message: PolicyMessage
    forum: NormativeForum
    transmission: Transmission
    report: object
    takeaway: object


def open_data_scene() -> Scene:
    """A final document of igf2025 with two messages citing a session report, a takeaway
    and an output; a draft and a deleted document; one transmission with two events;
    one deleted transmission and one deleted event."""
    edition = ForumEditionPageFactory(year=2025, slug="igf2025")
    theme = EditionThemeFactory(page=edition, name="Digital trust")
    document = OutcomeDocumentFactory(
        edition=edition, slug="igf-messages", title="IGF 2025 Messages"
    )
    version = DocumentVersion.objects.create(
        document=document, number=1, status=DocumentStatus.FINAL, changes="First."
    )
    DocumentVersion.objects.filter(pk=version.pk).update(
        published_at=dt.datetime(2025, 7, 1, 8, 0, tzinfo=dt.UTC)
    )
    message = PolicyMessageFactory(
        document=document,
        order=1,
        theme=theme,
        sdgs=[9, 16],
        addressed_to=[StakeholderGroup.GOVERNMENT, StakeholderGroup.TECHNICAL],
    )
    second = PolicyMessageFactory(document=document, order=2, title="")
    report = SessionReportFactory()
    TakeawayFactory(report=report, text="First takeaway.", sort_order=0)
    takeaway = TakeawayFactory(report=report, text="Second takeaway.", sort_order=1)
    MessageSource.objects.create(
        message=message, kind=SourceKind.SESSION_REPORT, report=report
    )
    MessageSource.objects.create(
        message=message, kind=SourceKind.TAKEAWAY, takeaway=takeaway
    )
    MessageSourceFactory(message=second, title="PN on AI output")
    draft = OutcomeDocumentFactory(
        edition=edition, status=DocumentStatus.DRAFT, slug="draft-summary"
    )
    draft_message = PolicyMessageFactory(document=draft)
    deleted = OutcomeDocumentFactory(edition=edition, slug="old", deleted_at=DELETED_AT)
    PolicyMessageFactory(document=deleted)
    PolicyMessageFactory(document=document, deleted_at=DELETED_AT)

    forum = ForumFactory(slug="cstd-test", name="CSTD (test)")
    transmission = TransmissionFactory(
        forum=forum,
        messages=[message, second, draft_message],
        sent_on=dt.date(2026, 4, 14),
        document_symbol="E/CN.16/2026/2",
    )
    UptakeEventFactory(
        transmission=transmission,
        kind=UptakeKind.ACKNOWLEDGED,
        occurred_on=dt.date(2026, 4, 20),
    )
    UptakeEventFactory(
        transmission=transmission,
        kind=UptakeKind.REFERENCED,
        occurred_on=dt.date(2026, 5, 2),
        evidence_level=EvidenceLevel.INDIRECT,
        quoted_passage="=the IGF's messages on trust",
        document_symbol="E/CN.16/2026/L.3",
    )
    UptakeEventFactory(
        transmission=transmission,
        kind=UptakeKind.REFLECTED,
        occurred_on=dt.date(2026, 6, 1),
        deleted_at=DELETED_AT,
    )
    refresh_status(transmission)
    TransmissionFactory(forum=forum, messages=[message], deleted_at=DELETED_AT)
    # Only a draft was sent: nothing public to show.
    TransmissionFactory(forum=forum, messages=[draft_message])
    return Scene(
        edition=edition,
        document=document,
        message=message,
        second=second,
        draft_message=draft_message,
        forum=forum,
        transmission=transmission,
        report=report,
        takeaway=takeaway,
    )


@pytest.fixture
def scene(home_page) -> Scene:
    return open_data_scene()


def delete_outcomes() -> None:
    """Every outcome row, as in a database that never had any (forums too)."""
    UptakeEvent.objects.all().delete()
    Transmission.messages.through.objects.all().delete()
    Transmission.objects.all().delete()
    MessageSource.objects.all().delete()
    PolicyMessage.objects.all().delete()
    DocumentVersion.objects.all().delete()
    OutcomeDocument.objects.all().delete()
    NormativeForum.objects.all().delete()


# --- the schema -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("definition", "choices"),
    [
        ("forum.kind", ForumKind),
        ("document.kind", DocumentKind),
        ("version.status", DocumentStatus),
        ("message.addressed_to", StakeholderGroup),
        ("source.kind", SourceKind),
        ("transmission.channel", Channel),
        ("transmission.status", UptakeStatus),
        ("event.kind", UptakeKind),
        ("event.evidence_level", EvidenceLevel),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_schema_enums_are_the_choices(definition, choices):
    name, field_name = definition.split(".")
    spec = outcomes_schema()["$defs"][name]["properties"][field_name]
    spec = spec.get("items", spec)
    assert spec["enum"] == list(choices.values)


def test_schema_document_status_leaves_drafts_out():
    spec = outcomes_schema()["$defs"]["document"]["properties"]["status"]
    assert spec["enum"] == [DocumentStatus.PUBLIC_COMMENT, DocumentStatus.FINAL]


# --- export -----------------------------------------------------------------------------


def test_export_only_public_data(scene):
    data = export_outcomes()

    assert [d["slug"] for d in data["documents"]] == ["igf-messages"]
    assert [m["guid"] for m in data["documents"][0]["messages"]] == [
        str(scene.message.guid),
        str(scene.second.guid),
    ]
    assert [t["guid"] for t in data["transmissions"]] == [str(scene.transmission.guid)]
    sent = data["transmissions"][0]
    assert sent["messages"] == [str(scene.message.guid), str(scene.second.guid)]
    assert [(e["kind"], e["occurred_on"]) for e in sent["events"]] == [
        ("acknowledged", "2026-04-20"),
        ("referenced", "2026-05-02"),
    ]
    assert sent["status"] == "referenced"


def test_export_document_in_full(scene):
    document = export_outcomes(scene.edition)["documents"][0]

    assert document == {
        "guid": str(scene.document.guid),
        "edition": "igf2025",
        "kind": "messages",
        "slug": "igf-messages",
        "title": "IGF 2025 Messages",
        "summary": "The messages of the edition, by sub-theme.",
        "status": "final",
        "comments_close_on": None,
        "published_on": "2025-06-27",
        "versions": [
            {
                "number": 1,
                "status": "final",
                "changes": "First.",
                "published_at": "2025-07-01T08:00:00+00:00",
            }
        ],
        "messages": [
            {
                "guid": str(scene.message.guid),
                "order": 1,
                "title": scene.message.title,
                "text": scene.message.text,
                "theme": "Digital trust",
                "sdgs": [9, 16],
                "addressed_to": ["government", "technical"],
                "sources": [
                    {
                        "kind": "session_report",
                        "session": str(scene.report.session.guid),
                        "takeaway": None,
                        "title": "",
                        "url": "",
                    },
                    {
                        "kind": "takeaway",
                        "session": str(scene.report.session.guid),
                        "takeaway": "Second takeaway.",
                        "title": "",
                        "url": "",
                    },
                ],
            },
            {
                "guid": str(scene.second.guid),
                "order": 2,
                "title": "",
                "text": scene.second.text,
                "theme": None,
                "sdgs": [9],
                "addressed_to": ["government"],
                "sources": [
                    {
                        "kind": "intersessional_output",
                        "session": None,
                        "takeaway": None,
                        "title": "PN on AI output",
                        "url": "https://example.org/output",
                    }
                ],
            },
        ],
    }


def test_export_of_an_edition_leaves_other_editions_out(scene):
    other = ForumEditionPageFactory(year=2024, slug="igf2024")
    OutcomeDocumentFactory(edition=other, slug="messages-2024")

    data = export_outcomes(other)

    assert data["edition"] == "igf2024"
    assert [d["slug"] for d in data["documents"]] == ["messages-2024"]
    assert data["transmissions"] == []
    assert data["forums"] == []
    assert [f["slug"] for f in export_outcomes(scene.edition)["forums"]] == [
        "cstd-test"
    ]


def test_export_is_valid_against_the_schema(scene):
    jsonschema.Draft202012Validator(outcomes_schema()).validate(export_outcomes())


# --- round trip -------------------------------------------------------------------------


def test_round_trip_into_an_empty_database(scene):
    exported = export_outcomes()
    delete_outcomes()

    report = import_outcomes(document=parse_outcomes(json.loads(json.dumps(exported))))

    assert export_outcomes() == exported
    assert report.created["documents"] == 1
    assert report.created["messages"] == 2
    assert report.created["transmissions"] == 1
    assert report.created["events"] == 2
    assert report.warnings == []


def test_import_of_the_same_file_changes_nothing(scene):
    exported = export_outcomes()

    report = import_outcomes(document=parse_outcomes(exported))

    assert export_outcomes() == exported
    assert dict(report.created) == {}
    assert dict(report.updated) == {}
    assert report.unchanged["messages"] == 2
    assert report.unchanged["events"] == 2
    # What the export leaves out (a draft's message) stays sent.
    assert set(scene.transmission.messages.all()) == {
        scene.message,
        scene.second,
        scene.draft_message,
    }


def test_import_updates_by_guid(scene):
    data = export_outcomes()
    data["documents"][0]["title"] = "IGF 2025 Messages (final)"
    data["documents"][0]["messages"][1]["sources"] = []
    data["transmissions"][0]["events"][1]["quoted_passage"] = "A new quote."

    report = import_outcomes(document=parse_outcomes(data))

    scene.document.refresh_from_db()
    assert scene.document.title == "IGF 2025 Messages (final)"
    assert scene.second.sources.count() == 0
    assert list(
        scene.transmission.events.filter(deleted_at=None).values_list(
            "quoted_passage", flat=True
        )
    ) == ["", "A new quote."]
    assert (report.updated["documents"], report.updated["messages"]) == (1, 1)
    assert report.updated["events"] == 1


def test_import_derives_the_status_and_ignores_the_file(scene):
    data = export_outcomes()
    delete_outcomes()
    data["transmissions"][0]["status"] = "reflected"
    data["transmissions"][0]["events"] = data["transmissions"][0]["events"][:1]

    import_outcomes(document=parse_outcomes(data))

    transmission = Transmission.objects.get(guid=scene.transmission.guid)
    assert transmission.status == UptakeStatus.ACKNOWLEDGED


def test_import_soft_deletes_events_the_file_leaves_out(scene):
    data = export_outcomes()
    data["transmissions"][0]["events"] = data["transmissions"][0]["events"][:1]

    report = import_outcomes(document=parse_outcomes(data))

    scene.transmission.refresh_from_db()
    assert scene.transmission.status == UptakeStatus.ACKNOWLEDGED
    assert report.deleted["events"] == 1
    assert report.warnings == [
        f"transmissions[0] (guid {scene.transmission.guid}): 1 uptake event(s) on this "
        "site are not in the file and were deleted"
    ]


def test_import_takeaway_by_position(scene):
    data = export_outcomes()
    data["documents"][0]["messages"][0]["sources"][1]["takeaway"] = 2
    delete_outcomes()

    import_outcomes(document=parse_outcomes(data))

    source = MessageSource.objects.get(kind=SourceKind.TAKEAWAY)
    assert source.takeaway == scene.takeaway


# --- parse errors -----------------------------------------------------------------------


def minimal(**changes) -> dict:
    """A valid file with one forum, one document with one message, one transmission."""
    data = {
        "format": "igfplus-outcomes",
        "version": 1,
        "edition": "igf2025",
        "forums": [{"slug": "cstd", "name": "CSTD", "kind": "un_body"}],
        "documents": [
            {
                "guid": "11111111-1111-4111-8111-111111111111",
                "edition": "igf2025",
                "kind": "messages",
                "slug": "messages",
                "title": "Messages",
                "status": "final",
                "published_on": "2025-07-01",
                "messages": [
                    {
                        "guid": "22222222-2222-4222-8222-222222222222",
                        "text": "Connect the next billion.",
                    }
                ],
            }
        ],
        "transmissions": [
            {
                "guid": "33333333-3333-4333-8333-333333333333",
                "forum": "cstd",
                "messages": ["22222222-2222-4222-8222-222222222222"],
                "channel": "formal_report",
                "sent_on": "2025-09-01",
                "actor": "IGF Secretariat",
                "events": [
                    {
                        "kind": "acknowledged",
                        "occurred_on": "2025-10-01",
                        "evidence_level": "direct",
                    }
                ],
            }
        ],
    }
    data.update(changes)
    return data


DOC = "documents[0] (guid 11111111-1111-4111-8111-111111111111)"
MSG = f"{DOC}, messages[0] (guid 22222222-2222-4222-8222-222222222222)"
TRANS = "transmissions[0] (guid 33333333-3333-4333-8333-333333333333)"


def errors_of(data) -> list[str]:
    with pytest.raises(OutcomesInvalid) as raised:
        parse_outcomes(data)
    return raised.value.errors


def test_parse_minimal_file():
    parsed = parse_outcomes(minimal())

    assert parsed.edition == "igf2025"
    assert parsed.documents[0].published_on == dt.date(2025, 7, 1)
    assert parsed.transmissions[0].messages == (
        uuid.UUID("22222222-2222-4222-8222-222222222222"),
    )
    assert parsed.transmissions[0].events[0].occurred_on == dt.date(2025, 10, 1)


def test_parse_schema_errors_name_item_and_field():
    data = minimal()
    data["documents"][0]["messages"][0]["sdgs"] = [9, 18]
    data["transmissions"][0]["channel"] = "fax"
    del data["forums"][0]["kind"]

    assert errors_of(data) == [
        f"{MSG}: sdgs[1]: 18 is greater than the maximum of 17",
        "forums[0] (slug cstd): (item): 'kind' is a required property",
        f"{TRANS}: channel: 'fax' is not one of ['leadership_panel', 'briefing', "
        "'session_at_forum', 'formal_report', 'submission']",
    ]


def test_parse_event_before_its_transmission():
    data = minimal()
    data["transmissions"][0]["events"][0]["occurred_on"] = "2025-08-02"

    assert errors_of(data) == [
        f"{TRANS}, events[0]: The event is dated 2025-08-02, before the transmission "
        "was sent on 2025-09-01."
    ]


def test_parse_transmission_before_its_messages():
    data = minimal()
    data["transmissions"][0]["sent_on"] = "2025-06-30"
    data["transmissions"][0]["events"] = []

    assert errors_of(data) == [
        f"{TRANS}: “Connect the next billion.” did not exist yet on 2025-06-30: it is "
        "public from 2025-07-01."
    ]


def test_parse_duplicate_guids_and_slugs():
    data = minimal()
    data["forums"].append({"slug": "cstd", "name": "Other", "kind": "un_body"})
    second = copy.deepcopy(data["documents"][0])
    second["messages"] = []
    data["documents"].append(second)

    assert errors_of(data) == [
        "forums[1] (slug cstd): slug cstd is also used by forums[0] (slug cstd)",
        f"documents[1] (guid 11111111-1111-4111-8111-111111111111): slug messages is "
        f"also used by {DOC}",
        "documents[1] (guid 11111111-1111-4111-8111-111111111111): guid "
        f"11111111-1111-4111-8111-111111111111 is also used by {DOC}",
    ]


def test_parse_bad_dates_and_nothing_sent():
    data = minimal()
    data["documents"][0]["published_on"] = "2025-02-30"
    data["transmissions"][0]["messages"] = []

    assert errors_of(data) == [
        f'{DOC}: published_on "2025-02-30" is not a date (YYYY-MM-DD)',
        f"{TRANS}: {NOTHING_SENT}",
    ]


def test_parse_document_of_another_edition():
    data = minimal(edition="igf2024")

    assert errors_of(data) == [
        f'{DOC}: edition "igf2025" differs from the edition of the file ("igf2024")'
    ]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\xff\xfe", "The file is not UTF-8 text."),
        (
            "{",
            "The file is not JSON (line 1, column 2: Expecting property name "
            "enclosed in double quotes).",
        ),
        (
            '{"schedule": {}}',
            "The file is JSON but not an IGF+ outcomes file: it has "
            'no "format": "igfplus-outcomes".',
        ),
    ],
    ids=["not_utf8", "not_json", "not_outcomes"],
)
def test_load_refuses_what_is_not_an_outcomes_file(raw, message):
    with pytest.raises(OutcomesNotReadable) as raised:
        load_outcomes(raw)
    assert str(raised.value) == message


# --- import errors: what only the database knows ----------------------------------------


def test_import_names_each_unknown_thing_and_saves_nothing(home_page):
    ForumEditionPageFactory(year=2025, slug="igf2025")
    data = minimal()
    data["documents"][0]["messages"][0]["theme"] = "Nowhere"
    data["documents"][0]["messages"][0]["sources"] = [
        {"kind": "session_report", "session": "44444444-4444-4444-8444-444444444444"}
    ]
    data["transmissions"][0]["forum"] = "unknown-forum"
    data["transmissions"][0]["messages"].append("55555555-5555-4555-8555-555555555555")
    data["forums"] = []
    counts = (NormativeForum.objects.count(), OutcomeDocument.objects.count())

    with pytest.raises(OutcomesInvalid) as raised:
        import_outcomes(document=parse_outcomes(data))

    assert raised.value.errors == [
        f"{MSG}: " + UNKNOWN_THEME % {"value": "Nowhere", "edition": "igf2025"},
        f"{MSG}, sources[0]: "
        + UNKNOWN_SESSION % {"guid": "44444444-4444-4444-8444-444444444444"},
        f"{TRANS}: " + UNKNOWN_FORUM % {"value": "unknown-forum"},
        f"{TRANS}: "
        + UNKNOWN_MESSAGE % {"guid": "55555555-5555-4555-8555-555555555555"},
    ]
    assert (NormativeForum.objects.count(), OutcomeDocument.objects.count()) == counts


def test_import_unknown_edition(home_page):
    with pytest.raises(OutcomesInvalid) as raised:
        import_outcomes(document=parse_outcomes(minimal()))

    assert raised.value.errors == [f"{DOC}: " + UNKNOWN_EDITION % {"value": "igf2025"}]


def test_import_unknown_takeaway(scene):
    data = export_outcomes()
    data["documents"][0]["messages"][0]["sources"][1]["takeaway"] = "Never said."

    with pytest.raises(OutcomesInvalid) as raised:
        import_outcomes(document=parse_outcomes(data))

    guid = scene.report.session.guid
    assert raised.value.errors == [
        f"documents[0] (guid {scene.document.guid}), messages[0] (guid "
        f"{scene.message.guid}), sources[1]: "
        + UNKNOWN_TAKEAWAY
        % {"value": "Never said.", "guid": guid}
    ]


def test_import_is_atomic_when_a_late_item_fails(home_page):
    """The forum and document come first in the file, the bad event last: nothing."""
    ForumEditionPageFactory(year=2025, slug="igf2025")
    good = minimal()
    import_outcomes(document=parse_outcomes(good))
    data = minimal()
    data["documents"][0]["title"] = "Changed"
    data["transmissions"][0]["sent_on"] = "2025-07-01"
    data["transmissions"][0]["messages"].append(str(uuid.uuid4()))

    with pytest.raises(OutcomesInvalid):
        import_outcomes(document=parse_outcomes(data))

    assert OutcomeDocument.objects.get().title == "Messages"
    assert Transmission.objects.get().sent_on == dt.date(2025, 9, 1)


def test_import_refuses_a_transmission_before_a_message_on_the_site(scene):
    data = export_outcomes()
    data["documents"] = []
    data["transmissions"][0]["sent_on"] = "2025-06-01"
    data["transmissions"][0]["events"] = []

    with pytest.raises(OutcomesInvalid) as raised:
        import_outcomes(document=parse_outcomes(data))

    where = f"transmissions[0] (guid {scene.transmission.guid})"
    assert raised.value.errors == [
        f"{where}: “{scene.message.title}” did not exist yet on 2025-06-01: it is "
        "public from 2025-06-27.",
        f"{where}: “{scene.second.text[:80]}” did not exist yet on 2025-06-01: it is "
        "public from 2025-06-27.",
    ]


def test_import_sets_recorded_by(scene, django_user_model):
    user = django_user_model.objects.create(username="secretariat")
    data = export_outcomes()
    delete_outcomes()

    import_outcomes(document=parse_outcomes(data), by=user)

    assert Transmission.objects.get().recorded_by == user
    assert {event.recorded_by for event in UptakeEvent.objects.all()} == {user}
    assert timezone.now() > DELETED_AT


def test_the_documented_example_is_valid():
    text = (settings.BASE_DIR / "docs" / "open-data.md").read_text(encoding="utf-8")
    example = json.loads(text.split("```json\n", 1)[1].split("```", 1)[0])

    jsonschema.Draft202012Validator(outcomes_schema()).validate(example)
    assert parse_outcomes(example).transmissions[0].events[0].kind == "referenced"
