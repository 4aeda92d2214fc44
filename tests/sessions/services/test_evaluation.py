import math
from collections import Counter

import pytest
from django.core.exceptions import ValidationError

from igfplus import roles
from sessions.enums import DecisionOutcome, PersonRole, SessionStatus
from sessions.models import (
    ConflictOfInterest,
    Decision,
    ProgrammeRules,
    Rating,
    ReviewAssignment,
    Screening,
    SessionPage,
)
from sessions.services import evaluation
from sessions.services.evaluation import (
    AssignmentPlan,
    RankingRow,
    ScoreSummary,
    is_valid_score,
    plan_assignments,
    sort_ranking,
    summarise_scores,
)
from sessions.services.sessions import ParticipantSpec
from tests.factories import PersonFactory, UserFactory
from tests.factories.evaluation import (
    ConflictOfInterestFactory,
    DecisionFactory,
    ForumEditionPageFactory,
    MAGMemberFactory,
    ProposalFactory,
    RatingFactory,
    ReviewAssignmentFactory,
    ScreeningFactory,
)
from tests.factories.programme import PlacementFactory, SessionTypeFactory

# --------------------------------------------------------------------------------------
# plan_assignments (pure)
# --------------------------------------------------------------------------------------


def loads(plan: AssignmentPlan, reviewers, existing=()) -> list[int]:
    counted = Counter(r for r, _p in [*plan.new, *existing])
    return [counted[r] for r in reviewers]


def test_plan_assignments_spreads_reviews_evenly_in_a_fixed_order():
    plan = plan_assignments(
        proposals=[10, 11, 12], reviewers=[1, 2, 3], reviews_per_proposal=2
    )

    assert plan == AssignmentPlan(
        new=((1, 10), (2, 10), (1, 11), (3, 11), (2, 12), (3, 12)),
        understaffed=(),
    )


@pytest.mark.parametrize(
    ("proposal_count", "reviewer_count", "per_proposal"),
    [
        pytest.param(400, 40, 3, id="igf_scale"),
        pytest.param(7, 3, 2, id="uneven_split"),
        pytest.param(1, 5, 3, id="more_reviewers_than_reviews"),
        pytest.param(5, 3, 3, id="everyone_reviews_everything"),
        pytest.param(0, 3, 3, id="no_proposals"),
    ],
)
def test_plan_assignments_loads_differ_by_at_most_one(
    proposal_count, reviewer_count, per_proposal
):
    proposals = list(range(100, 100 + proposal_count))
    reviewers = list(range(1, 1 + reviewer_count))

    plan = plan_assignments(
        proposals=proposals, reviewers=reviewers, reviews_per_proposal=per_proposal
    )

    per_reviewer = loads(plan, reviewers)
    assert max(per_reviewer) - min(per_reviewer) <= 1
    assert sum(per_reviewer) == proposal_count * per_proposal
    assert Counter(p for _r, p in plan.new) == dict.fromkeys(proposals, per_proposal)
    assert len(set(plan.new)) == len(plan.new)
    assert plan.understaffed == ()


def test_plan_assignments_never_gives_an_excluded_pair():
    excluded = {(1, 10), (2, 10), (3, 11)}

    plan = plan_assignments(
        proposals=[10, 11, 12, 13],
        reviewers=[1, 2, 3, 4],
        reviews_per_proposal=2,
        excluded=excluded,
    )

    assert not set(plan.new) & excluded
    assert plan.new == (
        (3, 10),
        (4, 10),
        (1, 11),
        (2, 11),
        (1, 12),
        (2, 12),
        (3, 13),
        (4, 13),
    )


def test_plan_assignments_passes_a_review_along_a_chain_to_even_the_loads():
    # Greedy alone gives member 1 two reviews and member 3 none; 1 hands 11 to 2,
    # who hands 10 to 3.
    plan = plan_assignments(
        proposals=[10, 11, 12],
        reviewers=[1, 2, 3],
        reviews_per_proposal=1,
        excluded={(1, 10), (3, 11), (3, 12)},
    )

    assert plan.new == ((3, 10), (2, 11), (1, 12))


