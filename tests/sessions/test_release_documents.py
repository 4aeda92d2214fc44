"""Feeds and exports kept per release: rendered once for every app server, forgotten by
the next release, and prepared by a task before the first calendar app polls."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from igfplus.models import StoredDocument
from sessions.enums import Track
from sessions.services.releases import programme_documents, release_schedule
from sessions.tasks import prepare_release_documents
from tests.sessions.conftest import local, schedule

SITE_HOST = "localhost"  # the default Site's host name in a fresh database


@pytest.fixture
def released(programme_scene):
    s = programme_scene
    schedule(s["first"], s["room_a"], local(s["edition"], 1, 10))
    schedule(s["second"], s["room_b"], local(s["edition"], 2, 14, 30))
    s["release"] = release_schedule(edition=s["edition"], by=None, message="v1")
    return s


def kept(edition) -> int:
    return StoredDocument.objects.filter(scope=programme_documents(edition.pk)).count()


@pytest.mark.django_db
def test_a_kept_feed_outlives_the_cache_and_is_not_rendered_again(client, released):
    url = reverse("programme:ical", args=[released["edition"].slug])
    first = client.get(url)
    cache.clear()  # another app server, or a restart

    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)

    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert kept(released["edition"]) == 1
    assert not any("releasedsession" in q["sql"] for q in queries)


@pytest.mark.django_db
def test_a_new_release_forgets_the_kept_documents_of_its_edition(client, released):
    edition = released["edition"]
    client.get(reverse("programme:ical", args=[edition.slug]))
    client.get(reverse("programme:frab", args=[edition.slug]))
    assert kept(edition) == 2

    schedule(released["first"], released["room_b"], local(edition, 1, 16))
    release_schedule(edition=edition, by=None, message="v2")

    assert kept(edition) == 0
    cache.clear()
    moved = client.get(reverse("programme:ical", args=[edition.slug]))
    assert b"SEQUENCE:1" in moved.content


@pytest.mark.django_db
def test_releasing_prepares_the_standard_documents_for_the_site(
    client, programme_scene, django_capture_on_commit_callbacks
):
    s = programme_scene
    schedule(s["first"], s["room_a"], local(s["edition"], 1, 10))
    with django_capture_on_commit_callbacks(execute=True):
        release_schedule(edition=s["edition"], by=None, message="v1")

    # The whole programme, one calendar per track, frab and c3voc.
    assert kept(s["edition"]) == 1 + len(Track.values) + 2
    cache.clear()
    url = reverse("programme:ical", args=[s["edition"].slug])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_HOST=SITE_HOST)
    assert response.status_code == 200
    assert f"http://{SITE_HOST}/".encode() in response.content
    assert not any("releasedsession" in q["sql"] for q in queries)
    assert kept(s["edition"]) == 1 + len(Track.values) + 2


@pytest.mark.django_db
def test_a_superseded_release_prepares_nothing(released):
    edition = released["edition"]
    schedule(released["first"], released["room_b"], local(edition, 1, 16))
    release_schedule(edition=edition, by=None, message="v2")

    assert prepare_release_documents.call(released["release"].pk) == 0
    assert kept(edition) == 0
