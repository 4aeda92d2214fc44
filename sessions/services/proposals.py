"""Session proposals: the MAG's rules as pure checks, and the write services that apply them.

The rules (DOMAIN.md, “Real rules the MAG applies”) are pure functions over plain values:
a proposal's people (``ProposedPerson``), the edition's rules (``ProposalRules``) and what
already exists in the edition (``ProposalCounts``). Each returns a list of ``Problem``
(the form field it concerns and a message a user can read). ``submit_proposal`` and
``update_proposal`` gather those values from the database, call the checks and save
everything in one transaction, or nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, fields

from django.db import transaction
from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from cms.models import EditionTheme, ForumEditionPage
from igfplus.enums import Gender
from igfplus.roles import MAG_MEMBER
from sessions.enums import (
    Delivery,
    DiscussionFormat,
    PersonRole,
    Presence,
    SessionStatus,
)
from sessions.models import (
    Person,
    ProgrammeRules,
    SessionPage,
    SessionParticipant,
    SessionType,
)
from sessions.services.sessions import (
    ParticipantSpec,
    create_session,
    update_session_content,
)

# --- Messages a user can see ----------------------------------------------------------

NOT_OPEN_TO_PROPOSALS = _("%(type)s sessions are not open to proposals.")
CALL_NOT_YET_OPEN = _(
    "The call for %(type)s proposals opens on %(date)s at %(time)s UTC."
)
CALL_CLOSED = _("The call for %(type)s proposals closed on %(date)s at %(time)s UTC.")
MAG_MEMBERS_MAY_NOT_SUBMIT = _(
    "Members of the MAG may not submit session proposals for this edition."
)
TOO_FEW_SPEAKERS = ngettext_lazy(
    "List at least %(limit)d speaker; this proposal has %(found)d.",
    "List at least %(limit)d speakers; this proposal has %(found)d.",
    "limit",
)
NO_GENDER_DIVERSITY = _(
    "The speakers must include at least two different genders. Speakers whose "
    "gender is not given do not count."
)
TOO_FEW_ONSITE_MODERATORS = ngettext_lazy(
    "List at least %(limit)d onsite moderator taking part onsite; this proposal has %(found)d.",
    "List at least %(limit)d onsite moderators taking part onsite; this proposal has %(found)d.",
    "limit",
)
TOO_FEW_ONSITE_SPEAKERS = ngettext_lazy(
    "List at least %(limit)d speaker taking part onsite; this proposal has %(found)d.",
    "List at least %(limit)d speakers taking part onsite; this proposal has %(found)d.",
    "limit",
)
TOO_MANY_SESSIONS = _(
    "%(name)s is already in %(found)d other sessions of this edition; a person may "
    "take part in at most %(limit)d."
)
TOO_MANY_PROPOSALS_BY_YOU = _(
    "You already have %(found)d proposals for this edition; a person may make at "
    "most %(limit)d."
)
TOO_MANY_PROPOSALS_BY_ORGANIZER = _(
    "%(name)s already organises %(found)d proposals for this edition; a person may "
    "organise at most %(limit)d."
)
TOO_MANY_PROPOSALS_BY_INSTITUTION = _(
    "%(organisation)s already has %(found)d proposals for this edition; an "
    "institution may have at most %(limit)d."
)
MISSING_REPORT = _(
    "%(name)s has not filed the report of a session they organised last year; "
    "their new proposals are blocked until it is filed."
)
PROFILE_INCOMPLETE = _(
    "Before you propose a session, give your full name, stakeholder group and UN "
    "regional group in your profile: you are listed with them as an organizer."
)
NOT_YOUR_PROPOSAL = _("Only the person who made this proposal can change it.")
NO_LONGER_EDITABLE = _("This proposal is %(status)s and can no longer be changed.")

# Form fields a problem can point at; ``ALL`` is the proposal as a whole.
ALL = "__all__"
PEOPLE = "people"
SESSION_TYPE = "session_type"

# Proposals and sessions that count towards the limits. Drafts are not proposals yet
# (nobody but their author sees them); declined, merged and cancelled ones are gone.
COUNTED_STATUSES = (
    SessionStatus.PROPOSED,
    SessionStatus.ACCEPTED,
    SessionStatus.SCHEDULED,
)
EDITABLE_STATUSES = (SessionStatus.DRAFT, SessionStatus.PROPOSED)

# "Prefer not to say" declares nothing: such speakers do not count towards diversity.
UNDECLARED_GENDERS = frozenset({"", Gender.UNDISCLOSED})


# --- Plain values the rules work on ---------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One broken rule: the form field it concerns and what to do about it."""

    field: str
    message: str

    def __post_init__(self):
        # Messages are lazy translations: fix them in the language of the request.
        object.__setattr__(self, "message", str(self.message))


