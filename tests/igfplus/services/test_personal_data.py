"""A person's data export and the deletion of their account, at the service level and
over HTTP: what the export holds (and only theirs), the password check, and what the
public programme shows after a deletion with and without consent."""

import json

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from igfplus.enums import Gender
from igfplus.models import CalendarFeedToken, User
from igfplus.services.feed_tokens import rotate_feed_token
from igfplus.services.personal_data import (
    FORMER_PARTICIPANT,
    NOT_CONFIRMED,
    WRONG_PASSWORD,
    delete_account,
    personal_data_of,
)
from igfplus.views import ACCOUNT_DELETED
from outcomes.enums import CommentStatus
from outcomes.models import MessageComment, Watch
from sessions.enums import PersonRole
from sessions.models import Person, SessionPage, Star
from sessions.services.releases import release_schedule
from sessions.services.sessions import ParticipantSpec, update_session_content
from tests.factories import PersonFactory, UserFactory
from tests.factories.evaluation import RatingFactory, ReviewAssignmentFactory
from tests.factories.igfplus import PASSWORD
from tests.factories.outcomes import MessageCommentFactory
from tests.outcomes.test_selectors import build_scene

SPEAKER_EMAIL = "amara.private@example.org"
OTHER_TEXT = "Sentinel someone else's comment"


@pytest.fixture
def scene(home_page):
    """A released session where Amara (with an account) speaks, plus her traces on the
    site — and another person's, which her export must never show."""
    s = build_scene()
    s.user = UserFactory(
        email=SPEAKER_EMAIL,
        name="Amara Mensah",
        organisation="ISOC",
        gender=Gender.FEMALE,
    )
    s.person = PersonFactory(
        name="Amara Mensah", organisation="ISOC", gender=Gender.FEMALE, user=s.user
    )
    update_session_content(
        session=SessionPage.objects.get(pk=s.session.pk),
        participants=[ParticipantSpec(s.person, PersonRole.SPEAKER)],
    )
    s.release = release_schedule(edition=s.edition, by=None, message="Second")
    Star.objects.create(user=s.user, session=s.session)
    Watch.objects.create(user=s.user, theme=s.access)
    s.published = MessageCommentFactory(
        message=s.first,
        author=s.user,
        text="My published comment",
        status=CommentStatus.PUBLISHED,
    )
    s.pending = MessageCommentFactory(
        message=s.first, author=s.user, text="My pending comment"
    )
    s.rating = RatingFactory(
        assignment=ReviewAssignmentFactory(reviewer=s.user, session=s.hidden_session),
        score=4,
        comment="Solid proposal",
    )
    s.token = rotate_feed_token(user=s.user)
    s.other = UserFactory(email="other.person@example.org")
    Star.objects.create(user=s.other, session=s.hidden_session)
    MessageCommentFactory(message=s.second, author=s.other, text=OTHER_TEXT)
    return s


def programme_json(client, edition="igf2030") -> str:
    return client.get(f"/open-data/{edition}/programme.json").content.decode()


def unfolded(response) -> str:
    """The body as text, iCalendar's folded lines joined again (RFC 5545, 3.1)."""
    return response.content.decode().replace("\r\n ", "")


# --- the export --------------------------------------------------------------------------


@pytest.mark.django_db
def test_export_holds_the_persons_own_data(scene):
    data = personal_data_of(scene.user)

    assert data["account"]["email"] == SPEAKER_EMAIL
    assert data["account"]["gender"] == "female"
    assert data["account"]["keeps_name_on_public_record"] is False
    assert data["email_addresses"] == [
        {"email": SPEAKER_EMAIL, "verified": True, "primary": True}
    ]
    assert data["speaker_record"]["sessions"] == [
        {
            "session": str(scene.session.guid),
            "title": "Community networks",
            "role": "speaker",
            "presence": "onsite",
        }
    ]
    assert [star["session"] for star in data["agenda_stars"]] == [
        str(scene.session.guid)
    ]
    assert [(r["score"], r["comment"]) for r in data["ratings_given"]] == [
        (4, "Solid proposal")
    ]
    assert sorted(c["text"] for c in data["comments"]) == [
        "My pending comment",
        "My published comment",
    ]
    assert data["watchlist"][0]["kind"] == "sub_theme"
    assert data["watchlist"][0]["follows"] == "Access"
    assert set(data["feed_links"]["calendar"]) == {"created_at", "last_used_at"}
    assert data["feed_links"]["watchlist"] is None


