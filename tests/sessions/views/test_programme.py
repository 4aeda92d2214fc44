import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sessions.enums import Delivery, PersonRole, SessionStatus, Track
from sessions.models import SessionPage, Star
from sessions.services.releases import release_schedule
from sessions.services.sessions import (
    ParticipantSpec,
    programme_page_for,
    update_session_content,
)
from tests.factories import PersonFactory, RoomFactory, UserFactory
from tests.factories.programme import SessionPageFactory
from tests.sessions.conftest import local, schedule


def programme_url(edition) -> str:
    return programme_page_for(edition).url


@pytest.mark.django_db
def test_programme_before_the_first_release_says_so(client, programme_scene):
    response = client.get(programme_url(programme_scene["edition"]))
    assert response.status_code == 200
    assert "The programme has not been published yet" in response.content.decode()
    assert "Data flows" not in response.content.decode()


@pytest.fixture
def released(programme_scene):
    s = programme_scene
    speaker = PersonFactory(name="Amara Mensah")
    update_session_content(
        session=s["first"], participants=[ParticipantSpec(speaker, PersonRole.SPEAKER)]
    )
    schedule(s["first"], s["room_a"], local(s["edition"], 1, 10))
    schedule(s["second"], s["room_b"], local(s["edition"], 2, 14, 30))
    release_schedule(edition=s["edition"], by=None, message="")
    return s


@pytest.mark.django_db
def test_programme_lists_released_sessions_by_day_in_local_time(client, released):
    html = client.get(
        programme_url(released["edition"]), {"day": "all"}
    ).content.decode()

    assert "Times are in the meeting's local time (Europe/Zurich)." in html
    assert "2 sessions" in html
    # 10:00 in Zurich is 08:00 UTC in June; the page shows the local hour.
    assert (
        '>10:00</time>–<time datetime="2030-06-23T11:00:00+02:00" data-local-time>11:00</time>'
        in html
    )
    assert html.index("Data flows") < html.index("Meaningful access")
    assert '<p class="session-row__people" dir="auto">Amara Mensah</p>' in html
    assert "Sunday 23 June 2030" in html
    assert "Monday 24 June 2030" in html


@pytest.mark.django_db
def test_programme_shows_one_day_at_a_time_with_links_to_the_others(client, released):
    url = programme_url(released["edition"])

    first = client.get(url).content.decode()
    second = client.get(url, {"day": "2030-06-24"}).content.decode()

    assert ">Data flows</a>" in first
    assert ">Meaningful access</a>" not in first
    assert '<a href="?day=2030-06-23" aria-current="page">Sun 23 Jun</a>' in first
    assert '<a href="?day=2030-06-24">Mon 24 Jun</a>' in first
    assert '<a href="?day=all">All days</a>' in first
    assert ">Meaningful access</a>" in second
    assert ">Data flows</a>" not in second


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param({"q": "access"}, ["Meaningful access"], id="text_in_title"),
        pytest.param({"q": "amara"}, ["Data flows"], id="text_in_speaker"),
        pytest.param({"room": "room_b"}, ["Meaningful access"], id="room"),
        pytest.param({"language": "fr"}, [], id="language_none"),
        pytest.param(
            {"language": "en"}, ["Data flows", "Meaningful access"], id="language_en"
        ),
        pytest.param({"attendance": "online"}, [], id="online_only_onsite_sessions"),
        pytest.param(
            {"attendance": "onsite"}, ["Data flows", "Meaningful access"], id="onsite"
        ),
        pytest.param({"track": Track.PARLIAMENTARY}, [], id="track"),
    ],
)
def test_programme_filters(client, released, query, expected):
    params = {
        key: released[value].pk if value in released else value
        for key, value in query.items()
    }
    html = client.get(programme_url(released["edition"]), params).content.decode()
    shown = [
        title
        for title in ("Data flows", "Meaningful access")
        if f">{title}</a>" in html
    ]
    assert shown == expected
    if not expected:
        assert "No session matches these filters" in html


