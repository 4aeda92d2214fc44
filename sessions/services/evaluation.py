"""Proposal evaluation by the MAG: screening, reviewer assignment, ratings, ranking, decisions.

Three layers, in this order:

- pure rules (no ORM): ``plan_assignments``, ``summarise_scores``, ``sort_ranking``,
  ``is_valid_score``;
- write services (keyword-only, atomic): ``screen_proposal``, ``declare_conflict``,
  ``assign_reviewers``, ``rate_proposal``, ``decide_proposal``, ``accept_offered_format``;
- reads (selectors) for the admin views, each in a fixed number of queries.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict, deque
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from cms.models import ForumEditionPage
from igfplus.roles import MAG_MEMBER
from sessions.enums import DecisionOutcome, PersonRole, SessionStatus
from sessions.models import (
    ConflictOfInterest,
    Decision,
    Placement,
    ProgrammeRules,
    Rating,
    ReviewAssignment,
    Screening,
    SessionPage,
    SessionParticipant,
    SessionType,
)
from sessions.services.sessions import update_session_content

MIN_SCORE, MAX_SCORE = 1, 5

SCREENING_NEEDS_REASONS = _("Give the reasons why the proposal fails screening.")
NOT_SUBMITTED = _("Only submitted proposals can be screened or rated.")
SCORE_OUT_OF_RANGE = _(
    "Give a score from 1 (serious problems) to 5 (must be accepted)."
)
NOT_ASSIGNED = _("This proposal is not assigned to you, so you cannot rate it.")
RATING_CLOSED = _("A decision has been taken on this proposal: ratings are closed.")
MERGE_WITH_ITSELF = _("A proposal cannot be merged with itself.")
MERGE_WITH_OTHER_EDITION = _("Choose a proposal of the same edition to merge with.")
MERGE_TARGET_REQUIRED = _("Choose the proposal to merge this one into.")
MERGE_TARGET_CLOSED = _(
    "The chosen proposal was declined or merged itself: choose another one."
)
OFFERED_TYPE_REQUIRED = _("Choose the format to offer.")
OFFERED_TYPE_SAME = _("Offer a format other than the proposal's own.")
OFFERED_TYPE_OTHER_EDITION = _("Offer a format of the proposal's own edition.")
NOT_DECIDABLE = _("Only proposals can be decided; this session is “%(status)s”.")
ALREADY_PLACED = _(
    "This session is in the schedule: remove it from the schedule before changing the "
    "decision."
)
NO_OFFER = _("No other format has been offered for this proposal.")
NOT_THE_PROPOSER = _("Only the proposer can accept the offered format.")

# What each decision does to the session's status.
STATUS_AFTER = {
    DecisionOutcome.ACCEPT: SessionStatus.ACCEPTED,
    DecisionOutcome.MERGE: SessionStatus.MERGED,
    DecisionOutcome.DECLINE: SessionStatus.DECLINED,
    DecisionOutcome.OFFER_FORMAT: SessionStatus.PROPOSED,
}
# Statuses the MAG may (re)decide: a proposal, or one it has already decided on.
DECIDABLE = {
    SessionStatus.PROPOSED,
    SessionStatus.ACCEPTED,
    SessionStatus.DECLINED,
    SessionStatus.MERGED,
}
# Statuses a proposal can be merged into.
MERGEABLE_INTO = {SessionStatus.PROPOSED, SessionStatus.ACCEPTED}


# --------------------------------------------------------------------------------------
# Pure rules
# --------------------------------------------------------------------------------------

Pair = tuple[int, int]  # (reviewer id, proposal id)


@dataclass(frozen=True)
class AssignmentPlan:
    new: tuple[Pair, ...]
    # Proposals that still have fewer reviewers than wanted (too few eligible members).
    understaffed: tuple[int, ...]


def plan_assignments(
    *,
    proposals: Sequence[int],
    reviewers: Sequence[int],
    reviews_per_proposal: int,
    excluded: Collection[Pair] = (),
    existing: Collection[Pair] = (),
) -> AssignmentPlan:
    """New (reviewer, proposal) pairs giving each proposal its reviewers, loads even.

    ``excluded`` pairs are never made (conflicts of interest, proposers, organizers).
    ``existing`` pairs are kept as they are and count towards both the proposal's
    reviewers and the reviewer's load. Each reviewer's total load then differs from
    every other's by at most one unless exclusions or existing pairs make that
    impossible, in which case the loads are as even as they can be (the sum of squared
    loads is minimal for the new pairs). Ties go to the reviewer listed first, so the
    same input always gives the same plan.
    """
    if reviews_per_proposal < 1:
        raise ValueError("reviews_per_proposal must be at least 1")
    rank = {reviewer: index for index, reviewer in enumerate(reviewers)}
    position = {proposal: index for index, proposal in enumerate(proposals)}
    blocked = set(excluded) | set(existing)
    load = Counter(dict.fromkeys(reviewers, 0))
    load.update(reviewer for reviewer, _p in existing if reviewer in rank)
    have = Counter(proposal for _r, proposal in existing)
    candidates = {
        proposal: [r for r in reviewers if (r, proposal) not in blocked]
        for proposal in proposals
    }

    new: set[Pair] = set()
    held: dict[int, list[int]] = defaultdict(list)  # reviewer -> proposals newly given
    # The most constrained proposals first, while every member still has room.
    for proposal in sorted(proposals, key=lambda p: (len(candidates[p]), position[p])):
        wanted = max(0, reviews_per_proposal - have[proposal])
        chosen = sorted(candidates[proposal], key=lambda r: (load[r], rank[r]))[:wanted]
        for reviewer in chosen:
            new.add((reviewer, proposal))
            held[reviewer].append(proposal)
            load[reviewer] += 1

    while path := _improving_path(reviewers, rank, load, held, candidates, new):
        for giver, taker, proposal in path:
            new.discard((giver, proposal))
            held[giver].remove(proposal)
            new.add((taker, proposal))
            held[taker].append(proposal)
        load[path[0][0]] -= 1
        load[path[-1][1]] += 1

    count = Counter(p for _r, p in new) + have
    return AssignmentPlan(
        new=tuple(sorted(new, key=lambda pair: (position[pair[1]], rank[pair[0]]))),
        understaffed=tuple(p for p in proposals if count[p] < reviews_per_proposal),
    )


def _improving_path(reviewers, rank, load, held, candidates, new):
    """Moves [(giver, taker, proposal), …] that take one review from a member to one
    with at least two fewer, passing it along other members if need be; or None.

    Such a chain exists exactly when the loads are not yet as even as they can be.
    """
    for source in sorted(reviewers, key=lambda r: (-load[r], rank[r])):
        parent: dict[int, tuple[int, int]] = {}
        queue = deque([source])
        seen = {source}
        while queue:
            giver = queue.popleft()
            for proposal in sorted(held[giver]):
                for taker in candidates[proposal]:
                    if taker in seen or (taker, proposal) in new:
                        continue
                    seen.add(taker)
                    parent[taker] = (giver, proposal)
                    if load[taker] <= load[source] - 2:
                        path = []
                        node = taker
                        while node != source:
                            previous, moved = parent[node]
                            path.append((previous, node, moved))
                            node = previous
                        return list(reversed(path))
                    queue.append(taker)
    return None


@dataclass(frozen=True)
class ScoreSummary:
    count: int
    mean: float | None
    median: float | None
    spread: float | None  # population standard deviation


def summarise_scores(scores: Sequence[int]) -> ScoreSummary:
    """Count, mean, median and spread (population standard deviation) of the scores."""
    if not scores:
        return ScoreSummary(count=0, mean=None, median=None, spread=None)
    return ScoreSummary(
        count=len(scores),
        mean=statistics.fmean(scores),
        median=float(statistics.median(scores)),
        spread=statistics.pstdev(scores),
    )


@dataclass(frozen=True)
class MergeSuggestion:
    code: str
    count: int


@dataclass(frozen=True)
class RankingRow:
    session_id: int
    code: str
    title: str
    type_order: tuple[int, str]  # (session type's sort order, prefix)
    number: int
    theme: str
    status: str
    status_label: str
    decision_label: str
    decision_detail: str  # the proposal merged into, or the format offered
    summary: ScoreSummary
    merge_suggestions: tuple[MergeSuggestion, ...] = ()


RANKING_SORTS = ("mean", "median", "spread", "count", "code", "title")
DEFAULT_RANKING_SORT = "-mean"


def sort_ranking(rows: Iterable[RankingRow], sort: str) -> list[RankingRow]:
    """Rows sorted by ``sort`` ("mean", "-mean", "spread", …; unknown: "-mean").

    Proposals without a value (no ratings yet) come last either way; ties keep the
    proposals' own order (type, then number).
    """
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in RANKING_SORTS:
        return sort_ranking(rows, DEFAULT_RANKING_SORT)
    ordered = sorted(rows, key=lambda row: (row.type_order, row.number))

    def value(row: RankingRow):
        if key == "code":
            return (row.type_order, row.number)
        if key == "title":
            return row.title.casefold()
        return getattr(row.summary, key)

    present = [row for row in ordered if value(row) is not None]
    missing = [row for row in ordered if value(row) is None]
    # sorted() is stable, so equal values keep the proposals' own order.
    return sorted(present, key=value, reverse=descending) + missing


def is_valid_score(score: object) -> bool:
    """Whether the score is a whole number from 1 to 5."""
    return (
        isinstance(score, int)
        and not isinstance(score, bool)
        and MIN_SCORE <= score <= MAX_SCORE
    )


# --------------------------------------------------------------------------------------
# Write services
# --------------------------------------------------------------------------------------


@transaction.atomic
def screen_proposal(
    *, session: SessionPage, passed: bool, reasons: str = "", by
) -> Screening:
    """The screening recorded (or changed) for the proposal.

    A proposal that fails loses the reviews assigned to it and not yet given.
    """
    reasons = reasons.strip()
    if session.status != SessionStatus.PROPOSED:
        raise ValidationError(NOT_SUBMITTED, code="not_submitted")
    if not passed and not reasons:
        raise ValidationError(SCREENING_NEEDS_REASONS, code="reasons_required")
    screening, _created = Screening.objects.update_or_create(
        session=session,
        defaults={"passed": passed, "reasons": reasons, "screened_by": by},
    )
    if not passed:
        ReviewAssignment.objects.filter(session=session, rating__isnull=True).delete()
    return screening


@dataclass(frozen=True)
class ConflictResult:
    conflict: ConflictOfInterest
    was_assigned: bool
    rating_withdrawn: bool
    replacement_id: int | None  # the member who took over the review, if any


@transaction.atomic
def declare_conflict(
    *, member, session: SessionPage, reason: str = ""
) -> ConflictResult:
    """The member's conflict of interest with the proposal, which leaves their list.

    Their review of it (and their rating, which a conflicted member must not give) goes
    to another eligible MAG member when there is one.
    """
    conflict, _created = ConflictOfInterest.objects.get_or_create(
        member=member, session=session, defaults={"reason": reason.strip()}
    )
    assignment = (
        ReviewAssignment.objects.select_related("rating")
        .filter(reviewer=member, session=session)
        .first()
    )
    if assignment is None:
        return ConflictResult(conflict, False, False, None)
    rating_withdrawn = hasattr(assignment, "rating")
    assignment.delete()
    # Only a proposal still under evaluation needs someone else.
    still_open = SessionPage.objects.filter(
        pk=session.pk, status=SessionStatus.PROPOSED, screening__passed=True
    )
    plan = _assign(session.edition, still_open)
    replacement = plan.new[0][0] if plan.new else None
    return ConflictResult(conflict, True, rating_withdrawn, replacement)


@transaction.atomic
def assign_reviewers(*, edition: ForumEditionPage) -> AssignmentPlan:
    """The plan applied: each screened-in proposal gets its reviewers, loads even.

    Runs again safely: assignments already made are kept and only missing ones are
    added (for proposals screened since, or after a conflict).
    """
    proposals = SessionPage.objects.filter(
        edition=edition, status=SessionStatus.PROPOSED, screening__passed=True
    )
    return _assign(edition, proposals)


def _assign(edition: ForumEditionPage, proposals: QuerySet) -> AssignmentPlan:
    rules = ProgrammeRules.for_edition(edition)
    # Serialise concurrent runs for one edition (a no-op on SQLite, which locks anyway).
    ProgrammeRules.objects.select_for_update().filter(pk=rules.pk).first()
    proposal_ids = list(proposals.order_by("pk").values_list("pk", flat=True))
    reviewer_ids = list(
        get_user_model()
        .objects.filter(groups__name=MAG_MEMBER, is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )
    existing = set(
        ReviewAssignment.objects.filter(session__edition=edition).values_list(
            "reviewer_id", "session_id"
        )
    )
    plan = plan_assignments(
        proposals=proposal_ids,
        reviewers=reviewer_ids,
        reviews_per_proposal=rules.reviews_per_proposal,
        excluded=_excluded_pairs(proposal_ids),
        existing=existing,
    )
    ReviewAssignment.objects.bulk_create(
        ReviewAssignment(reviewer_id=reviewer, session_id=proposal)
        for reviewer, proposal in plan.new
    )
    return plan


def _excluded_pairs(proposal_ids: Sequence[int]) -> set[Pair]:
    """Members who may not review a proposal: conflicted, its proposer, its organizers."""
    excluded = set(
        ConflictOfInterest.objects.filter(session_id__in=proposal_ids).values_list(
            "member_id", "session_id"
        )
    )
    excluded |= {
        (proposer, pk)
        for pk, proposer in SessionPage.objects.filter(
            pk__in=proposal_ids, proposer__isnull=False
        ).values_list("pk", "proposer_id")
    }
    excluded |= set(
        SessionParticipant.objects.filter(
            session_id__in=proposal_ids,
            role=PersonRole.ORGANIZER,
            person__user__isnull=False,
        ).values_list("person__user_id", "session_id")
    )
    return excluded


@transaction.atomic
def rate_proposal(
    *,
    member,
    session: SessionPage,
    score: int,
    comment: str = "",
    merge_with: SessionPage | None = None,
) -> Rating:
    """The member's rating of a proposal assigned to them, created or replaced."""
    assignment = ReviewAssignment.objects.filter(
        reviewer=member, session=session
    ).first()
    if assignment is None:
        raise ValidationError(NOT_ASSIGNED, code="not_assigned")
    if session.status != SessionStatus.PROPOSED:
        raise ValidationError(RATING_CLOSED, code="closed")
    if not is_valid_score(score):
        raise ValidationError(SCORE_OUT_OF_RANGE, code="score")
    if merge_with is not None:
        if merge_with.pk == session.pk:
            raise ValidationError(MERGE_WITH_ITSELF, code="merge_itself")
        if merge_with.edition_id != session.edition_id:
            raise ValidationError(MERGE_WITH_OTHER_EDITION, code="merge_edition")
    rating, _created = Rating.objects.update_or_create(
        assignment=assignment,
        defaults={"score": score, "comment": comment.strip(), "merge_with": merge_with},
    )
    return rating


