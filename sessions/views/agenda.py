"""A signed-in person's agenda: starred sessions, with clashes flagged."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from sessions.models import SessionPage
from sessions.selectors import agenda_rows, starred_key, starred_session_ids
from sessions.services.agenda import clashing
from sessions.services.stars import toggle_star

STARRED = _("“%(title)s” is in your agenda.")
UNSTARRED = _("“%(title)s” was removed from your agenda.")


class _Agenda:
    """The rows and clashes, read only when the page's cached fragment is missing."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def rows(self):
        return agenda_rows(self.user)

    @cached_property
    def clash_ids(self):
        return clashing(
            [(row.pk, row.start_at, row.end_at) for row in self.rows if row.start_at]
        )


@login_required
def my_agenda(request):
    starred_ids = starred_session_ids(request.user)
    return render(
        request,
        "sessions/my_agenda.html",
        {
            "agenda": _Agenda(request.user),
            # The list is cached per person and set of stars (and public content).
            "starred_key": starred_key(starred_ids),
        },
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
