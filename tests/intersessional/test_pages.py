"""The public pages: the index with its filters, a body's page, an output with comments."""

import datetime as dt

import pytest
from django.utils import timezone

from igfplus import roles
from intersessional.enums import (
    BodyKind,
    BodyStatus,
    CommentStatus,
    OutputKind,
    OutputStatus,
)
from intersessional.models import OutputComment
from intersessional.services.comments import COMMENTS_CLOSED
from intersessional.services.facilitators import assign_facilitators
from sessions.services.releases import release_schedule
from tests.factories import ForumEditionPageFactory, RoomFactory, UserFactory
from tests.factories.intersessional import (
    BodySessionFactory,
    IntersessionalBodyPageFactory,
    MeetingFactory,
    OutputCommentFactory,
    OutputFactory,
    publish,
)
from tests.factories.programme import SessionPageFactory, SessionTypeFactory
from tests.sessions.conftest import local, schedule

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


def yearly_report(body, year):
    return OutputFactory(body=body, kind=OutputKind.YEARLY_REPORT, year=year)


@pytest.fixture
def network(index):
    bpf = IntersessionalBodyPageFactory(
        title="Best Practice Forum on Cybersecurity",
        acronym="BPF-CS",
        kind=BodyKind.BEST_PRACTICE_FORUM,
    )
    pn = IntersessionalBodyPageFactory(
        title="Policy Network on Meaningful Access",
        acronym="PNMA",
        kind=BodyKind.POLICY_NETWORK,
        status=BodyStatus.CONCLUDED,
        last_year=THIS_YEAR - 1,
    )
    reporting = IntersessionalBodyPageFactory(
        title="Dynamic Coalition on Accessibility and Disability", acronym="DCAD"
    )
    # Reports on the last two years cover whatever year is due today.
    yearly_report(reporting, THIS_YEAR - 1)
    yearly_report(reporting, THIS_YEAR - 2)
    silent = IntersessionalBodyPageFactory(
        title="Dynamic Coalition on Silent Topics", acronym="DCST"
    )
    return {"bpf": bpf, "pn": pn, "reporting": reporting, "silent": silent}


def test_index_groups_bodies_by_kind_with_counts_and_status(client, network):
    response = client.get("/intersessional/")

    assert response.status_code == 200
    listing = response.context["listing"]
    assert [(g.label, g.count) for g in listing.groups] == [
        ("Best Practice Forum", 1),
        ("Policy Network", 1),
        ("Dynamic Coalition", 2),
    ]
    statuses = {
        card.acronym: card.status for group in listing.groups for card in group.bodies
    }
    assert statuses == {
        "BPF-CS": "active",
        "PNMA": "concluded",
        "DCAD": "active",
        "DCST": "inactive",
    }
    body = response.content.decode()
    assert "4 bodies" in body
    assert "Inactive (yearly report missing)" in body
    assert 'href="webcal://testserver/intersessional/meetings.ics"' in body


@pytest.mark.parametrize(
    ("query", "acronyms"),
    [
        ("kind=dc", {"DCAD", "DCST"}),
        ("status=inactive", {"DCST"}),
        ("kind=dc&status=active", {"DCAD"}),
        ("kind=pn&status=active", set()),
    ],
    ids=["kind", "derived_status", "both", "none"],
)
def test_index_filters_by_kind_and_status(client, network, query, acronyms):
    response = client.get(f"/intersessional/?{query}")
    listing = response.context["listing"]
    assert {c.acronym for g in listing.groups for c in g.bodies} == acronyms
    if not acronyms:
        assert "No body matches" in response.content.decode()


def test_an_unknown_filter_value_is_named_and_ignored(client, network):
    response = client.get("/intersessional/?kind=working-group")

    assert response.status_code == 200
    assert (
        "Select a valid choice. working-group is not one of the available choices."
        in (response.content.decode())
    )
    assert response.context["listing"].total == 4


def test_empty_index_says_nothing_is_published_yet(client, index):
    response = client.get("/intersessional/")
    assert "has not published any Best Practice Forum" in response.content.decode()


@pytest.mark.parametrize("bodies", [1, 12], ids=["one_body", "twelve_bodies"])
def test_index_costs_the_same_queries_for_any_number_of_bodies(
    client, index, django_assert_max_num_queries, bodies
):
    for n in range(bodies):
        body = IntersessionalBodyPageFactory()
        yearly_report(body, THIS_YEAR - 1 - n % 2)
    client.get("/intersessional/")  # warm Wagtail's site-root cache

    with django_assert_max_num_queries(12):
        response = client.get("/intersessional/")

    assert response.context["listing"].total == bodies


# --- a body's page -----------------------------------------------------------------------


