"""Sessions in other languages: only the text is translated, the session stays one.

A translation is text kept beside the session (``SessionPageTranslation``): time, room,
people and status are always the original's, and no list, feed, export or count ever
meets a second session.
"""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from igfplus.models import StoredDocument
from sessions.enums import PersonRole
from sessions.models import SessionPage, SessionPageTranslation
from sessions.services.releases import release_schedule
from sessions.services.sessions import (
    ParticipantSpec,
    programme_page_for,
    update_session_content,
)
from tests.factories import PersonFactory
from tests.factories.programme import SessionPageFactory
from tests.feeds import events_by_uid, parse
from tests.sessions.conftest import local, schedule
from tests.sessions.views.test_booklet import IMMEDIATE, rendered_html  # noqa: F401

FRENCH_TITLE = "Flux de données transfrontières"
FRENCH_DESCRIPTION = "Pourquoi les données devraient circuler."
NOTICE = (
    "This page is not available in %(requested)s yet; you are reading the original in "
    "%(original)s."
)

pytestmark = pytest.mark.django_db


def translate(session, language, **text):
    """Add a translation the way the page editor does: in the session's next revision."""
    session.translations.add(SessionPageTranslation(language=language, **text))
    return update_session_content(session=session)


@pytest.fixture
def released(programme_scene):
    """Two released sessions; the first with a speaker and a French translation."""
    s = programme_scene
    s["speaker"] = PersonFactory(name="Amara Mensah", organisation="Open Net Africa")
    update_session_content(
        session=s["first"],
        participants=[ParticipantSpec(s["speaker"], PersonRole.SPEAKER)],
        description="Why data should flow.",
        policy_questions="Who decides?",
    )
    translate(
        s["first"],
        "fr",
        title=FRENCH_TITLE,
        description=FRENCH_DESCRIPTION,
        policy_questions="Qui décide ?",
    )
    schedule(s["first"], s["room_a"], local(s["edition"], 1, 10))
    schedule(s["second"], s["room_b"], local(s["edition"], 2, 14, 30))
    s["release"] = release_schedule(edition=s["edition"], by=None, message="v1")
    for key in ("first", "second"):
        s[key].refresh_from_db()
    return s


def feed_url(edition, **query) -> str:
    url = reverse("programme:ical", args=[edition.slug])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


# --- The session page ------------------------------------------------------------------


