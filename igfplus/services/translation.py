"""Which language a record's text is shown in, and what a visitor is told about it.

Pure: the original's text, the translations that exist and the language asked for go
in; the text to show, field by field with its language, comes out. The original is
canonical: a translation only ever replaces text, never anything else about a record.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info

# A stored value that could not be a translation: shown the original rather than nothing.
_EMPTY = ("", None)


@dataclass(frozen=True)
class LanguageVersion:
    """One language a record can be read in."""

    code: str
    name: str  # the language's own name, e.g. “Français”
    is_original: bool
    is_current: bool


@dataclass(frozen=True)
class TranslatedContent:
    """A record's text as one visitor reads it.

    Templates read fields directly (``content.title``) and the language of each through
    ``content.languages.title``: a field the translator left blank shows the original.
    """

    values: Mapping[str, str]
    languages: Mapping[str, str]
    requested: str
    language: str  # the language most of the text is shown in
    original_language: str
    versions: tuple[LanguageVersion, ...]

    def __getitem__(self, name: str) -> str:
        return self.values[name]

    def __getattr__(self, name: str) -> str:
        # Only reached for names that are not attributes: the text fields.
        values = self.__dict__.get("values")
        if values is None or name not in values:
            raise AttributeError(name)
        return values[name]

    @property
    def is_fallback(self) -> bool:
        """True when the visitor asked for a language this record has no text in."""
        return self.language != self.requested

    @property
    def lang_attrs(self) -> dict[str, str]:
        """`` lang="en"`` per field whose text is not in the page's language, else "".

        The page is in the language asked for; text in another language (the original,
        shown for want of a translation) is marked so screen readers pronounce it right.
        """
        return {
            name: mark_safe(f' lang="{language}"')  # noqa: S308  # nosec B308 B703  # a code from settings.LANGUAGES
            if language != self.requested
            else ""
            for name, language in self.languages.items()
        }

    @property
    def language_name(self) -> str:
        return language_name(self.language)

    @property
    def requested_name(self) -> str:
        return language_name(self.requested)

    @property
    def is_translated(self) -> bool:
        return len(self.versions) > 1


def supported_language(code: str | None) -> str | None:
    """The site language ``code`` names (case and region tolerant), or None."""
    if not code:
        return None
    code = code.strip().lower().replace("_", "-")
    languages = [language for language, _name in settings.LANGUAGES]
    if code in languages:
        return code
    # “zh”, “zh-cn” → “zh-hans”; “fr-ca” → “fr”.
    base = code.split("-")[0]
    for language in languages:
        if language.split("-")[0] == base:
            return language
    return None


def language_name(code: str) -> str:
    """The language's name in itself (“Français”, “العربية”), as a switcher shows it."""
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code


def translated_content(
    original: Mapping[str, str],
    translations: Mapping[str, Mapping[str, str]],
    *,
    requested: str | None,
    original_language: str | None = None,
) -> TranslatedContent:
    """The text to show for ``requested``: its translation where one exists, else the
    original; blank translated fields fall back to the original field by field."""
    original_language = original_language or settings.LANGUAGE_CODE
    requested = supported_language(requested) or original_language
    translation = (
        translations.get(requested) if requested != original_language else None
    )
    values, languages = {}, {}
    for name, text in original.items():
        translated = translation.get(name) if translation else None
        if translated not in _EMPTY and str(translated).strip():
            values[name], languages[name] = translated, requested
        else:
            values[name], languages[name] = text, original_language
    shown = requested if translation else original_language
    codes = [original_language, *sorted(code for code in translations if code)]
    versions = tuple(
        LanguageVersion(
            code=code,
            name=language_name(code),
            is_original=code == original_language,
            is_current=code == shown,
        )
        for code in dict.fromkeys(codes)
        if supported_language(code) == code
    )
    return TranslatedContent(
        values=values,
        languages=languages,
        requested=requested,
        language=shown,
        original_language=original_language,
        versions=versions,
    )


def translations_by_language(
    rows: Iterable, fields: Iterable[str]
) -> dict[str, dict[str, str]]:
    """``{language: {field: text}}`` from translation rows (model instances)."""
    fields = tuple(fields)
    return {row.language: {name: getattr(row, name) for name in fields} for row in rows}
