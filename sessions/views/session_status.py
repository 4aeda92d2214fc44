"""The secretariat cancels or reinstates a session (admin, with a confirmation step)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from sessions.models import SessionPage
from sessions.services.scheduling import cancel_session, reinstate_session

PERMISSION = "forum_sessions.release_schedule"
CANCELLED = _("%(code)s is cancelled. The next release shows it as cancelled.")
REINSTATED = _("%(code)s is back in the programme.")

ACTIONS = {
    "cancel": (cancel_session, CANCELLED, _("Cancel %(code)s “%(title)s”?")),
    "reinstate": (reinstate_session, REINSTATED, _("Reinstate %(code)s “%(title)s”?")),
}


@permission_required(PERMISSION, raise_exception=True)
def change_status(request, page_id: int, action: str):
    session = get_object_or_404(SessionPage, pk=page_id)
    service, done_message, question = ACTIONS[action]
    names = {"code": session.code, "title": session.title}
    error = None
    if request.method == "POST":
        try:
            service(session=session, by=request.user)
        except ValidationError as refusal:
            error = refusal.messages[0]
        else:
            messages.success(request, done_message % names)
            return redirect(reverse("wagtailadmin_pages:edit", args=[session.pk]))
    return TemplateResponse(
        request,
        "sessions/admin/session_status.html",
        {
            "session": session,
            "action": action,
            "error": error,
            "header_title": question % names,
            "page_title": question % names,
        },
    )


admin_urlpatterns = [
    path(
        "programme/sessions/<int:page_id>/<str:action>/",
        change_status,
        name="sessions_change_status",
    ),
]