@pytest.mark.django_db
def test_export_never_holds_the_feed_secret_or_anyone_elses_data(client, scene):
    client.force_login(scene.user)

    response = client.get(reverse("accounts:my_data"))

    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="my-igfplus-data.json"'
    )
    assert "no-store" in response["Cache-Control"]
    assert json.loads(body)["account"]["email"] == SPEAKER_EMAIL
    assert scene.token not in body
    assert CalendarFeedToken.objects.get(user=scene.user).token_hash not in body
    assert OTHER_TEXT not in body
    assert "other.person@example.org" not in body
    assert str(scene.hidden_session.guid) in body  # her rating, not the other's star
    assert len(json.loads(body)["agenda_stars"]) == 1


@pytest.mark.django_db
def test_export_needs_sign_in(client, home_page):
    response = client.get(reverse("accounts:my_data"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_export_costs_the_same_for_few_and_many_items(
    client, scene, django_assert_max_num_queries
):
    client.force_login(scene.user)
    with django_assert_max_num_queries(EXPORT_QUERIES):
        client.get(reverse("accounts:my_data"))
    for title in ("One", "Two", "Three"):
        MessageCommentFactory(message=scene.second, author=scene.user, text=title)
    Watch.objects.create(user=scene.user, message=scene.second)
    Watch.objects.create(user=scene.user, forum=scene.cstd)

    with django_assert_max_num_queries(EXPORT_QUERIES):
        response = client.get(reverse("accounts:my_data"))
    assert len(json.loads(response.content)["comments"]) == 5


# Session and user, then one query per kind of data (14 kinds).
EXPORT_QUERIES = 18


# --- deletion ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_wrong_password_is_refused_on_its_field_and_nothing_is_deleted(client, scene):
    client.force_login(scene.user)

    response = client.post(
        reverse("accounts:delete"), {"password": "not it", "confirm": "on"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"password": [str(WRONG_PASSWORD)]}
    assert str(WRONG_PASSWORD) in response.content.decode()
    user = User.objects.get(pk=scene.user.pk)
    assert user.is_active
    assert user.email == SPEAKER_EMAIL
    assert Star.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_deletion_needs_the_tick(client, scene):
    client.force_login(scene.user)

    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})

    assert response.context["form"].errors == {"confirm": [str(NOT_CONFIRMED)]}
    assert User.objects.get(pk=scene.user.pk).is_active


@pytest.mark.django_db
def test_deletion_page_warns_and_says_what_happens_to_the_name(client, scene):
    client.force_login(scene.user)

    page = client.get(reverse("accounts:delete")).content.decode()

    assert "This cannot be undone." in page
    assert "will show “Former participant” instead of your name" in page


@pytest.mark.django_db
def test_deletion_without_consent_erases_the_person_and_their_name(client, scene):
    before = programme_json(client)  # rendered and kept for this release
    assert "Amara Mensah" in before
    client.force_login(scene.user)

    response = client.post(
        reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get(pk=scene.user.pk)
    assert not user.is_active
    assert not user.has_usable_password()
    assert SPEAKER_EMAIL not in (user.email, user.username)
    assert (user.name, user.organisation, user.gender) == ("", "", "")
    assert not Star.objects.filter(user=user).exists()
    assert not Watch.objects.filter(user=user).exists()
    assert not CalendarFeedToken.objects.filter(user=user).exists()
    assert not Authenticator.objects.filter(user=user).exists()
    assert list(
        MessageComment.objects.filter(author=user).values_list("text", flat=True)
    ) == ["My published comment"]
    person = Person.objects.get(pk=scene.person.pk)
    assert (person.name, person.organisation, person.gender, person.user) == (
        FORMER_PARTICIPANT,
        "",
        "",
        None,
    )
    # Signed out, and cannot sign in again.
    assert client.get(reverse("accounts:profile")).status_code == 302
    assert not client.login(email=SPEAKER_EMAIL, password=PASSWORD)
    # The released programme still works and no longer names her.
    after = programme_json(client)
    assert "Amara Mensah" not in after
    assert FORMER_PARTICIPANT in after
    assert json.loads(after)["sessions"][0]["title"] == "Community networks"


@pytest.mark.django_db
def test_deletion_message_is_shown_after_sign_out(client, scene):
    client.force_login(scene.user)

    response = client.post(
        reverse("accounts:delete"),
        {"password": PASSWORD, "confirm": "on"},
        follow=True,
    )

    assert str(ACCOUNT_DELETED) in response.content.decode()


@pytest.mark.django_db
def test_every_released_file_stops_naming_a_person_who_did_not_consent(client, scene):
    urls = [
        "/igf2030/programme/schedule.json",
        "/igf2030/programme/schedule.xml",
        "/igf2030/programme/schedule.ics",
        "/open-data/igf2030/programme.csv",
    ]
    for address in urls:  # each rendered, cached and kept before the deletion
        assert "Amara Mensah" in unfolded(client.get(address))

    delete_account(user=scene.user)

    for address in urls:
        response = client.get(address)
        assert response.status_code == 200, address
        assert "Amara Mensah" not in unfolded(response), address
        assert "Community networks" in unfolded(response), address


@pytest.mark.django_db
def test_deletion_with_consent_keeps_the_name_on_the_public_record(client, scene):
    User.objects.filter(pk=scene.user.pk).update(keeps_name_on_public_record=True)
    user = User.objects.get(pk=scene.user.pk)

    report = delete_account(user=user)

    assert report.kept_name
    assert report.editions_refreshed == (scene.edition.pk,)
    person = Person.objects.get(pk=scene.person.pk)
    assert (person.name, person.organisation) == ("Amara Mensah", "ISOC")
    assert (person.gender, str(person.country), person.user) == ("", "", None)
    after = json.loads(programme_json(client))
    assert after["sessions"][0]["people"][0]["name"] == "Amara Mensah"
    assert not User.objects.get(pk=user.pk).is_active


@pytest.mark.django_db
def test_deletion_keeps_the_mag_rating_without_a_name(scene):
    delete_account(user=scene.user)

    scene.rating.refresh_from_db()
    assert scene.rating.score == 4
    assert scene.rating.assignment.reviewer.name == ""


@pytest.mark.django_db
def test_outcomes_and_feeds_keep_working_after_a_deletion(client, scene):
    delete_account(user=scene.user)

    for address in (
        "/open-data/igf2030/outcomes.csv",
        "/open-data/igf2030/outcomes.json",
        "/outcomes/outcomes.json",
        "/igf2030/programme/",
        "/open-data/",
    ):
        assert client.get(address).status_code == 200, address


@pytest.mark.django_db
def test_consent_is_chosen_on_the_profile_and_off_by_default(client, home_page):
    user = UserFactory()
    assert user.keeps_name_on_public_record is False
    client.force_login(user)

    client.post(
        reverse("accounts:profile"),
        {"name": "Ana", "keeps_name_on_public_record": "on"},
    )

    assert User.objects.get(pk=user.pk).keeps_name_on_public_record is True


@pytest.mark.django_db
def test_privacy_page_is_public_and_linked_from_sign_up(client, home_page):
    page = client.get(reverse("privacy"))
    signup = client.get(reverse("account_signup")).content.decode()

    assert page.status_code == 200
    assert "What is kept" in page.content.decode()
    assert 'href="/privacy/"' in signup