@dataclass(frozen=True)
class ProposedPerson:
    """A person in a role at the proposed session, with what the rules need to know.

    ``key`` identifies the person: the same person on two rows has the same key, and the
    counts below are keyed by it (a ``Person`` id; a new person's key matches no count).
    """

    key: Hashable
    name: str
    role: str
    presence: str = Presence.ONSITE
    organisation: str = ""
    gender: str = ""
    is_proposer: bool = False


@dataclass(frozen=True)
class ProposalRules:
    """The edition's proposal rules (``ProgrammeRules``) as plain values."""

    min_speakers: int = 3
    require_gender_diversity: bool = True
    min_onsite_moderators: int = 1
    min_onsite_speakers: int = 2
    max_sessions_per_person: int = 3
    max_proposals_per_person: int = 3
    max_proposals_per_institution: int = 3
    mag_members_may_submit: bool = False
    require_previous_reports: bool = True

    @classmethod
    def from_model(cls, rules: ProgrammeRules) -> ProposalRules:
        return cls(**{f.name: getattr(rules, f.name) for f in fields(cls)})


@dataclass(frozen=True)
class ProposalCounts:
    """What the edition already holds, the proposal being checked left out."""

    # Proposals the proposer made or organises.
    proposals_by_proposer: int = 0
    # Person key → other sessions and proposals they take part in, in any role.
    sessions_by_person: Mapping[Hashable, int] = field(default_factory=dict)
    # Person key → other proposals they organise.
    proposals_by_organizer: Mapping[Hashable, int] = field(default_factory=dict)
    # ``institution_key(organisation)`` → other proposals with an organizer from it.
    proposals_by_institution: Mapping[str, int] = field(default_factory=dict)


def institution_key(organisation: str) -> str:
    """One spelling per institution: case-insensitive, trimmed, inner spaces collapsed."""
    return " ".join(organisation.split()).casefold()


def _unique(people: Iterable[ProposedPerson]) -> list[ProposedPerson]:
    seen: set[Hashable] = set()
    unique = []
    for person in people:
        if person.key not in seen:
            seen.add(person.key)
            unique.append(person)
    return unique


def _speakers(people: Sequence[ProposedPerson]) -> list[ProposedPerson]:
    return _unique(p for p in people if p.role == PersonRole.SPEAKER)


# --- The rules ------------------------------------------------------------------------


def format_utc(moment: dt.datetime) -> dict[str, str]:
    """``{"date": "30 May 2025", "time": "23:59"}`` for a moment, in UTC."""
    utc = moment.astimezone(dt.UTC)
    return {
        "date": formats.date_format(utc, "j F Y"),
        "time": formats.time_format(utc, "H:i"),
    }


def is_call_open(
    *,
    is_open_for_proposals: bool,
    opens_at: dt.datetime | None,
    closes_at: dt.datetime | None,
    now: dt.datetime,
) -> bool:
    """Whether proposals are taken at ``now``; both ends of the window are included."""
    return (
        is_open_for_proposals
        and (opens_at is None or opens_at <= now)
        and (closes_at is None or now <= closes_at)
    )


