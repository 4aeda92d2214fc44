"""The body page in the Wagtail admin: facilitators edit their own body only, bad input
is refused on its field with nothing saved, and meetings get their change signals."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.services.editions import INVALID_TIME_ZONE
from igfplus import roles
from intersessional.models import IntersessionalBodyPage, Meeting
from intersessional.models.bodies import (
    COMMENTS_ON_FINAL,
    LAST_YEAR_BEFORE_FIRST,
    OUTPUT_NEEDS_DOCUMENT_OR_LINK,
)
from intersessional.services.facilitators import UNKNOWN_EMAILS, assign_facilitators
from intersessional.services.meetings import END_BEFORE_START
from tests.factories import ForumEditionPageFactory, UserFactory
from tests.factories.intersessional import (
    IntersessionalBodyPageFactory,
    MeetingFactory,
    publish,
)

pytestmark = pytest.mark.django_db

NAIROBI = zoneinfo.ZoneInfo("Africa/Nairobi")


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def meeting_data(meeting=None, **overrides) -> dict:
    data = {
        "title": "Monthly call",
        "start_at": "2030-03-04 06:00",
        "end_at": "2030-03-04 07:00",
        "time_zone": "Africa/Nairobi",
        "format": "online",
        "location": "",
        "online_link": "https://meet.example.org/call",
        "description": "",
        "is_cancelled": "",
    }
    if meeting is not None:
        data["id"] = meeting.pk
    data.update(overrides)
    return data


def body_form(body, *, meetings=(), initial_meetings=0, **overrides) -> dict:
    data = {
        "title": body.title,
        "slug": body.slug,
        "acronym": body.acronym,
        "kind": body.kind,
        "mandate": rich_text("<p>Accessible meetings for all.</p>"),
        "first_year": "2020",
        "last_year": "",
        "status": "active",
        "mailing_list_url": "",
        "meetings": inline_formset(list(meetings), initial=initial_meetings),
        "outputs": inline_formset([]),
        "session_links": inline_formset([]),
        "translations": inline_formset([]),
        "action-publish": "1",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def bodies(index):
    return (
        IntersessionalBodyPageFactory(title="Own coalition", slug="own"),
        IntersessionalBodyPageFactory(title="Other coalition", slug="other"),
    )


@pytest.fixture
def facilitator(client, bodies):
    user = UserFactory(roles=[roles.INTERSESSIONAL_FACILITATOR])
    assign_facilitators(body=bodies[0], emails=[user.email])
    client.force_login(user)
    return user


@pytest.fixture
def secretariat(client, give_totp, index):
    user = give_totp(UserFactory(roles=[roles.SECRETARIAT]))
    client.force_login(user)
    return user


def test_facilitator_edits_and_publishes_their_own_body(client, bodies, facilitator):
    own = bodies[0]
    assert client.get(edit_url(own)).status_code == 200

    response = client.post(
        edit_url(own), body_form(own, acronym="OWN", meetings=[meeting_data()])
    )

    assert response.status_code == 302, response.content[:2000]
    own = IntersessionalBodyPage.objects.get(pk=own.pk)
    assert own.acronym == "OWN"
    assert own.live
    meeting = own.meetings.get()
    assert meeting.title == "Monthly call"
    # Typed as 06:00 in Nairobi (UTC+3), whatever the admin user's own zone.
    assert meeting.start_at == dt.datetime(2030, 3, 4, 3, tzinfo=dt.UTC)
    assert meeting.end_at == dt.datetime(2030, 3, 4, 4, tzinfo=dt.UTC)


def test_facilitator_cannot_edit_another_body_nor_an_edition(
    client, bodies, facilitator
):
    other = bodies[1]
    edition = ForumEditionPageFactory()

    assert client.get(edit_url(other)).status_code in (302, 403)
    assert client.get(edit_url(edition)).status_code in (302, 403)
    response = client.post(
        edit_url(other), body_form(other, acronym="HIJACKED", meetings=[meeting_data()])
    )

    assert response.status_code in (302, 403)
    other = IntersessionalBodyPage.objects.get(pk=other.pk)
    assert other.acronym != "HIJACKED"
    assert other.latest_revision.content.get("acronym") != "HIJACKED"
    assert not Meeting.objects.filter(body=other).exists()


@pytest.mark.parametrize(
    ("field", "message", "meeting_overrides", "page_overrides"),
    [
        ("end_at", END_BEFORE_START, {"end_at": "2030-03-04 05:00"}, {}),
        (
            "time_zone",
            INVALID_TIME_ZONE % {"value": "EAT"},
            {"time_zone": "EAT"},
            {},
        ),
        (
            "kind",
            "Select a valid choice. wg is not one of the available choices.",
            {},
            {"kind": "wg"},
        ),
        ("last_year", LAST_YEAR_BEFORE_FIRST, {}, {"last_year": "2019"}),
    ],
    ids=["meeting_ends_before_start", "bad_time_zone", "unknown_kind", "years"],
)
def test_bad_input_is_refused_on_its_field_and_nothing_is_saved(
    client, bodies, facilitator, field, message, meeting_overrides, page_overrides
):
    own = bodies[0]
    revisions = own.revisions.count()

    response = client.post(
        edit_url(own),
        body_form(
            own,
            acronym="CHANGED",
            meetings=[meeting_data(**meeting_overrides)],
            **page_overrides,
        ),
    )

    assert response.status_code == 200
    form = response.context["form"]
    if field in ("end_at", "time_zone"):
        errors = form.formsets["meetings"].forms[0].errors
    else:
        errors = form.errors
    assert str(message) in errors.get(field, []), errors
    own = IntersessionalBodyPage.objects.get(pk=own.pk)
    assert own.acronym != "CHANGED"
    assert own.revisions.count() == revisions
    assert not Meeting.objects.filter(body=own).exists()


def test_moving_a_meeting_raises_its_sequence_and_keeps_its_uid(
    client, bodies, secretariat
):
    own = bodies[0]
    meeting = MeetingFactory(
        body=own,
        title="Monthly call",
        start_at=dt.datetime(2030, 3, 4, 6, tzinfo=NAIROBI),
        changed_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    )
    publish(own)
    guid = meeting.guid

    def save(**changes):
        response = client.post(
            edit_url(own),
            body_form(
                own, meetings=[meeting_data(meeting, **changes)], initial_meetings=1
            ),
        )
        assert response.status_code == 302, response.content[:3000]
        return Meeting.objects.get(pk=meeting.pk)

    # The form shows the meeting's own wall-clock time, not UTC.
    assert 'value="2030-03-04 06:00"' in client.get(edit_url(own)).content.decode()
    unchanged = save()
    assert (unchanged.sequence, unchanged.changed_at) == (
        0,
        dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    )
    renamed = save(title="Monthly call (agenda inside)")
    assert renamed.sequence == 0
    assert renamed.changed_at > dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    moved = save(
        title="Monthly call (agenda inside)",
        start_at="2030-03-05 06:00",
        end_at="2030-03-05 07:00",
    )
    assert moved.sequence == 1
    assert moved.guid == guid
    assert moved.start_at == dt.datetime(2030, 3, 5, 3, tzinfo=dt.UTC)
    cancelled = save(
        title="Monthly call (agenda inside)",
        start_at="2030-03-05 06:00",
        end_at="2030-03-05 07:00",
        is_cancelled="on",
    )
    assert (cancelled.sequence, cancelled.is_cancelled, cancelled.guid) == (
        2,
        True,
        guid,
    )


# --- naming facilitators -----------------------------------------------------------------


def facilitators_url(body) -> str:
    return reverse("intersessional_facilitators", args=[body.pk])


def test_secretariat_names_facilitators_by_email(client, bodies, secretariat):
    farida = UserFactory(email="farida@example.org")
    page = client.get(facilitators_url(bodies[0]))
    assert page.status_code == 200

    response = client.post(
        facilitators_url(bodies[0]), {"emails": "Farida@Example.org\n"}
    )

    assert response.status_code == 302
    farida = type(farida).objects.get(pk=farida.pk)
    assert bodies[0].permissions_for_user(farida).can_edit()
    assert not bodies[1].permissions_for_user(farida).can_edit()
    assert farida.groups.filter(name=roles.INTERSESSIONAL_FACILITATOR).exists()


def test_an_unknown_email_refuses_the_whole_list(client, bodies, secretariat):
    known = UserFactory(email="known@example.org")

    response = client.post(
        facilitators_url(bodies[0]),
        {"emails": "known@example.org\nnobody@example.org"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["emails"] == [
        UNKNOWN_EMAILS % {"emails": "nobody@example.org"}
    ]
    known = type(known).objects.get(pk=known.pk)
    assert not bodies[0].permissions_for_user(known).can_edit()


def test_only_the_secretariat_names_facilitators(client, bodies, facilitator):
    friend = UserFactory()

    response = client.post(facilitators_url(bodies[1]), {"emails": friend.email})

    # Wagtail answers a refused admin view with a redirect to the dashboard.
    assert (response.status_code, response.url) == (302, "/admin/")
    friend = type(friend).objects.get(pk=friend.pk)
    assert not bodies[1].permissions_for_user(friend).can_edit()


def test_the_body_page_header_offers_the_facilitators_button(
    client, bodies, secretariat
):
    response = client.get(edit_url(bodies[0]))
    assert facilitators_url(bodies[0]) in response.content.decode()


def test_times_are_read_in_the_meeting_zone_whatever_the_editor_zone(
    client, bodies, secretariat
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(secretariat)
    profile.current_time_zone = "America/New_York"
    profile.save()
    own = bodies[0]

    response = client.post(
        edit_url(own),
        body_form(own, meetings=[meeting_data(time_zone="Asia/Tokyo")]),
    )

    assert response.status_code == 302, response.content[:2000]
    meeting = own.meetings.get()
    assert meeting.start_at == dt.datetime(2030, 3, 3, 21, tzinfo=dt.UTC)
    assert 'value="2030-03-04 06:00"' in client.get(edit_url(own)).content.decode()


@pytest.mark.parametrize(
    ("field", "message", "overrides"),
    [
        ("link", OUTPUT_NEEDS_DOCUMENT_OR_LINK, {"link": ""}),
        (
            "comments_open_until",
            COMMENTS_ON_FINAL,
            {"status": "final", "comments_open_until": "2030-06-01"},
        ),
    ],
    ids=["no_document_nor_link", "comments_on_a_final"],
)
def test_bad_outputs_are_refused_on_their_field(
    client, bodies, facilitator, field, message, overrides
):
    own = bodies[0]
    output = {
        "title": "Draft guide",
        "kind": "draft",
        "status": "draft",
        "year": "2030",
        "edition": "",
        "published_on": "2030-05-01",
        "summary": "",
        "document": "",
        "link": "https://docs.example.org/guide",
        "comments_open_until": "",
        **overrides,
    }
    data = body_form(own)
    data.update(nested_form_data({"outputs": inline_formset([output])}))

    response = client.post(edit_url(own), data)

    assert response.status_code == 200
    errors = response.context["form"].formsets["outputs"].forms[0].errors
    assert str(message) in errors.get(field, []), errors
    assert not own.outputs.exists()
