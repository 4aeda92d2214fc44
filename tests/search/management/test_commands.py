"""search_reindex rebuilds from public content; search_check reports drift by exit status."""

import io

import pytest
from django.core.management import call_command

from search.models import SearchEntry

pytestmark = pytest.mark.django_db


def run(name, *args):
    out = io.StringIO()
    try:
        call_command(name, *args, stdout=out)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


def test_reindex_then_check_reports_no_drift(world):
    # Seven public items: the six of the scene and the home page.
    code, output = run("search_reindex")
    assert code == 0
    assert "database: [##############################] 7/7 (100%)" in output

    code, output = run("search_check")
    assert code == 0
    assert "  session              1        1" in output
    assert "No drift." in output


def test_check_reports_drift_with_exit_status(world):
    run("search_reindex")
    SearchEntry.objects.filter(kind="session").delete()

    code, output = run("search_check")

    assert code == 1
    assert "  session              1        0  DRIFT" in output


def test_reindex_drops_what_is_no_longer_public(world):
    SearchEntry.objects.create(
        kind="session", object_key="999", title="Ghost", url="/x/"
    )

    run("search_reindex")

    assert not SearchEntry.objects.filter(object_key="999").exists()
