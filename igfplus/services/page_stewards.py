"""Stewards of one page: the NRI coordinators of an NRI, the facilitators of a BPF, PN or DC.

Wagtail grants page permissions to groups, never to single users. A steward's rights on
their own page therefore live in a group that belongs to that page alone ("NRI coordinator:
page 42"): it holds the page permissions on that page (and so its subtree) and nothing else.
The stewards also join the site-wide role group, which lets them reach the admin.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page

# Stewards keep their page up to date and publish it; they never delete it, and they
# add child pages only where their page allows children (events, outputs).
STEWARD_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def steward_group_name(role: str, page: Page) -> str:
    return f"{role}: page {page.pk}"


@transaction.atomic
def set_page_stewards(page: Page, users: Iterable, *, role: str) -> Group:
    """Make exactly ``users`` the stewards of ``page`` in ``role``; return their group."""
    users = list(users)
    group, _created = Group.objects.get_or_create(name=steward_group_name(role, page))
    wanted = Permission.objects.filter(
        content_type__app_label="wagtailcore",
        content_type__model="page",
        codename__in=STEWARD_PAGE_PERMISSIONS,
    )
    for permission in wanted:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=permission
        )
    group.user_set.set(users)
    role_group = Group.objects.get(name=role)
    role_group.user_set.add(*users)
    return group


def page_stewards(page: Page, *, role: str):
    """The users who steward ``page`` in ``role`` (empty when it has none)."""
    return (
        get_user_model()
        .objects.filter(groups__name=steward_group_name(role, page))
        .order_by("pk")
    )


def stewarded_pages(user, *, role: str):
    """The pages ``user`` stewards in ``role``."""
    prefix = f"{role}: page "
    ids = [
        int(name.removeprefix(prefix))
        for name in user.groups.filter(name__startswith=prefix).values_list(
            "name", flat=True
        )
    ]
    return Page.objects.filter(pk__in=ids)
