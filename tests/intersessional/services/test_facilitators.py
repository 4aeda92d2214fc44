import pytest
from django.core.exceptions import ValidationError

from intersessional.services.facilitators import (
    UNKNOWN_EMAILS,
    assign_facilitators,
    facilitators_of,
)
from tests.factories import UserFactory
from tests.factories.intersessional import IntersessionalBodyPageFactory

pytestmark = pytest.mark.django_db


def test_assigning_replaces_the_facilitators(index):
    body = IntersessionalBodyPageFactory()
    first, second = UserFactory(), UserFactory()
    assign_facilitators(body=body, emails=[first.email])

    assign_facilitators(body=body, emails=[second.email.upper(), ""])

    assert list(facilitators_of(body)) == [second]


def test_one_unknown_address_changes_nothing(index):
    body = IntersessionalBodyPageFactory()
    first = UserFactory()
    assign_facilitators(body=body, emails=[first.email])

    with pytest.raises(ValidationError) as refused:
        assign_facilitators(body=body, emails=["ghost@example.org", first.email])

    assert refused.value.message_dict == {
        "emails": [UNKNOWN_EMAILS % {"emails": "ghost@example.org"}]
    }
    assert list(facilitators_of(body)) == [first]
