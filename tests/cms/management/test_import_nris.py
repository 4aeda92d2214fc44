"""``manage.py import_nris FILE.csv``: creates or updates by acronym, else by name; all
or nothing, with each problem named by row and column."""

import pytest
from django.core.management import CommandError, call_command

from cms.models import NriPage
from tests.factories.cms import NriPageFactory

pytestmark = pytest.mark.django_db

HEADER = "name,acronym,kind,country,region,website,established\n"


def run(tmp_path, body: str, header: str = HEADER) -> str:
    path = tmp_path / "nris.csv"
    path.write_text(header + body, encoding="utf-8")
    from io import StringIO

    out = StringIO()
    call_command("import_nris", str(path), stdout=out)
    return out.getvalue()


def test_import_creates_and_updates_by_acronym_or_name(tmp_path, nri_index):
    NriPageFactory(acronym="KIGF", title="Kenya IGF", established_year=2010)
    NriPageFactory(acronym="OLD", title="Ghana IGF", country="GH")

    out = run(
        tmp_path,
        "Kenya Internet Governance Forum,kigf,national,KE,,https://kigf.or.ke/,2008\n"
        "Ghana IGF,GhIGF,national,gh,,,2012\n"
        "European Dialogue on Internet Governance,EuroDIG,regional,,Europe,,2008\n"
        '"Youth IGF, Latin America",Youth LACIGF,youth,,latin-america-caribbean,,\n',
    )

    assert "Created 2, updated 2, unchanged 0." in out
    assert "[4/4]" in out
    kenya = NriPage.objects.get(acronym="kigf")
    assert (kenya.title, kenya.established_year, kenya.website) == (
        "Kenya Internet Governance Forum",
        2008,
        "https://kigf.or.ke/",
    )
    ghana = NriPage.objects.get(title="Ghana IGF")
    assert ghana.acronym == "GhIGF"
    assert ghana.un_regional_group == "african"
    eurodig = NriPage.objects.get(acronym="EuroDIG")
    assert (eurodig.kind, eurodig.region, str(eurodig.country)) == (
        "regional",
        "europe",
        "",
    )
    assert eurodig.live
    assert eurodig.get_parent().pk == nri_index.pk
    assert eurodig.url == "/nris/eurodig/"
    assert (
        NriPage.objects.get(acronym="Youth LACIGF").title == "Youth IGF, Latin America"
    )
    assert NriPage.objects.count() == 4


def test_importing_the_same_file_twice_changes_nothing(tmp_path, nri_index):
    body = "Kenya IGF,KIGF,national,KE,,,2008\n"
    run(tmp_path, body)

    out = run(tmp_path, body)

    assert "Created 0, updated 0, unchanged 1." in out
    assert NriPage.objects.get().revisions.count() == 1


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_saved(tmp_path, nri_index):
    with pytest.raises(CommandError) as refused:
        run(
            tmp_path,
            "Kenya IGF,KIGF,national,KE,,,2008\n"
            "Atlantis IGF,AIGF,galactic,,,,\n"
            "Nowhere IGF,NWIGF,national,XX,,,\n"
            "Missing country,MIGF,national,,,,\n"
            "Regional with country,RIGF,regional,FR,Europe,,\n"
            "Odd region,OIGF,sub-regional,,Antarctica,,\n"
            "Bad site,BIGF,national,FR,,not a url,1850\n"
            "Kenya again,kigf,national,KE,,,\n",
        )

    message = str(refused.value)
    assert "Nothing was imported: 8 problem(s)" in message
    for line in [
        "row 3, column kind: “galactic” is not a kind of NRI: use national, "
        "sub-regional, regional or youth",
        "row 4, column country: “XX” is not an ISO 3166 country code",
        "row 5, column country: A national initiative needs its country.",
        "row 6, column country: A regional initiative covers several countries: "
        "leave the country empty and choose its region.",
        "row 7, column region: “Antarctica” is not a region",
        "row 8, column website: “not a url” is not a web address",
        "row 8, column established: “1850” is not a year between 1995 and",
        "row 9, column acronym: the acronym “kigf” is also on row 2",
    ]:
        assert line in message
    assert not NriPage.objects.exists()


def test_a_row_matching_two_nris_is_refused(tmp_path, nri_index):
    NriPageFactory(acronym="KIGF", title="Kenya IGF")
    NriPageFactory(acronym="GIGF", title="Ghana IGF", country="GH")

    with pytest.raises(CommandError) as refused:
        run(tmp_path, "Ghana IGF,kigf,national,GH,,,\n")

    assert (
        "row 2, column name: the acronym matches “Kenya IGF” but the name “Ghana IGF” "
        "belongs to another initiative (GIGF)"
    ) in str(refused.value)
    assert NriPage.objects.get(title="Ghana IGF").acronym == "GIGF"


def test_missing_columns_are_named(tmp_path, nri_index):
    with pytest.raises(CommandError) as refused:
        run(tmp_path, "Kenya IGF,KIGF\n", header="name,acronym\n")

    assert "row 1: the column(s) kind, country, region, website, established" in str(
        refused.value
    )


def test_semicolon_files_from_spreadsheets_are_read(tmp_path, nri_index):
    run(
        tmp_path,
        "Kenya IGF;KIGF;national;KE;;;2008\n",
        header=HEADER.replace(",", ";"),
    )

    assert NriPage.objects.get().acronym == "KIGF"
