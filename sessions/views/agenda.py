"""A signed-in person's agenda: starred sessions, with clashes flagged."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from sessions.models import SessionPage
from sessions.selectors import agenda_rows
from sessions.services.agenda import clashing
from sessions.services.stars import toggle_star

STARRED = _("“%(title)s” is in your agenda.")
UNSTARRED = _("“%(title)s” was removed from your agenda.")


@login_required
def my_agenda(request):
    rows = agenda_rows(request.user)
    clashes = clashing(
        [(row.pk, row.start_at, row.end_at) for row in rows if row.start_at]
    )
    return render(
        request, "sessions/my_agenda.html", {"rows": rows, "clash_ids": clashes}
    )


@require_POST
@login_required
def star(request, guid):
    session = SessionPage.objects.live().filter(guid=guid).first()
    if session is None:
        raise Http404
    is_starred = toggle_star(user=request.user, session=session)
    if request.headers.get("accept") == "application/json":
        return JsonResponse({"starred": is_starred})
    messages.success(
        request, (STARRED if is_starred else UNSTARRED) % {"title": session.title}
    )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, {request.get_host()}, request.is_secure()
    ):
        next_url = session.url
    return redirect(next_url)


urlpatterns = [
    path("", my_agenda, name="agenda"),
    path("star/<uuid:guid>/", star, name="star"),
]