def test_plan_assignments_is_as_even_as_exclusions_allow():
    # Member 2 may review only proposal 13, so member 1 takes the other three.
    plan = plan_assignments(
        proposals=[10, 11, 12, 13],
        reviewers=[1, 2],
        reviews_per_proposal=1,
        excluded={(2, 10), (2, 11), (2, 12)},
    )

    assert plan.new == ((1, 10), (1, 11), (1, 12), (2, 13))


def test_plan_assignments_keeps_existing_pairs_and_counts_them_as_load():
    existing = {(1, 10), (2, 10), (1, 11)}

    plan = plan_assignments(
        proposals=[10, 11, 12],
        reviewers=[1, 2, 3],
        reviews_per_proposal=2,
        existing=existing,
    )

    assert plan.new == ((3, 11), (2, 12), (3, 12))
    assert loads(plan, [1, 2, 3], existing) == [2, 2, 2]


def test_plan_assignments_reports_proposals_with_too_few_eligible_reviewers():
    plan = plan_assignments(
        proposals=[10, 11],
        reviewers=[1, 2, 3],
        reviews_per_proposal=3,
        excluded={(1, 11)},
    )

    assert plan.new == ((1, 10), (2, 10), (3, 10), (2, 11), (3, 11))
    assert plan.understaffed == (11,)


def test_plan_assignments_without_reviewers_leaves_every_proposal_understaffed():
    plan = plan_assignments(proposals=[10, 11], reviewers=[], reviews_per_proposal=3)

    assert plan == AssignmentPlan(new=(), understaffed=(10, 11))


def test_plan_assignments_refuses_zero_reviews_per_proposal():
    with pytest.raises(ValueError, match="at least 1"):
        plan_assignments(proposals=[10], reviewers=[1], reviews_per_proposal=0)


# --------------------------------------------------------------------------------------
# Statistics, ranking order, CSV and score rules (pure)
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        pytest.param([], ScoreSummary(0, None, None, None), id="no_ratings"),
        pytest.param([4], ScoreSummary(1, 4.0, 4.0, 0.0), id="single"),
        pytest.param([1, 5], ScoreSummary(2, 3.0, 3.0, 2.0), id="split_opinion"),
        pytest.param([1, 2, 2, 5], ScoreSummary(4, 2.5, 2.0, 1.5), id="even_count"),
        pytest.param([5, 5, 5], ScoreSummary(3, 5.0, 5.0, 0.0), id="unanimous"),
    ],
)
def test_summarise_scores(scores, expected):
    assert summarise_scores(scores) == expected


def test_summarise_scores_spread_is_the_population_standard_deviation():
    assert math.isclose(summarise_scores([2, 3, 5]).spread, math.sqrt(14 / 9))


def row(number: int, scores: list[int], title: str = "") -> RankingRow:
    return RankingRow(
        session_id=number,
        code=f"WS #{number}",
        title=title or f"Proposal {number}",
        type_order=(0, "WS"),
        number=number,
        theme="",
        status=SessionStatus.PROPOSED,
        status_label="Proposed",
        decision_label="",
        decision_detail="",
        summary=summarise_scores(scores),
    )


RANKING_ROWS = [
    row(1, [3, 3]),
    row(2, []),
    row(3, [5, 4], title="alpha"),
    row(4, [1, 5], title="Beta"),
    row(5, [4, 5]),
]


