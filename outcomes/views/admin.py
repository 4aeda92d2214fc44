"""Admin views of the outcomes: missing session reports per edition, a document's steps."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from cms.models import ForumEditionPage
from outcomes.forms import DocumentStepForm
from outcomes.models import OutcomeDocument
from outcomes.services import documents
from outcomes.services.reports import REPORTER_ROLES
from outcomes.services.reports import missing_reports as find_missing
from sessions.models import SessionParticipant

VIEW_REPORTS = "outcomes.view_sessionreport"
CHANGE_DOCUMENTS = "outcomes.change_outcomedocument"
VIEW_DOCUMENTS = "outcomes.view_outcomedocument"
STEP_DONE = "%(document)s: version %(number)s published."


def missing_reports(request):
    """The sessions of an edition that took place without a submitted report."""
    if not request.user.has_perm(VIEW_REPORTS):
        raise PermissionDenied
    editions = list(ForumEditionPage.objects.order_by("-year"))
    chosen = next(
        (e for e in editions if str(e.pk) == request.GET.get("edition")),
        editions[0] if editions else None,
    )
    rows = find_missing(chosen) if chosen else []
    people = defaultdict(list)
    for participant in SessionParticipant.objects.filter(
        session_id__in=[row.session.pk for row in rows], role__in=REPORTER_ROLES
    ).select_related("person"):
        people[participant.session_id].append(participant)
    title = _("Missing session reports")
    return TemplateResponse(
        request,
        "outcomes/admin/missing_reports.html",
        {
            "editions": editions,
            "edition": chosen,
            "rows": [(row, people[row.session.pk]) for row in rows],
            "header_title": title,
            "page_title": title,
            "header_icon": "warning",
        },
    )


def document_steps(request, pk: int):
    """A document's versions (read-only) and the form for its next step."""
    if not request.user.has_perm(VIEW_DOCUMENTS):
        raise PermissionDenied
    document = get_object_or_404(
        OutcomeDocument.objects.select_related("edition"), pk=pk, deleted_at=None
    )
    form = DocumentStepForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm(CHANGE_DOCUMENTS):
            raise PermissionDenied
        if form.is_valid():
            try:
                version = _apply_step(document, form.cleaned_data, by=request.user)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request,
                    STEP_DONE % {"document": document, "number": version.number},
                )
                return redirect("outcomes_document_steps", pk=document.pk)
    title = _("Versions and status")
    return TemplateResponse(
        request,
        "outcomes/admin/document_steps.html",
        {
            "document": document,
            "versions": document.versions.select_related("published_by"),
            "form": form,
            "can_change": request.user.has_perm(CHANGE_DOCUMENTS),
            "header_title": f"{document} — {title}",
            "page_title": title,
            "header_icon": "history",
        },
    )


def _apply_step(document: OutcomeDocument, data: dict, *, by):
    step = data["step"]
    if step == DocumentStepForm.OPEN:
        return documents.open_for_comment(
            document=document, until=data["until"], by=by, changes=data["changes"]
        )
    if step == DocumentStepForm.VERSION:
        return documents.publish_version(
            document=document, changes=data["changes"], by=by
        )
    return documents.finalize_document(
        document=document,
        changes=data["changes"],
        by=by,
        published_on=data.get("published_on"),
    )


# Service field names that the step form calls otherwise.
FORM_FIELD = {"comments_close_on": "until"}


def _add_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        field = FORM_FIELD.get(name, name)
        form.add_error(field if field in form.fields else None, errors)
