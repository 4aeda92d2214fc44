"""The proposal rules (pure, no database) and the services that apply them."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from igfplus import roles
from igfplus.enums import Gender, RegionalGroup, StakeholderGroup
from sessions.enums import Delivery, PersonRole, Presence, SessionStatus
from sessions.models import Person, ProgrammeRules, SessionPage
from sessions.services import proposals
from sessions.services.proposals import (
    ALL,
    CALL_CLOSED,
    CALL_NOT_YET_OPEN,
    MAG_MEMBERS_MAY_NOT_SUBMIT,
    MISSING_REPORT,
    NO_GENDER_DIVERSITY,
    NOT_OPEN_TO_PROPOSALS,
    NOT_YOUR_PROPOSAL,
    PEOPLE,
    PROFILE_INCOMPLETE,
    SESSION_TYPE,
    TOO_FEW_ONSITE_MODERATORS,
    TOO_FEW_ONSITE_SPEAKERS,
    TOO_FEW_SPEAKERS,
    TOO_MANY_PROPOSALS_BY_INSTITUTION,
    TOO_MANY_PROPOSALS_BY_ORGANIZER,
    TOO_MANY_PROPOSALS_BY_YOU,
    TOO_MANY_SESSIONS,
    PersonRow,
    Problem,
    ProposalContent,
    ProposalCounts,
    ProposalRejected,
    ProposalRules,
    ProposedPerson,
    check_call,
    check_gender_diversity,
    check_mag_member,
    check_onsite_people,
    check_previous_reports,
    check_profile,
    check_proposal,
    check_proposals_per_institution,
    check_proposals_per_person,
    check_sessions_per_person,
    check_speaker_count,
    institution_key,
    submit_proposal,
    update_proposal,
)
from tests.factories import ForumEditionPageFactory, PersonFactory, UserFactory
from tests.factories.programme import SessionPageFactory, SessionTypeFactory

UTC = dt.UTC
CLOSES_AT = dt.datetime(2025, 5, 30, 23, 59, tzinfo=UTC)
OPENS_AT = dt.datetime(2025, 3, 1, 9, 0, tzinfo=UTC)

SPEAKER = PersonRole.SPEAKER
ORGANIZER = PersonRole.ORGANIZER
ONSITE_MODERATOR = PersonRole.ONSITE_MODERATOR
ONLINE_MODERATOR = PersonRole.ONLINE_MODERATOR
ONSITE, ONLINE = Presence.ONSITE, Presence.ONLINE


def who(key, role=SPEAKER, presence=ONSITE, gender="", organisation="", **kwargs):
    return ProposedPerson(
        key=key,
        name=kwargs.pop("name", f"Person {key}"),
        role=role,
        presence=presence,
        gender=gender,
        organisation=organisation,
        **kwargs,
    )


def speakers(*genders, presence=ONSITE):
    return [
        who(i, gender=g, presence=presence) for i, g in enumerate(genders, start=100)
    ]


RULES = (
    ProposalRules()
)  # the DOMAIN.md defaults: 3 speakers, diversity, 1 + 2 onsite, 3/3/3


# --- the call ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("is_open", "now", "expected"),
    [
        pytest.param(True, dt.datetime(2025, 4, 1, tzinfo=UTC), [], id="inside_window"),
        pytest.param(True, OPENS_AT, [], id="opening_instant_ok"),
        pytest.param(True, CLOSES_AT, [], id="closing_instant_ok"),
        pytest.param(
            True,
            CLOSES_AT + dt.timedelta(seconds=1),
            [
                Problem(
                    SESSION_TYPE,
                    "The call for Workshop proposals closed on 30 May 2025 at 23:59 UTC.",
                )
            ],
            id="a_second_after_close",
        ),
        pytest.param(
            True,
            OPENS_AT - dt.timedelta(seconds=1),
            [
                Problem(
                    SESSION_TYPE,
                    "The call for Workshop proposals opens on 1 March 2025 at 09:00 UTC.",
                )
            ],
            id="a_second_before_opening",
        ),
        pytest.param(
            False,
            dt.datetime(2025, 4, 1, tzinfo=UTC),
            [Problem(SESSION_TYPE, "Workshop sessions are not open to proposals.")],
            id="type_not_open_to_proposals",
        ),
    ],
)
def test_check_call(is_open, now, expected):
    assert (
        check_call(
            type_name="Workshop",
            is_open_for_proposals=is_open,
            opens_at=OPENS_AT,
            closes_at=CLOSES_AT,
            now=now,
        )
        == expected
    )


def test_check_call_without_times_is_open_while_the_type_is_open():
    assert (
        check_call(
            type_name="Workshop",
            is_open_for_proposals=True,
            opens_at=None,
            closes_at=None,
            now=dt.datetime(2040, 1, 1, tzinfo=UTC),
        )
        == []
    )


def test_check_call_names_the_close_time_in_utc_whatever_zone_it_was_given_in():
    oslo_close = dt.datetime(2025, 5, 31, 1, 59, tzinfo=ZoneInfo("Europe/Oslo"))

    problems = check_call(
        type_name="Open Forum",
        is_open_for_proposals=True,
        opens_at=None,
        closes_at=oslo_close,
        now=dt.datetime(2025, 6, 1, tzinfo=UTC),
    )

    assert problems == [
        Problem(
            SESSION_TYPE,
            "The call for Open Forum proposals closed on 30 May 2025 at 23:59 UTC.",
        )
    ]
    assert problems[0].message == CALL_CLOSED % {
        "type": "Open Forum",
        "date": "30 May 2025",
        "time": "23:59",
    }


def test_message_constants_read_as_the_issue_asks():
    assert str(NOT_OPEN_TO_PROPOSALS % {"type": "Workshop"}) == (
        "Workshop sessions are not open to proposals."
    )
    assert CALL_NOT_YET_OPEN % {
        "type": "Workshop",
        "date": "1 March 2025",
        "time": "09:00",
    } == ("The call for Workshop proposals opens on 1 March 2025 at 09:00 UTC.")


# --- speakers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minimum", "people", "expected"),
    [
        pytest.param(3, speakers("female", "male", "female"), [], id="exactly_n"),
        pytest.param(
            3, speakers("female", "male", "female", "male"), [], id="n_plus_one"
        ),
        pytest.param(
            3,
            speakers("female", "male"),
            [Problem(PEOPLE, "List at least 3 speakers; this proposal has 2.")],
            id="n_minus_one",
        ),
        pytest.param(
            3,
            [*speakers("female", "male"), who(100, gender="female")],
            [Problem(PEOPLE, "List at least 3 speakers; this proposal has 2.")],
            id="same_person_twice_counts_once",
        ),
        pytest.param(
            3,
            [
                *speakers("female", "male"),
                who(1, role=ORGANIZER),
                who(2, role=ONSITE_MODERATOR),
            ],
            [Problem(PEOPLE, "List at least 3 speakers; this proposal has 2.")],
            id="other_roles_are_not_speakers",
        ),
        pytest.param(
            1,
            [],
            [Problem(PEOPLE, "List at least 1 speaker; this proposal has 0.")],
            id="singular_message",
        ),
        pytest.param(0, [], [], id="configured_off"),
    ],
)
def test_check_speaker_count(minimum, people, expected):
    rules = ProposalRules(min_speakers=minimum)

    assert check_speaker_count(people, rules=rules) == expected


def test_too_few_speakers_constant_is_the_exact_message():
    assert TOO_FEW_SPEAKERS % {"limit": 3, "found": 2} == (
        "List at least 3 speakers; this proposal has 2."
    )


# --- gender diversity -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("people", "diverse"),
    [
        pytest.param(speakers("female", "male"), True, id="female_and_male"),
        pytest.param(
            speakers("female", "non_binary"), True, id="female_and_non_binary"
        ),
        pytest.param(
            speakers("male", "self_described"), True, id="self_described_counts"
        ),
        pytest.param(speakers("female", "female", "female"), False, id="one_gender"),
        pytest.param(speakers("female", "", ""), False, id="undeclared_do_not_count"),
        pytest.param(
            speakers("female", Gender.UNDISCLOSED),
            False,
            id="prefer_not_to_say_does_not_count",
        ),
        pytest.param(
            [*speakers("female", "female"), who(1, role=ORGANIZER, gender="male")],
            False,
            id="organizers_are_not_speakers",
        ),
        pytest.param(
            [*speakers("female"), who(100, gender="female")],
            False,
            id="same_speaker_twice",
        ),
        pytest.param([], False, id="no_speakers"),
    ],
)
def test_check_gender_diversity(people, diverse):
    expected = [] if diverse else [Problem(PEOPLE, str(NO_GENDER_DIVERSITY))]

    assert check_gender_diversity(people, rules=RULES) == expected


def test_gender_diversity_configured_off():
    rules = ProposalRules(require_gender_diversity=False)

    assert check_gender_diversity(speakers("female", "female"), rules=rules) == []


def test_gender_diversity_message():
    assert str(NO_GENDER_DIVERSITY) == (
        "The speakers must include at least two different genders. Speakers whose "
        "gender is not given do not count."
    )


# --- onsite moderators and speakers -----------------------------------------------------

MODERATOR = who(1, role=ONSITE_MODERATOR)


@pytest.mark.parametrize(
    ("people", "delivery", "expected"),
    [
        pytest.param(
            [MODERATOR, *speakers("f", "m")],
            Delivery.HYBRID,
            [],
            id="one_moderator_two_speakers",
        ),
        pytest.param(
            [MODERATOR, *speakers("f", "m", "f")],
            Delivery.ONSITE,
            [],
            id="n_plus_one_speakers",
        ),
        pytest.param(
            [MODERATOR, *speakers("f"), who(7, presence=ONLINE)],
            Delivery.HYBRID,
            [
                Problem(
                    PEOPLE,
                    "List at least 2 speakers taking part onsite; this proposal has 1.",
                )
            ],
            id="online_speaker_does_not_count",
        ),
        pytest.param(
            [who(1, role=ONLINE_MODERATOR, presence=ONSITE), *speakers("f", "m")],
            Delivery.HYBRID,
            [
                Problem(
                    PEOPLE,
                    "List at least 1 onsite moderator taking part onsite; this proposal has 0.",
                )
            ],
            id="online_moderator_is_not_an_onsite_moderator",
        ),
        pytest.param(
            [who(1, role=ONSITE_MODERATOR, presence=ONLINE), *speakers("f", "m")],
            Delivery.HYBRID,
            [
                Problem(
                    PEOPLE,
                    "List at least 1 onsite moderator taking part onsite; this proposal has 0.",
                )
            ],
            id="moderator_online_does_not_count",
        ),
        pytest.param(
            speakers("f", presence=ONLINE),
            Delivery.ONLINE,
            [],
            id="online_only_session_needs_nobody_onsite",
        ),
    ],
)
def test_check_onsite_people(people, delivery, expected):
    assert check_onsite_people(people, delivery=delivery, rules=RULES) == expected


@pytest.mark.parametrize(
    ("moderators", "expected"),
    [
        pytest.param(2, [], id="exactly_n"),
        pytest.param(3, [], id="n_plus_one"),
        pytest.param(
            1,
            [
                Problem(
                    PEOPLE,
                    "List at least 2 onsite moderators taking part onsite; this proposal has 1.",
                )
            ],
            id="n_minus_one",
        ),
    ],
)
def test_check_onsite_moderators_boundaries(moderators, expected):
    rules = ProposalRules(min_onsite_moderators=2, min_onsite_speakers=0)
    people = [who(i, role=ONSITE_MODERATOR) for i in range(moderators)]

    assert (
        check_onsite_people(people, delivery=Delivery.HYBRID, rules=rules) == expected
    )


def test_onsite_rules_configured_off():
    rules = ProposalRules(min_onsite_moderators=0, min_onsite_speakers=0)

    assert (
        check_onsite_people(
            speakers("f", presence=ONLINE), delivery=Delivery.HYBRID, rules=rules
        )
        == []
    )


def test_onsite_messages_are_the_constants():
    assert TOO_FEW_ONSITE_MODERATORS % {"limit": 1, "found": 0} == (
        "List at least 1 onsite moderator taking part onsite; this proposal has 0."
    )
    assert TOO_FEW_ONSITE_SPEAKERS % {"limit": 2, "found": 1} == (
        "List at least 2 speakers taking part onsite; this proposal has 1."
    )


# --- sessions per person ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("elsewhere", "expected"),
    [
        pytest.param(0, [], id="first_session"),
        pytest.param(2, [], id="this_one_makes_exactly_n"),
        pytest.param(
            3,
            [
                Problem(
                    PEOPLE,
                    "Amara Mensah is already in 3 other sessions of this edition; a person "
                    "may take part in at most 3.",
                )
            ],
            id="this_one_would_make_n_plus_one",
        ),
    ],
)
def test_check_sessions_per_person(elsewhere, expected):
    people = [who(7, name="Amara Mensah"), who(8, name="Kwame Okafor")]
    counts = ProposalCounts(sessions_by_person={7: elsewhere})

    assert check_sessions_per_person(people, counts=counts, rules=RULES) == expected


def test_sessions_per_person_counts_someone_in_two_roles_once():
    people = [who(7, name="Amara Mensah"), who(7, role=ORGANIZER, name="Amara Mensah")]
    counts = ProposalCounts(sessions_by_person={7: 3})

    assert check_sessions_per_person(people, counts=counts, rules=RULES) == [
        Problem(
            PEOPLE, TOO_MANY_SESSIONS % {"name": "Amara Mensah", "found": 3, "limit": 3}
        )
    ]


def test_sessions_per_person_limit_is_configurable():
    rules = ProposalRules(max_sessions_per_person=5)
    counts = ProposalCounts(sessions_by_person={7: 4})

    assert check_sessions_per_person([who(7)], counts=counts, rules=rules) == []


# --- proposals per person ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("by_proposer", "expected"),
    [
        pytest.param(2, [], id="this_one_makes_exactly_n"),
        pytest.param(
            3,
            [
                Problem(
                    ALL,
                    "You already have 3 proposals for this edition; a person may make at "
                    "most 3.",
                )
            ],
            id="this_one_would_make_n_plus_one",
        ),
    ],
)
def test_check_proposals_per_person_for_the_proposer(by_proposer, expected):
    people = [who(1, role=ORGANIZER, is_proposer=True)]
    counts = ProposalCounts(
        proposals_by_proposer=by_proposer, proposals_by_organizer={1: 9}
    )

    # The proposer's own organizing is counted once, in ``proposals_by_proposer``.
    assert check_proposals_per_person(people, counts=counts, rules=RULES) == expected


@pytest.mark.parametrize(
    ("organizing", "expected"),
    [
        pytest.param(2, [], id="this_one_makes_exactly_n"),
        pytest.param(
            3,
            [
                Problem(
                    PEOPLE,
                    "Leila Haddad already organises 3 proposals for this edition; a person "
                    "may organise at most 3.",
                )
            ],
            id="this_one_would_make_n_plus_one",
        ),
    ],
)
def test_check_proposals_per_person_for_each_organizer(organizing, expected):
    people = [
        who(1, role=ORGANIZER, is_proposer=True),
        who(2, role=ORGANIZER, name="Leila Haddad"),
    ]
    counts = ProposalCounts(proposals_by_organizer={2: organizing})

    assert check_proposals_per_person(people, counts=counts, rules=RULES) == expected


def test_proposals_per_person_ignores_speakers():
    counts = ProposalCounts(proposals_by_organizer={2: 10})

    assert (
        check_proposals_per_person([who(2, role=SPEAKER)], counts=counts, rules=RULES)
        == []
    )


def test_proposals_per_person_limit_is_configurable():
    rules = ProposalRules(max_proposals_per_person=1)
    counts = ProposalCounts(proposals_by_proposer=1)

    assert check_proposals_per_person([], counts=counts, rules=rules) == [
        Problem(ALL, TOO_MANY_PROPOSALS_BY_YOU % {"found": 1, "limit": 1})
    ]


# --- proposals per institution ----------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "key"),
    [
        pytest.param("Digital Rights Watch", "digital rights watch", id="case"),
        pytest.param("  Digital Rights Watch ", "digital rights watch", id="trimmed"),
        pytest.param(
            "DIGITAL  rights\tWatch", "digital rights watch", id="inner_spaces"
        ),
        pytest.param("Straße Institut", "strasse institut", id="casefolded"),
        pytest.param("   ", "", id="blank"),
    ],
)
def test_institution_key(spelling, key):
    assert institution_key(spelling) == key


@pytest.mark.parametrize(
    ("existing", "expected"),
    [
        pytest.param(2, [], id="this_one_makes_exactly_n"),
        pytest.param(
            3,
            [
                Problem(
                    PEOPLE,
                    "Digital Rights Watch already has 3 proposals for this edition; an "
                    "institution may have at most 3.",
                )
            ],
            id="this_one_would_make_n_plus_one",
        ),
    ],
)
def test_check_proposals_per_institution(existing, expected):
    people = [
        who(1, role=ORGANIZER, organisation=" Digital Rights Watch"),
        who(2, role=ORGANIZER, organisation="digital rights WATCH"),
    ]
    counts = ProposalCounts(proposals_by_institution={"digital rights watch": existing})

    assert (
        check_proposals_per_institution(people, counts=counts, rules=RULES) == expected
    )


def test_proposals_per_institution_counts_organizers_only():
    people = [who(1, role=SPEAKER, organisation="Digital Rights Watch")]
    counts = ProposalCounts(proposals_by_institution={"digital rights watch": 5})

    assert check_proposals_per_institution(people, counts=counts, rules=RULES) == []


def test_proposals_per_institution_limit_is_configurable():
    rules = ProposalRules(max_proposals_per_institution=10)
    people = [who(1, role=ORGANIZER, organisation="Digital Rights Watch")]
    counts = ProposalCounts(proposals_by_institution={"digital rights watch": 9})

    assert check_proposals_per_institution(people, counts=counts, rules=rules) == []


def test_institution_message_constant():
    assert TOO_MANY_PROPOSALS_BY_INSTITUTION % {
        "organisation": "ACME",
        "found": 3,
        "limit": 3,
    } == (
        "ACME already has 3 proposals for this edition; an institution may have at most 3."
    )
    assert TOO_MANY_PROPOSALS_BY_ORGANIZER % {
        "name": "Ana",
        "found": 3,
        "limit": 3,
    } == (
        "Ana already organises 3 proposals for this edition; a person may organise at most 3."
    )


# --- MAG members, missing reports, the proposer's profile ------------------------------


@pytest.mark.parametrize(
    ("is_mag_member", "allowed", "expected"),
    [
        pytest.param(
            True, False, [Problem(ALL, MAG_MEMBERS_MAY_NOT_SUBMIT)], id="mag_refused"
        ),
        pytest.param(True, True, [], id="mag_allowed_this_edition"),
        pytest.param(False, False, [], id="not_mag"),
    ],
)
def test_check_mag_member(is_mag_member, allowed, expected):
    rules = ProposalRules(mag_members_may_submit=allowed)

    assert check_mag_member(is_mag_member=is_mag_member, rules=rules) == expected


def test_mag_message():
    assert str(MAG_MEMBERS_MAY_NOT_SUBMIT) == (
        "Members of the MAG may not submit session proposals for this edition."
    )


@pytest.mark.parametrize(
    ("people", "missing", "required", "expected"),
    [
        pytest.param(
            [who(1, role=ORGANIZER, name="Yusuf Rahman")],
            {1},
            True,
            [
                Problem(
                    PEOPLE,
                    "Yusuf Rahman has not filed the report of a session they organised last "
                    "year; their new proposals are blocked until it is filed.",
                )
            ],
            id="organizer_owes_a_report",
        ),
        pytest.param(
            [who(1, role=SPEAKER)], {1}, True, [], id="speakers_are_not_blocked"
        ),
        pytest.param([who(1, role=ORGANIZER)], set(), True, [], id="nobody_owes"),
        pytest.param([who(1, role=ORGANIZER)], {1}, False, [], id="configured_off"),
    ],
)
def test_check_previous_reports(people, missing, required, expected):
    rules = ProposalRules(require_previous_reports=required)

    assert (
        check_previous_reports(people, organizers_missing_reports=missing, rules=rules)
        == expected
    )
    if expected:
        assert expected[0].message == MISSING_REPORT % {"name": "Yusuf Rahman"}


@pytest.mark.parametrize(
    ("has_person", "name", "stakeholder", "regional", "complete"),
    [
        pytest.param(
            False, "Ana Silva", "civil_society", "grulac", True, id="complete_profile"
        ),
        pytest.param(True, "", "", "", True, id="already_a_person"),
        pytest.param(False, " ", "civil_society", "grulac", False, id="no_name"),
        pytest.param(
            False, "Ana Silva", "", "grulac", False, id="no_stakeholder_group"
        ),
        pytest.param(
            False, "Ana Silva", "civil_society", "", False, id="no_regional_group"
        ),
    ],
)
def test_check_profile(has_person, name, stakeholder, regional, complete):
    expected = [] if complete else [Problem(ALL, str(PROFILE_INCOMPLETE))]

    assert (
        check_profile(
            has_person=has_person,
            name=name,
            stakeholder_group=stakeholder,
            regional_group=regional,
        )
        == expected
    )


# --- all rules together -----------------------------------------------------------------

GOOD_PEOPLE = [
    who(1, role=ORGANIZER, is_proposer=True, organisation="Open Networks Collective"),
    who(2, role=ONSITE_MODERATOR),
    who(3, gender="female"),
    who(4, gender="male"),
    who(5, gender="", presence=ONLINE),
]


def test_check_proposal_passes_a_proposal_meeting_every_rule():
    assert (
        check_proposal(
            GOOD_PEOPLE, delivery=Delivery.HYBRID, rules=RULES, counts=ProposalCounts()
        )
        == []
    )


def test_check_proposal_lists_every_broken_rule_in_form_order():
    people = [
        who(1, role=ORGANIZER, is_proposer=True, name="Ana"),
        who(3, gender="female"),
    ]
    counts = ProposalCounts(proposals_by_proposer=3, sessions_by_person={3: 3})

    problems = check_proposal(
        people,
        delivery=Delivery.HYBRID,
        rules=RULES,
        counts=counts,
        organizers_missing_reports={1},
    )

    assert [p.message for p in problems] == [
        "List at least 3 speakers; this proposal has 1.",
        str(NO_GENDER_DIVERSITY),
        "List at least 1 onsite moderator taking part onsite; this proposal has 0.",
        "List at least 2 speakers taking part onsite; this proposal has 1.",
        TOO_MANY_SESSIONS % {"name": "Person 3", "found": 3, "limit": 3},
        TOO_MANY_PROPOSALS_BY_YOU % {"found": 3, "limit": 3},
        MISSING_REPORT % {"name": "Ana"},
    ]


def test_check_proposal_with_every_rule_configured_off():
    rules = ProposalRules(
        min_speakers=0,
        require_gender_diversity=False,
        min_onsite_moderators=0,
        min_onsite_speakers=0,
        max_sessions_per_person=99,
        max_proposals_per_person=99,
        max_proposals_per_institution=99,
        require_previous_reports=False,
    )

    assert (
        check_proposal(
            [who(1, role=ORGANIZER, is_proposer=True)],
            delivery=Delivery.HYBRID,
            rules=rules,
            counts=ProposalCounts(proposals_by_proposer=50),
            organizers_missing_reports={1},
        )
        == []
    )


def test_proposal_rules_read_the_editions_model_values():
    model = ProgrammeRules(
        min_speakers=4, mag_members_may_submit=True, max_sessions_per_person=2
    )

    rules = ProposalRules.from_model(model)

    assert (
        rules.min_speakers,
        rules.mag_members_may_submit,
        rules.max_sessions_per_person,
    ) == (
        4,
        True,
        2,
    )
    assert rules.min_onsite_speakers == 2


# --- the services (database) ------------------------------------------------------------

NOW = dt.datetime(2030, 3, 15, 12, 0, tzinfo=UTC)


@pytest.fixture
def workshop(home_page):
    edition = ForumEditionPageFactory(slug="igf2030", title="IGF 2030", year=2030)
    return SessionTypeFactory(
        edition=edition,
        name="Workshop",
        prefix="WS",
        allowed_durations=[60, 90],
        is_open_for_proposals=True,
        call_opens_at=dt.datetime(2030, 3, 1, tzinfo=UTC),
        call_closes_at=dt.datetime(2030, 5, 30, 23, 59, tzinfo=UTC),
    )


@pytest.fixture
def proposer(db):
    return UserFactory(
        name="Amina Diallo",
        organisation="Open Networks Collective",
        stakeholder_group=StakeholderGroup.CIVIL_SOCIETY,
        regional_group=RegionalGroup.AFRICAN,
        country="SN",
        gender=Gender.FEMALE,
    )


def row(
    name, role=SPEAKER, presence=ONSITE, gender="", organisation="Digital Rights Watch"
):
    return PersonRow(
        name=name,
        organisation=organisation,
        stakeholder_group=StakeholderGroup.TECHNICAL,
        regional_group=RegionalGroup.WEOG,
        country="NO",
        gender=gender,
        role=role,
        presence=presence,
    )


def good_rows(suffix=""):
    """A moderator and three speakers (two onsite, of two genders) meeting every rule."""
    return [
        row(f"Kwame Mensah{suffix}", role=ONSITE_MODERATOR),
        row(f"Ingrid Berg{suffix}", gender="female"),
        row(f"Lucas Silva{suffix}", gender="male"),
        row(f"Mei Chen{suffix}", gender="", presence=ONLINE),
    ]


GOOD_ROWS = good_rows()

CONTENT = ProposalContent(
    title="Data governance for all",
    description="Who decides how data flows.",
    policy_questions="Who decides?\nWho is left out?",
    sdgs=[9, 16],
    languages=["en", "fr"],
    delivery=Delivery.HYBRID,
    duration_minutes=90,
    expected_attendance=80,
)


def submit(workshop, by, people=GOOD_ROWS, **kwargs):
    kwargs.setdefault("now", NOW)
    return submit_proposal(
        edition=workshop.edition,
        session_type=workshop,
        by=by,
        content=kwargs.pop("content", CONTENT),
        people=people,
        **kwargs,
    )


def people_of(session):
    return [
        (p.person.name, p.role, p.presence)
        for p in session.participants.select_related("person").order_by("sort_order")
    ]


@pytest.mark.django_db
def test_submit_proposal_saves_a_numbered_proposal_with_its_people(workshop, proposer):
    session = submit(workshop, proposer)

    session.refresh_from_db()
    assert (session.code, session.status, session.submitted_at, session.proposer) == (
        "WS #1",
        SessionStatus.PROPOSED,
        NOW,
        proposer,
    )
    assert (
        session.title,
        session.sdgs,
        session.languages,
        session.duration_minutes,
    ) == (
        "Data governance for all",
        [9, 16],
        ["en", "fr"],
        90,
    )
    assert people_of(session) == [
        ("Amina Diallo", ORGANIZER, ONSITE),
        ("Kwame Mensah", ONSITE_MODERATOR, ONSITE),
        ("Ingrid Berg", SPEAKER, ONSITE),
        ("Lucas Silva", SPEAKER, ONSITE),
        ("Mei Chen", SPEAKER, ONLINE),
    ]


@pytest.mark.django_db
def test_submit_proposal_links_the_proposer_to_a_person_made_from_their_profile(
    workshop, proposer
):
    submit(workshop, proposer)
    submit(workshop, proposer)

    person = Person.objects.get(user=proposer)
    assert (
        person.name,
        person.organisation,
        person.stakeholder_group,
        person.regional_group,
        person.country.code,
        person.gender,
    ) == (
        "Amina Diallo",
        "Open Networks Collective",
        "civil_society",
        "african",
        "SN",
        "female",
    )


@pytest.mark.django_db
def test_submit_proposal_reuses_people_of_exactly_the_same_name_and_organisation(
    workshop, proposer
):
    known = PersonFactory(
        name="Ingrid Berg", organisation="Digital Rights Watch", gender=""
    )
    namesake = PersonFactory(name="Lucas Silva", organisation="Another Organisation")

    session = submit(workshop, proposer)

    ingrid = session.participants.get(person__name="Ingrid Berg").person
    lucas = session.participants.get(person__name="Lucas Silva").person
    assert ingrid.pk == known.pk
    assert ingrid.gender == "female"  # a blank detail is filled in from the row
    assert lucas.pk != namesake.pk
    assert Person.objects.filter(name="Lucas Silva").count() == 2


@pytest.mark.django_db
def test_submit_proposal_keeps_a_known_persons_recorded_gender(workshop, proposer):
    PersonFactory(
        name="Ingrid Berg", organisation="Digital Rights Watch", gender="male"
    )
    rows = [*GOOD_ROWS[:1], row("Ingrid Berg", gender="female"), *GOOD_ROWS[2:]]

    with pytest.raises(ProposalRejected) as rejected:
        submit(workshop, proposer, people=rows)

    assert rejected.value.problems == [Problem(PEOPLE, str(NO_GENDER_DIVERSITY))]


@pytest.mark.django_db
def test_a_new_person_on_two_rows_is_created_once(workshop, proposer):
    rows = [*GOOD_ROWS, row("Mei Chen", role=PersonRole.RAPPORTEUR, presence=ONLINE)]

    session = submit(workshop, proposer, people=rows)

    assert Person.objects.filter(name="Mei Chen").count() == 1
    assert people_of(session)[-1] == ("Mei Chen", PersonRole.RAPPORTEUR, ONLINE)


@pytest.mark.django_db
def test_a_rejected_proposal_saves_nothing(workshop, proposer):
    with pytest.raises(ProposalRejected) as rejected:
        submit(workshop, proposer, people=GOOD_ROWS[:2])

    assert [p.message for p in rejected.value.problems] == [
        "List at least 3 speakers; this proposal has 1.",
        str(NO_GENDER_DIVERSITY),
        "List at least 2 speakers taking part onsite; this proposal has 1.",
    ]
    assert SessionPage.objects.count() == 0
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_a_draft_skips_the_rules(workshop, proposer):
    session = submit(workshop, proposer, people=[], as_draft=True)

    session.refresh_from_db()
    assert (session.code, session.status, session.submitted_at) == (
        "WS #1",
        "draft",
        None,
    )
    assert people_of(session) == [("Amina Diallo", ORGANIZER, ONSITE)]


@pytest.mark.django_db
def test_no_proposal_or_draft_after_the_call_closed(workshop, proposer):
    too_late = dt.datetime(2030, 5, 31, 0, 0, tzinfo=UTC)

    for as_draft in (False, True):
        with pytest.raises(ProposalRejected) as rejected:
            submit(workshop, proposer, now=too_late, as_draft=as_draft)
        assert rejected.value.problems == [
            Problem(
                SESSION_TYPE,
                "The call for Workshop proposals closed on 30 May 2030 at 23:59 UTC.",
            )
        ]
    assert SessionPage.objects.count() == 0


@pytest.mark.django_db
def test_mag_members_may_not_submit_unless_the_edition_allows(workshop):
    member = UserFactory(
        roles=[roles.MAG_MEMBER], stakeholder_group="government", regional_group="weog"
    )

    with pytest.raises(ProposalRejected) as rejected:
        submit(workshop, member, as_draft=True)
    assert rejected.value.problems == [Problem(ALL, MAG_MEMBERS_MAY_NOT_SUBMIT)]

    rules = ProgrammeRules.for_edition(workshop.edition)
    rules.mag_members_may_submit = True
    rules.save()
    assert submit(workshop, member).status == SessionStatus.PROPOSED


@pytest.mark.django_db
def test_rules_are_read_from_the_edition(workshop, proposer):
    rules = ProgrammeRules.for_edition(workshop.edition)
    rules.min_speakers = 1
    rules.require_gender_diversity = False
    rules.min_onsite_moderators = 0
    rules.min_onsite_speakers = 0
    rules.save()

    session = submit(workshop, proposer, people=[row("Ingrid Berg")])

    assert session.status == SessionStatus.PROPOSED


@pytest.mark.parametrize(
    ("status", "counts"),
    [
        pytest.param(SessionStatus.PROPOSED, True, id="proposed"),
        pytest.param(SessionStatus.ACCEPTED, True, id="accepted"),
        pytest.param(SessionStatus.SCHEDULED, True, id="scheduled"),
        pytest.param(SessionStatus.DRAFT, False, id="draft"),
        pytest.param(SessionStatus.DECLINED, False, id="declined"),
        pytest.param(SessionStatus.MERGED, False, id="merged"),
        pytest.param(SessionStatus.CANCELLED, False, id="cancelled"),
    ],
)
@pytest.mark.django_db
def test_sessions_per_person_counts_sessions_still_on(
    workshop, proposer, status, counts
):
    ingrid = PersonFactory(
        name="Ingrid Berg", organisation="Digital Rights Watch", gender="female"
    )
    for n, session_status in enumerate(
        [SessionStatus.ACCEPTED, SessionStatus.ACCEPTED, status]
    ):
        SessionPageFactory(
            session_type=workshop,
            people=[ingrid],
            status=session_status,
            title=f"Earlier {n}",
        )

    if counts:
        with pytest.raises(ProposalRejected) as rejected:
            submit(workshop, proposer)
        assert rejected.value.problems == [
            Problem(
                PEOPLE,
                TOO_MANY_SESSIONS % {"name": "Ingrid Berg", "found": 3, "limit": 3},
            )
        ]
    else:
        assert submit(workshop, proposer).status == SessionStatus.PROPOSED


@pytest.mark.django_db
def test_sessions_of_another_edition_do_not_count(workshop, proposer):
    ingrid = PersonFactory(
        name="Ingrid Berg", organisation="Digital Rights Watch", gender="female"
    )
    other_year = SessionTypeFactory(
        edition=ForumEditionPageFactory(), name="Workshop", prefix="WS"
    )
    for n in range(3):
        SessionPageFactory(
            session_type=other_year, people=[ingrid], title=f"Last year {n}"
        )

    assert submit(workshop, proposer).status == SessionStatus.PROPOSED


@pytest.mark.django_db
def test_the_proposers_fourth_proposal_is_refused(workshop, proposer):
    for n in range(3):
        submit(workshop, proposer, people=good_rows(f" {n}"))

    with pytest.raises(ProposalRejected) as rejected:
        submit(workshop, proposer)

    # As their organizer, the proposer is also in three sessions already, and so is
    # their institution: each limit is named.
    assert rejected.value.problems == [
        Problem(
            PEOPLE, TOO_MANY_SESSIONS % {"name": "Amina Diallo", "found": 3, "limit": 3}
        ),
        Problem(ALL, TOO_MANY_PROPOSALS_BY_YOU % {"found": 3, "limit": 3}),
        Problem(
            PEOPLE,
            TOO_MANY_PROPOSALS_BY_INSTITUTION
            % {"organisation": "Open Networks Collective", "found": 3, "limit": 3},
        ),
    ]
    assert SessionPage.objects.count() == 3


@pytest.mark.django_db
def test_proposals_per_institution_compare_organisations_loosely(workshop, proposer):
    for n in range(3):
        someone = UserFactory(
            stakeholder_group="civil_society",
            regional_group="african",
            organisation=f"Org {n}",
        )
        rows = [*good_rows(f" {n}"), row(f"Co-organizer {n}", role=ORGANIZER)]
        submit(workshop, someone, people=rows)

    rows = [
        *GOOD_ROWS,
        row("Amal Haddad", role=ORGANIZER, organisation="  digital RIGHTS watch "),
    ]
    with pytest.raises(ProposalRejected) as rejected:
        submit(workshop, proposer, people=rows)

    assert rejected.value.problems == [
        Problem(
            PEOPLE,
            TOO_MANY_PROPOSALS_BY_INSTITUTION
            % {"organisation": "digital RIGHTS watch", "found": 3, "limit": 3},
        )
    ]


@pytest.mark.django_db
def test_an_organizer_listed_on_three_other_proposals_is_refused_a_fourth(
    workshop, proposer
):
    rules = ProgrammeRules.for_edition(workshop.edition)
    rules.max_sessions_per_person = 10
    rules.max_proposals_per_institution = 10
    rules.save()
    leila = row("Leila Haddad", role=ORGANIZER, organisation="Haddad Lab")
    for n in range(3):
        someone = UserFactory(
            stakeholder_group="civil_society",
            regional_group="african",
            organisation=f"Org {n}",
        )
        submit(workshop, someone, people=[*good_rows(f" {n}"), leila])

    with pytest.raises(ProposalRejected) as rejected:
        submit(workshop, proposer, people=[*GOOD_ROWS, leila])

    assert rejected.value.problems == [
        Problem(
            PEOPLE,
            TOO_MANY_PROPOSALS_BY_ORGANIZER
            % {"name": "Leila Haddad", "found": 3, "limit": 3},
        )
    ]


@pytest.mark.django_db
def test_missing_reports_block_nobody_without_a_previous_edition(workshop):
    # Owing a report needs a session of the previous edition (tests/outcomes covers it).
    assert proposals.organizers_missing_reports(workshop.edition) == frozenset()


@pytest.mark.django_db
def test_update_proposal_saves_new_content_and_people(workshop, proposer):
    session = submit(workshop, proposer)
    rows = [*GOOD_ROWS, row("Aiko Sato", gender="female")]
    content = ProposalContent(
        **{**CONTENT.as_fields(), "title": "Data governance, revisited"}
    )

    update_proposal(session=session, by=proposer, content=content, people=rows, now=NOW)

    session.refresh_from_db()
    assert (session.title, session.code, session.status, session.submitted_at) == (
        "Data governance, revisited",
        "WS #1",
        SessionStatus.PROPOSED,
        NOW,
    )
    assert people_of(session)[-1] == ("Aiko Sato", SPEAKER, ONSITE)
    assert session.participants.count() == 6


@pytest.mark.django_db
def test_update_proposal_leaves_the_proposal_itself_out_of_the_counts(
    workshop, proposer
):
    sessions = [submit(workshop, proposer) for _ in range(3)]

    update_proposal(
        session=sessions[2], by=proposer, content=CONTENT, people=GOOD_ROWS, now=NOW
    )

    assert SessionPage.objects.filter(status=SessionStatus.PROPOSED).count() == 3


@pytest.mark.django_db
def test_a_draft_is_submitted_by_updating_it(workshop, proposer):
    draft = submit(workshop, proposer, people=[], as_draft=True)
    later = NOW + dt.timedelta(days=1)

    update_proposal(
        session=draft, by=proposer, content=CONTENT, people=GOOD_ROWS, now=later
    )

    draft.refresh_from_db()
    assert (draft.status, draft.submitted_at) == (SessionStatus.PROPOSED, later)


@pytest.mark.django_db
def test_a_submitted_proposal_cannot_go_back_to_draft(workshop, proposer):
    session = submit(workshop, proposer)

    with pytest.raises(ProposalRejected):
        update_proposal(
            session=session,
            by=proposer,
            content=CONTENT,
            people=[],
            as_draft=True,
            now=NOW,
        )

    session.refresh_from_db()
    assert session.status == SessionStatus.PROPOSED
    assert session.participants.count() == 5


@pytest.mark.django_db
def test_update_proposal_refused_after_the_call_closed(workshop, proposer):
    session = submit(workshop, proposer)
    content = ProposalContent(**{**CONTENT.as_fields(), "title": "Too late"})

    with pytest.raises(ProposalRejected) as rejected:
        update_proposal(
            session=session,
            by=proposer,
            content=content,
            people=GOOD_ROWS,
            now=dt.datetime(2030, 6, 1, tzinfo=UTC),
        )

    assert rejected.value.problems == [
        Problem(
            ALL, "The call for Workshop proposals closed on 30 May 2030 at 23:59 UTC."
        )
    ]
    session.refresh_from_db()
    assert session.title == "Data governance for all"


@pytest.mark.django_db
def test_update_proposal_refused_to_anyone_but_the_proposer(workshop, proposer):
    session = submit(workshop, proposer)
    someone_else = UserFactory(stakeholder_group="government", regional_group="weog")

    with pytest.raises(ProposalRejected) as rejected:
        update_proposal(
            session=session, by=someone_else, content=CONTENT, people=GOOD_ROWS, now=NOW
        )

    assert rejected.value.problems == [Problem(ALL, str(NOT_YOUR_PROPOSAL))]


@pytest.mark.django_db
def test_a_decided_proposal_can_no_longer_be_changed(workshop, proposer):
    session = submit(workshop, proposer)
    SessionPage.objects.filter(pk=session.pk).update(status=SessionStatus.ACCEPTED)
    session.refresh_from_db()

    with pytest.raises(ProposalRejected) as rejected:
        update_proposal(
            session=session, by=proposer, content=CONTENT, people=GOOD_ROWS, now=NOW
        )

    assert rejected.value.problems == [
        Problem(ALL, "This proposal is accepted and can no longer be changed.")
    ]