def test_translated_session_shows_translated_text_with_the_original_schedule(
    client, released
):
    first = released["first"]

    french = client.get(first.url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    english = client.get(first.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert f'<h1 dir="auto">{FRENCH_TITLE}</h1>' in french
    assert FRENCH_DESCRIPTION in french
    assert "Qui décide ?" in french
    assert "Why data should flow." not in french
    # Scheduling and people come from the one session there is.
    assert "Room A" in french
    assert "Amara Mensah" in french
    start = local(released["edition"], 1, 10).astimezone(released["edition"].tzinfo)
    assert f'datetime="{start.isoformat()}"' in french
    assert '<h1 dir="auto">Data flows</h1>' in english
    assert FRENCH_TITLE not in english


def test_session_page_lists_its_languages_and_switches_by_posting(client, released):
    html = client.get(released["first"].url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert '<strong lang="fr" aria-current="page">français</strong>' in html
    assert 'name="language" value="en" lang="en">English</button>' in html
    assert f'action="{reverse("set_language")}"' in html


def test_missing_translation_shows_the_original_with_a_notice(client, released):
    second = released["second"]

    html = client.get(second.url, HTTP_ACCEPT_LANGUAGE="ar").content.decode()

    # The sentence is an interface string: as the Arabic catalogue words it, if it does.
    with translation.override("ar"):
        notice = gettext(NOTICE) % {"requested": "العربيّة", "original": "English"}
    assert notice in html
    assert '<h1 dir="auto" lang="en">Meaningful access</h1>' in html
    assert "content-languages" not in html  # no other language to offer


def test_translated_session_has_no_notice_in_its_languages(client, released):
    for language in ("en", "fr"):
        html = client.get(
            released["first"].url, HTTP_ACCEPT_LANGUAGE=language
        ).content.decode()
        assert "content-fallback" not in html


# --- One session everywhere -------------------------------------------------------------


def test_translation_is_never_an_extra_session(client, released):
    programme = programme_page_for(released["edition"])

    html = client.get(
        programme.url + "?day=all", HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()

    assert SessionPage.objects.filter(edition=released["edition"]).count() == 2
    assert released["release"].sessions.count() == 2
    assert html.count(FRENCH_TITLE) == 1
    assert "Data flows" not in html  # its title is shown once, in French
    assert "Meaningful access" in html  # untranslated: the original


def queries(client, url, language) -> int:
    """Queries of one warm request in ``language`` (site lookups cached by the first)."""
    assert client.get(url, HTTP_ACCEPT_LANGUAGE=language).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, HTTP_ACCEPT_LANGUAGE=language).status_code == 200
    return len(captured)


def add_translated_sessions(released, count: int) -> None:
    for number in range(count):
        session = SessionPageFactory(
            session_type=released["workshop"], title=f"More {number}"
        )
        translate(session, "fr", title=f"Encore {number}")
        schedule(session, released["room_a"], local(released["edition"], 3, 9 + number))
    release_schedule(edition=released["edition"], by=None, message="more")


def test_translated_programme_costs_the_same_whatever_its_size(client, released):
    url = programme_page_for(released["edition"]).url + "?day=all"
    one = queries(client, url, "fr")

    add_translated_sessions(released, 4)
    many = queries(client, url, "fr")

    assert many == one
    assert "Encore 3" in client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()


def test_exports_keep_the_original_and_list_each_session_once(client, released):
    edition = released["edition"]

    frab = client.get(
        reverse("programme:frab", args=[edition.slug]) + "?lang=fr"
    ).content.decode()
    c3voc = json.loads(
        client.get(reverse("programme:c3voc", args=[edition.slug]) + "?lang=fr").content
    )

    assert frab.count("<event ") == 2
    assert FRENCH_TITLE not in frab
    rooms = c3voc["schedule"]["conference"]["days"]
    events = [e for day in rooms for room in day["rooms"].values() for e in room]
    assert sorted(event["title"] for event in events) == [
        "Data flows",
        "Meaningful access",
    ]


# --- Feeds --------------------------------------------------------------------------------


def test_feed_in_french_and_english_with_distinct_etags(client, released):
    edition = released["edition"]
    guid = str(released["first"].guid)

    english = client.get(feed_url(edition))
    french = client.get(feed_url(edition, lang="fr"))
    english_again = client.get(feed_url(edition))

    english_event = events_by_uid(parse(english)[0])[guid]
    french_event = events_by_uid(parse(french)[0])[guid]
    assert str(english_event["SUMMARY"]) == f"{released['first'].code}: Data flows"
    assert str(french_event["SUMMARY"]) == f"{released['first'].code}: {FRENCH_TITLE}"
    assert FRENCH_DESCRIPTION in str(french_event["DESCRIPTION"])
    assert "Why data should flow." in str(english_event["DESCRIPTION"])
    # Time, room and sequence are the original's in both.
    for key in ("DTSTART", "DTEND", "LOCATION", "SEQUENCE", "UID"):
        assert french_event.get(key) is not None
        assert str(french_event[key]) == str(english_event[key])
    assert len(events_by_uid(parse(french)[0])) == 2
    assert english["ETag"] != french["ETag"]
    # The English document was not replaced by the French one in the cache.
    assert english_again.content == english.content


def test_french_feed_is_never_answered_from_the_english_version(client, released):
    edition = released["edition"]
    english = client.get(feed_url(edition))

    french = client.get(
        feed_url(edition, lang="fr"), HTTP_IF_NONE_MATCH=english["ETag"]
    )

    assert french.status_code == 200
    assert FRENCH_TITLE.encode() in french.content


def test_session_feed_follows_lang(client, released):
    first = released["first"]
    url = reverse("programme:session_ical", args=[released["edition"].slug, first.guid])

    french = client.get(url + "?lang=fr")

    event = events_by_uid(parse(french)[0])[str(first.guid)]
    assert str(event["SUMMARY"]) == f"{first.code}: {FRENCH_TITLE}"


@pytest.mark.parametrize("lang", ["de", "xx-yy", "", "%3Cscript%3E"])
def test_unsupported_lang_gives_the_original_without_error(client, released, lang):
    response = client.get(feed_url(released["edition"], lang=lang))

    assert response.status_code == 200
    summaries = {str(e["SUMMARY"]) for e in events_by_uid(parse(response)[0]).values()}
    assert f"{released['first'].code}: Data flows" in summaries


def test_subscribe_links_carry_the_visitors_language(client, released):
    first = released["first"]
    feed = reverse(
        "programme:session_ical", args=[released["edition"].slug, first.guid]
    )

    french = client.get(first.url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    english = client.get(first.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert f'href="webcal://testserver{feed}?lang=fr"' in french
    assert f'href="webcal://testserver{feed}"' in english


def rendering_queries(client, url) -> int:
    """Queries of a request that renders the feed (nothing kept, nothing cached)."""
    cache.clear()
    StoredDocument.objects.all().delete()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_translated_feed_costs_the_same_whatever_its_size(client, released):
    one = rendering_queries(client, feed_url(released["edition"], lang="fr"))

    add_translated_sessions(released, 4)
    many = rendering_queries(client, feed_url(released["edition"], lang="fr"))

    assert many == one


# --- The programme booklet ----------------------------------------------------------------


def test_booklet_in_french_takes_the_translation(
    client,
    released,
    rendered_html,  # noqa: F811 (the fixture imported above)
    settings,
    tmp_path,
):
    settings.TASKS = IMMEDIATE
    settings.MEDIA_ROOT = tmp_path / "media"
    url = programme_page_for(released["edition"]).url + "programme.pdf"

    french = client.get(url + "?lang=fr")
    english = client.get(url + "?lang=en")

    assert french.status_code == english.status_code == 200
    assert french["Content-Type"] == "application/pdf"
    assert french.content != english.content
    french_html, english_html = rendered_html
    assert '<html lang="fr" dir="ltr">' in french_html
    assert f'<h3 class="session__title" dir="ltr">{FRENCH_TITLE}</h3>' in french_html
    assert f'<p class="session__text" dir="ltr">{FRENCH_DESCRIPTION}</p>' in french_html
    # The untranslated session keeps its original, marked as English.
    assert (
        '<h3 class="session__title" lang="en" dir="ltr">Meaningful access</h3>'
        in french_html
    )
    assert FRENCH_TITLE not in english_html
    assert french_html.count('class="session__title"') == 2
