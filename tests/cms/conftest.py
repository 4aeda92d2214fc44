import pytest

from tests.factories.cms import NriIndexPageFactory


@pytest.fixture
def nri_index(home_page):
    return NriIndexPageFactory()
