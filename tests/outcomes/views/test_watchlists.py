import re

import pytest
from defusedxml.ElementTree import fromstring
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from outcomes.models import Watch
from outcomes.services import watchlists as service
from tests.factories.outcomes import (
    PolicyMessageFactory,
    TransmissionFactory,
    UptakeEventFactory,
)
from tests.outcomes.services.test_watchlists import build_watch_scene

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def scene(home_page):
    return build_watch_scene()


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def feed_url(token: str) -> str:
    return reverse("watchlist:feed", kwargs={"token": token})


def entries(response) -> list[dict[str, str]]:
    root = fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "id": entry.findtext(f"{ATOM}id"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "published": entry.findtext(f"{ATOM}published"),
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


def follow(client, kind, target, action="follow", next_url="/outcomes/"):
    return client.post(
        reverse("watchlist:follow"),
        {"kind": kind, "target": target.pk, "action": action, "next": next_url},
    )


# --- follow buttons ---------------------------------------------------------------------


@pytest.mark.django_db
def test_visitors_are_sent_to_sign_in(client, scene):
    url = reverse("outcomes:message", args=[scene.themed.guid])
    page = text_of(client.get(url))

    assert f'href="/accounts/login/?next={url}">Follow' in page
    response = follow(client, "message", scene.themed, next_url=url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"
    assert not Watch.objects.exists()


@pytest.mark.django_db
def test_following_a_message_from_its_trace_page(client, scene):
    client.force_login(scene.alice)
    url = reverse("outcomes:message", args=[scene.themed.guid])
    assert 'value="follow" class="button follow" aria-pressed="false">Follow' in (
        text_of(client.get(url))
    )

    response = follow(client, "message", scene.themed, next_url=url)

    assert (response.status_code, response["Location"]) == (302, url)
    page = text_of(client.get(url))
    assert "You now follow “Trust by design”." in page
    assert 'aria-pressed="true">Following ✓ (unfollow)' in page
    assert Watch.objects.get().message == scene.themed

    follow(client, "message", scene.themed, action="unfollow", next_url=url)
    assert "You no longer follow “Trust by design”." in text_of(client.get(url))
    assert not Watch.objects.exists()


@pytest.mark.django_db
def test_following_a_forum_from_its_page(client, scene):
    client.force_login(scene.alice)
    url = reverse("outcomes:forum", args=[scene.forum.slug])

    follow(client, "forum", scene.forum, next_url=url)

    assert "Following ✓ (unfollow)" in text_of(client.get(url))
    assert Watch.objects.get().forum == scene.forum


@pytest.mark.django_db
def test_following_a_theme_from_the_edition_page(client, scene):
    client.force_login(scene.alice)
    url = reverse("outcomes:edition", args=[scene.edition.slug])
    before = text_of(client.get(url))
    assert 'name="kind" value="theme"' in before
    assert f'name="target" value="{scene.theme.pk}"' in before

    follow(client, "theme", scene.theme, next_url=url)

    assert (
        'aria-pressed="true">Following ✓ (unfollow)<span class="visually-hidden">: Digital trust'
        in (text_of(client.get(url)))
    )
    assert Watch.objects.get().theme == scene.theme


@pytest.mark.django_db
def test_draft_message_cannot_be_followed(client, scene):
    client.force_login(scene.alice)

    assert follow(client, "message", scene.draft).status_code == 404
    assert not Watch.objects.exists()


@pytest.mark.django_db
def test_next_must_stay_on_the_site(client, scene):
    client.force_login(scene.alice)

    response = follow(client, "forum", scene.forum, next_url="https://evil.example/")

    assert response["Location"] == "/my/watchlist/"


@pytest.mark.django_db
def test_trace_page_adds_one_query_for_the_follow_buttons(client, scene):
    url = reverse("outcomes:forum", args=[scene.forum.slug])
    client.force_login(scene.alice)
    client.get(url)
    with CaptureQueriesContext(connection) as signed_in:
        client.get(url)
    watch_queries = [
        q for q in signed_in.captured_queries if "outcomes_watch" in q["sql"]
    ]
    assert len(watch_queries) == 1


# --- my watchlist page ------------------------------------------------------------------


@pytest.mark.django_db
def test_watchlist_page_needs_sign_in(client, scene):
    response = client.get(reverse("watchlist:index"))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_watchlist_page_lists_follows_and_news(client, scene):
    service.follow(user=scene.alice, target=scene.theme)
    service.follow(user=scene.alice, target=scene.themed)
    service.follow(user=scene.alice, target=scene.forum)
    service.note_transmission(
        TransmissionFactory(forum=scene.forum, messages=[scene.plain])
    )
    client.force_login(scene.alice)

    page = text_of(client.get(reverse("watchlist:index")))

    assert (
        '<span dir="auto">Digital trust</span> <span class="muted">(IGF 2040)</span>'
        in page
    )
    assert (
        f'<a href="/outcomes/messages/{scene.themed.guid}/" dir="auto">Trust by design</a>'
        in page
    )
    assert '<a href="/outcomes/forums/trust-commission/">Trust Commission</a>' in page
    assert page.count('value="unfollow"') == 3
    assert "Sent to TC: Open standards" in page
    assert "Create my feed link" in page


@pytest.mark.django_db
def test_watchlist_page_query_count_does_not_grow(client, scene):
    client.force_login(scene.alice)
    service.follow(user=scene.alice, target=scene.forum)
    service.note_transmission(
        TransmissionFactory(forum=scene.forum, messages=[scene.plain])
    )
    url = reverse("watchlist:index")
    client.get(url)
    # Both measured requests follow new content, as cached fragments (the site menu)
    # are then drawn again: like is compared with like.
    PolicyMessageFactory(document=scene.document, title="Not followed")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    service.follow(user=scene.alice, target=scene.theme)
    for n in range(4):
        message = PolicyMessageFactory(document=scene.document, title=f"More {n}")
        service.follow(user=scene.alice, target=message)
        service.note_transmission(
            TransmissionFactory(forum=scene.forum, messages=[message])
        )
    with CaptureQueriesContext(connection) as many:
        page = text_of(client.get(url))
    assert "Sent to TC: More 3" in page
    assert len(many) == len(few)


# --- the feed link ----------------------------------------------------------------------


@pytest.mark.django_db
def test_feed_link_is_shown_once_and_replaced(client, scene):
    client.force_login(scene.alice)

    created = client.post(reverse("watchlist:feed_link"), {"action": "rotate"})
    html = created.content.decode()
    assert created["Cache-Control"] == "no-store"
    assert created["Referrer-Policy"] == "no-referrer"
    assert "This is the only time the link is shown" in html
    start = html.index('value="http://testserver/outcomes/watchlist/') + len('value="')
    url = html[start : html.index('"', start)]
    assert url.endswith(".atom")
    assert client.get(url).status_code == 200
    assert "Replace my feed link" in text_of(client.get(reverse("watchlist:index")))

    client.post(reverse("watchlist:feed_link"), {"action": "rotate"})
    gone = client.get(url)
    assert gone.status_code == 404
    assert gone["Content-Type"] == "text/plain; charset=utf-8"
    assert gone.content.decode() == (
        "This private watchlist feed link is not valid: it may have been replaced by a "
        "newer one. Copy the current link from your watchlist page.\n"
    )


@pytest.mark.django_db
def test_feed_link_can_be_turned_off(client, scene):
    token = service.rotate_watchlist_token(user=scene.alice)
    client.force_login(scene.alice)

    response = client.post(reverse("watchlist:feed_link"), {"action": "revoke"})

    assert response["Location"] == "/my/watchlist/"
    assert client.get(feed_url(token)).status_code == 404


# --- the feed ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_feed_lists_the_notices_without_signing_in(client, scene):
    service.follow(user=scene.alice, target=scene.forum)
    sent = TransmissionFactory(forum=scene.forum, messages=[scene.themed])
    event = UptakeEventFactory(transmission=sent)
    service.note_transmission(sent)
    service.note_uptake_event(event)
    token = service.rotate_watchlist_token(user=scene.alice)

    response = client.get(feed_url(token))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert "private" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    trace = f"http://testserver/outcomes/messages/{scene.themed.guid}/"
    day = timezone.localdate(sent.created_at).isoformat()
    assert entries(response) == [
        {
            "title": "TC: Acknowledged — Trust by design",
            "link": trace,
            "id": f"tag:testserver,{day}:uptake-event/{event.pk}",
            "updated": event.created_at.isoformat(),
            "published": "2026-05-14T00:00:00+00:00",
        },
        {
            "title": "Sent to TC: Trust by design",
            "link": trace,
            "id": f"tag:testserver,{day}:transmission/{sent.guid}",
            "updated": sent.created_at.isoformat(),
            "published": "2026-04-14T00:00:00+00:00",
        },
    ]
    assert b"alice@example.org" not in response.content
    assert token.encode() not in response.content


@pytest.mark.django_db
def test_feed_answers_304_until_something_changes(client, scene):
    service.follow(user=scene.alice, target=scene.forum)
    token = service.rotate_watchlist_token(user=scene.alice)
    first = client.get(feed_url(token))

    assert (
        client.get(feed_url(token), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    )
    service.note_transmission(
        TransmissionFactory(forum=scene.forum, messages=[scene.plain])
    )
    again = client.get(feed_url(token), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert [e["title"] for e in entries(again)] == ["Sent to TC: Open standards"]


@pytest.mark.django_db
def test_feed_shows_nothing_that_is_not_public(client, scene):
    service.follow(user=scene.alice, target=scene.forum)
    mixed = TransmissionFactory(forum=scene.forum, messages=[scene.plain, scene.draft])
    deleted = TransmissionFactory(forum=scene.forum, messages=[scene.themed])
    draft_only = TransmissionFactory(forum=scene.forum, messages=[scene.draft])
    for transmission in (mixed, deleted, draft_only):
        service.note_transmission(transmission)
    deleted.deleted_at = timezone.now()
    deleted.save()
    token = service.rotate_watchlist_token(user=scene.alice)

    response = client.get(feed_url(token))

    assert [e["title"] for e in entries(response)] == ["Sent to TC: Open standards"]
    assert b"Secret draft message" not in response.content
    assert b"Trust by design" not in response.content


@pytest.mark.django_db
def test_unknown_token_is_404(client, scene):
    assert client.get(feed_url("not-a-token")).status_code == 404


@pytest.mark.django_db
def test_feed_query_count_does_not_grow_with_notices(client, scene):
    service.follow(user=scene.alice, target=scene.forum)
    service.note_transmission(
        TransmissionFactory(forum=scene.forum, messages=[scene.plain])
    )
    token = service.rotate_watchlist_token(user=scene.alice)
    client.get(feed_url(token))  # the first read stamps "last used"
    with CaptureQueriesContext(connection) as few:
        client.get(feed_url(token))
    for n in range(5):
        message = PolicyMessageFactory(document=scene.document, title=f"More {n}")
        sent = TransmissionFactory(forum=scene.forum, messages=[message, scene.plain])
        service.note_transmission(sent)
        service.note_uptake_event(UptakeEventFactory(transmission=sent))
    service.note_transmission(
        TransmissionFactory(forum=scene.forum, document=scene.document)
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get(feed_url(token))
    assert len(entries(response)) == 12
    assert len(many) == len(few) == 3
