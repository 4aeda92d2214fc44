"""Proposals at /my/proposals/: submitting, drafts, editing, the call's window, the list."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from igfplus import roles
from igfplus.enums import Gender, RegionalGroup, StakeholderGroup
from sessions.enums import PersonRole, Presence, SessionStatus
from sessions.forms import (
    DURATION_NOT_ALLOWED,
    ONSITE_MODERATOR_ONLINE,
    REQUIRED_TO_SUBMIT,
)
from sessions.models import Person, ProgrammeRules, SessionPage
from sessions.services.proposals import (
    MAG_MEMBERS_MAY_NOT_SUBMIT,
    NO_GENDER_DIVERSITY,
    PROFILE_INCOMPLETE,
    PersonRow,
    ProposalContent,
    submit_proposal,
)
from sessions.views.proposals import DRAFT_SAVED, READ_ONLY, SUBMITTED, UPDATED
from tests.factories import EditionThemeFactory, ForumEditionPageFactory, UserFactory
from tests.factories.programme import SessionTypeFactory

UTC = dt.UTC


@pytest.fixture
def edition(home_page):
    return ForumEditionPageFactory(slug="igf2030", title="IGF 2030", year=2030)


@pytest.fixture
def theme(edition):
    return EditionThemeFactory(page=edition, name="Digital trust and security")


@pytest.fixture
def workshop(edition):
    """A Workshop call open from a month ago until a month from now."""
    now = timezone.now()
    return SessionTypeFactory(
        edition=edition,
        name="Workshop",
        prefix="WS",
        allowed_durations=[60, 90],
        is_open_for_proposals=True,
        call_opens_at=now - dt.timedelta(days=30),
        call_closes_at=now + dt.timedelta(days=30),
        sort_order=1,
    )


@pytest.fixture
def open_forum(edition):
    """An Open Forum call that closed on 30 May 2025 at 23:59 UTC."""
    return SessionTypeFactory(
        edition=edition,
        name="Open Forum",
        prefix="OF",
        allowed_durations=[60],
        is_open_for_proposals=True,
        call_opens_at=dt.datetime(2025, 3, 1, tzinfo=UTC),
        call_closes_at=dt.datetime(2025, 5, 30, 23, 59, tzinfo=UTC),
        sort_order=2,
    )


def organizer(**kwargs):
    return UserFactory(
        **{
            "name": "Amina Diallo",
            "organisation": "Open Networks Collective",
            "stakeholder_group": StakeholderGroup.CIVIL_SOCIETY,
            "regional_group": RegionalGroup.AFRICAN,
            "gender": Gender.FEMALE,
            **kwargs,
        }
    )


@pytest.fixture
def user(db):
    return organizer()


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


PEOPLE = [
    {"name": "Kwame Mensah", "role": PersonRole.ONSITE_MODERATOR, "gender": "male"},
    {"name": "Ingrid Berg", "role": PersonRole.SPEAKER, "gender": "female"},
    {"name": "Lucas Silva", "role": PersonRole.SPEAKER, "gender": "male"},
    {"name": "Mei Chen", "role": PersonRole.SPEAKER, "presence": Presence.ONLINE},
    {"name": "Aiko Sato", "role": PersonRole.RAPPORTEUR, "presence": Presence.ONLINE},
]


def person_row(name, role, **extra):
    return {
        "name": name,
        "organisation": "Digital Rights Watch",
        "stakeholder_group": StakeholderGroup.TECHNICAL,
        "regional_group": RegionalGroup.WEOG,
        "country": "NO",
        "gender": "",
        "role": role,
        "presence": Presence.ONSITE,
        **extra,
    }


def proposal_data(
    session_type=None,
    *,
    theme=None,
    people=PEOPLE,
    action="submit",
    initial=0,
    **fields,
):
    data = {
        "title": "Data governance for all",
        "theme": theme.pk if theme else "",
        "description": "Who decides how data flows across borders, and who is left out.",
        "policy_questions": "Who decides?\nWho is left out?",
        "sdgs": ["9", "16"],
        "discussion_format": "roundtable",
        "languages": ["en", "fr"],
        "delivery": "hybrid",
        "duration_minutes": "90",
        "expected_attendance": "80",
        "online_participation": "Join through the IGF platform; questions by chat.",
        "action": action,
        "people-TOTAL_FORMS": str(len(people)),
        "people-INITIAL_FORMS": str(initial),
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "40",
    }
    if session_type is not None:
        data["session_type"] = session_type.pk
    for index, person in enumerate(people):
        for key, value in person_row(**person).items():
            data[f"people-{index}-{key}"] = value
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def new_url(edition):
    return reverse("sessions:proposal_create", args=[edition.slug])


def edit_url(session):
    return reverse("sessions:proposal_edit", args=[session.pk])


def summary(response) -> list[str]:
    """The error summary's lines, as a screen reader would read them."""
    box = BeautifulSoup(response.content, "html.parser").find(id="error-summary")
    return [" ".join(li.get_text().split()) for li in box.find_all("li")] if box else []