@transaction.atomic
def decide_proposal(
    *,
    session: SessionPage,
    outcome: str,
    by,
    merge_into: SessionPage | None = None,
    offered_type: SessionType | None = None,
    note: str = "",
) -> Decision:
    """The MAG's decision recorded, and the session's status set to match it."""
    if session.status not in DECIDABLE:
        raise ValidationError(
            NOT_DECIDABLE,
            code="not_decidable",
            params={"status": session.get_status_display()},
        )
    if (
        outcome != DecisionOutcome.ACCEPT
        and Placement.objects.filter(session=session).exists()
    ):
        raise ValidationError(ALREADY_PLACED, code="placed")
    if outcome == DecisionOutcome.MERGE:
        _check_merge_target(session, merge_into)
    if outcome == DecisionOutcome.OFFER_FORMAT:
        _check_offered_type(session, offered_type)
    decision, _created = Decision.objects.update_or_create(
        session=session,
        defaults={
            "outcome": outcome,
            "merge_into": merge_into if outcome == DecisionOutcome.MERGE else None,
            "offered_type": (
                offered_type if outcome == DecisionOutcome.OFFER_FORMAT else None
            ),
            "note": note.strip(),
            "decided_by": by,
        },
    )
    status = STATUS_AFTER[DecisionOutcome(outcome)]
    if session.status != status:
        update_session_content(session=session, by=by, status=status)
    return decision


