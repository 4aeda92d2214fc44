import csv
import io

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from igfplus import roles
from sessions.enums import DecisionOutcome, PersonRole, SessionStatus
from sessions.models import (
    ConflictOfInterest,
    Decision,
    ProgrammeRules,
    Rating,
    ReviewAssignment,
    Screening,
)
from sessions.services.sessions import ParticipantSpec
from tests.factories import (
    EditionThemeFactory,
    PersonFactory,
    UserFactory,
)
from tests.factories.evaluation import (
    DecisionFactory,
    ForumEditionPageFactory,
    MAGMemberFactory,
    ProposalFactory,
    RatingFactory,
    ReviewAssignmentFactory,
    ScreeningFactory,
)
from tests.factories.programme import SessionTypeFactory


@pytest.fixture
def edition(home_page):
    edition = ForumEditionPageFactory(title="IGF 2030", slug="igf2030")
    ProgrammeRules.objects.create(
        edition=edition, reviews_per_proposal=2, blind_review=True
    )
    return edition


@pytest.fixture
def workshop(edition):
    return SessionTypeFactory(edition=edition, name="Workshop", prefix="WS")


@pytest.fixture
def member(give_totp):
    return give_totp(MAGMemberFactory(name="Ana Silva", username="ana"))


@pytest.fixture
def secretariat(give_totp):
    return give_totp(UserFactory(name="Sam Secretariat", roles=[roles.SECRETARIAT]))


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def member_client(member):
    return client_for(member)


@pytest.fixture
def secretariat_client(secretariat):
    return client_for(secretariat)


def screened_in(workshop, **kwargs):
    proposal = ProposalFactory(session_type=workshop, **kwargs)
    ScreeningFactory(session=proposal, passed=True)
    return proposal


def messages_of(response) -> list[str]:
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def url(name: str, edition, session=None) -> str:
    args = (edition.pk,) if session is None else (edition.pk, session.pk)
    return reverse(f"evaluation:{name}", args=args)


# --------------------------------------------------------------------------------------
# Who may see what
# --------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "shown"),
    [
        (roles.MAG_MEMBER, True),
        (roles.SECRETARIAT, True),
        (roles.NRI_COORDINATOR, False),
        (roles.INTERSESSIONAL_FACILITATOR, False),
    ],
)
def test_menu_shows_proposal_evaluation_to_evaluating_roles(
    home_page, give_totp, role, shown
):
    client = client_for(give_totp(UserFactory(roles=[role])))

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert (reverse("evaluation:index") in response.content.decode()) is shown


SESSION_PAGES = {"rate", "conflict", "screen", "decide"}
REFUSED = [
    (roles.MAG_MEMBER, "screening"),
    (roles.MAG_MEMBER, "screen"),
    (roles.MAG_MEMBER, "progress"),
    (roles.MAG_MEMBER, "ranking"),
    (roles.MAG_MEMBER, "decide"),
    (roles.MAG_MEMBER, "export"),
    (roles.SECRETARIAT, "reviews"),
    (roles.SECRETARIAT, "rate"),
    (roles.SECRETARIAT, "conflict"),
    (roles.NRI_COORDINATOR, "index"),
    (roles.NRI_COORDINATOR, "reviews"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "name"), REFUSED)
def test_pages_refuse_roles_without_the_permission(give_totp, workshop, role, name):
    user = give_totp(UserFactory(roles=[role]))
    proposal = screened_in(workshop)
    ReviewAssignmentFactory(reviewer=user, session=proposal)
    address = (
        reverse("evaluation:index")
        if name == "index"
        else url(name, workshop.edition, proposal if name in SESSION_PAGES else None)
    )

    response = client_for(user).get(address)

    assert (response.status_code, response["Location"]) == (
        302,
        reverse("wagtailadmin_home"),
    )
    assert messages_of(response) == [
        "Sorry, you do not have permission to access this area."
    ]


@pytest.mark.django_db
def test_mag_member_cannot_run_the_assignment(member_client, workshop):
    screened_in(workshop)

    response = member_client.post(url("assign", workshop.edition))

    assert response["Location"] == reverse("wagtailadmin_home")
    assert not ReviewAssignment.objects.exists()