def summary_links(response) -> list[str]:
    box = BeautifulSoup(response.content, "html.parser").find(id="error-summary")
    return [a["href"] for a in box.find_all("a")]


def notices(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [" ".join(li.get_text().split()) for li in soup.select(".notices li")]


def flash(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def people_of(session):
    return [
        (p.person.name, p.role, p.presence)
        for p in session.participants.select_related("person").order_by("sort_order")
    ]


# --- signing in, the form ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["proposal_list", "proposal_create", "proposal_edit"])
def test_anonymous_visitors_are_sent_to_sign_in(client, workshop, name):
    args = {"proposal_list": [], "proposal_create": ["igf2030"], "proposal_edit": [1]}[
        name
    ]
    url = reverse(f"sessions:{name}", args=args)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={url}"


@pytest.mark.django_db
def test_the_form_offers_only_the_types_open_now_and_the_editions_sub_themes(
    signed_in, workshop, open_forum, theme
):
    other_theme = EditionThemeFactory(name="Another edition's theme")

    response = signed_in.get(new_url(workshop.edition))

    soup = BeautifulSoup(response.content, "html.parser")
    types = [o.get_text() for o in soup.select("select[name=session_type] option")]
    themes = [o.get_text() for o in soup.select("select[name=theme] option")]
    durations = [
        o.get_text() for o in soup.select("select[name=duration_minutes] option")
    ]
    assert response.status_code == 200
    assert types == ["Choose a session type", "Workshop"]
    assert themes == ["Choose a sub-theme", "Digital trust and security"]
    assert other_theme.name not in themes
    assert durations == ["Choose a duration", "60", "90"]


@pytest.mark.django_db
def test_the_form_is_accessible_markup(signed_in, workshop):
    response = signed_in.get(new_url(workshop.edition))

    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("form", class_="proposal-form")
    legends = [
        " ".join(f.legend.get_text().split())
        for f in form.find_all("fieldset", recursive=False)
    ]
    assert legends == [
        "The session",
        "Format and participation",
        "Interpretation, captioning and sign language",
        "People",
    ]
    rows = form.select("fieldset.person-row > legend")
    assert [r.get_text() for r in rows][:2] == ["Person 1", "Person 2"]
    # Every text input, select and textarea has a label pointing at it.
    labelled = {label["for"] for label in form.find_all("label") if label.get("for")}
    controls = form.find_all(["select", "textarea"]) + form.find_all(
        "input", type=["text", "number"]
    )
    assert [c["id"] for c in controls if c["id"] not in labelled] == []


# --- submitting -------------------------------------------------------------------------


@pytest.mark.django_db
def test_submitting_saves_a_numbered_proposal_with_its_people(
    signed_in, user, workshop, theme
):
    before = timezone.now()

    response = signed_in.post(
        new_url(workshop.edition), proposal_data(workshop, theme=theme)
    )

    assert response.status_code == 302
    assert response.url == reverse("sessions:proposal_list")
    session = SessionPage.objects.get()
    assert (session.code, session.status, session.proposer, session.theme) == (
        "WS #1",
        SessionStatus.PROPOSED,
        user,
        theme,
    )
    assert before <= session.submitted_at <= timezone.now()
    assert (
        session.sdgs,
        session.languages,
        session.discussion_format,
        session.delivery,
    ) == (
        [9, 16],
        ["en", "fr"],
        "roundtable",
        "hybrid",
    )
    assert (session.duration_minutes, session.expected_attendance) == (90, 80)
    assert session.policy_question_list == ["Who decides?", "Who is left out?"]
    assert people_of(session) == [
        ("Amina Diallo", PersonRole.ORGANIZER, Presence.ONSITE),
        ("Kwame Mensah", PersonRole.ONSITE_MODERATOR, Presence.ONSITE),
        ("Ingrid Berg", PersonRole.SPEAKER, Presence.ONSITE),
        ("Lucas Silva", PersonRole.SPEAKER, Presence.ONSITE),
        ("Mei Chen", PersonRole.SPEAKER, Presence.ONLINE),
        ("Aiko Sato", PersonRole.RAPPORTEUR, Presence.ONLINE),
    ]
    assert Person.objects.get(user=user).name == "Amina Diallo"
    assert flash(response) == [
        SUBMITTED % {"code": "WS #1", "title": "Data governance for all"}
    ]


@pytest.mark.django_db
def test_saving_a_draft_skips_the_rules(signed_in, workshop):
    data = proposal_data(
        workshop,
        people=[],
        action="draft",
        description="",
        policy_questions="",
        languages=None,
    )

    response = signed_in.post(new_url(workshop.edition), data)

    assert response.status_code == 302
    session = SessionPage.objects.get()
    assert (session.code, session.status, session.submitted_at) == (
        "WS #1",
        "draft",
        None,
    )
    assert people_of(session) == [
        ("Amina Diallo", PersonRole.ORGANIZER, Presence.ONSITE)
    ]
    assert flash(response) == [
        DRAFT_SAVED % {"code": "WS #1", "title": "Data governance for all"}
    ]


@pytest.mark.django_db
def test_a_draft_still_needs_a_title_and_a_type(signed_in, workshop):
    data = proposal_data(None, people=[], action="draft", title="")

    response = signed_in.post(new_url(workshop.edition), data)

    assert response.status_code == 200
    assert summary(response) == [
        "Title: This field is required.",
        "Session type: This field is required.",
    ]
    assert SessionPage.objects.count() == 0


@pytest.mark.django_db
def test_bad_fields_are_named_in_the_summary_and_nothing_is_saved(
    signed_in, workshop, theme
):
    people = [
        {"name": "", "role": PersonRole.SPEAKER},
        {
            "name": "Kwame Mensah",
            "role": PersonRole.ONSITE_MODERATOR,
            "presence": "online",
        },
        *PEOPLE[1:],
    ]
    data = proposal_data(
        workshop,
        theme=theme,
        people=people,
        title="",
        description="",
        duration_minutes="120",
        expected_attendance="0",
    )

    response = signed_in.post(new_url(workshop.edition), data)

    assert response.status_code == 200
    assert summary(response) == [
        "Title: This field is required.",
        "Description: " + str(REQUIRED_TO_SUBMIT),
        "Duration (minutes): Select a valid choice. 120 is not one of the available choices.",
        "Expected attendance: Ensure this value is greater than or equal to 1.",
        "Person 1, Name: This field is required.",
        f"Person 2, Onsite or online: {ONSITE_MODERATOR_ONLINE}",
    ]
    assert summary_links(response) == [
        "#id_title",
        "#id_description",
        "#id_duration_minutes",
        "#id_expected_attendance",
        "#id_people-0-name",
        "#id_people-1-presence",
    ]
    assert (SessionPage.objects.count(), Person.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_a_duration_of_another_type_is_refused_with_the_types_durations(
    signed_in, workshop, theme
):
    SessionTypeFactory(
        edition=workshop.edition,
        name="Lightning Talk",
        prefix="LT",
        allowed_durations=[30],
        is_open_for_proposals=True,
    )

    response = signed_in.post(
        new_url(workshop.edition),
        proposal_data(workshop, theme=theme, duration_minutes="30"),
    )

    assert summary(response) == [
        "Duration (minutes): "
        + DURATION_NOT_ALLOWED % {"type": "Workshop", "allowed": "60, 90"}
    ]
    assert summary(response)[0] == (
        "Duration (minutes): Choose a duration allowed for Workshop sessions: 60, 90 minutes."
    )
    assert SessionPage.objects.count() == 0


@pytest.mark.django_db
def test_broken_rules_are_listed_under_people_and_nothing_is_saved(
    signed_in, workshop, theme
):
    sofia = {"name": "Sofia Alvarez", "role": "speaker", "gender": "female"}
    people = [
        PEOPLE[0],
        PEOPLE[1],
        sofia,
        PEOPLE[3],
    ]  # speakers: female, female, not given

    response = signed_in.post(
        new_url(workshop.edition), proposal_data(workshop, theme=theme, people=people)
    )

    assert response.status_code == 200
    assert summary(response) == [str(NO_GENDER_DIVERSITY)]
    assert summary_links(response) == ["#people"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert [li.get_text() for li in soup.select("#people > .errorlist li")] == [
        str(NO_GENDER_DIVERSITY)
    ]
    assert (SessionPage.objects.count(), Person.objects.count()) == (0, 0)


# --- the call's window ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_closed_call_is_named_with_its_close_time_in_utc(signed_in, open_forum):
    response = signed_in.get(new_url(open_forum.edition))

    assert response.status_code == 200
    assert notices(response) == [
        "The call for Open Forum proposals closed on 30 May 2025 at 23:59 UTC."
    ]
    assert (
        BeautifulSoup(response.content, "html.parser").find(
            "form", class_="proposal-form"
        )
        is None
    )


@pytest.mark.django_db
def test_a_call_not_yet_open_is_named_with_its_opening_time(signed_in, edition):
    SessionTypeFactory(
        edition=edition,
        name="Workshop",
        is_open_for_proposals=True,
        call_opens_at=dt.datetime(2099, 1, 15, 9, 0, tzinfo=UTC),
    )

    response = signed_in.get(new_url(edition))

    assert notices(response) == [
        "The call for Workshop proposals opens on 15 January 2099 at 09:00 UTC."
    ]


@pytest.mark.django_db
def test_an_edition_without_any_call_says_so(signed_in, edition):
    SessionTypeFactory(
        edition=edition, name="Main Session", is_open_for_proposals=False
    )

    response = signed_in.get(new_url(edition))

    assert notices(response) == ["IGF 2030 has no call for session proposals."]


@pytest.mark.django_db
def test_an_unknown_edition_is_not_found(signed_in, edition):
    assert (
        signed_in.get(reverse("sessions:proposal_create", args=["igf1999"])).status_code
        == 404
    )


@pytest.mark.django_db
def test_a_proposal_sent_after_the_close_is_refused_with_the_close_time(
    signed_in, workshop, open_forum, theme
):
    data = proposal_data(open_forum, theme=theme, duration_minutes="60")

    response = signed_in.post(new_url(open_forum.edition), data)

    assert response.status_code == 200
    assert summary(response) == [
        "Session type: The call for Open Forum proposals closed on 30 May 2025 at 23:59 UTC."
    ]
    assert summary_links(response) == ["#id_session_type"]
    assert SessionPage.objects.count() == 0


# --- who may submit ---------------------------------------------------------------------


@pytest.mark.django_db
def test_mag_members_are_refused(client, workshop, theme):
    client.force_login(organizer(roles=[roles.MAG_MEMBER]))

    page = client.get(new_url(workshop.edition))
    sent = client.post(new_url(workshop.edition), proposal_data(workshop, theme=theme))

    assert (page.status_code, sent.status_code) == (403, 403)
    assert notices(page) == [str(MAG_MEMBERS_MAY_NOT_SUBMIT)]
    assert notices(sent) == [str(MAG_MEMBERS_MAY_NOT_SUBMIT)]
    assert SessionPage.objects.count() == 0


@pytest.mark.django_db
def test_mag_members_may_submit_where_the_edition_allows(client, workshop, theme):
    rules = ProgrammeRules.for_edition(workshop.edition)
    rules.mag_members_may_submit = True
    rules.save()
    client.force_login(organizer(roles=[roles.MAG_MEMBER]))

    response = client.post(
        new_url(workshop.edition), proposal_data(workshop, theme=theme)
    )

    assert response.status_code == 302
    assert SessionPage.objects.get().status == SessionStatus.PROPOSED


@pytest.mark.django_db
def test_an_incomplete_profile_is_asked_for_first(client, workshop):
    client.force_login(organizer(stakeholder_group="", regional_group=""))

    response = client.get(new_url(workshop.edition))

    assert response.status_code == 403
    assert notices(response) == [str(PROFILE_INCOMPLETE)]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("a", href=reverse("accounts:profile")) is not None


# --- editing ----------------------------------------------------------------------------

CONTENT = ProposalContent(
    title="Data governance for all",
    description="Who decides how data flows.",
    policy_questions="Who decides?",
    languages=["en"],
    duration_minutes=60,
)
ROWS = [
    PersonRow(
        name=p["name"],
        organisation="Digital Rights Watch",
        stakeholder_group=StakeholderGroup.TECHNICAL,
        regional_group=RegionalGroup.WEOG,
        gender=p.get("gender", ""),
        role=p["role"],
        presence=p.get("presence", Presence.ONSITE),
    )
    for p in PEOPLE
]


def proposal_by(user, session_type, as_draft=False):
    return submit_proposal(
        edition=session_type.edition,
        session_type=session_type,
        by=user,
        content=CONTENT,
        people=ROWS,
        as_draft=as_draft,
    )


@pytest.mark.django_db
def test_the_proposer_sees_their_proposal_in_the_form(signed_in, user, workshop):
    session = proposal_by(user, workshop)

    response = signed_in.get(edit_url(session))

    soup = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 200
    assert (
        soup.find("input", attrs={"name": "title"})["value"]
        == "Data governance for all"
    )
    assert (
        soup.find("select", attrs={"name": "session_type"}) is None
    )  # the type is fixed
    names = [i.get("value") for i in soup.select("input[name$='-name']")]
    # The proposer is always the first organizer, so not a row; five rows, then empty ones.
    assert names[:6] == [
        "Kwame Mensah",
        "Ingrid Berg",
        "Lucas Silva",
        "Mei Chen",
        "Aiko Sato",
        None,
    ]


@pytest.mark.django_db
def test_the_proposer_edits_their_proposal_while_the_call_is_open(
    signed_in, user, workshop, theme
):
    session = proposal_by(user, workshop)
    people = [*PEOPLE, {"name": "Sofia Alvarez", "role": "speaker", "gender": "female"}]
    data = proposal_data(
        theme=theme, people=people, initial=5, title="Data governance, revisited"
    )

    response = signed_in.post(edit_url(session), data)

    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.title, session.code, session.status, session.theme) == (
        "Data governance, revisited",
        "WS #1",
        SessionStatus.PROPOSED,
        theme,
    )
    assert people_of(session)[-1] == (
        "Sofia Alvarez",
        PersonRole.SPEAKER,
        Presence.ONSITE,
    )
    assert flash(response) == [
        UPDATED % {"code": "WS #1", "title": "Data governance, revisited"}
    ]


@pytest.mark.django_db
def test_removing_a_person_while_editing(signed_in, user, workshop, theme):
    session = proposal_by(user, workshop)
    data = proposal_data(theme=theme, initial=5, **{"people-4-DELETE": "on"})

    signed_in.post(edit_url(session), data)

    assert [name for name, _, _ in people_of(session)] == [
        "Amina Diallo",
        "Kwame Mensah",
        "Ingrid Berg",
        "Lucas Silva",
        "Mei Chen",
    ]


@pytest.mark.django_db
def test_a_draft_is_submitted_from_the_edit_page(signed_in, user, workshop, theme):
    draft = proposal_by(user, workshop, as_draft=True)

    response = signed_in.post(edit_url(draft), proposal_data(theme=theme, initial=5))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == SessionStatus.PROPOSED
    assert draft.submitted_at is not None


@pytest.mark.django_db
def test_a_submitted_proposal_is_checked_as_one_even_when_saved_as_draft(
    signed_in, user, workshop, theme
):
    session = proposal_by(user, workshop)
    data = proposal_data(theme=theme, initial=5, action="draft", description="")

    response = signed_in.post(edit_url(session), data)

    assert response.status_code == 200
    assert summary(response) == ["Description: " + str(REQUIRED_TO_SUBMIT)]
    session.refresh_from_db()
    assert (session.status, session.description) == (
        SessionStatus.PROPOSED,
        "Who decides how data flows.",
    )


@pytest.mark.django_db
def test_after_the_close_the_proposal_is_read_only(signed_in, user, workshop, theme):
    session = proposal_by(user, workshop)
    workshop.call_closes_at = dt.datetime(2025, 5, 30, 23, 59, tzinfo=UTC)
    workshop.call_opens_at = dt.datetime(2025, 3, 1, tzinfo=UTC)
    workshop.save()

    page = signed_in.get(edit_url(session))
    sent = signed_in.post(
        edit_url(session), proposal_data(theme=theme, initial=5, title="Too late")
    )

    assert (page.status_code, sent.status_code) == (200, 403)
    expected = [
        "The call for Workshop proposals closed on 30 May 2025 at 23:59 UTC.",
        str(READ_ONLY),
    ]
    assert notices(page) == expected
    assert notices(sent) == expected
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.find("form", class_="proposal-form") is None
    assert soup.h1.get_text() == "Proposal WS #1: Data governance for all"
    session.refresh_from_db()
    assert session.title == "Data governance for all"


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_user_cannot_see_or_edit_a_proposal(
    client, user, workshop, theme, method
):
    session = proposal_by(user, workshop)
    client.force_login(organizer(name="Someone Else"))

    response = getattr(client, method)(
        edit_url(session), proposal_data(theme=theme, initial=5, title="Mine now")
    )

    assert response.status_code == 404
    session.refresh_from_db()
    assert session.title == "Data governance for all"


# --- my proposals -----------------------------------------------------------------------


@pytest.mark.django_db
def test_my_proposals_lists_codes_statuses_and_open_calls(
    signed_in, user, workshop, open_forum
):
    proposal_by(user, workshop)
    proposal_by(user, workshop, as_draft=True)
    proposal_by(organizer(name="Someone Else"), workshop)

    response = signed_in.get(reverse("sessions:proposal_list"))

    soup = BeautifulSoup(response.content, "html.parser")
    rows = [
        [" ".join(td.get_text().split()) for td in tr.find_all("td")[:4]]
        for tr in soup.select("table.proposals tbody tr")
    ]
    assert rows == [
        ["WS #2", "Data governance for all can be changed", "IGF 2030", "Draft"],
        ["WS #1", "Data governance for all can be changed", "IGF 2030", "Proposed"],
    ]
    calls = [" ".join(li.get_text().split()) for li in soup.select(".calls li")]
    closes = workshop.call_closes_at.astimezone(UTC)
    assert calls == [
        f"IGF 2030 · Workshop · closes on {closes.day} {closes:%B %Y} at {closes:%H:%M} UTC"
        " · Propose a session for IGF 2030"
    ]
    assert soup.select_one(".calls a")["href"] == "/my/proposals/igf2030/new/"


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("sessions:proposal_list"))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_my_proposals_costs_the_same_queries_for_1_and_10_proposals(
    signed_in, user, workshop
):
    proposal_by(user, workshop, as_draft=True)
    one = _list_queries(signed_in)

    for _ in range(9):
        proposal_by(user, workshop, as_draft=True)
    ten = _list_queries(signed_in)

    assert SessionPage.objects.filter(proposer=user).count() == 10
    assert one == ten
