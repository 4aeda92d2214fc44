"""The outcomes in the Wagtail admin: one "Outcomes" menu group, writes through the services.

Transmissions, uptake events, comment moderation and document steps are saved by
``outcomes.services`` (validation, derived status, audit log), never by the generic model
form: the views below override ``save_instance``/``delete_action`` to call them. Only
the secretariat holds the add/change permissions (``igfplus.roles``); MAG members view.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from outcomes.enums import CommentStatus, DocumentKind
from outcomes.models import (
    MessageComment,
    NormativeForum,
    OutcomeDocument,
    PolicyMessage,
    ReportingRules,
    SessionReport,
    Transmission,
    UptakeEvent,
)
from outcomes.services import comments, documents, restore, transmissions

BULK_DELETE_REFUSED = "Policy messages, transmissions and uptake events are deleted one at a time, and kept for the record."
SOFT_DELETED = "%(object)s deleted (kept for the record)."


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's errors on the form fields they name (else on the whole form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


class ServiceSaveMixin:
    """Save through a service; its ValidationError comes back as form errors."""

    def save_through_service(self, data: dict):
        raise NotImplementedError

    def save_instance(self):
        return self.save_through_service(self.form.cleaned_data)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            add_service_errors(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class SoftDeleteView(DeleteView):
    """Delete through a service that only marks the row deleted."""

    delete_service = None

    def get_usage(self):
        # Rows that point here stay valid: nothing is removed from the database.
        return None

    def delete_action(self):
        type(self).delete_service(self.object, by=self.request.user)

    def get_success_message(self):
        return SOFT_DELETED % {"object": self.object}


# --- Transmissions and uptake events ----------------------------------------------------


TRANSMISSION_FIELDS = (
    "forum",
    "sent_on",
    "channel",
    "actor",
    "messages",
    "document",
    "evidence_url",
    "document_symbol",
    "note",
)


def _transmission_values(data: dict) -> dict:
    values = {name: data.get(name) for name in TRANSMISSION_FIELDS}
    values["messages"] = list(values["messages"] or [])
    for name in ("evidence_url", "document_symbol", "note"):
        values[name] = values[name] or ""
    return values


class TransmissionCreateView(ServiceSaveMixin, CreateView):
    def save_through_service(self, data):
        return transmissions.record_transmission(
            by=self.request.user, **_transmission_values(data)
        )


class TransmissionEditView(ServiceSaveMixin, EditView):
    def save_through_service(self, data):
        return transmissions.change_transmission(
            transmission=self.object, by=self.request.user, **_transmission_values(data)
        )


class TransmissionDeleteView(SoftDeleteView):
    delete_service = staticmethod(
        lambda obj, by: transmissions.delete_transmission(transmission=obj, by=by)
    )


class TransmissionViewSet(SnippetViewSet):
    model = Transmission
    icon = "mail"
    menu_label = _("Transmissions")
    add_view_class = TransmissionCreateView
    edit_view_class = TransmissionEditView
    delete_view_class = TransmissionDeleteView
    inspect_view_enabled = True
    list_display = ["__str__", "channel", "status", "actor"]
    list_filter = ["forum", "channel", "status"]
    list_per_page = 50
    # ``status`` is not here: it is derived from the uptake events, never typed.
    panels = [
        FieldRowPanel([FieldPanel("forum"), FieldPanel("sent_on")]),
        FieldRowPanel([FieldPanel("channel"), FieldPanel("actor")]),
        FieldPanel("messages"),
        FieldPanel("document"),
        FieldRowPanel([FieldPanel("evidence_url"), FieldPanel("document_symbol")]),
        FieldPanel("note"),
    ]

    def get_queryset(self, request):
        return Transmission.objects.filter(deleted_at=None).select_related("forum")


EVENT_FIELDS = (
    "kind",
    "occurred_on",
    "evidence_level",
    "evidence_url",
    "document_symbol",
    "quoted_passage",
)


def _event_values(data: dict) -> dict:
    values = {name: data.get(name) for name in EVENT_FIELDS}
    for name in ("evidence_url", "document_symbol", "quoted_passage"):
        values[name] = values[name] or ""
    return values


class UptakeEventCreateView(ServiceSaveMixin, CreateView):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["transmission"].queryset = Transmission.objects.filter(
            deleted_at=None
        ).select_related("forum")
        return form

    def save_through_service(self, data):
        return transmissions.record_uptake_event(
            transmission=data["transmission"],
            by=self.request.user,
            **_event_values(data),
        )


class UptakeEventEditView(ServiceSaveMixin, EditView):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        # An event belongs to its transmission for good; record a new one elsewhere.
        form.fields["transmission"].disabled = True
        return form

    def save_through_service(self, data):
        return transmissions.change_uptake_event(
            event=self.object, by=self.request.user, **_event_values(data)
        )


class UptakeEventDeleteView(SoftDeleteView):
    delete_service = staticmethod(
        lambda obj, by: transmissions.delete_uptake_event(event=obj, by=by)
    )


class UptakeEventViewSet(SnippetViewSet):
    model = UptakeEvent
    icon = "tasks"
    menu_label = _("Uptake events")
    add_view_class = UptakeEventCreateView
    edit_view_class = UptakeEventEditView
    delete_view_class = UptakeEventDeleteView
    inspect_view_enabled = True
    list_display = ["__str__", "transmission", "evidence_level"]
    list_filter = ["kind", "evidence_level"]
    list_per_page = 50
    panels = [
        FieldPanel("transmission"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("occurred_on")]),
        FieldPanel("evidence_level"),
        FieldRowPanel([FieldPanel("evidence_url"), FieldPanel("document_symbol")]),
        FieldPanel("quoted_passage"),
    ]

    def get_queryset(self, request):
        return UptakeEvent.objects.filter(
            deleted_at=None, transmission__deleted_at=None
        ).select_related("transmission__forum")


# --- Forums, documents, messages --------------------------------------------------------


class NormativeForumViewSet(SnippetViewSet):
    model = NormativeForum
    icon = "site"
    menu_label = _("Normative forums")
    list_display = ["name", "acronym", "organisation", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym", "organisation"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("acronym")]),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("kind")]),
        FieldPanel("website"),
        FieldPanel("description"),
    ]


class OutcomeDocumentViewSet(SnippetViewSet):
    model = OutcomeDocument
    icon = "doc-full"
    menu_label = _("Outcome documents")
    inspect_view_enabled = True
    list_display = ["title", "edition", "kind", "status", "published_on"]
    list_filter = ["kind", "status"]
    # Status, comment period and publication date change only through the document's
    # steps (open for comment, publish a version, finalize), each versioned and logged.
    panels = [
        FieldPanel("edition"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("title")]),
        FieldPanel("slug"),
        FieldPanel("summary"),
        InlinePanel("translations", heading=_("Translations"), label=_("Translation")),
    ]

    def get_queryset(self, request):
        return OutcomeDocument.objects.filter(deleted_at=None).select_related("edition")


class PolicyMessageDeleteView(SoftDeleteView):
    delete_service = staticmethod(
        lambda obj, by: restore.delete_message(message=obj, by=by)
    )


class PolicyMessageViewSet(SnippetViewSet):
    model = PolicyMessage
    delete_view_class = PolicyMessageDeleteView
    icon = "openquote"
    menu_label = _("Policy messages")
    inspect_view_enabled = True
    list_display = ["__str__", "document", "theme", "order"]
    list_filter = ["document"]
    search_fields = ["title", "text"]
    list_per_page = 50
    panels = [
        FieldRowPanel([FieldPanel("document"), FieldPanel("theme")]),
        FieldRowPanel([FieldPanel("title"), FieldPanel("order")]),
        FieldPanel("text"),
        FieldPanel("sdgs"),
        FieldPanel("addressed_to"),
        InlinePanel("sources", label=_("Sources (provenance)")),
        InlinePanel("translations", heading=_("Translations"), label=_("Translation")),
    ]

    def get_queryset(self, request):
        return PolicyMessage.objects.filter(deleted_at=None).select_related(
            "document", "theme"
        )


# --- Comments, reports, rules -----------------------------------------------------------


class CommentModerationView(ServiceSaveMixin, EditView):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["status"].choices = [
            choice
            for choice in form.fields["status"].choices
            if choice[0] != CommentStatus.PENDING
        ]
        return form

    def save_through_service(self, data):
        comment = MessageComment.objects.get(pk=self.object.pk)
        status = data["status"]
        if status == comment.status and status != CommentStatus.RESOLVED:
            return comment
        if status == CommentStatus.PUBLISHED:
            return comments.publish_comment(comment=comment, by=self.request.user)
        if status == CommentStatus.REJECTED:
            return comments.reject_comment(comment=comment, by=self.request.user)
        return comments.resolve_comment(
            comment=comment, by=self.request.user, resolution=data.get("resolution", "")
        )


class MessageCommentViewSet(SnippetViewSet):
    model = MessageComment
    icon = "comment"
    menu_label = _("Comments to moderate")
    edit_view_class = CommentModerationView
    inspect_view_enabled = True
    list_display = ["__str__", "status", "created_at"]
    list_filter = ["status"]
    list_per_page = 50
    panels = [
        FieldPanel("message", read_only=True),
        FieldPanel("text", read_only=True),
        FieldPanel("status"),
        FieldPanel("resolution"),
    ]

    def get_queryset(self, request):
        return MessageComment.objects.select_related("message", "author")


class SessionReportViewSet(SnippetViewSet):
    model = SessionReport
    icon = "clipboard-list"
    menu_label = _("Session reports")
    inspect_view_enabled = True
    list_display = ["__str__", "is_submitted", "submitted_at"]
    list_filter = ["is_submitted"]
    list_per_page = 50
    panels = [
        FieldPanel("session", read_only=True),
        FieldPanel("summary"),
        FieldRowPanel(
            [FieldPanel("participants_onsite"), FieldPanel("participants_online")]
        ),
        FieldRowPanel(
            [
                FieldPanel("women_count"),
                FieldPanel("men_count"),
                FieldPanel("other_gender_count"),
            ]
        ),
        InlinePanel("takeaways", label=_("Key takeaways")),
        InlinePanel("calls_to_action", label=_("Calls to action")),
    ]

    def get_queryset(self, request):
        return SessionReport.objects.select_related("session")


class ReportingRulesViewSet(SnippetViewSet):
    model = ReportingRules
    icon = "cog"
    menu_label = _("Reporting rules")
    list_display = ["edition", "report_due_days", "remind_days_before"]

    def get_queryset(self, request):
        return ReportingRules.objects.select_related("edition")


class OutcomesViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Outcomes")
    menu_icon = "openquote"
    menu_order = 300
    items = (
        OutcomeDocumentViewSet,
        PolicyMessageViewSet,
        MessageCommentViewSet,
        NormativeForumViewSet,
        TransmissionViewSet,
        UptakeEventViewSet,
        SessionReportViewSet,
        ReportingRulesViewSet,
    )


register_snippet(OutcomesViewSetGroup)


# --- Admin views, buttons, log actions --------------------------------------------------


@hooks.register("register_admin_urls")
def register_outcomes_admin_urls():
    from outcomes.views import admin as admin_views
    from outcomes.views import deleted as deleted_views

    return [
        path(
            "outcomes/missing-reports/",
            admin_views.missing_reports,
            name="outcomes_missing_reports",
        ),
        path(
            "outcomes/documents/<int:pk>/steps/",
            admin_views.document_steps,
            name="outcomes_document_steps",
        ),
        path("outcomes/deleted/", deleted_views.deleted_list, name="outcomes_deleted"),
        path(
            "outcomes/deleted/<slug:kind>/<int:pk>/restore/",
            deleted_views.restore_record,
            name="outcomes_restore",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_missing_reports_menu_item():
    from sessions.wagtail_hooks import PermissionMenuItem

    return PermissionMenuItem(
        _("Missing session reports"),
        reverse("outcomes_missing_reports"),
        name="missing-session-reports",
        icon_name="warning",
        order=310,
        permissions=("outcomes.view_sessionreport",),
    )


@hooks.register("register_admin_menu_item")
def register_deleted_outcomes_menu_item():
    from sessions.wagtail_hooks import PermissionMenuItem

    return PermissionMenuItem(
        _("Deleted outcomes"),
        reverse("outcomes_deleted"),
        name="deleted-outcomes",
        icon_name="bin",
        order=320,
        permissions=("outcomes.change_transmission",),
    )


@hooks.register("register_snippet_listing_buttons")
def document_steps_button(snippet, user, next_url=None):
    if isinstance(snippet, OutcomeDocument) and user.has_perm(
        "outcomes.change_outcomedocument"
    ):
        yield Button(
            _("Versions and status"),
            reverse("outcomes_document_steps", args=[snippet.pk]),
            icon_name="history",
            priority=30,
        )


@hooks.register("before_delete_snippet")
def refuse_bulk_delete_of_records(request, instances):
    """The bulk action would remove rows; these records are only ever marked deleted."""
    match = request.resolver_match
    is_bulk = match is not None and "bulk" in (match.view_name or "")
    soft_deleted = PolicyMessage | Transmission | UptakeEvent
    if is_bulk and any(isinstance(i, soft_deleted) for i in instances):
        messages.error(request, BULK_DELETE_REFUSED)
        return redirect("wagtailadmin_home")
    return None


@hooks.register("register_log_actions")
def register_outcomes_log_actions(actions):
    from outcomes.services import reports

    actions.register_action(
        transmissions.SOFT_DELETE, _("Delete"), _("Deleted (kept for the record)")
    )
    actions.register_action(restore.RESTORE, _("Restore"), _("Restored"))
    actions.register_action(
        documents.OPEN_FOR_COMMENT,
        _("Open for comment"),
        _("Opened for public comment"),
    )
    actions.register_action(
        documents.PUBLISH_VERSION, _("Publish version"), _("Published a new version")
    )
    actions.register_action(documents.FINALIZE, _("Finalize"), _("Made final"))
    actions.register_action(
        comments.PUBLISH, _("Publish comment"), _("Comment published")
    )
    actions.register_action(comments.REJECT, _("Reject comment"), _("Comment rejected"))
    actions.register_action(
        comments.RESOLVE, _("Resolve comment"), _("Comment resolved")
    )
    actions.register_action(reports.SUBMIT, _("Submit report"), _("Report submitted"))


# The output documents a track produces, shown on its page in the programme.
TRACK_DOCUMENT_KINDS = {
    "parliamentary": DocumentKind.PARLIAMENTARY,
    "youth": DocumentKind.YOUTH,
}


@hooks.register("track_page_sections")
def track_output_documents(request, edition, track):
    from outcomes.selectors import track_documents
    from sessions.views.tracks import TrackSection

    kind = TRACK_DOCUMENT_KINDS.get(track)
    if kind is None:
        return None
    return TrackSection(
        heading=_("Output documents"),
        template="outcomes/includes/track_documents.html",
        context={"documents": track_documents(edition, kind)},
    )