@pytest.mark.django_db
def test_visitor_is_sent_to_sign_in(client, workshop):
    response = client.get(url("ranking", workshop.edition))

    address = url("ranking", workshop.edition)
    assert (response.status_code, response["Location"]) == (
        302,
        f"{reverse('account_login')}?next={address}",
    )


@pytest.mark.django_db
def test_index_lists_editions_with_proposals_and_my_progress(
    member_client, member, workshop
):
    ForumEditionPageFactory(title="IGF 2031")  # no proposals: not listed
    first, _second = screened_in(workshop), screened_in(workshop)
    RatingFactory(assignment__reviewer=member, assignment__session=first)
    ReviewAssignmentFactory(reviewer=member, session=_second)

    response = member_client.get(reverse("evaluation:index"))

    assert [(e.title, e.proposal_count) for e in response.context["editions"]] == [
        ("IGF 2030", 2)
    ]
    assert "1 of 2 rated" in response.content.decode()
    assert url("ranking", workshop.edition) not in response.content.decode()


# --------------------------------------------------------------------------------------
# A MAG member's list and ratings
# --------------------------------------------------------------------------------------


def organized_by(user_name: str, organisation: str):
    return [
        ParticipantSpec(
            person=PersonFactory(name=user_name, organisation=organisation),
            role=PersonRole.ORGANIZER,
        )
    ]


@pytest.mark.django_db
def test_review_list_shows_only_my_proposals_with_progress(
    member_client, member, workshop
):
    mine_rated = screened_in(workshop, title="Rated by me")
    mine_open = screened_in(workshop, title="Still to rate")
    others = screened_in(workshop, title="Someone else's")
    RatingFactory(assignment__reviewer=member, assignment__session=mine_rated, score=4)
    ReviewAssignmentFactory(reviewer=member, session=mine_open)
    ReviewAssignmentFactory(session=others)

    response = member_client.get(url("reviews", workshop.edition))

    page = response.content.decode()
    assert [a.session.title for a in response.context["assignments"]] == [
        "Rated by me",
        "Still to rate",
    ]
    assert "You have rated 1 of 2 proposals." in page
    assert '<progress aria-labelledby="review-progress" value="1" max="2">' in page
    assert "Someone else" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("blind", [True, False], ids=["blind", "open"])
def test_review_list_hides_organizers_under_blind_review(
    member_client, member, workshop, blind
):
    ProgrammeRules.objects.filter(edition=workshop.edition).update(blind_review=blind)
    proposal = screened_in(
        workshop,
        by=UserFactory(name="Pia Proposer"),
        participants=organized_by("Olu Organizer", "Open Net Lab"),
    )
    ReviewAssignmentFactory(reviewer=member, session=proposal)

    page = member_client.get(url("reviews", workshop.edition)).content.decode()
    rate_page = member_client.get(
        url("rate", workshop.edition, proposal)
    ).content.decode()

    for name in ("Pia Proposer", "Olu Organizer", "Open Net Lab"):
        assert (name in page) is not blind
        assert (name in rate_page) is not blind


@pytest.mark.django_db
def test_member_rates_an_assigned_proposal(member_client, member, workshop):
    proposal = screened_in(workshop)
    other = screened_in(workshop)
    ReviewAssignmentFactory(reviewer=member, session=proposal)

    response = member_client.post(
        url("rate", workshop.edition, proposal),
        {"score": "5", "comment": "Diverse speakers.", "merge_with": other.pk},
    )

    assert response["Location"] == url("reviews", workshop.edition)
    assert messages_of(response) == ["Your rating of WS #1 is saved."]
    rating = Rating.objects.get()
    assert (
        rating.assignment.reviewer,
        rating.score,
        rating.comment,
        rating.merge_with,
    ) == (
        member,
        5,
        "Diverse speakers.",
        other,
    )


