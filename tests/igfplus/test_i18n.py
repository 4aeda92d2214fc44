import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale

UN_LANGUAGES = {"ar", "zh-hans", "en", "fr", "ru", "es"}


def test_the_six_un_languages_are_configured():
    assert {code for code, _name in settings.LANGUAGES} == UN_LANGUAGES


@pytest.mark.django_db
def test_each_un_language_has_a_wagtail_locale():
    assert set(Locale.objects.values_list("language_code", flat=True)) == UN_LANGUAGES


@pytest.mark.django_db
def test_arabic_interface_is_right_to_left(client):
    client.post("/i18n/setlang/", {"language": "ar", "next": "/"})

    html = client.get("/").content.decode()

    assert '<html lang="ar" dir="rtl">' in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", sorted(UN_LANGUAGES - {"ar"}))
def test_other_languages_are_left_to_right(client, language):
    client.post("/i18n/setlang/", {"language": language, "next": "/"})

    html = client.get("/").content.decode()

    assert f'<html lang="{language}" dir="ltr">' in html


@pytest.mark.django_db
def test_language_switcher_offers_each_language_in_its_own_name(client):
    html = client.get("/").content.decode()
    for code in UN_LANGUAGES:
        with translation.override(code):
            assert f'value="{code}" lang="{code}"' in html
    assert "العربيّة" in html
    assert "简体中文" in html
