import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from igfplus.enums import StakeholderGroup
from igfplus.fields import ChoiceListField, SDGListField
from outcomes.enums import CommentStatus, DocumentKind, DocumentStatus, SourceKind

WRONG_KIND_FOR_OUTPUT = _(
    "An intersessional output is cited with the kind “Intersessional output”."
)
WRONG_KIND_FOR_NRI_REPORT = _(
    "An NRI annual report is cited with the kind “NRI report”."
)


# Clusterable so that the admin edits a document with its translations (an InlinePanel).
class OutcomeDocument(ClusterableModel):
    """An output of an edition — IGF Messages, the Summary, a track's output, a report."""

    guid = models.UUIDField(_("GUID"), default=uuid.uuid4, unique=True, editable=False)
    edition = models.ForeignKey(
        "cms.ForumEditionPage",
        on_delete=models.PROTECT,
        related_name="outcome_documents",
        verbose_name=_("edition"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=DocumentStatus.choices,
        default=DocumentStatus.DRAFT,
    )
    comments_close_on = models.DateField(
        _("public comment until"),
        null=True,
        blank=True,
        help_text=_("Last day on which signed-in people may comment on the draft."),
    )
    published_on = models.DateField(_("published"), null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("outcome document")
        verbose_name_plural = _("outcome documents")
        ordering = ["-edition__year", "kind", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "slug"], name="unique_document_slug_per_edition"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        """Drafts stay private until their comment period opens."""
        return self.deleted_at is None and self.status != DocumentStatus.DRAFT


class DocumentVersion(models.Model):
    """A published version of a document, with what changed: the public changelog."""

    document = models.ForeignKey(
        OutcomeDocument, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(max_length=16, choices=DocumentStatus.choices)
    changes = models.TextField(_("what changed"))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="unique_version_per_document"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class PolicyMessage(ClusterableModel):
    """One policy message of a document, traceable to its sources and onward to forums."""

    guid = models.UUIDField(_("GUID"), default=uuid.uuid4, unique=True, editable=False)
    document = models.ForeignKey(
        OutcomeDocument,
        on_delete=models.PROTECT,
        related_name="messages",
        verbose_name=_("document"),
    )
    theme = models.ForeignKey(
        "cms.EditionTheme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("sub-theme"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("short title"), max_length=200, blank=True)
    text = models.TextField(_("message"))
    sdgs = SDGListField(_("Sustainable Development Goals"))
    addressed_to = ChoiceListField(
        _("stakeholder groups addressed"), list_choices=StakeholderGroup.choices
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("policy message")
        verbose_name_plural = _("policy messages")
        ordering = ["document", "order", "pk"]
        indexes = [models.Index(fields=["document", "order"])]

    def __str__(self) -> str:
        return self.title or self.text[:80]


class MessageSource(models.Model):
    """Provenance: what a message draws on — a session report, one takeaway, another output."""

    # A ParentalKey so that the admin edits a message with its sources (an InlinePanel).
    message = ParentalKey(
        PolicyMessage, on_delete=models.CASCADE, related_name="sources"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=SourceKind.choices)
    report = models.ForeignKey(
        "outcomes.SessionReport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cited_by",
    )
    takeaway = models.ForeignKey(
        "outcomes.Takeaway",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cited_by",
    )
    output = models.ForeignKey(
        "intersessional.Output",
        # Outputs are rows of their body's page, which a publication may rewrite: the
        # citation keeps its title when the output goes.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cited_by",
        verbose_name=_("intersessional output"),
    )
    nri_report = models.ForeignKey(
        "cms.NriAnnualReport",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cited_by",
        verbose_name=_("NRI annual report"),
    )
    # What the source is called (taken from the output or report when one is chosen),
    # and a link for sources kept elsewhere.
    title = models.CharField(_("title"), max_length=255, blank=True)
    url = models.URLField(_("link"), blank=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.CheckConstraint(
                name="source_points_somewhere",
                condition=(
                    models.Q(report__isnull=False)
                    | models.Q(takeaway__isnull=False)
                    | models.Q(output__isnull=False)
                    | models.Q(nri_report__isnull=False)
                    | ~models.Q(title="")
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.message}"

    def save(self, *args, **kwargs):
        # The citation keeps the source's name if the output or report is removed later.
        if not self.title and (cited := self.output or self.nri_report):
            self.title = str(cited)[:255]
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = {}
        if self.output_id and self.kind != SourceKind.INTERSESSIONAL_OUTPUT:
            errors["output"] = WRONG_KIND_FOR_OUTPUT
        if self.nri_report_id and self.kind != SourceKind.NRI_REPORT:
            errors["nri_report"] = WRONG_KIND_FOR_NRI_REPORT
        if errors:
            raise ValidationError(errors)

    @property
    def link(self) -> str:
        """Where the source can be read: its page on this site, else the link given."""
        if self.output_id and self.output.body.live:
            return self.output.url
        if self.nri_report_id and self.nri_report.page.live:
            return f"{self.nri_report.page.url}#report-{self.nri_report.year}"
        return self.url


class MessageComment(models.Model):
    """A signed-in person's comment on a draft message during public comment."""

    message = models.ForeignKey(
        PolicyMessage, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(_("comment"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
    )
    resolution = models.TextField(_("how it was taken into account"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["message", "created_at"]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.message}"
