from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from igfplus.models.translation import ContentTranslation

# unique_together (not a UniqueConstraint) below: the page editor's inline formset checks
# it, so a second translation into the same language is reported on the field.


class ForumEditionPageTranslation(ContentTranslation):
    """An edition's title, theme and introduction in another language."""

    translated_fields = ("title", "overarching_theme", "intro")

    page = ParentalKey(
        "cms.ForumEditionPage", on_delete=models.CASCADE, related_name="translations"
    )
    title = models.CharField(_("title"), max_length=255)
    overarching_theme = models.CharField(
        _("overarching theme"), max_length=255, blank=True
    )
    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )

    panels = [
        FieldPanel("language"),
        FieldPanel("title"),
        FieldPanel("overarching_theme"),
        FieldPanel("intro"),
    ]

    class Meta:
        verbose_name = _("edition translation")
        verbose_name_plural = _("edition translations")
        unique_together = [("page", "language")]


class NriPageTranslation(ContentTranslation):
    """An NRI's name and description in another language."""

    translated_fields = ("title", "intro")

    page = ParentalKey(
        "cms.NriPage", on_delete=models.CASCADE, related_name="translations"
    )
    title = models.CharField(_("name"), max_length=255)
    intro = models.TextField(_("about"), blank=True)

    panels = [FieldPanel("language"), FieldPanel("title"), FieldPanel("intro")]

    class Meta:
        verbose_name = _("NRI translation")
        verbose_name_plural = _("NRI translations")
        unique_together = [("page", "language")]


class StandardPageTranslation(ContentTranslation):
    """A standard page's title and introduction in another language."""

    translated_fields = ("title", "intro")

    page = ParentalKey(
        "cms.StandardPage", on_delete=models.CASCADE, related_name="translations"
    )
    title = models.CharField(_("title"), max_length=255)
    intro = models.TextField(_("introduction"), blank=True)

    panels = [FieldPanel("language"), FieldPanel("title"), FieldPanel("intro")]

    class Meta:
        verbose_name = _("page translation")
        verbose_name_plural = _("page translations")
        unique_together = [("page", "language")]
