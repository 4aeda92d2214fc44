from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from sessions.enums import Track
from sessions.models import Person, ProgrammeRules, Room, SessionType, TrackProfile
from sessions.views.evaluation import MENU_LABEL as EVALUATION_MENU_LABEL


class RoomFilterSet(WagtailFilterSet):
    class Meta:
        model = Room
        fields = ["edition", "has_hybrid_equipment", "has_webcast"]


class RoomViewSet(SnippetViewSet):
    model = Room
    icon = "home"
    menu_label = _("Rooms")
    list_display = [
        "name",
        "edition",
        "capacity",
        "has_hybrid_equipment",
        "has_webcast",
    ]
    list_per_page = 50
    filterset_class = RoomFilterSet

    def get_queryset(self, request):
        return Room.objects.select_related("edition")


class PersonFilterSet(WagtailFilterSet):
    class Meta:
        model = Person
        fields = ["stakeholder_group", "regional_group"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "organisation", "stakeholder_group", "regional_group"]
    list_per_page = 50
    search_fields = ["name", "organisation"]
    filterset_class = PersonFilterSet


class SessionTypeViewSet(SnippetViewSet):
    model = SessionType
    icon = "tag"
    menu_label = _("Session types")
    list_display = [
        "name",
        "prefix",
        "edition",
        "track",
        "is_open_for_proposals",
        "call_closes_at",
    ]
    list_filter = ["edition", "track", "is_open_for_proposals"]

    def get_queryset(self, request):
        return SessionType.objects.select_related("edition")


class ProgrammeRulesViewSet(SnippetViewSet):
    model = ProgrammeRules
    icon = "cog"
    menu_label = _("Programme rules")
    list_display = [
        "edition",
        "min_speakers",
        "max_sessions_per_person",
        "max_parallel_per_theme",
    ]

    def get_queryset(self, request):
        return ProgrammeRules.objects.select_related("edition")


class TrackProfileViewSet(SnippetViewSet):
    model = TrackProfile
    icon = "group"
    menu_label = _("Tracks")
    list_display = ["track", "edition"]
    list_filter = ["edition", "track"]

    def get_queryset(self, request):
        return TrackProfile.objects.select_related("edition")


class ProgrammeViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Programme")
    menu_icon = "date"
    items = (
        SessionTypeViewSet,
        RoomViewSet,
        PersonViewSet,
        ProgrammeRulesViewSet,
        TrackProfileViewSet,
    )


register_snippet(ProgrammeViewSetGroup)


class PermissionMenuItem(MenuItem):
    """A menu item shown to users holding any of ``permissions``."""

    def __init__(self, *args, permissions: tuple[str, ...], **kwargs):
        self.permissions = permissions
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return any(request.user.has_perm(name) for name in self.permissions)


@hooks.register("register_admin_urls")
def register_programme_admin_urls():
    from sessions.views import agenda_builder, evaluation, releases, session_status

    return [
        *agenda_builder.admin_urlpatterns,
        path("evaluation/", include((evaluation.admin_urlpatterns, "evaluation"))),
        *releases.admin_urlpatterns,
        *session_status.admin_urlpatterns,
    ]


@hooks.register("register_page_header_buttons")
def session_status_buttons(page, user, view_name, next_url=None):
    """ "Cancel session" / "Reinstate" on a session page's admin header."""
    from sessions.enums import SessionStatus
    from sessions.models import SessionPage
    from sessions.views.session_status import PERMISSION

    session = page.specific_deferred
    if not isinstance(session, SessionPage) or not user.has_perm(PERMISSION):
        return
    if session.status == SessionStatus.CANCELLED:
        yield Button(
            _("Reinstate session"),
            reverse("sessions_change_status", args=[page.pk, "reinstate"]),
            icon_name="undo",
            priority=80,
        )
    elif session.status in (SessionStatus.ACCEPTED, SessionStatus.SCHEDULED):
        yield Button(
            _("Cancel session"),
            reverse("sessions_change_status", args=[page.pk, "cancel"]),
            icon_name="cross",
            priority=80,
        )


@hooks.register("register_admin_menu_item")
def register_agenda_builder_menu_item():
    return PermissionMenuItem(
        _("Agenda builder"),
        reverse("sessions_agenda_builder_index"),
        name="agenda-builder",
        icon_name="calendar",
        order=305,
        permissions=("forum_sessions.schedule_session",),
    )


@hooks.register("register_admin_menu_item")
def register_release_menu_item():
    return PermissionMenuItem(
        _("Releases"),
        reverse("sessions_release_index"),
        name="releases",
        icon_name="upload",
        order=310,
        permissions=("forum_sessions.release_schedule",),
    )


@hooks.register("register_admin_menu_item")
def register_evaluation_menu_item():
    return PermissionMenuItem(
        EVALUATION_MENU_LABEL,
        reverse("evaluation:index"),
        name="proposal-evaluation",
        icon_name="tasks",
        order=320,
        permissions=(
            "forum_sessions.rate_proposal",
            "forum_sessions.screen_proposal",
            "forum_sessions.decide_proposal",
        ),
    )


@hooks.register("track_page_sections")
def track_nri_events_section(request, edition, track):
    """The track's regional events held at NRIs, with a subscription of their own."""
    from igfplus.ical import subscribe_links
    from sessions.selectors import track_nri_events
    from sessions.views.tracks import TrackSection

    feed_url = request.build_absolute_uri(
        reverse("nris:all_events_ical") + f"?track={track}"
    )
    label = Track(track).label
    return TrackSection(
        heading=_("Regional events at NRIs"),
        template="sessions/includes/track_nri_events.html",
        context={
            "events": track_nri_events(edition, track),
            "subscribe": subscribe_links(
                feed_url, _("%(track)s at the NRIs") % {"track": label}
            ),
        },
    )


# --- Sessions are never deleted ------------------------------------------------------

SESSION_DELETE_REFUSED = _(
    "Sessions are never deleted: their UIDs live on in calendars and exports. Cancel "
    "the session instead (it can be reinstated), or unpublish it to hide it."
)


def _holds_sessions(page) -> bool:
    from sessions.models import SessionPage

    return SessionPage.objects.descendant_of(page, inclusive=True).exists()


@hooks.register("before_delete_page")
def refuse_deleting_sessions(request, page):
    """No role is granted page deletion; this stops a superuser too, including a
    deletion of an edition or programme page that would take its sessions with it."""
    from django.contrib import messages
    from django.shortcuts import redirect

    if _holds_sessions(page):
        messages.error(request, SESSION_DELETE_REFUSED)
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_sessions(request, action_type, objects, action_class_instance):
    from django.contrib import messages
    from django.shortcuts import redirect
    from wagtail.models import Page

    if action_type != "delete":
        return None
    if any(isinstance(item, Page) and _holds_sessions(item) for item in objects):
        messages.error(request, SESSION_DELETE_REFUSED)
        return redirect("wagtailadmin_home")
    return None


@hooks.register("register_log_actions")
def register_session_log_actions(actions):
    from sessions.services.scheduling import CANCEL_ACTION, REINSTATE_ACTION

    actions.register_action(CANCEL_ACTION, _("Cancel"), _("Cancelled (soft delete)"))
    actions.register_action(
        REINSTATE_ACTION, _("Reinstate"), _("Reinstated (restored)")
    )