def test_body_page_shows_meetings_outputs_facilitators_and_feed(client, network):
    body = network["silent"]
    farida = UserFactory(name="Farida Facilitator")
    assign_facilitators(body=body, emails=[farida.email])
    upcoming = MeetingFactory(
        body=body,
        title="Call on captions",
        start_at=timezone.now() + dt.timedelta(days=3),
    )
    MeetingFactory(
        body=body,
        title="Kick-off",
        start_at=timezone.now() - dt.timedelta(days=30),
    )
    OutputFactory(body=body, title="Captioning guide")

    response = client.get(body.url)

    assert response.status_code == 200
    assert [m.title for m in response.context["upcoming_meetings"]] == [
        "Call on captions"
    ]
    assert [m.title for m in response.context["past_meetings"]] == ["Kick-off"]
    html = response.content.decode()
    assert f'id="meeting-{upcoming.guid}"' in html
    assert "Farida Facilitator" in html
    assert "Captioning guide" in html
    assert "This Dynamic Coalition has not filed its yearly report" in html
    assert f"webcal://testserver/intersessional/{body.slug}/meetings.ics" in html


def test_body_page_lists_only_released_sessions(client, network):
    edition = ForumEditionPageFactory(slug="igf2031", year=2031)
    workshop = SessionTypeFactory(edition=edition, name="DC session", prefix="DC")
    released = SessionPageFactory(session_type=workshop, title="Accessible IGF")
    unreleased = SessionPageFactory(session_type=workshop, title="Not yet public")
    schedule(released, RoomFactory(edition=edition), local(edition, 1, 10))
    release_schedule(edition=edition, by=None, message="v1")
    body = network["reporting"]
    BodySessionFactory(body=body, session=released)
    BodySessionFactory(body=body, session=unreleased)
    publish(body)

    response = client.get(body.url)

    titles = [item.row.title for item in response.context["sessions"]]
    assert titles == ["Accessible IGF"]
    html = response.content.decode()
    assert "Not yet public" not in html
    assert response.context["sessions"][0].edition_title == edition.title


# --- outputs and their comments ----------------------------------------------------------


@pytest.fixture
def draft(network):
    return OutputFactory(
        body=network["reporting"],
        title="Draft guide",
        kind=OutputKind.DRAFT,
        status=OutputStatus.DRAFT,
        comments_open_until=timezone.localdate() + dt.timedelta(days=10),
    )


def test_output_has_a_stable_url_and_a_citable_name(client, draft):
    assert draft.url == f"/intersessional/{draft.body.slug}/outputs/{draft.pk}/"
    assert str(draft) == f"DCAD: Draft guide ({draft.year}, draft)"
    response = client.get(draft.url)
    assert response.status_code == 200
    assert "Draft guide" in response.content.decode()
    assert (
        client.get(f"/intersessional/{draft.body.slug}/outputs/999999/").status_code
        == 404
    )


def test_signed_in_visitor_comments_and_it_shows_after_moderation(client, draft):
    visitor = UserFactory(name="Pita Participant")
    client.force_login(visitor)

    response = client.post(draft.url, {"text": "Add sign language; please."})

    assert response.status_code == 302
    comment = OutputComment.objects.get()
    assert (comment.author, comment.status) == (visitor, CommentStatus.PENDING)
    assert "Add sign language; please." not in client.get(draft.url).content.decode()

    facilitator = UserFactory(roles=[roles.INTERSESSIONAL_FACILITATOR])
    assign_facilitators(body=draft.body, emails=[facilitator.email])
    client.force_login(facilitator)
    assert "Add sign language; please." in client.get(draft.url).content.decode()
    moderate = f"{draft.url}comments/{comment.pk}/publish/"
    assert client.post(moderate).status_code == 302

    client.logout()
    assert "Add sign language; please." in client.get(draft.url).content.decode()


def test_another_body_facilitator_cannot_moderate(client, draft, network):
    comment = OutputCommentFactory(output=draft)
    outsider = UserFactory(roles=[roles.INTERSESSIONAL_FACILITATOR])
    assign_facilitators(body=network["silent"], emails=[outsider.email])
    client.force_login(outsider)

    response = client.post(f"{draft.url}comments/{comment.pk}/publish/")

    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_comments_close_after_their_day(client, draft):
    draft.comments_open_until = timezone.localdate() - dt.timedelta(days=1)
    draft.save()
    client.force_login(UserFactory())

    client.post(draft.url, {"text": "Too late?"})

    assert not OutputComment.objects.exists()
    page = client.get(draft.url).content.decode()
    assert str(COMMENTS_CLOSED) in page or "Public comment closed on" in page


def test_visitors_must_sign_in_to_comment(client, draft):
    response = client.post(draft.url, {"text": "Anonymous"})
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert not OutputComment.objects.exists()
