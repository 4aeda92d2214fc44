"""Importing a file broken halfway changes nothing, for every importer.

The importers' own tests cover a bad value in a well-formed file (tests/sessions/
management/test_import_schedule.py, tests/outcomes/test_open_data_commands.py,
tests/cms/management/test_import_nris.py). Here each gets a good file cut off in the
middle, as an interrupted download leaves it: the command fails with a message and not
one row of the database differs.
"""

import json
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from outcomes.services.open_data import export_outcomes
from tests.factories.cms import NriIndexPageFactory
from tests.outcomes.services.test_open_data import open_data_scene
from tests.sessions.management.test_import_schedule import FIXTURE

OUR_APPS = {"cms", "forum_sessions", "intersessional", "outcomes", "wagtailcore"}


def database_state() -> dict[str, list]:
    """Every row of our apps (and the page tree), as values."""
    return {
        model._meta.label: sorted(map(repr, model.objects.order_by("pk").values_list()))
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS and not model._meta.proxy
    }


def cut_in_half(text: str) -> str:
    return text[: len(text) // 2]


def assert_refused_and_unchanged(command: str, path) -> None:
    before = database_state()
    with pytest.raises(CommandError) as refused:
        call_command(command, str(path), stdout=StringIO(), stderr=StringIO())
    assert str(refused.value).strip()
    assert database_state() == before


@pytest.mark.django_db
def test_a_schedule_cut_in_half_changes_nothing(home_page, tmp_path):
    path = tmp_path / "schedule.json"
    path.write_text(cut_in_half(FIXTURE.read_text("utf-8")), encoding="utf-8")
    assert_refused_and_unchanged("import_schedule", path)


@pytest.mark.django_db
def test_outcomes_cut_in_half_change_nothing(home_page, tmp_path):
    open_data_scene()
    text = json.dumps(export_outcomes(), indent=1)
    path = tmp_path / "outcomes.json"
    path.write_text(cut_in_half(text), encoding="utf-8")
    assert_refused_and_unchanged("import_outcomes", path)


@pytest.mark.django_db
def test_nris_cut_mid_row_change_nothing(home_page, tmp_path):
    NriIndexPageFactory()
    rows = (
        "name,acronym,kind,country,region,website,established\n"
        "Kenya IGF,KIGF,national,KE,,https://kigf.or.ke/,2008\n"
        "Ghana IGF,GhIGF,national,GH,,,2012\n"
        '"Youth IGF, Latin America",Youth LACIGF,youth,,latin-america-caribbean,,\n'
    )
    # Cut inside the quoted name of the last row: the file ends mid-field.
    path = tmp_path / "nris.csv"
    path.write_text(rows[: rows.index("Latin America")], encoding="utf-8")
    assert_refused_and_unchanged("import_nris", path)
