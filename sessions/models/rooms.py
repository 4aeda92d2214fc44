from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from igfplus.fields import LanguageListField


class Room(models.Model):
    """A room at one edition's venue; names recur across years with other meanings."""

    edition = models.ForeignKey(
        "cms.ForumEditionPage",
        on_delete=models.PROTECT,
        related_name="rooms",
        verbose_name=_("edition"),
    )
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveIntegerField(
        _("capacity"), validators=[MinValueValidator(1)]
    )
    has_hybrid_equipment = models.BooleanField(
        _("hybrid equipment"),
        default=False,
        help_text=_("Cameras, microphones and screens for online speakers."),
    )
    has_webcast = models.BooleanField(_("webcast"), default=False)
    interpretation_languages = LanguageListField(
        _("interpretation languages"),
        help_text=_("Languages with simultaneous interpretation in this room."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("edition"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("capacity")]),
        FieldRowPanel([FieldPanel("has_hybrid_equipment"), FieldPanel("has_webcast")]),
        FieldPanel("interpretation_languages"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["edition", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "name"],
                name="unique_room_name_per_edition",
                violation_error_message=_(
                    "This edition already has a room with this name."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name
