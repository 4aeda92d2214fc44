"""Session reports filed by organizers and rapporteurs (mounted at /my/reports/)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.views.decorators.http import require_http_methods

from outcomes.forms import (
    CallToActionFormSet,
    ReportForm,
    TakeawayFormSet,
    call_specs,
    takeaway_specs,
)
from outcomes.services.reports import (
    file_report,
    may_file_report,
    report_due,
    reports_for,
)
from sessions.models import SessionPage

REPORT_SUBMITTED = "Thank you: the report of %(session)s is submitted."
REPORT_SAVED = "The report of %(session)s is saved as a draft; submit it by %(due_on)s."


@login_required
def report_list(request):
    """The signed-in person's sessions that took place, with each report's deadline."""
    return TemplateResponse(
        request, "outcomes/reports/list.html", {"items": reports_for(request.user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, session_pk: int):
    """File or change the report of one of the person's sessions."""
    session = get_object_or_404(
        SessionPage.objects.select_related("edition", "session_type"), pk=session_pk
    )
    # Someone else's session is not found, rather than forbidden: it reveals nothing.
    if not may_file_report(request.user, session):
        raise Http404
    due = report_due(session)
    if due is None:
        raise Http404
    report = due.report
    if request.method == "POST":
        form = ReportForm(request.POST)
        takeaways = TakeawayFormSet(request.POST, prefix="takeaways")
        calls = CallToActionFormSet(request.POST, prefix="calls")
        if form.is_valid() and takeaways.is_valid() and calls.is_valid():
            submit = "save_draft" not in request.POST
            try:
                file_report(
                    session=session,
                    by=request.user,
                    takeaways=takeaway_specs(takeaways),
                    calls_to_action=call_specs(calls),
                    submit=submit,
                    **form.cleaned_data,
                )
            except PermissionDenied:
                raise Http404 from None
            except ValidationError as error:
                _add_errors(form, takeaways, error)
            else:
                message = REPORT_SUBMITTED if submit else REPORT_SAVED
                messages.success(
                    request,
                    message
                    % {"session": session.code, "due_on": due.due_on.isoformat()},
                )
                return redirect("reports:index")
    else:
        form = ReportForm(initial=ReportForm.initial_for(report))
        takeaways = TakeawayFormSet(
            prefix="takeaways",
            initial=[{"id": t.pk, "text": t.text} for t in report.takeaways.all()]
            if report
            else None,
        )
        calls = CallToActionFormSet(
            prefix="calls",
            initial=[
                {"id": c.pk, "text": c.text, "addressed_to": c.addressed_to}
                for c in report.calls_to_action.all()
            ]
            if report
            else None,
        )
    return TemplateResponse(
        request,
        "outcomes/reports/form.html",
        {
            "session": session,
            "due": due,
            "form": form,
            "takeaways": takeaways,
            "calls": calls,
            "takeaway_errors": getattr(takeaways, "service_errors", []),
        },
    )


def _add_errors(form, takeaways, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        if name == "takeaways":
            takeaways.service_errors = [str(e.message) for e in errors]
        else:
            form.add_error(name if name in form.fields else None, errors)


urlpatterns = [
    path("", report_list, name="index"),
    path("<int:session_pk>/", report_edit, name="edit"),
]
