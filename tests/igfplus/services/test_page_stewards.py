import pytest
from wagtail.models import Page

from igfplus import roles
from igfplus.services.page_stewards import (
    page_stewards,
    set_page_stewards,
    stewarded_pages,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _two_pages():
    root = Page.get_first_root_node()
    first = root.add_child(instance=Page(title="First", slug="first"))
    second = root.add_child(instance=Page(title="Second", slug="second"))
    return first, second


def test_a_steward_may_edit_their_page_and_not_another():
    first, second = _two_pages()
    steward = UserFactory()
    set_page_stewards(first, [steward], role=roles.NRI_COORDINATOR)

    steward = type(steward).objects.get(pk=steward.pk)  # fresh permission caches
    assert first.permissions_for_user(steward).can_edit()
    assert first.permissions_for_user(steward).can_publish()
    assert not second.permissions_for_user(steward).can_edit()
    assert steward.groups.filter(name=roles.NRI_COORDINATOR).exists()


def test_setting_stewards_again_replaces_them():
    first, _second = _two_pages()
    old, new = UserFactory(), UserFactory()
    set_page_stewards(first, [old], role=roles.INTERSESSIONAL_FACILITATOR)
    set_page_stewards(first, [new], role=roles.INTERSESSIONAL_FACILITATOR)

    assert list(page_stewards(first, role=roles.INTERSESSIONAL_FACILITATOR)) == [new]
    old = type(old).objects.get(pk=old.pk)
    assert not first.permissions_for_user(old).can_edit()
    assert list(stewarded_pages(new, role=roles.INTERSESSIONAL_FACILITATOR)) == [first]
