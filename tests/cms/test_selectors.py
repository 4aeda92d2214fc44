import datetime as dt

import pytest

from cms.selectors import featured_edition
from cms.services.editions import Phase
from tests.factories import ForumEditionPageFactory


def at(year, month, day, hour=12, tz=dt.UTC):
    return dt.datetime(year, month, day, hour, tzinfo=tz)


def june_edition(year: int):
    """An edition held 1-5 June of ``year``."""
    return ForumEditionPageFactory(
        slug=f"igf{year}",
        year=year,
        start_on=dt.date(year, 6, 1),
        end_on=dt.date(year, 6, 5),
    )


@pytest.mark.django_db
def test_no_edition_means_nothing_featured(home_page):
    assert featured_edition(now=at(2030, 1, 1)) is None


@pytest.mark.django_db
def test_ongoing_edition_wins_over_upcoming_and_past(home_page):
    june_edition(2030)
    june_edition(2031)

    featured = featured_edition(now=at(2030, 6, 3))

    assert featured.edition.slug == "igf2030"
    assert (featured.status.phase, featured.status.day_number) == (Phase.ONGOING, 3)


@pytest.mark.django_db
def test_soonest_upcoming_edition_is_featured_between_meetings(home_page):
    june_edition(2030)
    june_edition(2031)
    june_edition(2032)

    featured = featured_edition(now=at(2030, 12, 1))

    assert featured.edition.slug == "igf2031"
    assert featured.status.phase == Phase.UPCOMING


@pytest.mark.django_db
def test_latest_edition_is_featured_when_all_are_past(home_page):
    june_edition(2030)
    june_edition(2031)

    assert featured_edition(now=at(2040, 1, 1)).edition.slug == "igf2031"


@pytest.mark.django_db
def test_the_first_day_begins_at_local_midnight_in_the_host_time_zone(home_page):
    ForumEditionPageFactory(
        slug="igf2030",
        year=2030,
        time_zone="Asia/Tokyo",
        start_on=dt.date(2030, 10, 8),
        end_on=dt.date(2030, 10, 12),
    )
    # 16:00 UTC on 7 October is already 01:00 on 8 October in Kyoto.
    assert featured_edition(now=at(2030, 10, 7, 16)).status.phase == Phase.ONGOING
    assert featured_edition(now=at(2030, 10, 7, 14)).status.phase == Phase.UPCOMING


@pytest.mark.django_db
def test_unpublished_editions_are_not_featured(home_page):
    edition = ForumEditionPageFactory(slug="igf2030", year=2030)
    edition.unpublish()
    assert featured_edition(now=at(2030, 6, 24)) is None
