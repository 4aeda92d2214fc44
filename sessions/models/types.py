from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from sessions.enums import Track

CALL_CLOSES_BEFORE_IT_OPENS = _("The call cannot close before it opens.")
NO_DURATIONS = _("Give at least one allowed duration in minutes, e.g. 60, 90.")


class SessionType(models.Model):
    """A kind of session at one edition: Workshop (WS), Open Forum (OF), Main Session, …"""

    edition = models.ForeignKey(
        "cms.ForumEditionPage",
        on_delete=models.PROTECT,
        related_name="session_types",
        verbose_name=_("edition"),
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(
        _("number prefix"),
        max_length=8,
        help_text=_("Shown before the number: WS for “WS #405”."),
    )
    allowed_durations = models.JSONField(
        _("allowed durations (minutes)"),
        default=list,
        help_text=_("A list of minutes, e.g. [60, 90]."),
    )
    has_webcast = models.BooleanField(_("webcast"), default=False)
    has_transcription = models.BooleanField(_("live transcription"), default=False)
    has_interpretation = models.BooleanField(_("interpretation"), default=False)
    track = models.CharField(
        _("track"), max_length=16, choices=Track.choices, blank=True
    )
    is_open_for_proposals = models.BooleanField(
        _("open to proposals"),
        default=False,
        help_text=_("Organizers may propose sessions of this type through the call."),
    )
    call_opens_at = models.DateTimeField(_("call opens (UTC)"), null=True, blank=True)
    call_closes_at = models.DateTimeField(_("call closes (UTC)"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("edition"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("prefix")]),
        FieldPanel("allowed_durations"),
        FieldPanel("track"),
        FieldRowPanel(
            [
                FieldPanel("has_webcast"),
                FieldPanel("has_transcription"),
                FieldPanel("has_interpretation"),
            ]
        ),
        MultiFieldPanel(
            [
                FieldPanel("is_open_for_proposals"),
                FieldRowPanel(
                    [FieldPanel("call_opens_at"), FieldPanel("call_closes_at")]
                ),
            ],
            heading=_("Call for proposals"),
        ),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("session type")
        verbose_name_plural = _("session types")
        ordering = ["edition", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "name"],
                name="unique_session_type_name_per_edition",
                violation_error_message=_(
                    "This edition already has a session type with this name."
                ),
            ),
            models.UniqueConstraint(
                fields=["edition", "prefix"],
                name="unique_session_type_prefix_per_edition",
                violation_error_message=_(
                    "Another session type of this edition uses this prefix."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        errors = {}
        durations = self.allowed_durations
        if not (
            isinstance(durations, list)
            and durations
            and all(isinstance(m, int) and 0 < m < 24 * 60 for m in durations)
        ):
            errors["allowed_durations"] = NO_DURATIONS
        if (
            self.call_opens_at
            and self.call_closes_at
            and self.call_closes_at <= self.call_opens_at
        ):
            errors["call_closes_at"] = CALL_CLOSES_BEFORE_IT_OPENS
        if errors:
            raise ValidationError(errors)
