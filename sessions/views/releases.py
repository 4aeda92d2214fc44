"""The secretariat's release screen in the admin: check, preview and publish version N."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from cms.models import ForumEditionPage
from sessions.services.conflicts import HARD_KINDS
from sessions.services.releases import (
    NothingToRelease,
    ReleaseBlocked,
    release_schedule,
)

RELEASED = _("Version %(number)s of the %(edition)s programme is public.")


class ReleaseForm(forms.Form):
    message = forms.CharField(
        label=_("What is new in this version"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    override_reason = forms.CharField(
        label=_("Reason for releasing with hard conflicts"),
        help_text=_(
            "Only if hard conflicts remain. The reason is recorded with the release."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


@permission_required("forum_sessions.release_schedule", raise_exception=True)
def release_index(request):
    editions = ForumEditionPage.objects.order_by("-start_on").prefetch_related(
        "releases"
    )
    return TemplateResponse(
        request,
        "sessions/admin/release_index.html",
        {
            "editions": editions,
            "header_title": _("Releases"),
            "page_title": _("Releases"),
        },
    )


@permission_required("forum_sessions.release_schedule", raise_exception=True)
def release_edition(request, edition_id):
    from sessions.selectors import edition_conflicts

    edition = get_object_or_404(ForumEditionPage, pk=edition_id)
    form = ReleaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            release = release_schedule(
                edition=edition,
                by=request.user,
                message=form.cleaned_data["message"],
                override_reason=form.cleaned_data["override_reason"],
            )
        except (ReleaseBlocked, NothingToRelease) as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request, RELEASED % {"number": release.number, "edition": edition.title}
            )
            return redirect(reverse("sessions_release_edition", args=[edition.pk]))
    hard = [c for c in edition_conflicts(edition) if c.kind in HARD_KINDS]
    return TemplateResponse(
        request,
        "sessions/admin/release_edition.html",
        {
            "edition": edition,
            "form": form,
            "hard_conflicts": hard,
            "releases": edition.releases.order_by("-number"),
            "header_title": _("Release the %(edition)s programme")
            % {"edition": edition.title},
            "page_title": _("Release the %(edition)s programme")
            % {"edition": edition.title},
        },
    )


admin_urlpatterns = [
    path("releases/", release_index, name="sessions_release_index"),
    path(
        "releases/<int:edition_id>/", release_edition, name="sessions_release_edition"
    ),
]