def _check_merge_target(session: SessionPage, target: SessionPage | None) -> None:
    if target is None:
        raise ValidationError(MERGE_TARGET_REQUIRED, code="merge_required")
    if target.pk == session.pk:
        raise ValidationError(MERGE_WITH_ITSELF, code="merge_itself")
    if target.edition_id != session.edition_id:
        raise ValidationError(MERGE_WITH_OTHER_EDITION, code="merge_edition")
    if target.status not in MERGEABLE_INTO:
        raise ValidationError(MERGE_TARGET_CLOSED, code="merge_closed")


def _check_offered_type(session: SessionPage, offered: SessionType | None) -> None:
    if offered is None:
        raise ValidationError(OFFERED_TYPE_REQUIRED, code="offer_required")
    if offered.pk == session.session_type_id:
        raise ValidationError(OFFERED_TYPE_SAME, code="offer_same")
    if offered.edition_id != session.edition_id:
        raise ValidationError(OFFERED_TYPE_OTHER_EDITION, code="offer_edition")


@transaction.atomic
def accept_offered_format(*, session: SessionPage, by) -> SessionPage:
    """The proposal accepted in the format the MAG offered, numbered anew in that type."""
    decision = Decision.objects.filter(
        session=session, outcome=DecisionOutcome.OFFER_FORMAT
    ).first()
    if decision is None or decision.offered_type_id is None:
        raise ValidationError(NO_OFFER, code="no_offer")
    if by is None or by.pk != session.proposer_id:
        raise ValidationError(NOT_THE_PROPOSER, code="not_proposer")
    offered = decision.offered_type
    # Lock the type's row so two acceptances at once never take the same number.
    SessionType.objects.select_for_update().filter(pk=offered.pk).first()
    number = (offered.sessions.aggregate(top=Max("number"))["top"] or 0) + 1
    update_session_content(
        session=session,
        by=by,
        session_type=offered,
        number=number,
        slug=f"{slugify(offered.prefix) or 'session'}-{number}",
        status=SessionStatus.ACCEPTED,
    )
    decision.outcome = DecisionOutcome.ACCEPT
    decision.save(update_fields=["outcome", "decided_at"])
    return session


