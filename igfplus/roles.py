"""The roles of IGF+ and what each may do (the matrix in docs/roles.md).

Roles are Django groups. ``sync_roles`` makes the groups and their permissions match
``ROLE_PERMISSIONS``; it runs from the data migration and again after every ``migrate``,
so permissions of models that later migrations add are granted without drift.
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

SECRETARIAT = "Secretariat"
MAG_MEMBER = "MAG member"
SESSION_ORGANIZER = "Session organizer"
NRI_COORDINATOR = "NRI coordinator"
INTERSESSIONAL_FACILITATOR = "Intersessional facilitator"

ROLES = [
    SECRETARIAT,
    MAG_MEMBER,
    SESSION_ORGANIZER,
    NRI_COORDINATOR,
    INTERSESSIONAL_FACILITATOR,
]

ACCESS_ADMIN = "wagtailadmin.access_admin"

# The outcomes (outcomes/wagtail_hooks.py): the secretariat records and moderates, the MAG
# looks on. Messages, transmissions and uptake events are deleted softly, through the
# services, and can be restored from the admin's "Deleted outcomes".
OUTCOMES_SECRETARIAT = frozenset(
    {
        *(
            f"outcomes.{verb}_{model}"
            for model in (
                "normativeforum",
                "outcomedocument",
                "policymessage",
                "transmission",
                "uptakeevent",
                "reportingrules",
            )
            for verb in ("add", "change", "view")
        ),
        "outcomes.delete_policymessage",
        "outcomes.delete_transmission",
        "outcomes.delete_uptakeevent",
        "outcomes.view_documentversion",
        "outcomes.change_messagecomment",
        "outcomes.view_messagecomment",
        "outcomes.change_sessionreport",
        "outcomes.view_sessionreport",
    }
)
OUTCOMES_VIEW = frozenset(
    f"outcomes.view_{model}"
    for model in (
        "normativeforum",
        "outcomedocument",
        "documentversion",
        "policymessage",
        "transmission",
        "uptakeevent",
        "messagecomment",
        "sessionreport",
        "reportingrules",
    )
)

# Model permissions per role, as "app_label.codename". A permission whose model does not
# exist yet is skipped and granted by the first ``migrate`` after its model lands.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    SECRETARIAT: frozenset(
        {
            ACCESS_ADMIN,
            "igfplus.add_user",
            "igfplus.change_user",
            "igfplus.view_user",
            # Tokens for integrations writing through the API (docs/api.md); never
            # deleted, so that their audit trail stays.
            "igfplus.add_apitoken",
            "igfplus.change_apitoken",
            "igfplus.view_apitoken",
            "igfplus.view_apitokenuse",
            "auth.view_group",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
            "wagtailcore.add_locale",
            "wagtailcore.change_locale",
            "forum_sessions.add_room",
            "forum_sessions.change_room",
            "forum_sessions.delete_room",
            "forum_sessions.view_room",
            "forum_sessions.add_person",
            "forum_sessions.change_person",
            "forum_sessions.view_person",
            "forum_sessions.add_sessiontype",
            "forum_sessions.change_sessiontype",
            "forum_sessions.view_sessiontype",
            "forum_sessions.add_trackprofile",
            "forum_sessions.change_trackprofile",
            "forum_sessions.view_trackprofile",
            "forum_sessions.add_programmerules",
            "forum_sessions.change_programmerules",
            "forum_sessions.view_programmerules",
            "forum_sessions.schedule_session",
            "forum_sessions.release_schedule",
            "forum_sessions.screen_proposal",
            "forum_sessions.decide_proposal",
            *OUTCOMES_SECRETARIAT,
        }
    ),
    MAG_MEMBER: frozenset(
        {
            ACCESS_ADMIN,
            "forum_sessions.view_room",
            "forum_sessions.view_person",
            "forum_sessions.view_sessiontype",
            "forum_sessions.view_programmerules",
            "forum_sessions.view_trackprofile",
            "forum_sessions.schedule_session",
            "forum_sessions.rate_proposal",
            *OUTCOMES_VIEW,
        }
    ),
    SESSION_ORGANIZER: frozenset(),
    # Coordinators and facilitators reach the admin; which page they may edit is granted
    # per NRI or body (a page permission on that page only), never site-wide.
    NRI_COORDINATOR: frozenset({ACCESS_ADMIN}),
    INTERSESSIONAL_FACILITATOR: frozenset({ACCESS_ADMIN}),
}

# Page permissions on the whole tree (granted at the root page). Deletion is left out on
# purpose: published pages are unpublished, not deleted.
ROLE_PAGE_PERMISSIONS: dict[str, frozenset[str]] = {
    SECRETARIAT: frozenset(
        {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}
    ),
}

# Image and document permissions on the root collection.
ROLE_COLLECTION_PERMISSIONS: dict[str, frozenset[str]] = {
    SECRETARIAT: frozenset(
        {
            "wagtailimages.add_image",
            "wagtailimages.change_image",
            "wagtailimages.choose_image",
            "wagtaildocs.add_document",
            "wagtaildocs.change_document",
            "wagtaildocs.choose_document",
        }
    ),
    MAG_MEMBER: frozenset(
        {"wagtailimages.choose_image", "wagtaildocs.choose_document"}
    ),
    # An NRI's annual report may be a document its coordinators upload.
    NRI_COORDINATOR: frozenset(
        {"wagtaildocs.add_document", "wagtaildocs.choose_document"}
    ),
    # Outputs of a BPF, PN or DC are documents their facilitators upload.
    INTERSESSIONAL_FACILITATOR: frozenset(
        {"wagtaildocs.add_document", "wagtaildocs.choose_document"}
    ),
}


def sync_roles(apps=global_apps) -> dict[str, int]:
    """Create the role groups and set their permissions; return permissions per role."""
    _ensure_permissions_exist(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def lookup(dotted: list[str] | frozenset[str]):
        wanted = {tuple(name.split(".", 1)) for name in dotted}
        found = Permission.objects.filter(
            codename__in={codename for _, codename in wanted}
        ).select_related("content_type")
        return [p for p in found if (p.content_type.app_label, p.codename) in wanted]

    granted = {}
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        permissions = lookup(ROLE_PERMISSIONS[role])
        group.permissions.set(permissions)
        granted[role] = len(permissions)
        _sync_page_permissions(
            apps, group, ROLE_PAGE_PERMISSIONS.get(role, frozenset())
        )
        _sync_collection_permissions(
            apps, group, lookup(ROLE_COLLECTION_PERMISSIONS.get(role, frozenset()))
        )
    return granted


def _ensure_permissions_exist(apps) -> None:
    # Django creates permissions after migrate; a data migration runs before that.
    for app_config in apps.get_app_configs():
        had_models_module = getattr(app_config, "models_module", None)
        app_config.models_module = had_models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = had_models_module


def _sync_page_permissions(apps, group, codenames: frozenset[str]) -> None:
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Permission = apps.get_model("auth", "Permission")
    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    wanted = Permission.objects.filter(
        content_type__app_label="wagtailcore",
        content_type__model="page",
        codename__in=codenames,
    )
    GroupPagePermission.objects.filter(group=group, page=root).exclude(
        permission__in=wanted
    ).delete()
    for permission in wanted:
        GroupPagePermission.objects.get_or_create(
            group=group, page=root, permission=permission
        )


def _sync_collection_permissions(apps, group, permissions) -> None:
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    GroupCollectionPermission.objects.filter(group=group, collection=root).exclude(
        permission__in=permissions
    ).delete()
    for permission in permissions:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )
