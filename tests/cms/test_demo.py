"""The NRI demo: 170+ invented initiatives of every kind, events, reports, a coordinator."""

from collections import Counter

import pytest
from django.utils import timezone

from cms import demo
from cms.models import NriAnnualReport, NriEvent, NriIndexPage, NriPage
from cms.selectors import NriFilters, nri_directory
from igfplus import demo as igfplus_demo
from igfplus import roles
from igfplus.models import User
from igfplus.services.page_stewards import stewarded_pages

pytestmark = pytest.mark.django_db


def test_demo_nris_cover_every_kind_and_load_once():
    igfplus_demo.load(log=lambda _: None)
    demo.load(log=lambda _: None)
    counts = (NriPage.objects.count(), NriEvent.objects.count())

    demo.load(log=lambda _: None)  # idempotent

    assert (NriPage.objects.count(), NriEvent.objects.count()) == counts
    assert counts[0] >= 170
    kinds = Counter(NriPage.objects.values_list("kind", flat=True))
    assert set(kinds) == {"national", "sub-regional", "regional", "youth"}
    assert len(set(NriEvent.objects.values_list("time_zone", flat=True))) > 50
    assert set(NriEvent.objects.values_list("track", flat=True)) == {
        "",
        "parliamentary",
        "youth",
    }
    now = timezone.now()
    assert NriEvent.objects.filter(start_at__gt=now).exists()
    assert NriEvent.objects.filter(end_at__lt=now).exists()
    assert NriAnnualReport.objects.count() > 300
    directory = nri_directory(
        index=NriIndexPage.objects.get(),
        filters=NriFilters(activity="inactive"),
        today=timezone.localdate(),
    )
    assert 5 < len(directory.nris) < directory.total / 2
    coordinator = User.objects.get(email=demo.DEMO_COORDINATOR_EMAIL)
    assert [
        p.slug for p in stewarded_pages(coordinator, role=roles.NRI_COORDINATOR)
    ] == [demo.DEMO_COORDINATED_NRI]