@pytest.mark.django_db
def test_programme_query_count_does_not_grow_with_sessions(client, released):
    def count():
        url = programme_url(released["edition"]) + "?day=all"
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for hour in range(9, 17):
        room = RoomFactory(edition=released["edition"])
        for _ in range(3):
            session = SessionPageFactory(
                session_type=released["workshop"],
                participants=[
                    ParticipantSpec(PersonFactory()),
                    ParticipantSpec(PersonFactory()),
                ],
            )
            schedule(session, room, local(released["edition"], 3, hour))
            room = RoomFactory(edition=released["edition"])
    release_schedule(
        edition=released["edition"], by=None, message="", override_reason="test"
    )
    assert count() == few


@pytest.mark.django_db
def test_session_page_shows_release_placement_and_people(client, released):
    session = SessionPage.objects.get(pk=released["first"].pk)
    html = client.get(session.url).content.decode()
    assert session.url == "/igf2030/programme/ws-1/"
    assert "WS #1" in html
    assert "Room A" in html
    assert "Amara Mensah" in html
    assert "Sunday 23 June 2030, 10:00" in html
    assert "<dd>English</dd>" in html


@pytest.mark.django_db
def test_unreleased_session_page_is_not_found(client, programme_scene):
    session = programme_scene["first"]
    assert client.get(f"/igf2030/programme/{session.slug}/").status_code == 404


@pytest.mark.django_db
def test_cancelled_session_is_shown_as_cancelled(client, released):
    SessionPage.objects.filter(pk=released["first"].pk).update(
        status=SessionStatus.CANCELLED
    )
    release_schedule(edition=released["edition"], by=None, message="")

    html = client.get(programme_url(released["edition"])).content.decode()
    assert "session-row--cancelled" in html
    assert (
        "This session has been cancelled."
        in client.get(
            SessionPage.objects.get(pk=released["first"].pk).url
        ).content.decode()
    )


@pytest.mark.django_db
def test_changes_page_lists_each_release(client, released):
    schedule(released["first"], released["room_b"], local(released["edition"], 3, 9))
    release_schedule(edition=released["edition"], by=None, message="Room swap")

    html = client.get(programme_url(released["edition"]) + "changes/").content.decode()

    assert "Version 2" in html
    assert "Version 1" in html
    assert "Room swap" in html
    assert "Moved" in html
    assert "WS #1 — Data flows" in html


@pytest.mark.django_db
def test_visitor_must_sign_in_to_star(client, released):
    response = client.post(reverse("sessions:star", args=[released["first"].guid]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Star.objects.exists()


@pytest.mark.django_db
def test_visitors_are_told_how_to_star_and_signed_in_people_get_the_buttons(
    client, released
):
    url = programme_url(released["edition"])
    anonymous = client.get(url).content.decode()
    client.force_login(UserFactory())
    signed_in = client.get(url).content.decode()

    assert f'href="{reverse("account_login")}?next=' in anonymous
    assert "to star sessions into your own agenda and calendar." in anonymous
    assert "Add to my agenda" not in anonymous
    assert "to star sessions" not in signed_in
    assert "Add to my agenda" in signed_in


@pytest.mark.django_db
def test_starring_builds_my_agenda_and_flags_clashes(client, released):
    edition = released["edition"]
    clash = SessionPageFactory(
        session_type=released["workshop"],
        title="Parallel talk",
        delivery=Delivery.HYBRID,
    )
    schedule(
        clash,
        RoomFactory(edition=edition, has_hybrid_equipment=True),
        local(edition, 1, 10, 30),
    )
    release_schedule(edition=edition, by=None, message="")
    user = UserFactory()
    client.force_login(user)

    for session in (released["first"], released["second"], clash):
        client.post(reverse("sessions:star", args=[session.guid]), {"next": "/"})

    html = client.get(reverse("sessions:agenda")).content.decode()
    assert "2 sessions in your agenda overlap others." in html
    assert html.count("session-row--clash") == 2
    assert "Meaningful access" in html

    client.post(reverse("sessions:star", args=[clash.guid]), {"next": "/"})
    html = client.get(reverse("sessions:agenda")).content.decode()
    assert "overlap" not in html
    assert Star.objects.filter(user=user).count() == 2


@pytest.mark.django_db
def test_unreleased_sessions_cannot_be_starred(client, programme_scene):
    client.force_login(UserFactory())
    response = client.post(
        reverse("sessions:star", args=[programme_scene["first"].guid])
    )
    assert response.status_code == 404
