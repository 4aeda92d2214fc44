"""The admin's "Deleted outcomes": what was deleted, and a Restore button for each."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from outcomes.models import PolicyMessage, Transmission, UptakeEvent
from outcomes.services import restore

# What may be restored, by the permission that lets the secretariat change it.
RESTORABLE = {
    "message": (
        PolicyMessage,
        "outcomes.change_policymessage",
        lambda row, by: restore.restore_message(message=row, by=by),
    ),
    "transmission": (
        Transmission,
        "outcomes.change_transmission",
        lambda row, by: restore.restore_transmission(transmission=row, by=by),
    ),
    "event": (
        UptakeEvent,
        "outcomes.change_uptakeevent",
        lambda row, by: restore.restore_uptake_event(event=row, by=by),
    ),
}
VIEW_PERMISSIONS = (
    "outcomes.view_policymessage",
    "outcomes.view_transmission",
    "outcomes.view_uptakeevent",
)
RESTORED = _("“%(object)s” is restored.")


def deleted_list(request):
    """Deleted messages, transmissions and uptake events; restorable by the secretariat."""
    if not all(request.user.has_perm(name) for name in VIEW_PERMISSIONS):
        raise PermissionDenied
    title = _("Deleted outcomes")
    return TemplateResponse(
        request,
        "outcomes/admin/deleted.html",
        {
            "records": restore.deleted_records(),
            "can_restore": all(
                request.user.has_perm(permission)
                for _model, permission, _service in RESTORABLE.values()
            ),
            "header_title": title,
            "page_title": title,
            "header_icon": "bin",
        },
    )


@require_POST
def restore_record(request, kind: str, pk: int):
    """Restore one deleted record, then back to the list with what happened."""
    if kind not in RESTORABLE:
        raise PermissionDenied
    model, permission, service = RESTORABLE[kind]
    if not request.user.has_perm(permission):
        raise PermissionDenied
    record = get_object_or_404(model, pk=pk)
    try:
        service(record, request.user)
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
    else:
        messages.success(request, RESTORED % {"object": record})
    return redirect("outcomes_deleted")
