"""Session proposals at /my/proposals/: the organizer's list, the proposal form, editing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models import ForumEditionPage
from sessions.enums import SessionStatus
from sessions.forms import ProposalForms
from sessions.models import SessionPage
from sessions.services.proposals import (
    ProposalRejected,
    call_notices,
    edit_problems,
    my_proposals,
    open_calls,
    open_session_types,
    person_of,
    proposer_problems,
    submit_proposal,
    update_proposal,
)

SUBMITTED = _("Your proposal %(code)s “%(title)s” has been submitted.")
DRAFT_SAVED = _(
    "Your draft %(code)s “%(title)s” has been saved. It is not a proposal until you "
    "submit it."
)
UPDATED = _("Your proposal %(code)s “%(title)s” has been updated.")
NO_CALL = _("%(edition)s has no call for session proposals.")
READ_ONLY = _("It is shown here as it was last saved.")

FORM_TEMPLATE = "sessions/proposals/form.html"


@login_required
def proposal_list(request):
    """The signed-in user's proposals and the calls open now."""
    now = timezone.now()
    return render(
        request,
        "sessions/proposals/list.html",
        {
            "proposals": my_proposals(request.user, now=now),
            "calls": open_calls(now=now),
        },
    )


@login_required
def proposal_create(request, edition: str):
    """The proposal form for one edition, while one of its calls is open."""
    edition = _edition(edition)
    now = timezone.now()
    refusals = proposer_problems(request.user, edition)
    if refusals:
        return _notice(request, edition, [p.message for p in refusals], status=403)
    types = list(open_session_types(edition, now=now))
    if request.method != "POST" and not types:
        notices = call_notices(edition, now=now) or [
            NO_CALL % {"edition": edition.title}
        ]
        return _notice(request, edition, notices)
    forms = ProposalForms(
        _data(request), edition=edition, now=now, choosable_types=types
    )
    if request.method == "POST" and forms.is_valid():
        try:
            session = submit_proposal(
                edition=edition,
                session_type=forms.form.cleaned_data["session_type"],
                by=request.user,
                content=forms.content(),
                people=forms.rows(),
                as_draft=forms.as_draft,
                now=now,
            )
        except ProposalRejected as rejected:
            forms.add_problems(rejected.problems)
        else:
            done = DRAFT_SAVED if forms.as_draft else SUBMITTED
            messages.success(
                request, done % {"code": session.code, "title": session.title}
            )
            return redirect("sessions:proposal_list")
    context = _form_context(request, edition, forms)
    return render(request, FORM_TEMPLATE, {**context, "calls": types})


@login_required
def proposal_edit(request, pk: int):
    """The proposer's own proposal: editable while its call is open, else read-only."""
    session = get_object_or_404(
        SessionPage.objects.select_related("edition", "session_type", "theme"),
        pk=pk,
        proposer=request.user,
    )
    now = timezone.now()
    problems = edit_problems(session, by=request.user, now=now)
    if problems:
        return render(
            request,
            "sessions/proposals/detail.html",
            {
                "session": session,
                "participants": session.participants.select_related("person"),
                "notices": [*(p.message for p in problems), READ_ONLY],
            },
            status=403 if request.method == "POST" else 200,
        )
    forms = ProposalForms(
        _data(request), edition=session.edition, now=now, session=session
    )
    if request.method == "POST" and forms.is_valid():
        try:
            update_proposal(
                session=session,
                by=request.user,
                content=forms.content(),
                people=forms.rows(),
                as_draft=forms.as_draft,
                now=now,
            )
        except ProposalRejected as rejected:
            forms.add_problems(rejected.problems)
        else:
            done = DRAFT_SAVED if session.status == SessionStatus.DRAFT else UPDATED
            messages.success(
                request, done % {"code": session.code, "title": session.title}
            )
            return redirect("sessions:proposal_list")
    return render(
        request, FORM_TEMPLATE, _form_context(request, session.edition, forms)
    )


def _edition(slug: str) -> ForumEditionPage:
    # Translations of an edition share its acronym; proposals belong to the original.
    edition = ForumEditionPage.objects.live().filter(slug=slug).order_by("pk").first()
    if edition is None:
        raise Http404
    return edition


def _data(request):
    return request.POST if request.method == "POST" else None


def _notice(request, edition, notices, status=200):
    return render(
        request,
        "sessions/proposals/notice.html",
        {"edition": edition, "notices": notices},
        status=status,
    )


def _form_context(request, edition, forms) -> dict:
    return {
        "edition": edition,
        "forms": forms,
        "form": forms.form,
        "people": forms.people,
        "session": forms.session,
        "summary": forms.error_summary(),
        "proposer": person_of(request.user) or request.user,
    }


urlpatterns = [
    path("", proposal_list, name="proposal_list"),
    path("<slug:edition>/new/", proposal_create, name="proposal_create"),
    path("<int:pk>/", proposal_edit, name="proposal_edit"),
]
