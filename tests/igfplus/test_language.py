"""Choosing the interface language: the switcher, the cookie, the browser's
Accept-Language, bad codes, and dates written the way each language writes them."""

import pytest
from django.conf import settings
from django.urls import reverse

from sessions.services.sessions import programme_page_for
from tests.outcomes.test_selectors import build_scene

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def html_lang(response) -> str:
    html = response.content.decode()
    start = html.index("<html lang=") + len('<html lang="')
    return html[start : html.index('"', start)]


def test_locale_middleware_reads_the_session_and_runs_before_the_urls_are_resolved():
    middleware = settings.MIDDLEWARE
    locale = middleware.index("django.middleware.locale.LocaleMiddleware")
    assert (
        middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
        < locale
    )
    assert locale < middleware.index("django.middleware.common.CommonMiddleware")


def test_switcher_sends_the_visitor_back_to_the_same_page_with_its_query(client):
    page = client.get("/search/?q=access")
    assert '<input name="next" type="hidden" value="/search/?q=access">' in (
        page.content.decode()
    )

    response = client.post(
        reverse("set_language"), {"language": "fr", "next": "/search/?q=access"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/search/?q=access"
    assert response.cookies[COOKIE].value == "fr"


def test_chosen_language_is_remembered_on_the_next_visit(client):
    client.post(reverse("set_language"), {"language": "ar", "next": "/"})

    response = client.get("/outcomes/")

    assert html_lang(response) == "ar"
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_browser_language_is_honoured_on_the_first_visit(client):
    response = client.get("/outcomes/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9,en;q=0.5")

    assert html_lang(response) == "es"


def test_chinese_browser_gets_simplified_chinese(client):
    response = client.get("/outcomes/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")

    assert html_lang(response) == "zh-hans"


def test_chosen_language_wins_over_the_browser_language(client):
    client.cookies[COOKIE] = "ru"

    response = client.get("/outcomes/", HTTP_ACCEPT_LANGUAGE="fr")

    assert html_lang(response) == "ru"


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({"HTTP_ACCEPT_LANGUAGE": "xx-YY"}, id="unknown_header"),
        pytest.param({"HTTP_ACCEPT_LANGUAGE": "de,it;q=0.8"}, id="unsupported_header"),
        pytest.param({"HTTP_ACCEPT_LANGUAGE": ";;q=oops,,"}, id="malformed_header"),
        pytest.param({}, id="no_header"),
    ],
)
def test_unsupported_browser_languages_fall_back_to_english(client, headers):
    response = client.get("/outcomes/", **headers)

    assert response.status_code == 200
    assert html_lang(response) == "en"


@pytest.mark.parametrize("code", ["xx", "de", "../../etc", ""])
def test_unsupported_language_cookie_falls_back_to_english(client, code):
    client.cookies[COOKIE] = code

    response = client.get("/outcomes/")

    assert response.status_code == 200
    assert html_lang(response) == "en"


def test_unsupported_code_sent_to_the_switcher_changes_nothing(client):
    response = client.post(
        reverse("set_language"), {"language": "klingon", "next": "/outcomes/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/outcomes/"
    assert COOKIE not in response.cookies
    assert html_lang(client.get("/outcomes/")) == "en"


def test_language_parameter_in_the_url_is_ignored_without_error(client):
    response = client.get("/outcomes/?language=xx")

    assert response.status_code == 200
    assert html_lang(response) == "en"


def test_switcher_refuses_to_send_the_visitor_to_another_site(client):
    response = client.post(
        reverse("set_language"),
        {"language": "fr", "next": "https://evil.example.org/"},
        HTTP_REFERER="https://evil.example.org/",
    )

    assert response["Location"] == "/"


@pytest.mark.parametrize(
    ("language", "sent_on"),
    [
        pytest.param("en", "14 April 2031", id="english_day_month_year"),
        pytest.param("fr", "14 avril 2031", id="french"),
        pytest.param("zh-hans", "2031年4月14日", id="chinese_year_month_day"),
        pytest.param("es", "14 de abril de 2031", id="spanish"),
    ],
)
def test_dates_are_written_the_way_the_language_writes_them(client, language, sent_on):
    scene = build_scene()
    client.cookies[COOKIE] = language

    html = client.get(reverse("outcomes:message", args=[scene.first.guid])).content

    assert sent_on in html.decode()


def test_arabic_dates_use_arabic_month_names(client):
    scene = build_scene()
    client.cookies[COOKIE] = "ar"

    html = client.get(reverse("outcomes:message", args=[scene.first.guid])).content
    html = html.decode()

    assert "14 إبريل، 2031" in html
    assert "April" not in html


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        pytest.param("en", "Sunday 23 June 2030", id="english"),
        pytest.param("zh-hans", "星期日 2030年6月23日", id="chinese"),
        pytest.param("fr", "dimanche 23 juin 2030", id="french"),
    ],
)
def test_programme_days_are_headed_in_the_language(client, language, heading):
    scene = build_scene()
    client.cookies[COOKIE] = language

    programme = programme_page_for(scene.edition)
    html = client.get(programme.url).content.decode()

    assert f">{heading}</h2>" in html