# --------------------------------------------------------------------------------------
# Reads
# --------------------------------------------------------------------------------------


def evaluated_editions() -> QuerySet[ForumEditionPage]:
    """Editions with submitted proposals, newest first, with their proposal count."""
    submitted = Q(
        sessions__status__in=[s for s in SessionStatus if s != SessionStatus.DRAFT]
    )
    return (
        ForumEditionPage.objects.annotate(
            proposal_count=Count("sessions", filter=submitted)
        )
        .filter(proposal_count__gt=0)
        .order_by("-year")
    )


def review_counts(member) -> dict[int, tuple[int, int]]:
    """Per edition id: (rated, assigned) reviews of the member."""
    rows = (
        ReviewAssignment.objects.filter(reviewer=member)
        .values("session__edition_id")
        .annotate(assigned=Count("pk"), rated=Count("rating"))
    )
    return {row["session__edition_id"]: (row["rated"], row["assigned"]) for row in rows}


def _proposals(edition: ForumEditionPage) -> QuerySet[SessionPage]:
    return SessionPage.objects.filter(edition=edition).select_related(
        "session_type", "theme"
    )


def _proposal_order() -> tuple[str, ...]:
    return ("session_type__sort_order", "session_type__prefix", "number")


def assigned_reviews(member, edition: ForumEditionPage) -> list[ReviewAssignment]:
    """The member's assignments in the edition with proposal, organizers and rating."""
    organizers = SessionParticipant.objects.filter(
        role=PersonRole.ORGANIZER
    ).select_related("person")
    return list(
        ReviewAssignment.objects.filter(reviewer=member, session__edition=edition)
        .select_related(
            "session__session_type",
            "session__theme",
            "session__proposer",
            "rating__merge_with__session_type",
        )
        .prefetch_related(
            Prefetch("session__participants", queryset=organizers, to_attr="organizers")
        )
        .order_by(*(f"session__{part}" for part in _proposal_order()))
    )


