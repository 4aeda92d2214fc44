"""How people can follow a session: interpretation, captioning, sign language, online.

Pure values and rules (no ORM). Decisions, also in docs/participation.md:

- **Interpretation** is the session's own list of languages, else its room's (most sessions
  use the booths of the room they are given). The release freezes the result on the
  released row, so a room edited later shows in the programme only after the next release.
- **Captioning** is a yes/no with languages; none listed means captions in the languages
  spoken.
- **Sign language** is free text ("International Sign", "Saudi Sign Language"), empty for
  none.
- **Joining online** is the session's delivery: hybrid or online sessions can be joined
  online (``online_participation`` says how).

Exports (frab XML, c3voc JSON) carry the facets in the event's ``description`` in a fixed,
language-neutral form that ``import_schedule`` reads back (see ``export_description``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from igfplus.fields import UN_LANGUAGES
from sessions.enums import Delivery

ONLINE_DELIVERIES = (Delivery.HYBRID, Delivery.ONLINE)
SIGN_LANGUAGE_MAX_LENGTH = 100  # SessionPage.sign_language
LANGUAGE_CODES = frozenset(code for code, _label in UN_LANGUAGES)


@dataclass(frozen=True)
class Participation:
    interpretation: tuple[str, ...] = ()
    has_captioning: bool = False
    captioning: tuple[str, ...] = ()  # as entered; empty: the languages spoken
    sign_language: str = ""
    delivery: str = Delivery.HYBRID
    spoken: tuple[str, ...] = ()

    @property
    def can_join_online(self) -> bool:
        return self.delivery in ONLINE_DELIVERIES

    @property
    def caption_languages(self) -> tuple[str, ...]:
        """The languages captions are in (the spoken ones when none was listed)."""
        if not self.has_captioning:
            return ()
        return self.captioning or self.spoken

    @property
    def has_sign_language(self) -> bool:
        return bool(self.sign_language.strip())

    @property
    def interpretation_names(self) -> str:
        return ", ".join(language_names(self.interpretation))

    @property
    def caption_names(self) -> str:
        return ", ".join(language_names(self.caption_languages))


def language_names(codes: Iterable[str]) -> list[str]:
    """Translated names of UN language codes (an unknown code stays as it is)."""
    names = dict(UN_LANGUAGES)
    return [str(names.get(code, code)) for code in codes]


def facet_lines(participation: Participation) -> list[str]:
    """Translated plain-text lines for calendars and the booklet, in a fixed order."""
    lines = []
    if participation.interpretation:
        lines.append(
            _("Interpretation: %(languages)s")
            % {"languages": ", ".join(language_names(participation.interpretation))}
        )
    if participation.has_captioning:
        lines.append(
            _("Captioning: %(languages)s")
            % {
                "languages": ", ".join(language_names(participation.caption_languages))
                or _("yes")
            }
        )
    if participation.has_sign_language:
        lines.append(
            _("Sign language: %(name)s") % {"name": participation.sign_language.strip()}
        )
    lines.append(
        {
            Delivery.ONSITE: _("Join online: no (onsite only)"),
            Delivery.HYBRID: _("Join online: yes (hybrid)"),
            Delivery.ONLINE: _("Join online: yes (online only)"),
        }.get(participation.delivery, _("Join online: yes (hybrid)"))
    )
    return lines


def facet_categories(participation: Participation) -> list[str]:
    """Translated calendar categories a subscriber can filter or colour by."""
    categories = []
    if participation.interpretation:
        categories.append(_("Interpretation"))
    if participation.has_captioning:
        categories.append(_("Captioned"))
    if participation.has_sign_language:
        categories.append(_("Sign language"))
    if participation.can_join_online:
        categories.append(_("Online participation"))
    return categories


# --- the exports' description: fixed English keys and language codes ----------------------

INTERPRETATION_KEY = "Interpretation"
CAPTIONING_KEY = "Captioning"
SIGN_LANGUAGE_KEY = "Sign language"
DELIVERY_KEY = "Delivery"
CAPTIONING_WITHOUT_LANGUAGES = "yes"
EXPORT_LINE = re.compile(
    rf"^({INTERPRETATION_KEY}|{CAPTIONING_KEY}|{SIGN_LANGUAGE_KEY}|{DELIVERY_KEY}): (.+)$"
)


def one_line(text: str) -> str:
    return " ".join(text.split())


def export_description(participation: Participation) -> str:
    """The facets as an export's ``description``: ``Key: value`` lines, codes not names.

    Untranslated so that any reader, and the importer, sees the same text whatever the
    visitor's language.
    """
    lines = []
    if participation.interpretation:
        lines.append(f"{INTERPRETATION_KEY}: {', '.join(participation.interpretation)}")
    if participation.has_captioning:
        languages = ", ".join(participation.captioning) or CAPTIONING_WITHOUT_LANGUAGES
        lines.append(f"{CAPTIONING_KEY}: {languages}")
    if participation.has_sign_language:
        lines.append(f"{SIGN_LANGUAGE_KEY}: {one_line(participation.sign_language)}")
    lines.append(f"{DELIVERY_KEY}: {participation.delivery}")
    return "\n".join(lines)


def parse_export_description(text: str) -> dict | None:
    """The session fields an ``export_description`` text gives, or None for other text.

    Every non-empty line must be a known key with a valid value: a description written
    by another tool stays the session's text, as before.
    """
    fields: dict = {}
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    for line in lines:
        match = EXPORT_LINE.match(line)
        if match is None:
            return None
        key, value = match.group(1), match.group(2).strip()
        if key == INTERPRETATION_KEY:
            codes = _codes(value)
            if codes is None:
                return None
            fields["interpretation_languages"] = codes
        elif key == CAPTIONING_KEY:
            codes = [] if value == CAPTIONING_WITHOUT_LANGUAGES else _codes(value)
            if codes is None:
                return None
            fields["has_captioning"] = True
            fields["captioning_languages"] = codes
        elif key == SIGN_LANGUAGE_KEY:
            fields["sign_language"] = value[:SIGN_LANGUAGE_MAX_LENGTH]
        elif value in Delivery.values:
            fields["delivery"] = value
        else:
            return None
    if "delivery" not in fields:
        return None
    return {
        "interpretation_languages": [],
        "has_captioning": False,
        "captioning_languages": [],
        "sign_language": "",
        **fields,
    }


def _codes(value: str) -> list[str] | None:
    codes = [part.strip() for part in value.split(",") if part.strip()]
    return codes if codes and set(codes) <= LANGUAGE_CODES else None