@pytest.mark.django_db
def test_rating_form_shows_the_current_rating(member_client, member, workshop):
    proposal = screened_in(workshop)
    RatingFactory(assignment__reviewer=member, assignment__session=proposal, score=2)

    response = member_client.get(url("rate", workshop.edition, proposal))

    assert response.context["form"].initial == {
        "score": 2,
        "comment": "",
        "merge_with": None,
    }
    assert 'value="2" required id="id_score_1" checked>' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "score", ["0", "6", "", "four"], ids=["zero", "six", "empty", "text"]
)
def test_rating_form_refuses_scores_outside_one_to_five(
    member_client, member, workshop, score
):
    proposal = screened_in(workshop)
    ReviewAssignmentFactory(reviewer=member, session=proposal)

    response = member_client.post(
        url("rate", workshop.edition, proposal), {"score": score}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "score": ["Give a score from 1 (serious problems) to 5 (must be accepted)."]
    }
    assert "Give a score from 1 (serious problems) to 5 (must be accepted)." in (
        response.content.decode()
    )
    assert not Rating.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_member_cannot_open_or_rate_an_unassigned_proposal(
    member_client, workshop, method
):
    proposal = screened_in(workshop)
    ReviewAssignmentFactory(session=proposal)  # another member's

    response = getattr(member_client, method)(
        url("rate", workshop.edition, proposal),
        {"score": "5"} if method == "post" else {},
    )

    assert response.status_code == 404
    assert not Rating.objects.exists()


@pytest.mark.django_db
def test_member_declares_a_conflict_and_the_review_moves_on(
    member_client, member, workshop
):
    colleague = MAGMemberFactory(name="Ben Okafor")
    proposal = screened_in(workshop)
    ReviewAssignmentFactory(reviewer=member, session=proposal)

    response = member_client.post(
        url("conflict", workshop.edition, proposal),
        {"reason": "I advise the organizer."},
    )

    assert response["Location"] == url("reviews", workshop.edition)
    assert messages_of(response) == [
        "Conflict of interest declared: WS #1 has left your list."
    ]
    assert list(ReviewAssignment.objects.values_list("reviewer", flat=True)) == [
        colleague.pk
    ]
    assert ConflictOfInterest.objects.get().reason == "I advise the organizer."
    assert member_client.get(url("rate", workshop.edition, proposal)).status_code == 404


# --------------------------------------------------------------------------------------
# The secretariat: screening, assignment, progress, ranking, decisions, export
# --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_screening_list_shows_each_proposals_screening(secretariat_client, workshop):
    ProposalFactory(session_type=workshop)
    screened_in(workshop)
    ScreeningFactory(
        session=ProposalFactory(session_type=workshop),
        passed=False,
        reasons="No speakers.",
    )

    response = secretariat_client.get(url("screening", workshop.edition))

    page = response.content.decode()
    assert [p.code for p in response.context["proposals"]] == [
        "WS #1",
        "WS #2",
        "WS #3",
    ]
    assert (
        page.index("Not screened")
        < page.index("Passed")
        < page.index("Failed: No speakers.")
    )


@pytest.mark.django_db
def test_secretariat_fails_a_proposal_only_with_reasons(secretariat_client, workshop):
    proposal = ProposalFactory(session_type=workshop)

    refused = secretariat_client.post(
        url("screen", workshop.edition, proposal), {"passed": "no"}
    )
    saved = secretariat_client.post(
        url("screen", workshop.edition, proposal),
        {"passed": "no", "reasons": "Fewer than 3 speakers."},
    )

    assert refused.context["form"].errors == {
        "reasons": ["Give the reasons why the proposal fails screening."]
    }
    assert saved["Location"] == url("screening", workshop.edition)
    assert messages_of(saved) == ["Screening of WS #1 saved."]
    screening = Screening.objects.get()
    assert (screening.passed, screening.reasons) == (False, "Fewer than 3 speakers.")