@pytest.mark.parametrize(
    ("sort", "expected_numbers"),
    [
        pytest.param("-mean", [3, 5, 1, 4, 2], id="best_first_unrated_last"),
        pytest.param("mean", [1, 4, 3, 5, 2], id="worst_first_unrated_still_last"),
        pytest.param("-spread", [4, 3, 5, 1, 2], id="most_disputed_first"),
        pytest.param("count", [2, 1, 3, 4, 5], id="fewest_ratings_first"),
        pytest.param("-median", [3, 5, 1, 4, 2], id="median"),
        pytest.param("code", [1, 2, 3, 4, 5], id="code"),
        pytest.param("title", [3, 4, 1, 2, 5], id="title_ignores_case"),
        pytest.param("-nonsense", [3, 5, 1, 4, 2], id="unknown_falls_back_to_mean"),
    ],
)
def test_sort_ranking(sort, expected_numbers):
    assert [r.number for r in sort_ranking(RANKING_ROWS, sort)] == expected_numbers


@pytest.mark.parametrize(
    ("score", "valid"),
    [
        (0, False),
        (1, True),
        (3, True),
        (5, True),
        (6, False),
        (True, False),
        ("3", False),
        (3.0, False),
    ],
)
def test_is_valid_score(score, valid):
    assert is_valid_score(score) is valid


# --------------------------------------------------------------------------------------
# Screening
# --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_screen_proposal_records_a_pass(home_page):
    secretariat = UserFactory(roles=[roles.SECRETARIAT])
    proposal = ProposalFactory()

    evaluation.screen_proposal(session=proposal, passed=True, by=secretariat)

    screening = Screening.objects.get(session=proposal)
    assert (screening.passed, screening.reasons, screening.screened_by) == (
        True,
        "",
        secretariat,
    )


@pytest.mark.django_db
def test_screen_proposal_fail_needs_reasons(home_page):
    proposal = ProposalFactory()

    with pytest.raises(ValidationError) as refused:
        evaluation.screen_proposal(
            session=proposal, passed=False, reasons="  ", by=None
        )

    assert refused.value.messages == [
        "Give the reasons why the proposal fails screening."
    ]
    assert not Screening.objects.exists()


@pytest.mark.django_db
def test_screen_proposal_fail_withdraws_unrated_reviews_only(home_page):
    proposal = ScreeningFactory(passed=True).session
    unrated = ReviewAssignmentFactory(session=proposal)
    rated = RatingFactory(assignment__session=proposal).assignment

    evaluation.screen_proposal(
        session=proposal, passed=False, reasons="Only two speakers.", by=None
    )

    assert list(ReviewAssignment.objects.filter(session=proposal)) == [rated]
    assert not ReviewAssignment.objects.filter(pk=unrated.pk).exists()
    assert Screening.objects.get(session=proposal).reasons == "Only two speakers."


@pytest.mark.django_db
def test_screen_proposal_refuses_a_session_that_is_not_a_proposal(home_page):
    accepted = ProposalFactory(status=SessionStatus.ACCEPTED)

    with pytest.raises(ValidationError) as refused:
        evaluation.screen_proposal(session=accepted, passed=True, by=None)

    assert refused.value.messages == [
        "Only submitted proposals can be screened or rated."
    ]


# --------------------------------------------------------------------------------------
# Assignment
# --------------------------------------------------------------------------------------


@pytest.fixture
def edition(home_page):
    edition = ForumEditionPageFactory()
    ProgrammeRules.objects.create(edition=edition, reviews_per_proposal=2)
    return edition


@pytest.fixture
def workshop(edition):
    return SessionTypeFactory(edition=edition, name="Workshop", prefix="WS")


def screened_in(workshop, **kwargs) -> SessionPage:
    proposal = ProposalFactory(session_type=workshop, **kwargs)
    ScreeningFactory(session=proposal, passed=True)
    return proposal


def assigned(edition) -> set[tuple[str, str]]:
    return {
        (a.reviewer.username, a.session.code)
        for a in ReviewAssignment.objects.filter(
            session__edition=edition
        ).select_related("reviewer", "session__session_type")
    }


