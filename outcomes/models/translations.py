from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel

from igfplus.models.translation import ContentTranslation

# unique_together (not a UniqueConstraint) below: the admin's inline formset checks it,
# so a second translation into the same language is reported on the field.


class OutcomeDocumentTranslation(ContentTranslation):
    """An outcome document's title and summary in another language."""

    translated_fields = ("title", "summary")

    document = ParentalKey(
        "outcomes.OutcomeDocument",
        on_delete=models.CASCADE,
        related_name="translations",
    )
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)

    panels = [FieldPanel("language"), FieldPanel("title"), FieldPanel("summary")]

    class Meta:
        verbose_name = _("outcome document translation")
        verbose_name_plural = _("outcome document translations")
        unique_together = [("document", "language")]


class PolicyMessageTranslation(ContentTranslation):
    """A policy message's text in another language."""

    translated_fields = ("title", "text")

    message = ParentalKey(
        "outcomes.PolicyMessage", on_delete=models.CASCADE, related_name="translations"
    )
    title = models.CharField(_("short title"), max_length=200, blank=True)
    text = models.TextField(_("message"))

    panels = [FieldPanel("language"), FieldPanel("title"), FieldPanel("text")]

    class Meta:
        verbose_name = _("policy message translation")
        verbose_name_plural = _("policy message translations")
        unique_together = [("message", "language")]