@pytest.mark.django_db
def test_secretariat_assigns_reviewers_and_hears_about_shortfalls(
    secretariat_client, workshop
):
    ana = MAGMemberFactory(name="Ana")
    MAGMemberFactory(name="Ben")
    screened_in(workshop)
    screened_in(workshop, by=ana)  # only Ben may review it

    response = secretariat_client.post(url("assign", workshop.edition))

    assert response["Location"] == url("progress", workshop.edition)
    assert messages_of(response) == [
        "New review assignments: 3.",
        "Too few eligible MAG members to review: WS #2.",
    ]
    assert ReviewAssignment.objects.count() == 3


@pytest.mark.django_db
def test_progress_page_counts_per_evaluator(secretariat_client, member, workshop):
    first, second = screened_in(workshop), screened_in(workshop)
    RatingFactory(assignment__reviewer=member, assignment__session=first)
    ReviewAssignmentFactory(reviewer=member, session=second)

    response = secretariat_client.get(url("progress", workshop.edition))

    assert [(p.name, p.rated, p.assigned) for p in response.context["progress"]] == [
        ("Ana Silva", 1, 2)
    ]
    assert [(u.code, u.reviewers) for u in response.context["understaffed"]] == [
        ("WS #1", 1),
        ("WS #2", 1),
    ]
    assert '<progress value="1" max="2" aria-label="Progress of Ana Silva">' in (
        response.content.decode()
    )


@pytest.fixture
def ranked(workshop):
    low, high, unrated = (screened_in(workshop) for _ in range(3))
    for score in (2, 3):
        RatingFactory(assignment__session=low, score=score, merge_with=high)
    for score in (4, 5):
        RatingFactory(assignment__session=high, score=score, merge_with=low)
    return low, high, unrated


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sort", "codes"),
    [
        ("", ["WS #2", "WS #1", "WS #3"]),
        ("mean", ["WS #1", "WS #2", "WS #3"]),
        ("-count", ["WS #1", "WS #2", "WS #3"]),
        ("code", ["WS #1", "WS #2", "WS #3"]),
        ("-code", ["WS #3", "WS #2", "WS #1"]),
    ],
)
def test_ranking_sorts_by_the_chosen_column(
    secretariat_client, ranked, workshop, sort, codes
):
    response = secretariat_client.get(
        url("ranking", workshop.edition), {"sort": sort} if sort else {}
    )

    assert [row.code for row in response.context["rows"]] == codes


@pytest.mark.django_db
def test_ranking_shows_statistics_and_merge_suggestions(
    secretariat_client, ranked, workshop
):
    response = secretariat_client.get(url("ranking", workshop.edition))

    page = response.content.decode()
    assert "<td>4.50</td>" in page  # mean of WS #2
    assert "<td>0.50</td>" in page  # its spread
    assert "WS #1 (2 reviewers)" in page
    assert '<th scope="col" aria-sort="descending">' in page
    assert url("export", workshop.edition) in page


@pytest.mark.django_db
def test_secretariat_accepts_a_proposal(
    secretariat_client, secretariat, ranked, workshop
):
    _low, high, _unrated = ranked

    response = secretariat_client.post(
        url("decide", workshop.edition, high), {"outcome": DecisionOutcome.ACCEPT}
    )

    assert response["Location"] == url("ranking", workshop.edition)
    assert messages_of(response) == ["Decision on WS #2 saved: Accept."]
    high.refresh_from_db()
    assert high.status == SessionStatus.ACCEPTED
    assert Decision.objects.get().decided_by == secretariat


@pytest.mark.django_db
def test_secretariat_merges_a_proposal_into_another(
    secretariat_client, ranked, workshop
):
    low, high, _unrated = ranked

    missing = secretariat_client.post(
        url("decide", workshop.edition, low), {"outcome": DecisionOutcome.MERGE}
    )
    merged = secretariat_client.post(
        url("decide", workshop.edition, low),
        {"outcome": DecisionOutcome.MERGE, "merge_into": high.pk},
    )

    assert missing.context["form"].errors == {
        "merge_into": ["Choose the proposal to merge this one into."]
    }
    assert merged.status_code == 302
    low.refresh_from_db()
    assert (low.status, Decision.objects.get().merge_into) == (
        SessionStatus.MERGED,
        high,
    )
    page = secretariat_client.get(url("ranking", workshop.edition)).content.decode()
    assert "Merge into another proposal: WS #2" in page


