import pytest

from tests.factories.intersessional import IntersessionalIndexPageFactory


@pytest.fixture
def index(db):
    return IntersessionalIndexPageFactory()
