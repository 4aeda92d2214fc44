"""The interface exists in the six UN languages: every string is translated, and the
catalogues compile. New strings fail this suite until they are translated (`make messages`
collects them)."""

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from igfplus.translations import (
    MAKEMESSAGES_IGNORE,
    catalogue_state,
    catalogues,
    compile_catalogue,
)

PROJECT_ROOT = Path(settings.BASE_DIR)
LANGUAGES = {"ar", "zh_Hans", "fr", "ru", "es"}


def test_there_is_a_catalogue_for_each_language_but_english():
    assert {path.parent.parent.name for path in catalogues()} == LANGUAGES


def test_makemessages_finds_no_untranslated_string(tmp_path, monkeypatch, settings):
    if not shutil.which("xgettext"):
        if os.environ.get("CI"):
            pytest.fail("GNU gettext (xgettext) is missing: .ci/run installs it")
        pytest.skip("GNU gettext (xgettext) is not installed")
    # makemessages rewrites catalogues in place (an app's own locale/ folder wins over
    # LOCALE_PATHS), so it runs in a copy of the sources: the checkout stays untouched.
    sources = tmp_path / "src"
    shutil.copytree(
        PROJECT_ROOT,
        sources,
        ignore=shutil.ignore_patterns(
            ".git",
            "__pycache__",
            "*.mo",
            *{p.split("/")[0] for p in MAKEMESSAGES_IGNORE},
        ),
    )
    locale_copy = sources / Path(settings.LOCALE_PATHS[0]).relative_to(PROJECT_ROOT)
    settings.LOCALE_PATHS = [locale_copy]
    monkeypatch.chdir(sources)

    call_command(
        "makemessages",
        all=True,
        no_obsolete=True,
        ignore_patterns=list(MAKEMESSAGES_IGNORE),
        verbosity=0,
    )

    missing = {
        state.language: state.untranslated[:20]
        for state in map(catalogue_state, catalogues(locale_copy))
        if state.untranslated
    }
    assert not missing, (
        f"Untranslated interface strings (run `make messages`): {missing}"
    )


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_placeholders_survive_translation(language):
    """A translation that drops or renames %(name)s would crash or mislead at runtime."""
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
    broken = []
    for entry in polib.pofile(str(path)):
        if not entry.msgstr:
            continue
        wanted = _placeholders(entry.msgid)
        if wanted != _placeholders(entry.msgstr):
            broken.append(entry.msgid)
    assert not broken, broken[:10]


def test_a_compiled_catalogue_translates_the_interface(tmp_path):
    french = Path(settings.LOCALE_PATHS[0]) / "fr" / "LC_MESSAGES" / "django.po"
    copy = tmp_path / "django.po"
    shutil.copy(french, copy)

    mo = polib.mofile(str(compile_catalogue(copy)))

    translated = {entry.msgid: entry.msgstr for entry in mo}
    english = "Index of speakers and moderators"
    assert translated.get(english) not in (None, "", english)


@pytest.mark.parametrize("language", ["ar", "zh-hans", "fr", "ru", "es"])
def test_the_site_speaks_each_language(language):
    # A string of our own: Django's and Wagtail's catalogues cannot be what translates it.
    english = "Index of speakers and moderators"
    with translation.override(language):
        assert translation.gettext(english) not in ("", english)


def _placeholders(text: str) -> set[str]:
    import re

    return set(re.findall(r"%\([a-z_0-9]+\)[sd]|\{[a-z_0-9]+\}", text))