@pytest.mark.django_db
def test_assign_reviewers_covers_screened_in_proposals_evenly(edition, workshop):
    ana, ben, chen = (
        MAGMemberFactory(username=name) for name in ("ana", "ben", "chen")
    )
    first, second, third = (screened_in(workshop) for _ in range(3))
    ScreeningFactory(session=ProposalFactory(session_type=workshop), passed=False)
    ProposalFactory(session_type=workshop)  # not screened yet
    UserFactory(username="sec", roles=[roles.SECRETARIAT])
    MAGMemberFactory(username="gone", is_active=False)

    plan = evaluation.assign_reviewers(edition=edition)

    assert assigned(edition) == {
        ("ana", "WS #1"),
        ("ben", "WS #1"),
        ("ana", "WS #2"),
        ("chen", "WS #2"),
        ("ben", "WS #3"),
        ("chen", "WS #3"),
    }
    assert (len(plan.new), plan.understaffed) == (6, ())
    assert [first.code, second.code, third.code] == ["WS #1", "WS #2", "WS #3"]
    assert {ana.pk, ben.pk, chen.pk} == {r for r, _p in plan.new}


@pytest.mark.django_db
def test_assign_reviewers_skips_proposer_organizers_and_conflicts(edition, workshop):
    ana, ben, chen, _dara = (
        MAGMemberFactory(username=name) for name in ("ana", "ben", "chen", "dara")
    )
    organizer = PersonFactory(user=ben)
    proposal = screened_in(
        workshop,
        by=ana,
        participants=[ParticipantSpec(person=organizer, role=PersonRole.ORGANIZER)],
    )
    ConflictOfInterestFactory(member=chen, session=proposal)

    plan = evaluation.assign_reviewers(edition=edition)

    assert assigned(edition) == {("dara", "WS #1")}
    assert plan.understaffed == (proposal.pk,)


@pytest.mark.django_db
def test_assign_reviewers_again_only_adds_what_is_missing(edition, workshop):
    for name in ("ana", "ben", "chen"):
        MAGMemberFactory(username=name)
    screened_in(workshop)
    evaluation.assign_reviewers(edition=edition)
    before = assigned(edition)

    again = evaluation.assign_reviewers(edition=edition)
    screened_in(workshop)
    later = evaluation.assign_reviewers(edition=edition)

    assert again.new == ()
    assert before == {("ana", "WS #1"), ("ben", "WS #1")}
    assert assigned(edition) - before == {("chen", "WS #2"), ("ana", "WS #2")}
    assert len(later.new) == 2


# --------------------------------------------------------------------------------------
# Conflicts of interest
# --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_declare_conflict_gives_the_review_to_another_member(edition, workshop):
    ana, _ben, chen = (
        MAGMemberFactory(username=name) for name in ("ana", "ben", "chen")
    )
    proposal = screened_in(workshop)
    evaluation.assign_reviewers(edition=edition)  # ana and ben

    result = evaluation.declare_conflict(
        member=ana, session=proposal, reason="My employer"
    )

    assert assigned(edition) == {("ben", "WS #1"), ("chen", "WS #1")}
    assert (result.was_assigned, result.rating_withdrawn, result.replacement_id) == (
        True,
        False,
        chen.pk,
    )
    conflict = ConflictOfInterest.objects.get()
    assert (conflict.member, conflict.session, conflict.reason) == (
        ana,
        proposal,
        "My employer",
    )


@pytest.mark.django_db
def test_declare_conflict_withdraws_a_rating_already_given(edition, workshop):
    ana = MAGMemberFactory(username="ana")
    proposal = screened_in(workshop)
    RatingFactory(assignment__reviewer=ana, assignment__session=proposal, score=5)

    result = evaluation.declare_conflict(member=ana, session=proposal)

    assert (result.was_assigned, result.rating_withdrawn, result.replacement_id) == (
        True,
        True,
        None,
    )
    assert not Rating.objects.exists()
    assert not ReviewAssignment.objects.exists()


