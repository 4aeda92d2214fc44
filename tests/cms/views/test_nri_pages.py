"""The NRI directory at /nris/ and each NRI's page."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Site

from cms.enums import NriKind, NriRegion, RecognitionStatus
from cms.models import NriIndexPage, NriPage
from igfplus import roles
from igfplus.services.page_stewards import set_page_stewards
from tests.factories import UserFactory
from tests.factories.cms import (
    NriAnnualReportFactory,
    NriEventFactory,
    NriPageFactory,
)

pytestmark = pytest.mark.django_db


def _regional(acronym, region=NriRegion.EUROPE, group="weog", **kwargs):
    return NriPageFactory(
        acronym=acronym,
        kind=NriKind.REGIONAL,
        country="",
        region=region,
        un_regional_group=group,
        **kwargs,
    )


def _acronyms(response) -> list[str]:
    return [nri.acronym for nri in response.context["directory"].nris]


def test_page_types_sit_where_they_belong():
    assert NriIndexPage.parent_page_types == ["cms.HomePage"]
    assert NriIndexPage.subpage_types == ["cms.NriPage"]
    assert NriPage.parent_page_types == ["cms.NriIndexPage"]
    assert NriPage.subpage_types == []


def test_directory_lists_every_published_nri_with_its_facts(client, nri_index):
    NriPageFactory(
        acronym="KIGF", title="Kenya IGF", country="KE", established_year=2008
    )
    _regional("EuroDIG", title="European Dialogue on Internet Governance")
    draft = NriPageFactory(acronym="HIDDEN", title="Not published")
    draft.unpublish()

    response = client.get("/nris/")

    assert response.status_code == 200
    assert _acronyms(response) == ["EuroDIG", "KIGF"]
    body = response.content.decode()
    assert "Kenya" in body
    assert "2008" in body
    assert "Europe" in body
    assert "Not published" not in body
    counts = {c.kind: c.count for c in response.context["directory"].kind_counts}
    assert counts == {"national": 1, "sub-regional": 0, "regional": 1, "youth": 0}
    groups = [g.label for g in response.context["directory"].by_group]
    assert groups == [
        "African Group",
        "Western European and Others Group (WEOG)",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("kind=regional", ["EuroDIG"], id="kind"),
        pytest.param("group=african", ["KIGF", "NIGF"], id="group"),
        pytest.param("status=under-review", ["NIGF"], id="status"),
        pytest.param("kind=national&group=weog", [], id="nothing"),
        pytest.param(
            "kind=galactic", ["EuroDIG", "KIGF", "NIGF"], id="unknown_ignored"
        ),
    ],
)
def test_directory_filters_by_query_string(client, nri_index, query, expected):
    NriPageFactory(acronym="KIGF", title="Kenya IGF")
    NriPageFactory(
        acronym="NIGF",
        title="Nigeria IGF",
        country="NG",
        recognition_status=RecognitionStatus.UNDER_REVIEW,
    )
    _regional("EuroDIG", title="EuroDIG")

    response = client.get(f"/nris/?{query}")

    assert _acronyms(response) == expected


def test_directory_shows_an_empty_state_when_nothing_matches(client, nri_index):
    NriPageFactory(acronym="KIGF")

    body = client.get("/nris/?kind=youth").content.decode()

    assert "No initiative matches these filters" in body


def test_directory_filters_inactive_nris_whose_report_is_overdue(client, nri_index):
    today = timezone.localdate()
    late = NriPageFactory(acronym="LATE", established_year=today.year - 5)
    on_time = NriPageFactory(acronym="ONTIME", established_year=today.year - 5)
    for year in range(today.year - 5, today.year):
        NriAnnualReportFactory(page=on_time, year=year)
    NriAnnualReportFactory(page=late, year=today.year - 6)

    inactive = client.get("/nris/?activity=inactive")
    active = client.get("/nris/?activity=active")

    assert _acronyms(inactive) == ["LATE"]
    assert _acronyms(active) == ["ONTIME"]
    assert "Inactive: report overdue" in inactive.content.decode()
    assert late.recognized_on is not None  # reports are due since founding


@pytest.mark.parametrize("count", [5, 30])
def test_directory_costs_the_same_number_of_queries(
    client, nri_index, django_assert_max_num_queries, count
):
    for n in range(count):
        page = NriPageFactory(acronym=f"N{n}")
        NriAnnualReportFactory(page=page, year=2024)
    cache.clear()
    Site.get_site_root_paths()  # warm Wagtail's table of site roots, as a server would

    # Wagtail serves a page in 7 to 9 queries (site, locale, the route down the tree,
    # ancestors, restrictions); the directory adds its version, then (when the listing
    # is not cached) the NRIs and their report years.
    with django_assert_max_num_queries(12):
        response = client.get("/nris/")
    with django_assert_max_num_queries(10):
        cached = client.get("/nris/")

    assert len(response.context["directory"].nris) == count
    rows = re.findall(rb'data-acronym="([^"]+)"', response.content)
    assert len(rows) == count
    assert re.findall(rb'data-acronym="([^"]+)"', cached.content) == rows


def test_cached_directory_shows_a_newly_published_nri(client, nri_index):
    NriPageFactory(acronym="KIGF", title="Kenya IGF")
    first = client.get("/nris/").content.decode()

    NriPageFactory(acronym="GIGF", title="Ghana IGF", country="GH")
    second = client.get("/nris/").content.decode()

    assert "Ghana IGF" not in first
    assert "Ghana IGF" in second


def test_nri_page_shows_events_in_their_own_zone_reports_and_coordinators(
    client, nri_index
):
    now = timezone.now()
    nri = NriPageFactory(acronym="KIGF", title="Kenya IGF", established_year=2015)
    NriEventFactory(
        page=nri,
        title="Kenya IGF week",
        start_at=dt.datetime(now.year + 1, 7, 1, 6, 0, tzinfo=dt.UTC),
        end_at=dt.datetime(now.year + 1, 7, 1, 14, 0, tzinfo=dt.UTC),
        time_zone="Africa/Nairobi",
    )
    NriEventFactory(
        page=nri,
        title="Youth day",
        start_at=dt.datetime(2020, 3, 1, 6, 0, tzinfo=dt.UTC),
        end_at=dt.datetime(2020, 3, 1, 9, 0, tzinfo=dt.UTC),
        is_cancelled=True,
    )
    NriAnnualReportFactory(page=nri, year=now.year - 2, text="Our year in review")
    coordinator = UserFactory(name="Wanjiru Kamau")
    set_page_stewards(nri, [coordinator], role=roles.NRI_COORDINATOR)

    response = client.get("/nris/kigf/")

    body = response.content.decode()
    profile = response.context["profile"]
    assert [e.title for e in profile.upcoming] == ["Kenya IGF week"]
    assert [e.title for e in profile.past] == ["Youth day"]
    # 06:00 UTC is 09:00 in Nairobi, shown with the zone's name.
    assert f"1 July {now.year + 1}, 09:00" in body
    assert "Africa/Nairobi" in body
    assert "Wanjiru Kamau" in body
    assert coordinator.email not in body
    assert "Cancelled" in body
    states = {row.year: row.state for row in profile.report_years}
    assert states[now.year - 2] == "submitted"
    assert "/nris/kigf/events.ics" in body
    assert "webcal://testserver/nris/kigf/events.ics" in body


def test_nri_page_says_inactive_when_the_last_report_is_overdue(client, nri_index):
    today = timezone.localdate()
    NriPageFactory(acronym="LATE", established_year=today.year - 4)

    response = client.get("/nris/late/")

    assert "Inactive: the annual report is overdue." in response.content.decode()
    assert response.context["profile"].is_active is False


@pytest.mark.parametrize("count", [1, 20])
def test_nri_page_costs_the_same_number_of_queries(
    client, nri_index, django_assert_max_num_queries, count
):
    nri = NriPageFactory(acronym="KIGF")
    set_page_stewards(nri, UserFactory.create_batch(2), role=roles.NRI_COORDINATOR)
    for n in range(count):
        NriEventFactory(page=nri, title=f"Meeting {n}")
        NriAnnualReportFactory(page=nri, year=2000 + n)
    client.get("/nris/kigf/")  # warm Wagtail's site cache

    # Wagtail's 9 or so, then the reports, the events, the coordinators, the breadcrumb,
    # the page's translations.
    with django_assert_max_num_queries(16):
        response = client.get("/nris/kigf/")

    profile = response.context["profile"]
    assert len(profile.upcoming) + len(profile.past) == count
    assert len(profile.report_years) + len(profile.earlier_reports) >= count


@pytest.mark.urls("igfplus.urls")
def test_directory_renders_before_the_feeds_are_mounted(client, nri_index):
    NriPageFactory(acronym="KIGF", title="Kenya IGF")

    response = client.get("/nris/")

    assert response.status_code == 200
    assert "Kenya IGF" in response.content.decode()
