"""The agenda builder in the admin: the MAG places sessions on a day × room grid.

One page per edition and day. Drag and drop posts with fetch() and gets JSON back (the
day's new state and every conflict); the same page has a plain form that does the same
without JavaScript. Every change names the placement version it was made from; a change
made from a stale view is refused (HTTP 409 for fetch, a message for the form).
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from cms.models import ForumEditionPage
from sessions.models import Placement, Room, SessionPage
from sessions.selectors import AgendaGrid, agenda_grid
from sessions.services.conflicts import KIND_LABELS
from sessions.services.scheduling import (
    STALE_PLACEMENT,
    StalePlacement,
    place_session,
    unschedule_session,
)

SCHEDULE_PERMISSION = "forum_sessions.schedule_session"

NO_PERMISSION = _("You may not change the schedule.")
UNKNOWN_SESSION = _("There is no such session.")
UNKNOWN_ROOM = _("There is no such room.")
PLACED = _("%(session)s is now in %(room)s, %(day)s %(start)s–%(end)s (%(time_zone)s).")
UNSCHEDULED = _("%(session)s is back among the unscheduled sessions.")
NOW_CLASHES = _("It now has %(count)s conflict(s): %(first)s")
NOW_PLACED = _("It is now in %(room)s, %(day)s %(start)s–%(end)s (%(time_zone)s).")
NOW_UNSCHEDULED = _("It is now unscheduled.")
SAVE_FAILED = _("The change could not be saved. Reload the page and try again.")
# What the page's script writes itself, translated here.
JS_TEXTS = {
    "conflicts": _("Conflicts:"),
    "noConflicts": _("No conflicts."),
    "hard": _("hard"),
    "minutes": _("%(minutes)s min"),
    "saving": _("Saving…"),
    "failed": SAVE_FAILED,
}


class PlacementForm(forms.Form):
    """Where and when to place a session, in the edition's local time."""

    session = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    room = forms.IntegerField(label=_("Room"))
    day = forms.DateField(label=_("Day"))
    start = forms.TimeField(label=_("Starts"), input_formats=["%H:%M", "%H:%M:%S"])
    duration = forms.IntegerField(
        label=_("Duration (minutes)"),
        required=False,
        min_value=1,
        max_value=24 * 60,
        help_text=_(
            "Leave empty to keep the current length or use the session's duration."
        ),
    )

    def __init__(self, *args, edition: ForumEditionPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition

    def clean_session(self) -> SessionPage:
        session = (
            SessionPage.objects.select_related("session_type", "placement")
            .filter(pk=self.cleaned_data["session"])
            .first()
        )
        if session is None:
            raise ValidationError(UNKNOWN_SESSION, code="unknown_session")
        return session

    def clean_room(self) -> Room:
        room = Room.objects.filter(pk=self.cleaned_data["room"]).first()
        if room is None:
            raise ValidationError(UNKNOWN_ROOM, code="unknown_room")
        return room

    def clean(self):
        data = super().clean()
        session, day, start = data.get("session"), data.get("day"), data.get("start")
        if session and day and start:
            data["start_at"] = dt.datetime.combine(
                day, start, tzinfo=self.edition.tzinfo
            ).astimezone(dt.UTC)
            data["end_at"] = data["start_at"] + dt.timedelta(
                minutes=data.get("duration") or _current_length(session)
            )
        return data


class UnscheduleForm(forms.Form):
    session = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    view_day = forms.DateField(required=False, widget=forms.HiddenInput)

    clean_session = PlacementForm.clean_session


def builder_index(request):
    """The editions to build an agenda for, newest first."""
    if not request.user.has_perm(SCHEDULE_PERMISSION):
        raise PermissionDenied
    title = _("Agenda builder")
    return TemplateResponse(
        request,
        "sessions/admin/agenda_builder_index.html",
        {
            "editions": ForumEditionPage.objects.order_by("-start_on"),
            "header_title": title,
            "page_title": title,
            "header_icon": "table",
        },
    )


def builder(request, edition_id: int):
    """One day of the edition's work-in-progress schedule, with the placement form."""
    if not request.user.has_perm(SCHEDULE_PERMISSION):
        raise PermissionDenied
    edition = get_object_or_404(ForumEditionPage, pk=edition_id)
    grid = agenda_grid(edition, _day(request.GET.get("day")))
    return _render(
        request, grid, form=None, selected_pk=_int(request.GET.get("session"))
    )


@require_POST
def place(request, edition_id: int):
    """Place or move a session; answers JSON to fetch() and redirects a plain form."""
    edition = get_object_or_404(ForumEditionPage, pk=edition_id)
    if not request.user.has_perm(SCHEDULE_PERMISSION):
        return _refuse(request)
    form = PlacementForm(request.POST, edition=edition)
    if form.is_valid():
        data = form.cleaned_data
        try:
            placement = place_session(
                session=data["session"],
                room=data["room"],
                start_at=data["start_at"],
                end_at=data["end_at"],
                by=request.user,
                expected_version=data["version"],
                edition=edition,
            )
        except StalePlacement as stale:
            return _stale(request, edition, data["session"], stale, data["day"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            message = PLACED % {
                "session": data["session"].code,
                **_when(placement, edition),
            }
            return _done(
                request, edition, str(message), data["day"], moved=data["session"]
            )
    day = form.cleaned_data.get("day")
    return _invalid(request, edition, form, day)


@require_POST
def unschedule(request, edition_id: int):
    """Take a session out of the grid, back to the unscheduled list."""
    edition = get_object_or_404(ForumEditionPage, pk=edition_id)
    if not request.user.has_perm(SCHEDULE_PERMISSION):
        return _refuse(request)
    form = UnscheduleForm(request.POST)
    day = None
    if form.is_valid():
        data = form.cleaned_data
        day = data["view_day"]
        try:
            unschedule_session(
                session=data["session"],
                by=request.user,
                expected_version=data["version"],
                edition=edition,
            )
        except StalePlacement as stale:
            return _stale(request, edition, data["session"], stale, day)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            message = UNSCHEDULED % {"session": data["session"].code}
            return _done(request, edition, str(message), day)
    return _invalid(request, edition, form, day)


# --- responses ---------------------------------------------------------------------------


NOT_SCHEDULED_LABEL = _("not scheduled")


def _render(request, grid: AgendaGrid, *, form, selected_pk, status=200):
    selected = next((e for e in grid.entries if e.pk == selected_pk), None)
    if form is None and selected is not None:
        form = PlacementForm(initial=_initial(grid, selected), edition=grid.edition)
    title = _("Agenda builder: %(edition)s") % {"edition": grid.edition.title}
    return TemplateResponse(
        request,
        "sessions/admin/agenda_builder.html",
        {
            "grid": grid,
            "state": grid_state(grid),
            "form": form,
            "selected": selected,
            "session_choices": grid.session_choices(str(NOT_SCHEDULED_LABEL)),
            "js_texts": {key: str(text) for key, text in JS_TEXTS.items()},
            "header_title": title,
            "page_title": title,
            "header_icon": "table",
        },
        status=status,
    )


def _done(request, edition, message: str, day, *, moved: SessionPage | None = None):
    if _wants_json(request):
        grid = agenda_grid(edition, day)
        clashes = grid.conflicts_by_guid.get(str(moved.guid), []) if moved else []
        if clashes:
            # Said in the status line too: the conflict list may be out of sight.
            message = f"{message} " + str(
                NOW_CLASHES % {"count": len(clashes), "first": clashes[0].message}
            )
        return JsonResponse({"ok": True, "message": message, "state": grid_state(grid)})
    messages.success(request, message)
    return HttpResponseRedirect(_builder_url(edition, day=day))


def _stale(request, edition, session: SessionPage, stale: StalePlacement, day):
    now = (
        NOW_PLACED % _when(stale.current, edition) if stale.current else NOW_UNSCHEDULED
    )
    message = f"{STALE_PLACEMENT} {now}"
    if _wants_json(request):
        grid = agenda_grid(edition, day)
        return JsonResponse(
            {
                "ok": False,
                "error": message,
                "current": _placement_state(session, stale.current, edition),
                "state": grid_state(grid),
            },
            status=409,
        )
    messages.error(request, message)
    return HttpResponseRedirect(_builder_url(edition, day=day, session=session.pk))


def _invalid(request, edition, form, day):
    errors = [str(m) for field_errors in form.errors.values() for m in field_errors]
    if _wants_json(request):
        return JsonResponse(
            {
                "ok": False,
                "error": " ".join(errors),
                "errors": form.errors.get_json_data(),
            },
            status=400,
        )
    if not isinstance(form, PlacementForm):
        # The unschedule button has no fields to correct: say why and show the day.
        messages.error(request, " ".join(errors))
        return HttpResponseRedirect(_builder_url(edition, day=day))
    selected = form.cleaned_data.get("session")
    return _render(
        request,
        agenda_grid(edition, day),
        form=form,
        selected_pk=getattr(selected, "pk", None),
        status=400,
    )


def _refuse(request):
    if _wants_json(request):
        return JsonResponse({"ok": False, "error": str(NO_PERMISSION)}, status=403)
    raise PermissionDenied


# --- the state the page's script draws ---------------------------------------------------


def grid_state(grid: AgendaGrid) -> dict:
    """The day's blocks, the unscheduled sessions and every conflict, as JSON values."""
    code_of = {entry.guid: entry.code for entry in grid.entries}
    return {
        "edition": grid.edition.pk,
        "day": grid.day.isoformat(),
        "time_zone": grid.edition.time_zone,
        "first_time": grid.rows[0].time.strftime("%H:%M") if grid.rows else None,
        "row_count": len(grid.rows),
        "rows": [
            {"row": row.row, "time": row.time.strftime("%H:%M"), "hour": row.is_hour}
            for row in grid.rows
        ],
        "blocks": [
            {
                "session": block.entry.pk,
                "code": block.entry.code,
                "title": block.entry.title,
                "version": block.entry.version,
                "room": block.entry.slot.room.id,
                "column": block.column,
                "row": block.row,
                "span": block.span,
                "lane": block.lane,
                "start": block.local_start.strftime("%H:%M"),
                "end": block.local_end.strftime("%H:%M"),
                "duration": _minutes(
                    block.entry.slot.start_at, block.entry.slot.end_at
                ),
                "conflicts": [c.message for c in block.conflicts],
                "hard": block.has_hard_conflicts,
            }
            for block in grid.blocks
        ],
        "unscheduled": [
            {
                "session": entry.pk,
                "code": entry.code,
                "title": entry.title,
                "version": entry.version,
                "duration": entry.duration_minutes,
            }
            for entry in grid.unscheduled
        ],
        "conflicts": [
            {
                **conflict.to_dict(),
                "label": str(KIND_LABELS[conflict.kind]),
                "hard": conflict.is_hard,
                "codes": [code_of.get(guid, guid) for guid in conflict.session_guids],
            }
            for conflict in grid.conflicts
        ],
    }


def _placement_state(
    session: SessionPage, placement: Placement | None, edition
) -> dict:
    if placement is None:
        return {"session": session.pk, "version": None, "room": None}
    when = _when(placement, edition)
    return {
        "session": session.pk,
        "version": placement.version,
        "room": placement.room_id,
        "room_name": when["room"],
        "date": placement.start_at.astimezone(edition.tzinfo).date().isoformat(),
        "start": when["start"],
        "end": when["end"],
    }


# --- small helpers -----------------------------------------------------------------------


def _wants_json(request) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


def _when(placement: Placement, edition) -> dict:
    start = placement.start_at.astimezone(edition.tzinfo)
    end = placement.end_at.astimezone(edition.tzinfo)
    return {
        "room": placement.room.name,
        "day": date_format(start.date(), "D j M"),
        "start": start.strftime("%H:%M"),
        "end": end.strftime("%H:%M"),
        "time_zone": edition.time_zone,
    }


def _initial(grid: AgendaGrid, entry) -> dict:
    initial = {"session": entry.pk, "version": entry.version, "day": grid.day}
    if entry.is_scheduled:
        start = entry.slot.start_at.astimezone(grid.edition.tzinfo)
        initial |= {
            "room": entry.slot.room.id,
            "day": start.date(),
            "start": start.strftime("%H:%M"),
            "duration": _minutes(entry.slot.start_at, entry.slot.end_at),
        }
    else:
        initial["duration"] = entry.duration_minutes
    return initial


def _current_length(session: SessionPage) -> int:
    placement = getattr(session, "placement", None)
    if placement is not None:
        return _minutes(placement.start_at, placement.end_at)
    return session.duration_minutes


def _minutes(start: dt.datetime, end: dt.datetime) -> int:
    return int((end - start).total_seconds() // 60)


def _builder_url(edition, **params) -> str:
    query = {
        key: value.isoformat() if isinstance(value, dt.date) else value
        for key, value in params.items()
        if value
    }
    url = reverse("sessions_agenda_builder", args=[edition.pk])
    return f"{url}?{urlencode(query)}" if query else url


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


admin_urlpatterns = [
    path("agenda-builder/", builder_index, name="sessions_agenda_builder_index"),
    path("agenda-builder/<int:edition_id>/", builder, name="sessions_agenda_builder"),
    path(
        "agenda-builder/<int:edition_id>/place/",
        place,
        name="sessions_agenda_builder_place",
    ),
    path(
        "agenda-builder/<int:edition_id>/unschedule/",
        unschedule,
        name="sessions_agenda_builder_unschedule",
    ),
]
