import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailPageTestCase

from cms.models import ForumEditionPage, HomePage, StandardPage
from tests.factories import EditionThemeFactory, ForumEditionPageFactory


class PageTreeTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_once(self):
        self.assertAllowedParentPageTypes(HomePage, {HomePage.__mro__[1]})
        assert HomePage.max_count == 1

    def test_standard_pages_go_under_home_editions_and_each_other(self):
        self.assertAllowedParentPageTypes(
            StandardPage, {HomePage, ForumEditionPage, StandardPage}
        )

    def test_home_page_is_renderable(self):
        self.assertPageIsRenderable(HomePage.objects.get())


@pytest.mark.django_db
def test_home_page_shows_the_edition_under_way_and_its_themes(
    client, home_page, settings
):
    today = dt.date.today()
    edition = ForumEditionPageFactory(
        title="IGF Now",
        slug="igfnow",
        start_on=today - dt.timedelta(days=1),
        end_on=today + dt.timedelta(days=3),
        year=today.year,
        time_zone="UTC",
    )
    EditionThemeFactory(page=edition, name="Meaningful access")

    html = client.get("/").content.decode()

    assert "IGF Now" in html
    assert "Happening now — day 2 of 5" in html
    assert "Meaningful access" in html
    assert f'href="{edition.url}"' in html


@pytest.mark.django_db
def test_home_page_without_editions_says_so(client, home_page):
    html = client.get("/").content.decode()
    assert "No meeting has been announced yet" in html


def home_queries(client) -> int:
    client.get("/")  # warm Wagtail's site-root cache, as a running server has it
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_home_page_query_count_does_not_grow_with_editions_or_themes(client, home_page):
    edition = ForumEditionPageFactory(year=2030, slug="igf2030")
    EditionThemeFactory(page=edition)
    one = home_queries(client)

    for year in range(2031, 2041):
        more = ForumEditionPageFactory(year=year, slug=f"igf{year}")
        for _ in range(8):
            EditionThemeFactory(page=more)

    assert home_queries(client) == one