@dataclass(frozen=True)
class ShownParticipant:
    role: str
    presence: str
    stakeholder_group: str
    regional_group: str
    # None when blind review hides who the person is.
    name: str | None
    organisation: str | None


def participants_for_review(
    session: SessionPage, *, blind: bool
) -> list[ShownParticipant]:
    """The proposal's people as a reviewer may see them.

    Under blind review the proposer and the organizers keep their role and groups but
    lose their names and organisations.
    """
    shown = []
    participants = session.participants.select_related("person").order_by("sort_order")
    for participant in participants:
        person = participant.person
        hidden = blind and (
            participant.role == PersonRole.ORGANIZER
            or (person.user_id is not None and person.user_id == session.proposer_id)
        )
        shown.append(
            ShownParticipant(
                role=participant.get_role_display(),
                presence=participant.get_presence_display(),
                stakeholder_group=person.get_stakeholder_group_display(),
                regional_group=person.get_regional_group_display(),
                name=None if hidden else person.name,
                organisation=None if hidden else person.organisation,
            )
        )
    return shown


def merge_candidates(session: SessionPage) -> QuerySet[SessionPage]:
    """Other proposals of the session's edition it could be merged with."""
    return (
        _proposals(session.edition)
        .filter(status__in=MERGEABLE_INTO)
        .exclude(pk=session.pk)
        .order_by(*_proposal_order())
    )


