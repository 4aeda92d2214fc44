"""Calendar feeds of the released programme, read back by icalendar and ``ical``."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import http_date

from igfplus.services.feed_tokens import rotate_feed_token
from sessions.enums import PersonRole, Track
from sessions.models import Release, ReleasedSession, Star
from sessions.services.releases import release_schedule
from sessions.services.scheduling import cancel_session
from sessions.services.sessions import ParticipantSpec, update_session_content
from tests.factories import PersonFactory, RoomFactory, UserFactory
from tests.factories.programme import SessionPageFactory, SessionTypeFactory
from tests.feeds import HOSTILE_TITLE, events_by_uid, parse
from tests.sessions.conftest import local, schedule


def feed_url(edition, **query) -> str:
    url = reverse("programme:ical", args=[edition.slug])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


@pytest.fixture
def released(programme_scene):
    """Two released sessions in Zurich; a speaker at the first."""
    s = programme_scene
    s["speaker"] = PersonFactory(name="Amara Mensah", organisation="Open Net Africa")
    update_session_content(
        session=s["first"],
        participants=[ParticipantSpec(s["speaker"], PersonRole.SPEAKER)],
    )
    schedule(s["first"], s["room_a"], local(s["edition"], 1, 10))
    schedule(s["second"], s["room_b"], local(s["edition"], 2, 14, 30))
    s["release"] = release_schedule(edition=s["edition"], by=None, message="v1")
    for key in ("first", "second"):
        s[key].refresh_from_db()  # now live: later edits are drafts until released
    return s


@pytest.mark.django_db
def test_programme_feed_carries_every_released_session(client, released):
    edition = released["edition"]
    response = client.get(feed_url(edition))

    assert response.status_code == 200
    library, strict = parse(response)
    events = events_by_uid(library)
    first = events[str(released["first"].guid)]
    assert set(events) == {str(released["first"].guid), str(released["second"].guid)}
    assert first["DTSTART"].params["TZID"] == "Europe/Zurich"
    assert first["DTSTART"].dt == local(edition, 1, 10)
    assert first["DTEND"].dt == local(edition, 1, 11)
    assert [str(tz["TZID"]) for tz in library.walk("VTIMEZONE")] == ["Europe/Zurich"]
    assert str(first["SUMMARY"]) == f"{released['first'].code}: Data flows"
    assert str(first["LOCATION"]).startswith("Room A")
    assert "Speaker: Amara Mensah (Open Net Africa)" in str(first["DESCRIPTION"])
    assert str(first["URL"]) == f"http://testserver{released['first'].url}"
    assert first["SEQUENCE"] == 0
    assert first["STATUS"] == "CONFIRMED"
    assert str(library["X-WR-TIMEZONE"]) == "Europe/Zurich"
    assert library["METHOD"] == "PUBLISH"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in response.content
    assert b"X-PUBLISHED-TTL:PT1H" in response.content
    assert "Content-Disposition" not in response  # subscriptions read it inline
    assert len(strict.events) == 2


@pytest.mark.django_db
def test_feed_shows_only_what_a_release_made_public(client, released):
    s = released
    late = SessionPageFactory(session_type=s["workshop"], title="Not yet released")
    schedule(late, s["room_a"], local(s["edition"], 3, 9))
    update_session_content(session=s["first"], title="Draft title nobody released")

    body = client.get(feed_url(s["edition"])).content.decode()

    assert "Not yet released" not in body
    assert "Draft title nobody released" not in body
    assert "Data flows" in body


@pytest.mark.django_db
def test_sequence_rises_with_each_released_move_and_cancellation(client, released):
    s = released
    edition = s["edition"]
    # Version 1 came out yesterday, so today's changes have later stamps.
    yesterday = s["release"].released_at - dt.timedelta(days=1)
    Release.objects.filter(pk=s["release"].pk).update(released_at=yesterday)
    ReleasedSession.objects.filter(release=s["release"]).update(changed_at=yesterday)
    before = events_by_uid(parse(client.get(feed_url(edition)))[0])

    schedule(s["first"], s["room_b"], local(edition, 1, 15))
    release_schedule(edition=edition, by=None, message="v2: moved")
    moved = events_by_uid(parse(client.get(feed_url(edition)))[0])

    cancel_session(session=s["second"])
    release_schedule(edition=edition, by=None, message="v3: cancelled")
    library, strict = parse(client.get(feed_url(edition)))
    cancelled = events_by_uid(library)

    first, second = str(s["first"].guid), str(s["second"].guid)
    assert [before[first]["SEQUENCE"], moved[first]["SEQUENCE"]] == [0, 1]
    assert moved[first]["DTSTART"].dt == local(edition, 1, 15)
    assert before[first]["LAST-MODIFIED"].dt == yesterday.replace(microsecond=0)
    assert moved[first]["LAST-MODIFIED"].dt > yesterday
    # The unchanged session keeps its stamps: no churn for sync tools.
    assert moved[second]["DTSTAMP"].dt == before[second]["DTSTAMP"].dt
    assert moved[second]["SEQUENCE"] == 0
    assert cancelled[second]["STATUS"] == "CANCELLED"
    assert cancelled[second]["SEQUENCE"] == 1
    assert next(e for e in strict.events if e.uid == second).status == "CANCELLED"
    assert "This session has been cancelled." in str(cancelled[second]["DESCRIPTION"])


@pytest.mark.django_db
def test_hostile_titles_survive_end_to_end(client, released):
    s = released
    update_session_content(session=s["second"], title=HOSTILE_TITLE)
    release_schedule(edition=s["edition"], by=None, message="v2")

    library, strict = parse(client.get(feed_url(s["edition"])))

    expected = f"{s['second'].code}: {HOSTILE_TITLE}"
    assert str(events_by_uid(library)[str(s["second"].guid)]["SUMMARY"]) == expected
    assert next(e for e in strict.events if e.uid == str(s["second"].guid)).summary == (
        expected
    )


@pytest.mark.django_db
def test_filters_combine(client, released):
    s = released
    edition = s["edition"]
    parliament = SessionTypeFactory(
        edition=edition,
        name="Parliamentary session",
        prefix="PT",
        track=Track.PARLIAMENTARY,
    )
    mp_session = SessionPageFactory(session_type=parliament, title="Laws for AI")
    schedule(mp_session, s["room_a"], local(edition, 2, 9))
    release_schedule(edition=edition, by=None, message="v2")

    def uids(**query):
        return set(events_by_uid(parse(client.get(feed_url(edition, **query)))[0]))

    assert uids(track="parliamentary") == {str(mp_session.guid)}
    assert uids(room=s["room_a"].pk) == {str(s["first"].guid), str(mp_session.guid)}
    assert uids(room=s["room_a"].pk, type=s["workshop"].pk) == {str(s["first"].guid)}
    assert uids(person=s["speaker"].guid) == {str(s["first"].guid)}
    assert uids(track="parliamentary", person=s["speaker"].guid) == set()


@pytest.mark.django_db
def test_filtered_feed_is_named_after_its_filter(client, released):
    library, _ = parse(client.get(feed_url(released["edition"], track="parliamentary")))
    assert str(library["NAME"]).endswith("— Parliamentary track")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"track": "gardening"}, "track “gardening” is not known for"),
        ({"theme": "999999"}, "theme “999999” is not known for"),
        ({"room": "abc"}, "room “abc” is not known for"),
        (
            {"person": "00000000-0000-0000-0000-000000000000"},
            "person “00000000-0000-0000-0000-000000000000” is not a speaker's identifier",
        ),
    ],
    ids=["track", "theme", "room", "person"],
)
def test_unknown_filter_values_are_a_readable_404(client, released, query, message):
    response = client.get(feed_url(released["edition"], **query))

    assert response.status_code == 404
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert message in response.content.decode()


@pytest.mark.django_db
def test_unknown_track_lists_the_known_ones(client, released):
    body = client.get(feed_url(released["edition"], track="x")).content.decode()
    assert "Known values: high-level, parliamentary, youth." in body


@pytest.mark.django_db
def test_feed_before_the_first_release_is_a_readable_404(client, programme_scene):
    edition = programme_scene["edition"]
    response = client.get(feed_url(edition))
    assert response.status_code == 404
    assert response.content.decode() == (
        f"The programme of {edition.title} has not been released yet: "
        "there is no calendar.\n"
    )


@pytest.mark.django_db
def test_feed_of_an_unknown_edition_is_a_readable_404(client, home_page):
    response = client.get("/igf1999/programme/schedule.ics")
    assert response.status_code == 404
    assert "There is no edition “igf1999” with a published programme." in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_feed_answers_304_until_the_next_release(client, released):
    url = feed_url(released["edition"])
    first = client.get(url)
    etag, last_modified = first["ETag"], first["Last-Modified"]

    assert last_modified == http_date(released["release"].released_at.timestamp())
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(url).content == first.content  # same bytes: no churn

    schedule(released["first"], released["room_b"], local(released["edition"], 1, 16))
    release_schedule(edition=released["edition"], by=None, message="v2")
    after = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200
    assert after["ETag"] != etag


@pytest.mark.django_db
def test_download_link_saves_a_file(client, released):
    response = client.get(feed_url(released["edition"], download=1))
    assert response["Content-Disposition"] == (
        f'attachment; filename="{released["edition"].slug}-programme.ics"'
    )


@pytest.mark.django_db
def test_feed_query_count_does_not_grow_with_sessions(client, released):
    s = released
    url = feed_url(s["edition"])
    cache.clear()  # both reads render from the database
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for hour in range(9, 17):
        extra = SessionPageFactory(
            session_type=s["workshop"],
            people=[PersonFactory(), PersonFactory()],
        )
        schedule(extra, s["room_a"], local(s["edition"], 3, hour))
    release_schedule(edition=s["edition"], by=None, message="v2")
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert len(parse(response)[1].events) == 10
    assert len(many) == len(few)


# --- one session ------------------------------------------------------------------------


@pytest.mark.django_db
def test_session_feed_holds_that_session_only(client, released):
    session = released["first"]
    url = reverse(
        "programme:session_ical", args=[released["edition"].slug, session.guid]
    )
    response = client.get(url)

    _library, strict = parse(response)
    assert [e.uid for e in strict.events] == [str(session.guid)]
    assert response["Content-Disposition"].startswith("attachment; filename=")


@pytest.mark.django_db
def test_session_feed_of_an_unreleased_session_is_404(client, released):
    late = SessionPageFactory(session_type=released["workshop"])
    url = reverse("programme:session_ical", args=[released["edition"].slug, late.guid])
    response = client.get(url)
    assert response.status_code == 404
    assert "is not in the released programme" in response.content.decode()


@pytest.mark.django_db
def test_session_page_offers_its_calendar(client, released):
    session = released["first"]
    html = client.get(session.url).content.decode()
    path = reverse(
        "programme:session_ical", args=[released["edition"].slug, session.guid]
    )
    assert f'href="webcal://testserver{path}"' in html
    assert (
        "Google Calendar refreshes subscribed calendars only every several hours"
        in html
    )


# --- track pages ------------------------------------------------------------------------


@pytest.fixture
def parliamentary(released):
    s = released
    parliament = SessionTypeFactory(
        edition=s["edition"],
        name="Parliamentary session",
        prefix="PT",
        track=Track.PARLIAMENTARY,
    )
    s["mp_session"] = SessionPageFactory(session_type=parliament, title="Laws for AI")
    schedule(s["mp_session"], s["room_a"], local(s["edition"], 2, 9))
    release_schedule(edition=s["edition"], by=None, message="v2")
    return s


def track_url(edition, track) -> str:
    return f"{edition.url}programme/tracks/{track}/"


@pytest.mark.django_db
def test_track_page_lists_its_sessions_with_a_one_click_subscription(
    client, parliamentary
):
    edition = parliamentary["edition"]
    html = client.get(track_url(edition, "parliamentary")).content.decode()

    assert "<h1>Parliamentary track</h1>" in html
    assert ">Laws for AI</a>" in html
    assert "Data flows" not in html
    feed = f"testserver/{edition.slug}/programme/schedule.ics?track=parliamentary"
    assert f'href="webcal://{feed}"' in html
    assert f'value="http://{feed}"' in html  # the copyable address
    assert "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2F" in html
    assert "https://outlook.live.com/calendar/0/addfromweb?url=" in html
    assert (
        "Google Calendar refreshes subscribed calendars only every several hours"
        in html
    )


@pytest.mark.django_db
def test_unknown_track_page_is_404(client, parliamentary):
    assert (
        client.get(track_url(parliamentary["edition"], "gardening")).status_code == 404
    )


@pytest.mark.django_db
def test_track_page_query_count_does_not_grow(client, parliamentary):
    s = parliamentary
    url = track_url(s["edition"], "parliamentary")
    client.get(url)
    # Both measured requests follow new content, as cached fragments (the site menu)
    # are then drawn again: like is compared with like.
    PersonFactory()
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    parliament = s["mp_session"].session_type
    for hour in (9, 11, 12):
        extra = SessionPageFactory(session_type=parliament, people=[PersonFactory()])
        schedule(extra, s["room_b"], local(s["edition"], 2, hour))
    release_schedule(edition=s["edition"], by=None, message="v3")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


@pytest.mark.django_db
def test_programme_page_links_its_feed_and_exports(client, released):
    edition = released["edition"]
    html = client.get(f"{edition.url}programme/", {"track": "youth"}).content.decode()

    slug = edition.slug
    assert (
        f'<link rel="alternate" type="text/calendar" title="Programme (iCalendar)" '
        f'href="/{slug}/programme/schedule.ics">' in html
    )
    assert (
        f'type="application/xml" title="Schedule (frab XML)" href="/{slug}/programme/schedule.xml"'
        in html
    )
    assert (
        f'type="application/json" title="Schedule (c3voc JSON)" href="/{slug}/programme/schedule.json"'
        in html
    )
    # The subscription follows the visitor's selection.
    assert (
        f'href="webcal://testserver/{slug}/programme/schedule.ics?track=youth"' in html
    )
    assert "Follow this selection in your calendar" in html
    assert f'href="/{slug}/programme/programme.pdf?track=youth"' in html
    assert f'href="/{slug}/programme/tracks/parliamentary/"' in html


# --- the private agenda feed ----------------------------------------------------------


@pytest.fixture
def delegate(released):
    """A signed-up delegate who starred the second session and speaks at the first."""
    user = UserFactory(name="Amara Mensah", email="amara@example.org")
    released["speaker"].user = user
    released["speaker"].save()
    Star.objects.create(user=user, session=released["second"])
    released["user"] = user
    return released


def personal_url(token: str) -> str:
    return reverse("personal_calendar", kwargs={"token": token})


@pytest.mark.django_db
def test_personal_feed_works_without_signing_in(client, delegate):
    token = rotate_feed_token(user=delegate["user"])
    response = client.get(personal_url(token))

    assert response.status_code == 200
    library, _strict = parse(response)
    assert set(events_by_uid(library)) == {
        str(delegate["first"].guid),
        str(delegate["second"].guid),
    }
    assert "private" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert b"amara@example.org" not in response.content


@pytest.mark.django_db
def test_personal_feed_has_nothing_unreleased(client, delegate):
    s = delegate
    unreleased = SessionPageFactory(
        session_type=s["workshop"],
        title="Still being planned",
        participants=[ParticipantSpec(s["speaker"], PersonRole.SPEAKER)],
    )
    schedule(unreleased, s["room_a"], local(s["edition"], 3, 9))
    Star.objects.create(user=s["user"], session=unreleased)
    update_session_content(session=s["second"], title="Unreleased new title")

    token = rotate_feed_token(user=s["user"])
    body = client.get(personal_url(token)).content.decode()

    assert "Still being planned" not in body
    assert "Unreleased new title" not in body
    assert "Meaningful access" in body


@pytest.mark.django_db
def test_rotating_the_token_stops_the_old_url_at_once(client, delegate):
    old = rotate_feed_token(user=delegate["user"])
    new = rotate_feed_token(user=delegate["user"])

    gone = client.get(personal_url(old))
    assert gone.status_code == 404
    assert "This private calendar link is not valid" in gone.content.decode()
    assert client.get(personal_url(new)).status_code == 200
    assert len(new) >= 43
    assert new != old


@pytest.mark.django_db
def test_unknown_token_is_404(client, delegate):
    assert client.get(personal_url("not-a-token")).status_code == 404


@pytest.mark.django_db
def test_personal_feed_follows_stars_without_a_release(client, delegate):
    token = rotate_feed_token(user=delegate["user"])
    first = client.get(personal_url(token))
    Star.objects.filter(user=delegate["user"]).delete()

    again = client.get(personal_url(token), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert set(events_by_uid(parse(again)[0])) == {str(delegate["first"].guid)}
    assert (
        client.get(personal_url(token), HTTP_IF_NONE_MATCH=again["ETag"]).status_code
        == 304
    )


@pytest.mark.django_db
def test_personal_feed_query_count_does_not_grow_with_stars(client, delegate):
    s = delegate
    token = rotate_feed_token(user=s["user"])
    client.get(personal_url(token))
    with CaptureQueriesContext(connection) as few:
        client.get(personal_url(token))
    for hour in (9, 11, 13, 15):
        extra = SessionPageFactory(session_type=s["workshop"], people=[PersonFactory()])
        schedule(extra, RoomFactory(edition=s["edition"]), local(s["edition"], 3, hour))
        Star.objects.create(user=s["user"], session=extra)
    release_schedule(edition=s["edition"], by=None, message="v2")
    with CaptureQueriesContext(connection) as many:
        response = client.get(personal_url(token))
    assert len(parse(response)[1].events) == 6
    assert len(many) == len(few)


@pytest.mark.django_db
def test_account_page_creates_shows_once_and_replaces_the_link(client, delegate):
    user = delegate["user"]
    client.force_login(user)

    profile = client.get(reverse("accounts:profile")).content.decode()
    assert "Create my calendar link" in profile

    created = client.post(reverse("accounts:calendar_link"), {"action": "rotate"})
    html = created.content.decode()
    assert created["Cache-Control"] == "no-store"
    assert "This is the only time the link is shown" in html
    start = html.index('value="http://testserver/calendar/') + len('value="')
    url = html[start : html.index('"', start)]
    assert f'href="webcal://{url.removeprefix("http://")}"' in html
    assert client.get(url).status_code == 200

    client.post(reverse("accounts:calendar_link"), {"action": "rotate"})
    assert client.get(url).status_code == 404
    assert (
        "Replace my calendar link"
        in client.get(reverse("accounts:profile")).content.decode()
    )


@pytest.mark.django_db
def test_account_page_can_turn_the_link_off(client, delegate):
    client.force_login(delegate["user"])
    token = rotate_feed_token(user=delegate["user"])

    response = client.post(
        reverse("accounts:calendar_link"), {"action": "revoke"}, follow=True
    )

    assert (
        "Your private calendar link has been turned off." in response.content.decode()
    )
    assert client.get(personal_url(token)).status_code == 404


@pytest.mark.django_db
def test_calendar_link_needs_a_signed_in_post(client, delegate):
    assert client.get(reverse("accounts:calendar_link")).status_code == 405
    response = client.post(reverse("accounts:calendar_link"), {"action": "rotate"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_my_agenda_offers_its_pdf_and_the_private_link(client, delegate):
    client.force_login(delegate["user"])
    html = client.get(reverse("sessions:agenda")).content.decode()

    slug = delegate["edition"].slug
    assert f'href="/{slug}/programme/programme.pdf?mine=1"' in html
    assert "Create your private calendar link" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "schedule.ics",
        "schedule.ics?track=parliamentary",
        "schedule.xml",
        "schedule.json",
    ],
    ids=["feed", "filtered_feed", "frab", "c3voc"],
)
def test_a_poll_with_the_current_etag_costs_one_query(client, released, path):
    url = f"/{released['edition'].slug}/programme/{path}"
    etag = client.get(url)["ETag"]

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response["ETag"] == etag
    assert len(queries) == 1


@pytest.mark.django_db
def test_a_poll_with_an_old_etag_gets_the_new_release(client, released):
    url = feed_url(released["edition"])
    etag = client.get(url)["ETag"]
    schedule(released["first"], released["room_b"], local(released["edition"], 1, 16))
    release_schedule(edition=released["edition"], by=None, message="v2")

    response = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    moved = events_by_uid(parse(response)[0])[str(released["first"].guid)]
    assert moved["SEQUENCE"] == 1
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


@pytest.mark.django_db
def test_a_poll_of_a_session_feed_with_the_current_etag_is_304(client, released):
    url = reverse(
        "programme:session_ical",
        args=[released["edition"].slug, released["first"].guid],
    )
    etag = client.get(url)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert len(queries) == 1
