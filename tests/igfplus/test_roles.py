"""The permission matrix of docs/roles.md, role by role, through the pages each role meets."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from cms.models import HomePage
from igfplus import roles
from tests.factories import UserFactory
from tests.factories.outcomes import MessageCommentFactory

VISITOR = "visitor"
PARTICIPANT = "registered participant"
ALL = [
    VISITOR,
    PARTICIPANT,
    roles.SESSION_ORGANIZER,
    roles.NRI_COORDINATOR,
    roles.INTERSESSIONAL_FACILITATOR,
    roles.MAG_MEMBER,
    roles.SECRETARIAT,
]

# capability -> the roles that have it (everyone else must be refused).
MATRIX = {
    "edit own profile": set(ALL) - {VISITOR},
    "reach the admin": {
        roles.NRI_COORDINATOR,
        roles.INTERSESSIONAL_FACILITATOR,
        roles.MAG_MEMBER,
        roles.SECRETARIAT,
    },
    "create an edition": {roles.SECRETARIAT},
    "edit the home page": {roles.SECRETARIAT},
    "manage user accounts": {roles.SECRETARIAT},
    "add a room": {roles.SECRETARIAT},
    "see rooms and people": {roles.MAG_MEMBER, roles.SECRETARIAT},
    "add a session type": {roles.SECRETARIAT},
    "write a track's profile": {roles.SECRETARIAT},
    "see track profiles": {roles.MAG_MEMBER, roles.SECRETARIAT},
    "use the agenda builder": {roles.MAG_MEMBER, roles.SECRETARIAT},
    "open proposal evaluation": {roles.MAG_MEMBER, roles.SECRETARIAT},
    "release the schedule": {roles.SECRETARIAT},
    "record a transmission": {roles.SECRETARIAT},
    "record an uptake event": {roles.SECRETARIAT},
    "see transmissions and uptake": {roles.MAG_MEMBER, roles.SECRETARIAT},
    "moderate comments": {roles.SECRETARIAT},
    "add a policy message": {roles.SECRETARIAT},
    "see missing session reports": {roles.MAG_MEMBER, roles.SECRETARIAT},
}


def capability_url(capability: str) -> str:
    home = HomePage.objects.get()
    return {
        "edit own profile": reverse("accounts:profile"),
        "reach the admin": reverse("wagtailadmin_home"),
        "create an edition": reverse(
            "wagtailadmin_pages:add", args=("cms", "forumeditionpage", home.pk)
        ),
        "edit the home page": reverse("wagtailadmin_pages:edit", args=(home.pk,)),
        "manage user accounts": reverse("wagtailusers_users:index"),
        "add a room": reverse("wagtailsnippets_forum_sessions_room:add"),
        "see rooms and people": reverse("wagtailsnippets_forum_sessions_person:list"),
        "add a session type": reverse("wagtailsnippets_forum_sessions_sessiontype:add"),
        "write a track's profile": reverse(
            "wagtailsnippets_forum_sessions_trackprofile:add"
        ),
        "see track profiles": reverse(
            "wagtailsnippets_forum_sessions_trackprofile:list"
        ),
        "use the agenda builder": reverse("sessions_agenda_builder_index"),
        "open proposal evaluation": reverse("evaluation:index"),
        "release the schedule": reverse("sessions_release_index"),
        "record a transmission": reverse("wagtailsnippets_outcomes_transmission:add"),
        "record an uptake event": reverse("wagtailsnippets_outcomes_uptakeevent:add"),
        "see transmissions and uptake": reverse(
            "wagtailsnippets_outcomes_transmission:list"
        ),
        "moderate comments": reverse(
            "wagtailsnippets_outcomes_messagecomment:edit",
            args=(MessageCommentFactory().pk,),
        ),
        "add a policy message": reverse("wagtailsnippets_outcomes_policymessage:add"),
        "see missing session reports": reverse("outcomes_missing_reports"),
    }[capability]


@pytest.fixture
def client_as(client, give_totp):
    def login(role: str):
        if role == VISITOR:
            return client
        user = UserFactory(roles=[] if role == PARTICIPANT else [role])
        give_totp(user)  # staff roles must have MFA; tested separately
        client.force_login(user)
        return client

    return login


@pytest.mark.django_db
def test_migration_creates_exactly_the_role_groups():
    assert set(Group.objects.values_list("name", flat=True)) == set(roles.ROLES)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL)
@pytest.mark.parametrize("capability", list(MATRIX))
def test_permission_matrix(client_as, role, capability):
    response = client_as(role).get(capability_url(capability))

    allowed = role in MATRIX[capability]
    assert (response.status_code == 200) is allowed, (
        f"{role} {'should' if allowed else 'should not'} be able to {capability}: "
        f"got {response.status_code}"
    )


@pytest.mark.django_db
def test_sync_roles_is_idempotent_and_restores_drifted_permissions():
    secretariat = Group.objects.get(name=roles.SECRETARIAT)
    expected = set(secretariat.permissions.values_list("codename", flat=True))
    secretariat.permissions.clear()

    roles.sync_roles()
    roles.sync_roles()

    assert set(secretariat.permissions.values_list("codename", flat=True)) == expected
    assert "add_room" in expected


@pytest.mark.django_db
def test_secretariat_creates_an_account_with_a_role_in_the_admin(client, give_totp):
    client.force_login(give_totp(UserFactory(roles=[roles.SECRETARIAT])))
    mag = Group.objects.get(name=roles.MAG_MEMBER)

    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "newmag",
            "email": "new.mag@example.org",
            "name": "Ngozi Obi",
            "organisation": "Open Standards Lab",
            "stakeholder_group": "technical",
            "regional_group": "african",
            "country": "NG",
            "password1": "a long passphrase 2025",
            "password2": "a long passphrase 2025",
            "groups": [mag.pk],
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    from igfplus.models import User

    created = User.objects.get(email="new.mag@example.org")
    assert (created.name, created.country.code, created.is_superuser) == (
        "Ngozi Obi",
        "NG",
        False,
    )
    assert list(created.groups.values_list("name", flat=True)) == [roles.MAG_MEMBER]
    assert (
        "Ngozi Obi"
        in client.get(
            reverse("wagtailusers_users:edit", args=(created.pk,))
        ).content.decode()
    )


@pytest.mark.django_db
def test_every_migrate_gives_roles_back_their_permissions():
    from django.contrib.auth.models import Permission
    from django.core.management.sql import emit_post_migrate_signal

    secretariat = Group.objects.get(name=roles.SECRETARIAT)
    release = Permission.objects.get(codename="release_schedule")
    secretariat.permissions.remove(release)

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert secretariat.permissions.filter(pk=release.pk).exists()