def proposals_for_screening(edition: ForumEditionPage) -> QuerySet[SessionPage]:
    """The edition's submitted proposals with their screening, in code order."""
    return (
        _proposals(edition)
        .filter(status=SessionStatus.PROPOSED)
        .select_related("screening")
        .order_by(*_proposal_order())
    )


@dataclass(frozen=True)
class EvaluatorProgress:
    member_id: int
    name: str
    email: str
    assigned: int
    rated: int
    conflicts: int

    @property
    def is_done(self) -> bool:
        return self.assigned > 0 and self.rated == self.assigned


def evaluator_progress(edition: ForumEditionPage) -> list[EvaluatorProgress]:
    """Per MAG member (and anyone else holding reviews): assigned, rated, conflicts."""
    assignments = {
        row["reviewer_id"]: row
        for row in ReviewAssignment.objects.filter(session__edition=edition)
        .values("reviewer_id")
        .annotate(assigned=Count("pk"), rated=Count("rating"))
    }
    conflicts = dict(
        ConflictOfInterest.objects.filter(session__edition=edition)
        .values("member_id")
        .annotate(total=Count("pk"))
        .values_list("member_id", "total")
    )
    members = (
        get_user_model()
        .objects.filter(
            Q(groups__name=MAG_MEMBER, is_active=True) | Q(pk__in=list(assignments))
        )
        .distinct()
        .order_by("name", "email")
    )
    return [
        EvaluatorProgress(
            member_id=member.pk,
            name=str(member),
            email=member.email,
            assigned=assignments.get(member.pk, {}).get("assigned", 0),
            rated=assignments.get(member.pk, {}).get("rated", 0),
            conflicts=conflicts.get(member.pk, 0),
        )
        for member in members
    ]


