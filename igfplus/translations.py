"""The interface's translation catalogues: where they live, how they are built and checked.

The ``.po`` files under ``igfplus/locale/`` are the source; the ``.mo`` files Django reads
are built from them by ``manage.py compile_translations`` (``make install`` runs it), with
polib rather than GNU gettext so a fresh machine needs nothing beyond Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings

# What makemessages must not read: third-party code, generated files, tests and benches.
MAKEMESSAGES_IGNORE = (
    ".venv/*",
    "node_modules/*",
    "bench/*",
    "tests/*",
    "data/*",
    "static_collected/*",
    "test-artifacts/*",
)


@dataclass(frozen=True)
class CatalogueState:
    language: str
    total: int
    untranslated: tuple[str, ...]  # msgids without a translation, or marked fuzzy


def catalogues(locale_dir: Path | None = None) -> list[Path]:
    """The ``django.po`` file of every language, in a stable order."""
    root = Path(locale_dir or settings.LOCALE_PATHS[0])
    return sorted(root.glob("*/LC_MESSAGES/django.po"))


def compile_catalogue(po_path: Path) -> Path:
    """Write the ``.mo`` beside the ``.po``; fuzzy entries are left out, as msgfmt does."""
    catalogue = polib.pofile(str(po_path))
    for entry in catalogue.fuzzy_entries():
        entry.msgstr = ""
        entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
    mo_path = po_path.with_suffix(".mo")
    catalogue.save_as_mofile(str(mo_path))
    return mo_path


def catalogue_state(po_path: Path) -> CatalogueState:
    catalogue = polib.pofile(str(po_path))
    missing = [
        entry.msgid
        for entry in catalogue
        if not entry.obsolete and (not entry.translated() or entry.fuzzy)
    ]
    return CatalogueState(
        language=po_path.parent.parent.name,
        total=len([entry for entry in catalogue if not entry.obsolete]),
        untranslated=tuple(missing),
    )