def check_call(
    *,
    type_name: str,
    is_open_for_proposals: bool,
    opens_at: dt.datetime | None,
    closes_at: dt.datetime | None,
    now: dt.datetime,
) -> list[Problem]:
    """Why a session type takes no proposals at ``now``, naming the times in UTC."""
    if not is_open_for_proposals:
        message = NOT_OPEN_TO_PROPOSALS % {"type": type_name}
    elif opens_at is not None and now < opens_at:
        message = CALL_NOT_YET_OPEN % {"type": type_name, **format_utc(opens_at)}
    elif closes_at is not None and closes_at < now:
        message = CALL_CLOSED % {"type": type_name, **format_utc(closes_at)}
    else:
        return []
    return [Problem(SESSION_TYPE, message)]


def check_mag_member(*, is_mag_member: bool, rules: ProposalRules) -> list[Problem]:
    """MAG members evaluate proposals, so they may not make any unless the edition allows."""
    if is_mag_member and not rules.mag_members_may_submit:
        return [Problem(ALL, MAG_MEMBERS_MAY_NOT_SUBMIT)]
    return []


def check_profile(
    *, has_person: bool, name: str, stakeholder_group: str, regional_group: str
) -> list[Problem]:
    """The proposer is listed as an organizer, so their record needs name and groups."""
    if has_person or (name.strip() and stakeholder_group and regional_group):
        return []
    return [Problem(ALL, str(PROFILE_INCOMPLETE))]


def check_speaker_count(
    people: Sequence[ProposedPerson], *, rules: ProposalRules
) -> list[Problem]:
    """At least ``min_speakers`` different speakers."""
    found = len(_speakers(people))
    if found < rules.min_speakers:
        return [
            Problem(
                PEOPLE, TOO_FEW_SPEAKERS % {"limit": rules.min_speakers, "found": found}
            )
        ]
    return []


def check_gender_diversity(
    people: Sequence[ProposedPerson], *, rules: ProposalRules
) -> list[Problem]:
    """At least two different declared genders among the speakers, when required."""
    if not rules.require_gender_diversity:
        return []
    genders = {p.gender for p in _speakers(people)} - UNDECLARED_GENDERS
    if len(genders) < 2:
        return [Problem(PEOPLE, str(NO_GENDER_DIVERSITY))]
    return []


def check_onsite_people(
    people: Sequence[ProposedPerson], *, delivery: str, rules: ProposalRules
) -> list[Problem]:
    """Enough moderators and speakers in the room; an online-only session needs none."""
    if delivery == Delivery.ONLINE:
        return []
    problems = []
    onsite = [p for p in people if p.presence == Presence.ONSITE]
    moderators = len(
        _unique(p for p in onsite if p.role == PersonRole.ONSITE_MODERATOR)
    )
    if moderators < rules.min_onsite_moderators:
        problems.append(
            Problem(
                PEOPLE,
                TOO_FEW_ONSITE_MODERATORS
                % {"limit": rules.min_onsite_moderators, "found": moderators},
            )
        )
    speakers = len(_unique(p for p in onsite if p.role == PersonRole.SPEAKER))
    if speakers < rules.min_onsite_speakers:
        problems.append(
            Problem(
                PEOPLE,
                TOO_FEW_ONSITE_SPEAKERS
                % {"limit": rules.min_onsite_speakers, "found": speakers},
            )
        )
    return problems


def check_sessions_per_person(
    people: Sequence[ProposedPerson], *, counts: ProposalCounts, rules: ProposalRules
) -> list[Problem]:
    """Nobody in more than ``max_sessions_per_person`` sessions, this one included."""
    problems = []
    for person in _unique(people):
        found = counts.sessions_by_person.get(person.key, 0)
        if found + 1 > rules.max_sessions_per_person:
            problems.append(
                Problem(
                    PEOPLE,
                    TOO_MANY_SESSIONS
                    % {
                        "name": person.name,
                        "found": found,
                        "limit": rules.max_sessions_per_person,
                    },
                )
            )
    return problems


