"""Whole pages for anonymous visitors: fast, and never stale, never someone else's."""

import re

import pytest
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from igfplus.services.page_cache import _writes_public_table, page_to_store
from outcomes.models import PolicyMessage
from sessions.models import Star
from tests.factories import UserFactory
from tests.factories.outcomes import OutcomeDocumentFactory
from tests.outcomes.test_selectors import build_scene

INDEX = "/outcomes/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.IGFPLUS_PAGE_CACHE_ENABLED = True


@pytest.fixture
def scene(home_page):
    return build_scene()


def queries_of(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries)


@pytest.mark.django_db
def test_a_page_seen_again_is_answered_from_the_cache(client, scene):
    first, queries_first = queries_of(client, INDEX)
    again, queries_again = queries_of(client, INDEX)

    assert again.status_code == 200
    assert again.content == first.content.replace(
        TOKEN.search(first.content.decode()).group(1).encode(),
        TOKEN.search(again.content.decode()).group(1).encode(),
    )
    assert queries_first > 0
    assert queries_again == 0  # the generation is kept with the pages


@pytest.mark.django_db
def test_an_edit_reaches_the_next_visitor_at_once(client, scene):
    assert "IGF 2030 Messages" in client.get(INDEX).content.decode()

    scene.document.title = "IGF 2030 Key Messages"
    scene.document.save()

    assert "IGF 2030 Key Messages" in client.get(INDEX).content.decode()


@pytest.mark.django_db
def test_a_bulk_update_reaches_the_next_visitor_at_once(client, scene):
    url = "/outcomes/documents/igf2030/messages/"
    assert "Affordable access" in client.get(url).content.decode()

    PolicyMessage.objects.filter(pk=scene.first.pk).update(title="Affordable devices")

    assert "Affordable devices" in client.get(url).content.decode()


# Serialized rollback: the home page comes from a migration, which a flush would remove.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_committed_transaction_starts_a_new_generation_for_every_worker(home_page):
    scene = build_scene()
    visitor = Client()
    assert "IGF 2030 Messages" in visitor.get(INDEX).content.decode()

    with transaction.atomic():
        OutcomeDocumentFactory(
            edition=scene.edition, slug="more", title="Youth messages"
        )

    assert "Youth messages" in visitor.get(INDEX).content.decode()


@pytest.mark.django_db
def test_a_star_keeps_the_cached_pages(client, scene):
    delegate = UserFactory()
    client.get(INDEX)
    Star.objects.create(user=delegate, session=scene.session)

    _response, queries = queries_of(client, INDEX)

    assert queries == 0


@pytest.mark.django_db
def test_signed_in_visitors_are_always_served_fresh_and_never_stored(client, scene):
    client.get(INDEX)  # an anonymous copy is cached
    member = UserFactory(name="Ana Delegate")
    client.force_login(member)

    signed_in = client.get(INDEX).content.decode()
    anonymous = Client().get(INDEX).content.decode()

    assert "Sign out" in signed_in
    assert "Sign out" not in anonymous


@pytest.mark.django_db
def test_cookies_the_site_never_reads_do_not_stop_the_cache(client, scene):
    client.get(INDEX)
    client.cookies["_analytics"] = "GA1.2.3"

    _response, queries = queries_of(client, INDEX)

    assert queries == 0


@pytest.mark.django_db
def test_a_visitor_with_a_message_waiting_is_served_fresh(client, scene):
    client.get(INDEX)
    client.cookies["messages"] = "pending"

    _response, queries = queries_of(client, INDEX)

    assert queries > 0


@pytest.mark.django_db
def test_each_visitor_gets_a_csrf_token_of_their_own(scene):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(INDEX)
    page = second.get(INDEX)  # from the cache
    token = TOKEN.search(page.content.decode()).group(1)

    switch = {"language": "fr", "next": INDEX, "csrfmiddlewaretoken": token}
    assert first.post("/i18n/setlang/", switch).status_code == 403
    assert second.post("/i18n/setlang/", switch).status_code == 302


@pytest.mark.django_db
def test_a_page_is_cached_per_language(client, scene):
    english = client.get(INDEX, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    french = Client().get(INDEX, HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert 'lang="en"' in english
    assert 'lang="fr"' in french


@pytest.mark.django_db
def test_a_cached_feed_answers_a_conditional_request_with_304(client, scene):
    url = "/igf2030/programme/schedule.ics"
    feed = client.get(url)
    assert feed.status_code == 200

    again = client.get(url, HTTP_IF_NONE_MATCH=feed["ETag"])

    assert again.status_code == 304
    assert again["ETag"] == feed["ETag"]


@pytest.mark.django_db
def test_the_cache_can_be_turned_off(client, scene, settings):
    settings.IGFPLUS_PAGE_CACHE_ENABLED = False
    client.get(INDEX)

    _response, queries = queries_of(client, INDEX)

    assert queries > 0


@pytest.mark.django_db
def test_pdfs_pass_through_untouched(client, scene):
    url = "/outcomes/editions/igf2030/messages.pdf"
    client.get(INDEX)  # a CSRF cookie, as a browsing visitor has
    first = client.get(url)

    again, queries = queries_of(client, url)

    assert (first.status_code, again.status_code) == (200, 200)
    assert again.content.startswith(b"%PDF-")
    assert queries > 1  # not kept as a page: a PDF is not text


def test_text_that_is_not_valid_in_its_charset_is_never_kept(rf):
    request = rf.get("/open-data/odd.csv")
    request.META["CSRF_COOKIE"] = "x" * 32  # the visitor has a CSRF cookie
    response = HttpResponse(b"name\n\xff\xfe", content_type="text/csv; charset=utf-8")

    assert page_to_store(request, response) is None


@pytest.mark.parametrize(
    ("sql", "public"),
    [
        ('INSERT INTO "outcomes_policymessage" ("title") VALUES (%s)', True),
        ('UPDATE "wagtailcore_page" SET "title" = %s WHERE "id" = %s', True),
        ('DELETE FROM "outcomes_transmission" WHERE "id" IN (%s)', True),
        (
            'INSERT OR IGNORE INTO "forum_sessions_sessionparticipant" ("x") VALUES (1)',
            True,
        ),
        ('INSERT INTO "forum_sessions_star" ("user_id") VALUES (%s)', False),
        ('DELETE FROM "django_session" WHERE "session_key" = %s', False),
        ('UPDATE "igfplus_user" SET "last_login" = %s WHERE "id" = %s', False),
        ('UPDATE "igfplus_user" SET "name" = %s WHERE "id" = %s', True),
        ('SELECT "title" FROM "outcomes_policymessage"', False),
    ],
)
def test_which_writes_start_a_new_generation(sql, public):
    assert _writes_public_table(sql) is public
