"""Factories for proposal evaluation: proposals, screenings, assignments, ratings, decisions."""

import datetime as dt

import factory
from django.contrib.auth.models import Group

from igfplus.roles import MAG_MEMBER
from sessions.enums import DecisionOutcome, SessionStatus
from sessions.models import (
    ConflictOfInterest,
    Decision,
    Rating,
    ReviewAssignment,
    Screening,
)

from .cms import ForumEditionPageFactory
from .igfplus import UserFactory
from .programme import SessionPageFactory


class ProposalFactory(SessionPageFactory):
    """A submitted proposal (status "proposed"), made with ``create_session``.

    Without ``session_type`` or ``edition`` it gets a new edition and a new type.
    """

    edition = factory.LazyAttribute(
        lambda o: o.session_type.edition
        if o.session_type
        else ForumEditionPageFactory()
    )
    status = SessionStatus.PROPOSED
    submitted_at = factory.LazyFunction(
        lambda: dt.datetime(2030, 3, 1, 12, 0, tzinfo=dt.UTC)
    )


class MAGMemberFactory(UserFactory):
    """A user in the MAG member role (give them TOTP to reach the admin)."""

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create:
            self.groups.add(*Group.objects.filter(name__in=extracted or [MAG_MEMBER]))
            self.save()


class ScreeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Screening

    session = factory.SubFactory(ProposalFactory)
    passed = True
    reasons = ""


class ConflictOfInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConflictOfInterest

    member = factory.SubFactory(MAGMemberFactory)
    session = factory.SubFactory(ProposalFactory)
    reason = ""


class ReviewAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewAssignment

    reviewer = factory.SubFactory(MAGMemberFactory)
    session = factory.SubFactory(ProposalFactory)


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rating

    assignment = factory.SubFactory(ReviewAssignmentFactory)
    score = 3
    comment = ""
    merge_with = None


class DecisionFactory(factory.django.DjangoModelFactory):
    """The decision row only: it does not change the session's status."""

    class Meta:
        model = Decision

    session = factory.SubFactory(ProposalFactory)
    outcome = DecisionOutcome.ACCEPT
    note = ""
