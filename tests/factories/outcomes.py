"""Factories for the outcomes: forums, documents, messages, reports, transmissions, events.

They write rows directly (no services, no audit log): tests of the services call the
services themselves. A transmission's ``status`` stays *sent* unless given; call
``outcomes.services.uptake.refresh_status`` after adding events by factory.
"""

import datetime as dt

import factory

from outcomes.enums import (
    Channel,
    DocumentKind,
    DocumentStatus,
    EvidenceLevel,
    ForumKind,
    SourceKind,
    UptakeKind,
)
from outcomes.models import (
    CallToAction,
    MessageComment,
    MessageSource,
    NormativeForum,
    OutcomeDocument,
    PolicyMessage,
    ReportingRules,
    SessionReport,
    Takeaway,
    Transmission,
    UptakeEvent,
)

from .cms import ForumEditionPageFactory
from .igfplus import UserFactory
from .programme import SessionPageFactory


class ForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NormativeForum

    name = factory.Sequence(lambda n: f"Commission on Digital Matters {n}")
    acronym = factory.Sequence(lambda n: f"CDM{n}")
    slug = factory.Sequence(lambda n: f"cdm-{n}")
    organisation = "United Nations"
    kind = ForumKind.UN_BODY
    website = "https://example.org/forum"


class OutcomeDocumentFactory(factory.django.DjangoModelFactory):
    """A final IGF Messages document of a new edition."""

    class Meta:
        model = OutcomeDocument

    edition = factory.SubFactory(ForumEditionPageFactory)
    kind = DocumentKind.MESSAGES
    title = factory.Sequence(lambda n: f"IGF Messages {n}")
    slug = factory.Sequence(lambda n: f"messages-{n}")
    summary = "The messages of the edition, by sub-theme."
    status = DocumentStatus.FINAL
    published_on = factory.LazyAttribute(lambda o: o.edition.end_on)


class PolicyMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyMessage

    document = factory.SubFactory(OutcomeDocumentFactory)
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Message {n}")
    text = "Meaningful access needs affordable connectivity and digital skills."
    sdgs = factory.LazyFunction(lambda: [9])
    addressed_to = factory.LazyFunction(lambda: ["government"])


class MessageSourceFactory(factory.django.DjangoModelFactory):
    """A source cited by title and link (pass ``report``/``takeaway`` for a session's)."""

    class Meta:
        model = MessageSource

    message = factory.SubFactory(PolicyMessageFactory)
    kind = SourceKind.INTERSESSIONAL_OUTPUT
    title = factory.Sequence(lambda n: f"Policy Network output {n}")
    url = "https://example.org/output"


class MessageCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MessageComment

    message = factory.SubFactory(PolicyMessageFactory)
    author = factory.SubFactory(UserFactory)
    text = "Please name small island developing states explicitly."


class ReportingRulesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingRules

    edition = factory.SubFactory(ForumEditionPageFactory)
    report_due_days = 14
    remind_days_before = 3


class SessionReportFactory(factory.django.DjangoModelFactory):
    """A submitted report of a new session (the session itself is not released)."""

    class Meta:
        model = SessionReport

    session = factory.SubFactory(SessionPageFactory)
    summary = "The session discussed affordable access and local content."
    participants_onsite = 80
    participants_online = 40
    is_submitted = True
    submitted_at = factory.LazyFunction(
        lambda: dt.datetime(2025, 7, 1, 12, 0, tzinfo=dt.UTC)
    )


class TakeawayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Takeaway

    report = factory.SubFactory(SessionReportFactory)
    text = factory.Sequence(lambda n: f"Key takeaway {n}: local content drives demand.")
    sort_order = factory.Sequence(lambda n: n)


class CallToActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallToAction

    report = factory.SubFactory(SessionReportFactory)
    text = factory.Sequence(lambda n: f"Call to action {n}: fund community networks.")
    addressed_to = factory.LazyFunction(lambda: ["government", "private_sector"])
    sort_order = factory.Sequence(lambda n: n)


class TransmissionFactory(factory.django.DjangoModelFactory):
    """A formal report sent to a new forum; ``messages=[...]`` links messages."""

    class Meta:
        model = Transmission
        skip_postgeneration_save = True

    forum = factory.SubFactory(ForumFactory)
    channel = Channel.FORMAL_REPORT
    sent_on = factory.LazyFunction(lambda: dt.date(2026, 4, 14))
    actor = "IGF Secretariat"
    evidence_url = "https://example.org/evidence"
    document_symbol = ""
    note = ""

    @factory.post_generation
    def messages(self, create, extracted, **kwargs):
        if create and extracted:
            self.messages.set(extracted)


class UptakeEventFactory(factory.django.DjangoModelFactory):
    """An acknowledgement a month after its transmission, evidenced directly."""

    class Meta:
        model = UptakeEvent

    transmission = factory.SubFactory(TransmissionFactory)
    kind = UptakeKind.ACKNOWLEDGED
    occurred_on = factory.LazyAttribute(
        lambda o: o.transmission.sent_on + dt.timedelta(days=30)
    )
    evidence_level = EvidenceLevel.DIRECT
    evidence_url = "https://example.org/record"