def check_proposals_per_person(
    people: Sequence[ProposedPerson], *, counts: ProposalCounts, rules: ProposalRules
) -> list[Problem]:
    """The proposer and each organizer in at most ``max_proposals_per_person`` proposals."""
    limit = rules.max_proposals_per_person
    problems = []
    if counts.proposals_by_proposer + 1 > limit:
        problems.append(
            Problem(
                ALL,
                TOO_MANY_PROPOSALS_BY_YOU
                % {"found": counts.proposals_by_proposer, "limit": limit},
            )
        )
    for person in _unique(p for p in people if p.role == PersonRole.ORGANIZER):
        # The proposer's own organizing is already in ``proposals_by_proposer``.
        if person.is_proposer:
            continue
        found = counts.proposals_by_organizer.get(person.key, 0)
        if found + 1 > limit:
            problems.append(
                Problem(
                    PEOPLE,
                    TOO_MANY_PROPOSALS_BY_ORGANIZER
                    % {"name": person.name, "found": found, "limit": limit},
                )
            )
    return problems


def check_proposals_per_institution(
    people: Sequence[ProposedPerson], *, counts: ProposalCounts, rules: ProposalRules
) -> list[Problem]:
    """Each organizer's institution in at most ``max_proposals_per_institution`` proposals."""
    limit = rules.max_proposals_per_institution
    spellings: dict[str, str] = {}
    for person in people:
        key = institution_key(person.organisation)
        if person.role == PersonRole.ORGANIZER and key:
            spellings.setdefault(key, person.organisation.strip())
    problems = []
    for key, spelling in spellings.items():
        found = counts.proposals_by_institution.get(key, 0)
        if found + 1 > limit:
            problems.append(
                Problem(
                    PEOPLE,
                    TOO_MANY_PROPOSALS_BY_INSTITUTION
                    % {"organisation": spelling, "found": found, "limit": limit},
                )
            )
    return problems


def check_previous_reports(
    people: Sequence[ProposedPerson],
    *,
    organizers_missing_reports: AbstractSet[Hashable],
    rules: ProposalRules,
) -> list[Problem]:
    """No organizer who still owes last year's session report, when the edition requires it."""
    if not rules.require_previous_reports:
        return []
    return [
        Problem(PEOPLE, MISSING_REPORT % {"name": person.name})
        for person in _unique(p for p in people if p.role == PersonRole.ORGANIZER)
        if person.key in organizers_missing_reports
    ]


def check_proposal(
    people: Sequence[ProposedPerson],
    *,
    delivery: str,
    rules: ProposalRules,
    counts: ProposalCounts,
    organizers_missing_reports: AbstractSet[Hashable] = frozenset(),
) -> list[Problem]:
    """Every rule a submitted proposal must meet, in the order the form shows them."""
    return [
        *check_speaker_count(people, rules=rules),
        *check_gender_diversity(people, rules=rules),
        *check_onsite_people(people, delivery=delivery, rules=rules),
        *check_sessions_per_person(people, counts=counts, rules=rules),
        *check_proposals_per_person(people, counts=counts, rules=rules),
        *check_proposals_per_institution(people, counts=counts, rules=rules),
        *check_previous_reports(
            people, organizers_missing_reports=organizers_missing_reports, rules=rules
        ),
    ]


# --- What the organizer typed ---------------------------------------------------------


@dataclass(frozen=True)
class PersonRow:
    """One row of the proposal's people, as typed."""

    name: str
    stakeholder_group: str
    regional_group: str
    role: str
    organisation: str = ""
    country: str = ""
    gender: str = ""
    presence: str = Presence.ONSITE