@pytest.mark.django_db
def test_secretariat_offers_another_format(secretariat_client, ranked, workshop):
    low, _high, _unrated = ranked
    lightning = SessionTypeFactory(
        edition=workshop.edition, name="Lightning Talk", prefix="LT"
    )

    response = secretariat_client.post(
        url("decide", workshop.edition, low),
        {"outcome": DecisionOutcome.OFFER_FORMAT, "offered_type": lightning.pk},
    )

    assert messages_of(response) == ["Decision on WS #1 saved: Offer another format."]
    low.refresh_from_db()
    assert (low.status, Decision.objects.get().offered_type) == (
        SessionStatus.PROPOSED,
        lightning,
    )


@pytest.mark.django_db
def test_ratings_export_has_one_row_per_rating_and_defuses_formulas(
    secretariat_client, workshop
):
    first = screened_in(workshop, title='=HYPERLINK("http://evil")')
    second = screened_in(workshop, title="Data flows")
    rater = MAGMemberFactory(name="Ana Silva")
    rating = RatingFactory(
        assignment__reviewer=rater,
        assignment__session=second,
        score=4,
        comment="+ strong, - short",
        merge_with=first,
    )
    RatingFactory(
        assignment__reviewer=MAGMemberFactory(name="@Ben"),
        assignment__session=first,
        score=1,
    )

    response = secretariat_client.get(url("export", workshop.edition))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"] == 'attachment; filename="igf2030-ratings.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    rated_at = rating.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert rows[0] == [
        "proposal",
        "title",
        "reviewer",
        "score",
        "comment",
        "merge with",
        "rated at (UTC)",
    ]
    assert rows[1][:6] == ["WS #1", '\'=HYPERLINK("http://evil")', "'@Ben", "1", "", ""]
    assert rows[2] == [
        "WS #2",
        "Data flows",
        "Ana Silva",
        "4",
        "'+ strong, - short",
        "WS #1",
        rated_at,
    ]
    assert len(rows) == 3


# --------------------------------------------------------------------------------------
# Cost does not grow with the number of proposals
# --------------------------------------------------------------------------------------


def query_count(client, address) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


def add_reviewed_proposals(count, *, workshop, member):
    theme = EditionThemeFactory(page=workshop.edition)
    for _ in range(count):
        proposal = screened_in(
            workshop,
            theme=theme,
            by=UserFactory(),
            participants=organized_by("Olu Organizer", "Open Net Lab"),
        )
        RatingFactory(
            assignment__reviewer=member,
            assignment__session=proposal,
            merge_with=proposal,
        )
        RatingFactory(assignment__session=proposal, score=5)
        DecisionFactory(
            session=proposal,
            outcome=DecisionOutcome.OFFER_FORMAT,
            offered_type=workshop,
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "who", "blind"),
    [
        pytest.param("reviews", "member", True, id="reviews_blind"),
        pytest.param("reviews", "member", False, id="reviews_open"),
        pytest.param("ranking", "secretariat", True, id="ranking"),
        pytest.param("screening", "secretariat", True, id="screening"),
        pytest.param("progress", "secretariat", True, id="progress"),
        pytest.param("export", "secretariat", True, id="export"),
        pytest.param("index", "member", True, id="index"),
    ],
)
def test_list_pages_cost_the_same_for_1_and_20_proposals(
    member, secretariat, workshop, name, who, blind
):
    ProgrammeRules.objects.filter(edition=workshop.edition).update(blind_review=blind)
    client = client_for(member if who == "member" else secretariat)
    address = (
        reverse("evaluation:index") if name == "index" else url(name, workshop.edition)
    )
    add_reviewed_proposals(1, workshop=workshop, member=member)
    query_count(client, address)  # warm caches (site root, content types)

    one = query_count(client, address)
    add_reviewed_proposals(19, workshop=workshop, member=member)
    twenty = query_count(client, address)

    assert one == twenty
