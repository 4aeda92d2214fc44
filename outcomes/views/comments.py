"""Comments on messages open for public comment (POST only; the message page shows the form).

Include in ``outcomes/urls.py``: ``path("", include("outcomes.views.comments"))`` gives
``outcomes:comment`` at ``/outcomes/messages/<guid>/comment/``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from igfplus.forms import save_and_tell
from outcomes.forms import CommentForm
from outcomes.models import PolicyMessage
from outcomes.services.comments import add_comment

COMMENT_RECEIVED = (
    "Thank you: your comment is received and will appear once the secretariat has "
    "read it."
)


@login_required
@require_POST
def comment(request, guid):
    """Take a signed-in person's comment on a message, then go back to where they were."""
    message = get_object_or_404(
        PolicyMessage.objects.select_related("document"), guid=guid, deleted_at=None
    )
    save_and_tell(
        request,
        CommentForm(request.POST),
        lambda data: add_comment(
            message=message, author=request.user, text=data["text"]
        ),
        COMMENT_RECEIVED,
    )
    return redirect(_back(request))


def _back(request) -> str:
    target = request.POST.get("next") or request.headers.get("referer", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/outcomes/"


urlpatterns = [
    path("messages/<uuid:guid>/comment/", comment, name="comment"),
]