@dataclass(frozen=True)
class ProposalContent:
    """The proposal's own fields (everything on the session page but its people)."""

    title: str
    description: str = ""
    policy_questions: str = ""
    theme: EditionTheme | None = None
    sdgs: Sequence[int] = ()
    discussion_format: str = DiscussionFormat.PANEL
    languages: Sequence[str] = ()
    delivery: str = Delivery.HYBRID
    duration_minutes: int = 60
    expected_attendance: int | None = None
    online_participation: str = ""
    interpretation_languages: Sequence[str] = ()
    has_captioning: bool = False
    captioning_languages: Sequence[str] = ()
    sign_language: str = ""

    def as_fields(self) -> dict:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        for name in (
            "sdgs",
            "languages",
            "interpretation_languages",
            "captioning_languages",
        ):
            values[name] = list(values[name])
        return values


class ProposalRejected(Exception):
    """The proposal breaks rules; nothing was saved."""

    def __init__(self, problems: Sequence[Problem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = list(problems)


# --- Reads the rules need ---------------------------------------------------------------
# They belong in sessions/selectors.py, which was being written alongside this module;
# kept here until the two are merged.


def organizers_missing_reports(edition: ForumEditionPage) -> frozenset[int]:
    """Ids of people who organised a session of the previous edition and owe its report.

    The previous edition is the one with the latest year before ``edition``'s. A person
    owes a report when a session they organised there took place as released and its
    report was not submitted by the deadline (``outcomes.services.reports``).
    """
    # Reports live in ``outcomes``, which builds on ``sessions`` (igfplus ← cms ← sessions
    # ← intersessional ← outcomes), so this import is lazy and optional: sessions still
    # loads, and blocks nobody, without the outcomes app. A registry would invert the
    # dependency more formally, but for one consumer it would be machinery without gain.
    from django.apps import apps

    if not apps.is_installed("outcomes"):
        return frozenset()
    from outcomes.services.reports import organizers_owing_reports

    previous = (
        ForumEditionPage.objects.filter(year__lt=edition.year).order_by("-year").first()
    )
    if previous is None:
        return frozenset()
    return organizers_owing_reports(previous)


def is_mag_member(user) -> bool:
    """Whether the user is in the MAG group (superusers are not MAG members by default)."""
    return user.is_authenticated and user.groups.filter(name=MAG_MEMBER).exists()


def proposer_problems(user, edition: ForumEditionPage) -> list[Problem]:
    """Why ``user`` may not propose sessions for ``edition`` at all (empty when they may)."""
    rules = ProposalRules.from_model(ProgrammeRules.for_edition(edition))
    return [
        *check_mag_member(is_mag_member=is_mag_member(user), rules=rules),
        *check_profile(
            has_person=person_of(user) is not None,
            name=user.name,
            stakeholder_group=user.stakeholder_group,
            regional_group=user.regional_group,
        ),
    ]


def call_notices(edition: ForumEditionPage, *, now: dt.datetime) -> list[str]:
    """Why each of the edition's calls takes no proposals at ``now``."""
    types = SessionType.objects.filter(edition=edition, is_open_for_proposals=True)
    return [problem.message for t in types for problem in call_problems(t, now=now)]


@dataclass(frozen=True)
class MyProposal:
    session: SessionPage
    is_editable: bool


def my_proposals(user, *, now: dt.datetime) -> list[MyProposal]:
    """The user's proposals and drafts, each saying whether it can still be changed."""
    return [
        MyProposal(
            session,
            session.status in EDITABLE_STATUSES
            and is_call_open(
                is_open_for_proposals=session.session_type.is_open_for_proposals,
                opens_at=session.session_type.call_opens_at,
                closes_at=session.session_type.call_closes_at,
                now=now,
            ),
        )
        for session in proposals_of(user)
    ]


def call_problems(session_type: SessionType, *, now: dt.datetime) -> list[Problem]:
    """Why the session type takes no proposals at ``now`` (empty when it does)."""
    return check_call(
        type_name=session_type.name,
        is_open_for_proposals=session_type.is_open_for_proposals,
        opens_at=session_type.call_opens_at,
        closes_at=session_type.call_closes_at,
        now=now,
    )


def open_session_types(edition: ForumEditionPage, *, now: dt.datetime):
    """The edition's session types that take proposals at ``now``."""
    return _open_calls(SessionType.objects.filter(edition=edition), now=now)


def open_calls(*, now: dt.datetime):
    """Session types of published editions taking proposals at ``now``, editions loaded."""
    return _open_calls(
        SessionType.objects.filter(edition__live=True).select_related("edition"),
        now=now,
    ).order_by("call_closes_at", "edition__year", "sort_order", "name")


def _open_calls(types, *, now: dt.datetime):
    return types.filter(
        Q(call_opens_at__isnull=True) | Q(call_opens_at__lte=now),
        Q(call_closes_at__isnull=True) | Q(call_closes_at__gte=now),
        is_open_for_proposals=True,
    )


def proposals_of(user):
    """The user's proposals and drafts in every edition, newest first, types loaded."""
    return (
        SessionPage.objects.filter(proposer=user)
        .select_related("session_type", "edition")
        .order_by("-edition__year", "-pk")
    )


def person_of(user) -> Person | None:
    """The user's own ``Person`` record, if there is one."""
    return Person.objects.filter(user=user).first()


def _counts(
    *,
    edition: ForumEditionPage,
    proposer,
    proposer_person: Person | None,
    people: Sequence[ProposedPerson],
    exclude: SessionPage | None,
) -> ProposalCounts:
    counted = SessionParticipant.objects.filter(
        session__edition=edition, session__status__in=COUNTED_STATUSES
    ).order_by()
    proposals = SessionPage.objects.filter(edition=edition, status__in=COUNTED_STATUSES)
    if exclude is not None:
        counted = counted.exclude(session_id=exclude.pk)
        proposals = proposals.exclude(pk=exclude.pk)
    known = {p.key for p in people if isinstance(p.key, int)}

    def per_person(participations) -> dict[Hashable, int]:
        rows = (
            participations.filter(person_id__in=known)
            .values("person_id")
            .annotate(sessions=Count("session_id", distinct=True))
        )
        return {row["person_id"]: row["sessions"] for row in rows}

    by_proposer = Q(proposer=proposer)
    if proposer_person is not None:
        by_proposer |= Q(
            participants__person=proposer_person,
            participants__role=PersonRole.ORGANIZER,
        )
    wanted = {
        institution_key(p.organisation)
        for p in people
        if p.role == PersonRole.ORGANIZER and p.organisation.strip()
    }
    institutions: dict[str, set[int]] = defaultdict(set)
    # Spellings differ in case and spaces, so institutions are compared here, not in SQL.
    for session_id, organisation in counted.filter(
        role=PersonRole.ORGANIZER
    ).values_list("session_id", "person__organisation"):
        key = institution_key(organisation)
        if key in wanted:
            institutions[key].add(session_id)
    return ProposalCounts(
        proposals_by_proposer=proposals.filter(by_proposer).distinct().count(),
        sessions_by_person=per_person(counted),
        proposals_by_organizer=per_person(counted.filter(role=PersonRole.ORGANIZER)),
        proposals_by_institution={key: len(ids) for key, ids in institutions.items()},
    )


# --- Writes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Resolved:
    """A row matched to an existing ``Person`` (or ``None``: to be created)."""

    row: PersonRow
    person: Person | None

    @property
    def key(self) -> Hashable:
        if self.person is not None:
            return self.person.pk
        return ("new", self.row.name, self.row.organisation)

    @property
    def gender(self) -> str:
        # A recorded person keeps their recorded details; blanks are filled from the row.
        if self.person is not None and self.person.gender:
            return self.person.gender
        return self.row.gender


def _resolve(rows: Sequence[PersonRow]) -> list[_Resolved]:
    """Each row with the existing person of exactly that name and organisation, if any."""
    if not rows:
        return []
    match = Q()
    for row in rows:
        match |= Q(name=row.name, organisation=row.organisation)
    existing: dict[tuple[str, str], Person] = {}
    for person in Person.objects.filter(match).order_by("pk"):
        existing.setdefault((person.name, person.organisation), person)
    return [_Resolved(row, existing.get((row.name, row.organisation))) for row in rows]


def _proposed_people(
    resolved: Sequence[_Resolved],
    proposer_person: Person | None,
    proposer_row: PersonRow,
) -> list[ProposedPerson]:
    """The people as the rules see them: the proposer first, as an organizer."""
    proposer_key = proposer_person.pk if proposer_person else "proposer"
    people = [
        ProposedPerson(
            key=proposer_key,
            name=proposer_row.name,
            role=PersonRole.ORGANIZER,
            presence=proposer_row.presence,
            organisation=proposer_row.organisation,
            gender=proposer_row.gender,
            is_proposer=True,
        )
    ]
    for item in resolved:
        people.append(
            ProposedPerson(
                key=item.key,
                name=item.row.name,
                role=item.row.role,
                presence=item.row.presence,
                organisation=item.row.organisation,
                gender=item.gender,
                is_proposer=item.key == proposer_key,
            )
        )
    return people


def _proposer_row(user, person: Person | None) -> PersonRow:
    if person is not None:
        return PersonRow(
            name=person.name,
            organisation=person.organisation,
            stakeholder_group=person.stakeholder_group,
            regional_group=person.regional_group,
            country=str(person.country or ""),
            gender=person.gender,
            role=PersonRole.ORGANIZER,
        )
    return PersonRow(
        name=user.name or str(user),
        organisation=user.organisation,
        stakeholder_group=user.stakeholder_group,
        regional_group=user.regional_group,
        country=str(user.country or ""),
        gender=user.gender,
        role=PersonRole.ORGANIZER,
    )


def _save_person(item: _Resolved) -> Person:
    row, person = item.row, item.person
    if person is None:
        return Person.objects.create(
            name=row.name,
            organisation=row.organisation,
            stakeholder_group=row.stakeholder_group,
            regional_group=row.regional_group,
            country=row.country,
            gender=row.gender,
        )
    blanks = {
        name: getattr(row, name)
        for name in ("country", "gender")
        if not getattr(person, name) and getattr(row, name)
    }
    if blanks:
        for name, value in blanks.items():
            setattr(person, name, value)
        person.save(update_fields=[*blanks, "updated_at"])
    return person


def _participants(
    *, user, proposer_person: Person | None, resolved: Sequence[_Resolved]
) -> list[ParticipantSpec]:
    """Save new people, then the proposal's people: the proposer first, as an organizer."""
    if proposer_person is None:
        row = _proposer_row(user, None)
        proposer_person = Person.objects.create(
            name=row.name,
            organisation=row.organisation,
            stakeholder_group=row.stakeholder_group,
            regional_group=row.regional_group,
            country=row.country,
            gender=row.gender,
            user=user,
        )
    specs = [ParticipantSpec(person=proposer_person, role=PersonRole.ORGANIZER)]
    seen = {(proposer_person.pk, PersonRole.ORGANIZER)}
    saved: dict[Hashable, Person] = {}
    for item in resolved:
        # The same new person on two rows (say, organizer and speaker) is created once.
        person = saved.get(item.key) or _save_person(item)
        saved[item.key] = person
        if (person.pk, item.row.role) in seen:
            continue
        seen.add((person.pk, item.row.role))
        specs.append(
            ParticipantSpec(
                person=person, role=item.row.role, presence=item.row.presence
            )
        )
    return specs


def _locked_rules(edition: ForumEditionPage) -> ProposalRules:
    """The edition's rules, their row locked until the transaction ends.

    Two proposals sent at once are then counted one after the other, so neither slips
    past a limit the other one reaches.
    """
    ProgrammeRules.for_edition(edition)
    return ProposalRules.from_model(
        ProgrammeRules.objects.select_for_update().get(edition=edition)
    )


def _check_rules(
    *,
    edition: ForumEditionPage,
    user,
    proposer_person: Person | None,
    resolved: Sequence[_Resolved],
    delivery: str,
    rules: ProposalRules,
    exclude: SessionPage | None = None,
) -> list[Problem]:
    people = _proposed_people(
        resolved, proposer_person, _proposer_row(user, proposer_person)
    )
    counts = _counts(
        edition=edition,
        proposer=user,
        proposer_person=proposer_person,
        people=people,
        exclude=exclude,
    )
    return check_proposal(
        people,
        delivery=delivery,
        rules=rules,
        counts=counts,
        organizers_missing_reports=organizers_missing_reports(edition),
    )


@transaction.atomic
def submit_proposal(
    *,
    edition: ForumEditionPage,
    session_type: SessionType,
    by,
    content: ProposalContent,
    people: Sequence[PersonRow],
    as_draft: bool = False,
    now: dt.datetime | None = None,
) -> SessionPage:
    """A new proposal (status “proposed”) or draft; raises ``ProposalRejected`` on a broken rule.

    A draft is checked only for an open call and the MAG rule; the other rules apply when
    it is submitted.
    """
    now = now or timezone.now()
    rules = _locked_rules(edition)
    problems = [*call_problems(session_type, now=now), *proposer_problems(by, edition)]
    if problems:
        raise ProposalRejected(problems)
    proposer_person = person_of(by)
    resolved = _resolve(people)
    if not as_draft:
        problems = _check_rules(
            edition=edition,
            user=by,
            proposer_person=proposer_person,
            resolved=resolved,
            delivery=content.delivery,
            rules=rules,
        )
        if problems:
            raise ProposalRejected(problems)
    return create_session(
        edition=edition,
        session_type=session_type,
        by=by,
        participants=_participants(
            user=by, proposer_person=proposer_person, resolved=resolved
        ),
        status=SessionStatus.DRAFT if as_draft else SessionStatus.PROPOSED,
        submitted_at=None if as_draft else now,
        **content.as_fields(),
    )


def edit_problems(session: SessionPage, *, by, now: dt.datetime) -> list[Problem]:
    """Why ``by`` may not change the proposal at ``now`` (empty when they may)."""
    if session.proposer_id is None or session.proposer_id != by.pk:
        return [Problem(ALL, str(NOT_YOUR_PROPOSAL))]
    if session.status not in EDITABLE_STATUSES:
        status = session.get_status_display().lower()
        return [Problem(ALL, NO_LONGER_EDITABLE % {"status": status})]
    return [
        Problem(ALL, p.message) for p in call_problems(session.session_type, now=now)
    ]


@transaction.atomic
def update_proposal(
    *,
    session: SessionPage,
    by,
    content: ProposalContent,
    people: Sequence[PersonRow],
    as_draft: bool = False,
    now: dt.datetime | None = None,
) -> SessionPage:
    """The proposal with new content, while its call is open; raises ``ProposalRejected``.

    A draft may stay a draft or be submitted; a submitted proposal stays submitted and is
    checked again.
    """
    now = now or timezone.now()
    rules = _locked_rules(session.edition)
    problems = [
        *edit_problems(session, by=by, now=now),
        *check_mag_member(is_mag_member=is_mag_member(by), rules=rules),
    ]
    if problems:
        raise ProposalRejected(problems)
    proposer_person = person_of(by)
    resolved = _resolve(people)
    stays_draft = as_draft and session.status == SessionStatus.DRAFT
    if not stays_draft:
        problems = _check_rules(
            edition=session.edition,
            user=by,
            proposer_person=proposer_person,
            resolved=resolved,
            delivery=content.delivery,
            rules=rules,
            exclude=session,
        )
        if problems:
            raise ProposalRejected(problems)
    update_session_content(
        session=session,
        by=by,
        participants=_participants(
            user=by, proposer_person=proposer_person, resolved=resolved
        ),
        status=SessionStatus.DRAFT if stays_draft else SessionStatus.PROPOSED,
        submitted_at=None if stays_draft else (session.submitted_at or now),
        **content.as_fields(),
    )
    return session
