"""Which language a record's text is shown in: the pure rule behind every page and feed."""

import pytest

from igfplus.services.translation import supported_language, translated_content

ORIGINAL = {"title": "Data flows", "description": "Why data should flow."}


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        pytest.param("fr", "fr", id="exact"),
        pytest.param("FR", "fr", id="upper_case"),
        pytest.param("fr-CA", "fr", id="region"),
        pytest.param("fr_ca", "fr", id="underscore"),
        pytest.param("zh", "zh-hans", id="chinese_base"),
        pytest.param("zh-cn", "zh-hans", id="chinese_region"),
        pytest.param("de", None, id="not_offered"),
        pytest.param("", None, id="empty"),
        pytest.param(None, None, id="missing"),
        pytest.param("<script>", None, id="hostile"),
    ],
)
def test_supported_language(code, expected):
    assert supported_language(code) == expected


def test_translation_replaces_text_field_by_field():
    content = translated_content(
        ORIGINAL,
        {"fr": {"title": "Flux de données", "description": "  "}},
        requested="fr",
    )

    assert content.title == "Flux de données"
    assert content["description"] == "Why data should flow."  # blank: the original
    assert dict(content.languages) == {"title": "fr", "description": "en"}
    assert content.language == "fr"
    assert not content.is_fallback


def test_missing_translation_falls_back_to_the_original():
    content = translated_content(ORIGINAL, {"fr": {"title": "x"}}, requested="ar")

    assert content.values == ORIGINAL
    assert content.is_fallback
    assert (content.requested, content.language) == ("ar", "en")
    assert content.requested_name == "العربيّة"
    assert content.language_name == "English"


def test_original_language_is_never_a_fallback():
    content = translated_content(ORIGINAL, {"fr": {"title": "x"}}, requested="en")

    assert content.values == ORIGINAL
    assert not content.is_fallback


@pytest.mark.parametrize("requested", ["de", "", None, "xx-yy"])
def test_unsupported_language_gives_the_original_without_a_notice(requested):
    content = translated_content(ORIGINAL, {"fr": {"title": "x"}}, requested=requested)

    assert content.values == ORIGINAL
    assert content.requested == "en"
    assert not content.is_fallback


def test_versions_list_the_original_first_then_translations():
    content = translated_content(
        ORIGINAL,
        {"fr": {"title": "Flux"}, "ar": {"title": "تدفق"}},
        requested="ar",
    )

    assert [(v.code, v.is_original, v.is_current) for v in content.versions] == [
        ("en", True, False),
        ("ar", False, True),
        ("fr", False, False),
    ]
    assert content.is_translated


def test_untranslated_record_offers_no_other_language():
    content = translated_content(ORIGINAL, {}, requested="en")

    assert [v.code for v in content.versions] == ["en"]
    assert not content.is_translated


def test_unknown_field_is_an_attribute_error():
    content = translated_content(ORIGINAL, {}, requested="en")

    with pytest.raises(AttributeError):
        content.missing  # noqa: B018


def test_only_text_in_another_language_than_the_page_is_marked():
    content = translated_content(
        ORIGINAL, {"fr": {"title": "Flux de données"}}, requested="fr"
    )

    assert content.lang_attrs == {"title": "", "description": ' lang="en"'}
