from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from igfplus.models.translation import ContentTranslation


class IntersessionalBodyPageTranslation(ContentTranslation):
    """A BPF's, PN's or DC's name and mandate in another language."""

    translated_fields = ("title", "mandate")

    page = ParentalKey(
        "intersessional.IntersessionalBodyPage",
        on_delete=models.CASCADE,
        related_name="translations",
    )
    title = models.CharField(_("name"), max_length=255)
    mandate = RichTextField(
        _("mandate"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )

    panels = [FieldPanel("language"), FieldPanel("title"), FieldPanel("mandate")]

    class Meta:
        verbose_name = _("intersessional body translation")
        verbose_name_plural = _("intersessional body translations")
        # Checked by the page editor's inline formset, so reported on the field.
        unique_together = [("page", "language")]
