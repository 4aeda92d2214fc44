from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel

from igfplus.models.translation import ContentTranslation


class SessionPageTranslation(ContentTranslation):
    """A session's text in another language; time, room, people and status stay the
    original's, which is the only session there is."""

    translated_fields = (
        "title",
        "description",
        "policy_questions",
        "online_participation",
    )

    page = ParentalKey(
        "forum_sessions.SessionPage",
        on_delete=models.CASCADE,
        related_name="translations",
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    policy_questions = models.TextField(
        _("policy questions"), blank=True, help_text=_("One question per line.")
    )
    online_participation = models.TextField(_("how to take part online"), blank=True)

    panels = [
        FieldPanel("language"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("policy_questions"),
        FieldPanel("online_participation"),
    ]

    class Meta:
        verbose_name = _("session translation")
        verbose_name_plural = _("session translations")
        # unique_together (not a UniqueConstraint) so the page editor's inline formset
        # reports a second translation into the same language on the field.
        unique_together = [("page", "language")]