@pytest.mark.django_db
def test_declare_conflict_before_assignment_keeps_the_member_off_it(edition, workshop):
    ana, _ben, _chen = (
        MAGMemberFactory(username=name) for name in ("ana", "ben", "chen")
    )
    proposal = screened_in(workshop)

    result = evaluation.declare_conflict(member=ana, session=proposal)
    evaluation.declare_conflict(member=ana, session=proposal)  # twice is harmless
    evaluation.assign_reviewers(edition=edition)

    assert result.was_assigned is False
    assert ConflictOfInterest.objects.count() == 1
    assert assigned(edition) == {("ben", "WS #1"), ("chen", "WS #1")}


@pytest.mark.django_db
def test_declare_conflict_on_a_decided_proposal_finds_no_replacement(edition, workshop):
    ana = MAGMemberFactory(username="ana")
    MAGMemberFactory(username="ben")
    proposal = screened_in(workshop, status=SessionStatus.DECLINED)
    ReviewAssignmentFactory(reviewer=ana, session=proposal)

    result = evaluation.declare_conflict(member=ana, session=proposal)

    assert (result.was_assigned, result.replacement_id) == (True, None)
    assert not ReviewAssignment.objects.exists()


# --------------------------------------------------------------------------------------
# Ratings
# --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_rate_proposal_saves_and_replaces_the_members_rating(edition, workshop):
    assignment = ReviewAssignmentFactory(session=screened_in(workshop))
    other = ProposalFactory(session_type=workshop)

    evaluation.rate_proposal(
        member=assignment.reviewer, session=assignment.session, score=2
    )
    evaluation.rate_proposal(
        member=assignment.reviewer,
        session=assignment.session,
        score=4,
        comment=" Strong speakers. ",
        merge_with=other,
    )

    rating = Rating.objects.get()
    assert (rating.assignment, rating.score, rating.comment, rating.merge_with) == (
        assignment,
        4,
        "Strong speakers.",
        other,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("score", [0, 6, -1])
def test_rate_proposal_refuses_scores_outside_one_to_five(edition, workshop, score):
    assignment = ReviewAssignmentFactory(session=screened_in(workshop))

    with pytest.raises(ValidationError) as refused:
        evaluation.rate_proposal(
            member=assignment.reviewer, session=assignment.session, score=score
        )

    assert refused.value.messages == [
        "Give a score from 1 (serious problems) to 5 (must be accepted)."
    ]
    assert not Rating.objects.exists()


@pytest.mark.django_db
def test_rate_proposal_refuses_an_unassigned_proposal(edition, workshop):
    member = MAGMemberFactory()
    proposal = screened_in(workshop)
    ReviewAssignmentFactory(session=proposal)  # someone else's review

    with pytest.raises(ValidationError) as refused:
        evaluation.rate_proposal(member=member, session=proposal, score=3)

    assert refused.value.messages == [
        "This proposal is not assigned to you, so you cannot rate it."
    ]


@pytest.mark.django_db
def test_rate_proposal_refuses_merging_with_itself_or_another_edition(
    edition, workshop
):
    assignment = ReviewAssignmentFactory(session=screened_in(workshop))
    elsewhere = ProposalFactory()

    with pytest.raises(ValidationError) as itself:
        evaluation.rate_proposal(
            member=assignment.reviewer,
            session=assignment.session,
            score=3,
            merge_with=assignment.session,
        )
    with pytest.raises(ValidationError) as other_edition:
        evaluation.rate_proposal(
            member=assignment.reviewer,
            session=assignment.session,
            score=3,
            merge_with=elsewhere,
        )

    assert itself.value.messages == ["A proposal cannot be merged with itself."]
    assert other_edition.value.messages == [
        "Choose a proposal of the same edition to merge with."
    ]


@pytest.mark.django_db
def test_rate_proposal_is_closed_once_decided(edition, workshop):
    assignment = ReviewAssignmentFactory(
        session=ProposalFactory(session_type=workshop, status=SessionStatus.DECLINED)
    )

    with pytest.raises(ValidationError) as refused:
        evaluation.rate_proposal(
            member=assignment.reviewer, session=assignment.session, score=3
        )

    assert refused.value.messages == [
        "A decision has been taken on this proposal: ratings are closed."
    ]


# --------------------------------------------------------------------------------------
# Decisions
# --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_decide_accept_makes_the_proposal_an_accepted_session(edition, workshop):
    secretariat = UserFactory(roles=[roles.SECRETARIAT])
    proposal = screened_in(workshop)

    decision = evaluation.decide_proposal(
        session=proposal,
        outcome=DecisionOutcome.ACCEPT,
        by=secretariat,
        note="Consensus",
    )

    proposal.refresh_from_db()
    assert proposal.status == SessionStatus.ACCEPTED
    # The editor opens the latest revision: it must not bring the old status back.
    assert proposal.get_latest_revision_as_object().status == SessionStatus.ACCEPTED
    assert (decision.outcome, decision.decided_by, decision.note) == (
        DecisionOutcome.ACCEPT,
        secretariat,
        "Consensus",
    )


@pytest.mark.django_db
def test_decide_merge_points_at_the_proposal_it_joins(edition, workshop):
    proposal, target = screened_in(workshop), screened_in(workshop)

    decision = evaluation.decide_proposal(
        session=proposal, outcome=DecisionOutcome.MERGE, merge_into=target, by=None
    )

    proposal.refresh_from_db()
    assert (proposal.status, decision.merge_into) == (SessionStatus.MERGED, target)
    assert list(target.merged_from.all()) == [decision]


@pytest.mark.django_db
def test_decide_decline_and_change_of_mind(edition, workshop):
    proposal = screened_in(workshop)

    evaluation.decide_proposal(
        session=proposal, outcome=DecisionOutcome.DECLINE, by=None
    )
    proposal.refresh_from_db()
    declined = proposal.status
    evaluation.decide_proposal(
        session=proposal, outcome=DecisionOutcome.ACCEPT, by=None
    )
    proposal.refresh_from_db()

    assert (declined, proposal.status) == (
        SessionStatus.DECLINED,
        SessionStatus.ACCEPTED,
    )
    assert Decision.objects.get().outcome == DecisionOutcome.ACCEPT


@pytest.mark.django_db
def test_decide_offer_another_format_keeps_it_a_proposal(edition, workshop):
    lightning = SessionTypeFactory(edition=edition, name="Lightning Talk", prefix="LT")
    proposal = screened_in(workshop)

    decision = evaluation.decide_proposal(
        session=proposal,
        outcome=DecisionOutcome.OFFER_FORMAT,
        offered_type=lightning,
        merge_into=screened_in(workshop),  # ignored: not a merge
        by=None,
    )

    proposal.refresh_from_db()
    assert (proposal.status, decision.offered_type, decision.merge_into) == (
        SessionStatus.PROPOSED,
        lightning,
        None,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("outcome", "target", "offered", "message"),
    [
        pytest.param(
            DecisionOutcome.MERGE,
            None,
            None,
            "Choose the proposal to merge this one into.",
            id="merge_without_target",
        ),
        pytest.param(
            DecisionOutcome.MERGE,
            "self",
            None,
            "A proposal cannot be merged with itself.",
            id="merge_into_itself",
        ),
        pytest.param(
            DecisionOutcome.MERGE,
            "declined",
            None,
            "The chosen proposal was declined or merged itself: choose another one.",
            id="merge_into_declined",
        ),
        pytest.param(
            DecisionOutcome.MERGE,
            "other_edition",
            None,
            "Choose a proposal of the same edition to merge with.",
            id="merge_across_editions",
        ),
        pytest.param(
            DecisionOutcome.OFFER_FORMAT,
            None,
            None,
            "Choose the format to offer.",
            id="offer_without_format",
        ),
        pytest.param(
            DecisionOutcome.OFFER_FORMAT,
            None,
            "same",
            "Offer a format other than the proposal's own.",
            id="offer_same_format",
        ),
        pytest.param(
            DecisionOutcome.OFFER_FORMAT,
            None,
            "other_edition",
            "Offer a format of the proposal's own edition.",
            id="offer_foreign_format",
        ),
    ],
)
def test_decide_refuses_incomplete_decisions(
    edition, workshop, outcome, target, offered, message
):
    proposal = screened_in(workshop)
    targets = {
        None: None,
        "self": proposal,
        "declined": ProposalFactory(
            session_type=workshop, status=SessionStatus.DECLINED
        ),
        "other_edition": ProposalFactory(),
    }
    offers = {
        None: None,
        "same": workshop,
        "other_edition": SessionTypeFactory(edition=ForumEditionPageFactory()),
    }

    with pytest.raises(ValidationError) as refused:
        evaluation.decide_proposal(
            session=proposal,
            outcome=outcome,
            merge_into=targets[target],
            offered_type=offers[offered],
            by=None,
        )

    assert refused.value.messages == [message]
    proposal.refresh_from_db()
    assert (proposal.status, Decision.objects.count()) == (SessionStatus.PROPOSED, 0)


@pytest.mark.django_db
def test_decide_refuses_to_decline_a_session_already_in_the_schedule(edition, workshop):
    session = ProposalFactory(session_type=workshop, status=SessionStatus.ACCEPTED)
    PlacementFactory(session=session)

    with pytest.raises(ValidationError) as refused:
        evaluation.decide_proposal(
            session=session, outcome=DecisionOutcome.DECLINE, by=None
        )

    assert refused.value.messages == [
        "This session is in the schedule: remove it from the schedule before changing "
        "the decision."
    ]


@pytest.mark.django_db
def test_decide_refuses_a_draft(edition, workshop):
    draft = ProposalFactory(session_type=workshop, status=SessionStatus.DRAFT)

    with pytest.raises(ValidationError) as refused:
        evaluation.decide_proposal(
            session=draft, outcome=DecisionOutcome.ACCEPT, by=None
        )

    assert refused.value.messages == [
        "Only proposals can be decided; this session is “Draft”."
    ]


@pytest.mark.django_db
def test_accept_offered_format_renumbers_the_proposal_in_the_new_type(
    edition, workshop
):
    proposer = UserFactory()
    lightning = SessionTypeFactory(edition=edition, name="Lightning Talk", prefix="LT")
    ProposalFactory(session_type=lightning)  # LT #1 exists
    proposal = screened_in(workshop, by=proposer)
    evaluation.decide_proposal(
        session=proposal,
        outcome=DecisionOutcome.OFFER_FORMAT,
        offered_type=lightning,
        by=None,
    )

    evaluation.accept_offered_format(session=proposal, by=proposer)

    proposal = SessionPage.objects.get(pk=proposal.pk)
    assert (proposal.code, proposal.slug, proposal.status) == (
        "LT #2",
        "lt-2",
        SessionStatus.ACCEPTED,
    )
    assert Decision.objects.get().outcome == DecisionOutcome.ACCEPT


@pytest.mark.django_db
def test_accept_offered_format_is_for_the_proposer_and_needs_an_offer(
    edition, workshop
):
    proposer = UserFactory()
    proposal = screened_in(workshop, by=proposer)

    with pytest.raises(ValidationError) as no_offer:
        evaluation.accept_offered_format(session=proposal, by=proposer)
    DecisionFactory(
        session=proposal,
        outcome=DecisionOutcome.OFFER_FORMAT,
        offered_type=SessionTypeFactory(edition=edition, prefix="LT"),
    )
    with pytest.raises(ValidationError) as stranger:
        evaluation.accept_offered_format(session=proposal, by=UserFactory())

    assert no_offer.value.messages == [
        "No other format has been offered for this proposal."
    ]
    assert stranger.value.messages == [
        "Only the proposer can accept the offered format."
    ]


# --------------------------------------------------------------------------------------
# Reads
# --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_ranking_summarises_scores_and_merge_suggestions(edition, workshop):
    first, second, third = (screened_in(workshop) for _ in range(3))
    screened_out = ProposalFactory(session_type=workshop)
    ScreeningFactory(session=screened_out, passed=False)
    for score in (2, 4, 3):
        RatingFactory(assignment__session=first, score=score, merge_with=third)
    RatingFactory(assignment__session=second, score=5, merge_with=first)
    RatingFactory(assignment__session=second, score=5)
    DecisionFactory(session=third, outcome=DecisionOutcome.MERGE, merge_into=first)

    rows = evaluation.ranking(edition)

    assert [(r.code, r.summary) for r in rows] == [
        ("WS #2", ScoreSummary(2, 5.0, 5.0, 0.0)),
        ("WS #1", ScoreSummary(3, 3.0, 3.0, pytest.approx(math.sqrt(2 / 3)))),
        ("WS #3", ScoreSummary(0, None, None, None)),
    ]
    assert [[(m.code, m.count) for m in r.merge_suggestions] for r in rows] == [
        [("WS #1", 1)],
        [("WS #3", 3)],
        [],
    ]
    assert (rows[2].decision_label, rows[2].decision_detail) == (
        "Merge into another proposal",
        "WS #1",
    )


@pytest.mark.django_db
def test_evaluator_progress_counts_per_member(edition, workshop):
    ana, ben = MAGMemberFactory(name="Ana Silva"), MAGMemberFactory(name="Ben Okafor")
    first, second = screened_in(workshop), screened_in(workshop)
    RatingFactory(assignment__reviewer=ana, assignment__session=first)
    ReviewAssignmentFactory(reviewer=ana, session=second)
    ConflictOfInterestFactory(member=ben, session=first)
    RatingFactory(assignment__reviewer=ben)  # another edition's proposal

    progress = evaluation.evaluator_progress(edition)

    assert [(p.name, p.assigned, p.rated, p.conflicts) for p in progress] == [
        ("Ana Silva", 2, 1, 0),
        ("Ben Okafor", 0, 0, 1),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("blind", [True, False], ids=["blind", "open"])
def test_participants_for_review_hides_proposer_and_organizers_when_blind(
    edition, workshop, blind
):
    proposer = UserFactory()
    proposal = ProposalFactory(
        session_type=workshop,
        by=proposer,
        participants=[
            ParticipantSpec(
                person=PersonFactory(name="Org Anizer", organisation="Org Inc"),
                role=PersonRole.ORGANIZER,
            ),
            ParticipantSpec(
                person=PersonFactory(
                    name="Pro Poser", organisation="Pro Ltd", user=proposer
                ),
                role=PersonRole.SPEAKER,
            ),
            ParticipantSpec(
                person=PersonFactory(name="Spea Ker", organisation="Uni"),
                role=PersonRole.SPEAKER,
            ),
        ],
    )

    shown = evaluation.participants_for_review(proposal, blind=blind)

    assert [(p.role, p.name, p.organisation) for p in shown] == (
        [
            ("Organizer", None, None),
            ("Speaker", None, None),
            ("Speaker", "Spea Ker", "Uni"),
        ]
        if blind
        else [
            ("Organizer", "Org Anizer", "Org Inc"),
            ("Speaker", "Pro Poser", "Pro Ltd"),
            ("Speaker", "Spea Ker", "Uni"),
        ]
    )
    assert shown[0].stakeholder_group == "Civil Society"


@pytest.mark.django_db
def test_understaffed_proposals_lists_those_short_of_reviewers(edition, workshop):
    full, short = screened_in(workshop), screened_in(workshop)
    ReviewAssignmentFactory.create_batch(2, session=full)
    ReviewAssignmentFactory(session=short)

    assert [
        (u.code, u.reviewers) for u in evaluation.understaffed_proposals(edition)
    ] == [("WS #2", 1)]


@pytest.mark.django_db
def test_ratings_for_export_are_in_proposal_order(edition, workshop):
    first, second = screened_in(workshop), screened_in(workshop)
    late = RatingFactory(assignment__session=second)
    early = RatingFactory(assignment__session=first)

    assert list(evaluation.ratings_for_export(edition)) == [early, late]
