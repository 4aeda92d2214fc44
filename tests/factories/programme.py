"""Factories for the programme: session types, sessions, the people at them, placements.

Sessions are made through ``sessions.services.sessions.create_session`` (the one way a
session page enters the tree), so every factory-made session is numbered per type, sits
under its edition's programme page and has a first revision.
"""

import datetime as dt

import factory

from sessions.enums import Delivery, PersonRole, Presence, SessionStatus
from sessions.models import Placement, SessionPage, SessionParticipant, SessionType
from sessions.services.sessions import ParticipantSpec, create_session

from .cms import ForumEditionPageFactory
from .sessions import PersonFactory, RoomFactory


class SessionTypeFactory(factory.django.DjangoModelFactory):
    """A Workshop-like type: 60 or 90 minutes, webcast, no interpretation."""

    class Meta:
        model = SessionType

    edition = factory.SubFactory(ForumEditionPageFactory)
    name = factory.Sequence(lambda n: f"Workshop {n}")
    prefix = factory.Sequence(lambda n: f"WS{n}")
    allowed_durations = factory.LazyFunction(lambda: [60, 90])
    has_webcast = True
    has_transcription = False
    has_interpretation = False
    track = ""
    is_open_for_proposals = False
    sort_order = 0


class SessionPageFactory(factory.Factory):
    """An accepted session of one edition, created with ``create_session``.

    ``participants=[ParticipantSpec(...)]`` or ``people=[person, ...]`` (each a confirmed
    onsite speaker) sets who takes part. Pass any other SessionPage field as a keyword.
    """

    class Meta:
        model = SessionPage

    # Either may be given: the other follows (a new edition and type when neither is).
    edition = None
    session_type = None
    title = factory.Sequence(lambda n: f"Session on Internet governance {n}")
    status = SessionStatus.ACCEPTED
    delivery = Delivery.ONSITE
    duration_minutes = 60
    languages = factory.LazyFunction(lambda: ["en"])
    description = "What the session discusses and why it matters."

    @classmethod
    def _create(cls, model_class, *args, people=(), participants=(), by=None, **kwargs):
        cls._edition_and_type(kwargs)
        specs = [*participants, *(ParticipantSpec(person=person) for person in people)]
        return create_session(participants=specs, by=by, **kwargs)

    @classmethod
    def _build(cls, model_class, *args, people=(), participants=(), by=None, **kwargs):
        cls._edition_and_type(kwargs)
        return model_class(*args, **kwargs)

    @staticmethod
    def _edition_and_type(kwargs) -> None:
        if kwargs["session_type"] is None:
            kwargs["edition"] = kwargs["edition"] or ForumEditionPageFactory()
            kwargs["session_type"] = SessionTypeFactory(edition=kwargs["edition"])
        elif kwargs["edition"] is None:
            kwargs["edition"] = kwargs["session_type"].edition


class SessionParticipantFactory(factory.django.DjangoModelFactory):
    """A confirmed onsite speaker added to an existing session."""

    class Meta:
        model = SessionParticipant

    session = factory.SubFactory(SessionPageFactory)
    person = factory.SubFactory(PersonFactory)
    role = PersonRole.SPEAKER
    presence = Presence.ONSITE
    is_confirmed = True
    sort_order = factory.Sequence(lambda n: n)


class PlacementFactory(factory.django.DjangoModelFactory):
    """A session placed in a room of its edition, on the first day at 10:00 local time.

    Give ``start_at`` (aware) to place it elsewhere; ``end_at`` follows the session's
    duration unless given. The factory writes the row only: it does not change the
    session's status (use ``sessions.services.scheduling.place_session`` for that).
    """

    class Meta:
        model = Placement

    session = factory.SubFactory(SessionPageFactory)
    room = factory.LazyAttribute(lambda o: RoomFactory(edition=o.session.edition))
    start_at = factory.LazyAttribute(
        lambda o: dt.datetime.combine(
            o.session.edition.start_on, dt.time(10, 0), tzinfo=o.session.edition.tzinfo
        ).astimezone(dt.UTC)
    )
    end_at = factory.LazyAttribute(
        lambda o: o.start_at + dt.timedelta(minutes=o.session.duration_minutes)
    )
    version = 1