@dataclass(frozen=True)
class Understaffed:
    session_id: int
    code: str
    title: str
    reviewers: int


def understaffed_proposals(edition: ForumEditionPage) -> list[Understaffed]:
    """Screened-in proposals with fewer reviewers than the edition's rules ask for."""
    wanted = ProgrammeRules.for_edition(edition).reviews_per_proposal
    proposals = (
        _proposals(edition)
        .filter(status=SessionStatus.PROPOSED, screening__passed=True)
        .annotate(reviewer_count=Count("review_assignments"))
        .filter(reviewer_count__lt=wanted)
        .order_by(*_proposal_order())
    )
    return [Understaffed(p.pk, p.code, p.title, p.reviewer_count) for p in proposals]


@dataclass
class _Collected:
    scores: list[int] = field(default_factory=list)
    merges: Counter = field(default_factory=Counter)


def ranking(
    edition: ForumEditionPage, sort: str = DEFAULT_RANKING_SORT
) -> list[RankingRow]:
    """Screened-in proposals with their score summary and merge suggestions, sorted."""
    proposals = (
        _proposals(edition)
        .filter(screening__passed=True)
        .exclude(status__in=[SessionStatus.DRAFT, SessionStatus.CANCELLED])
        .select_related("decision__merge_into__session_type", "decision__offered_type")
    )
    collected: dict[int, _Collected] = defaultdict(_Collected)
    ratings = Rating.objects.filter(assignment__session__edition=edition).values_list(
        "assignment__session_id",
        "score",
        "merge_with__session_type__prefix",
        "merge_with__number",
    )
    for session_id, score, merge_prefix, merge_number in ratings:
        collected[session_id].scores.append(score)
        if merge_prefix is not None:
            collected[session_id].merges[f"{merge_prefix} #{merge_number}"] += 1
    rows = []
    for proposal in proposals:
        found = collected[proposal.pk]
        decision = getattr(proposal, "decision", None)
        rows.append(
            RankingRow(
                session_id=proposal.pk,
                code=proposal.code,
                title=proposal.title,
                type_order=(
                    proposal.session_type.sort_order,
                    proposal.session_type.prefix,
                ),
                number=proposal.number,
                theme=proposal.theme.name if proposal.theme else "",
                status=proposal.status,
                status_label=proposal.get_status_display(),
                decision_label=decision.get_outcome_display() if decision else "",
                decision_detail=_decision_detail(decision),
                summary=summarise_scores(found.scores),
                merge_suggestions=tuple(
                    MergeSuggestion(code, count)
                    for code, count in sorted(
                        found.merges.items(), key=lambda item: (-item[1], item[0])
                    )
                ),
            )
        )
    return sort_ranking(rows, sort)


def _decision_detail(decision: Decision | None) -> str:
    if decision is None:
        return ""
    if decision.merge_into_id:
        return decision.merge_into.code
    if decision.offered_type_id:
        return decision.offered_type.name
    return ""


def ratings_for_export(edition: ForumEditionPage) -> QuerySet[Rating]:
    """Every rating of the edition with proposal, reviewer and merge suggestion loaded."""
    return (
        Rating.objects.filter(assignment__session__edition=edition)
        .select_related(
            "assignment__session__session_type",
            "assignment__reviewer",
            "merge_with__session_type",
        )
        .order_by(
            *(f"assignment__session__{part}" for part in _proposal_order()),
            "assignment__reviewer__name",
            "pk",
        )
    )
