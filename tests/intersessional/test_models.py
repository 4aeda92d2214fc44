import pytest

from cms.models import HomePage
from intersessional.models import IntersessionalBodyPage, IntersessionalIndexPage
from tests.factories.intersessional import IntersessionalBodyPageFactory


def test_bodies_live_only_under_the_index_and_have_no_children():
    assert IntersessionalBodyPage.allowed_parent_page_models() == [
        IntersessionalIndexPage
    ]
    assert IntersessionalBodyPage.allowed_subpage_models() == []
    assert IntersessionalIndexPage.allowed_subpage_models() == [IntersessionalBodyPage]
    assert IntersessionalIndexPage.parent_page_types == ["cms.HomePage"]
    assert IntersessionalIndexPage.max_count == 1


def test_the_home_page_takes_the_index():
    assert IntersessionalIndexPage.allowed_parent_page_models() == [HomePage]


@pytest.mark.django_db
def test_body_str_names_it_by_title_and_acronym(index):
    body = IntersessionalBodyPageFactory(title="Policy Network on AI", acronym="PNAI")
    assert str(body) == "Policy Network on AI (PNAI)"
    assert body.url == f"/intersessional/{body.slug}/"
