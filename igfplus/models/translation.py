"""Translated text of a canonical record, kept beside it rather than as a copy of it.

A session, an NRI, an edition or an outcome document exists once: its translations are
rows of text keyed by language, so nothing that counts, lists, schedules, exports or
indexes records can ever meet a translated copy. Each app declares a concrete subclass
with the text fields its record translates (see ``docs/translation.md``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def translation_language_choices() -> list[tuple[str, str]]:
    """The site's languages other than the original's (the default language)."""
    return [
        (code, name)
        for code, name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]


class ContentTranslation(models.Model):
    """The translatable text fields of one record in one language (abstract)."""

    # Subclasses list their text fields here, in the order an editor fills them in.
    translated_fields: tuple[str, ...] = ()

    language = models.CharField(
        _("language"), max_length=8, choices=translation_language_choices()
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(self.get_language_display())

    def text_values(self) -> dict[str, str]:
        """The translated fields as plain text, blank ones included."""
        return {name: getattr(self, name) for name in self.translated_fields}


def record_content(record, language: str | None, *, relation: str = "translations"):
    """``record``'s text in ``language`` (a ``TranslatedContent``), from its translations.

    One query for the translations (none when they were prefetched). The original's
    values are read from ``record`` itself, so scheduling and every other field stay the
    original's whatever the language.
    """
    from igfplus.services.translation import (
        translated_content,
        translations_by_language,
    )

    manager = getattr(record, relation)
    fields = manager.model.translated_fields
    return translated_content(
        {name: getattr(record, name) for name in fields},
        translations_by_language(manager.all(), fields),
        requested=language,
    )
