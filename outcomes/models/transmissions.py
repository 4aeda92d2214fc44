import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from outcomes.enums import Channel, EvidenceLevel, UptakeKind, UptakeStatus


class Transmission(models.Model):
    """Messages (or a whole document) sent to a forum, by a channel, on a date, with evidence."""

    guid = models.UUIDField(_("GUID"), default=uuid.uuid4, unique=True, editable=False)
    forum = models.ForeignKey(
        "outcomes.NormativeForum",
        on_delete=models.PROTECT,
        related_name="transmissions",
        verbose_name=_("forum"),
    )
    document = models.ForeignKey(
        "outcomes.OutcomeDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transmissions",
        verbose_name=_("whole document"),
    )
    messages = models.ManyToManyField(
        "outcomes.PolicyMessage",
        blank=True,
        related_name="transmissions",
        verbose_name=_("messages"),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    sent_on = models.DateField(_("sent on"))
    actor = models.CharField(
        _("sent by"),
        max_length=200,
        help_text=_("Who carried it: a Leadership Panel member, the secretariat, …"),
    )
    evidence_url = models.URLField(_("evidence link"), blank=True)
    document_symbol = models.CharField(
        _("document symbol"),
        max_length=100,
        blank=True,
        help_text=_("E.g. E/CN.16/2025/2"),
    )
    note = models.TextField(_("note"), blank=True)
    # Derived from the events by outcomes.services.uptake.current_status, stored so that
    # dashboards can count by status; never edited by hand.
    status = models.CharField(
        max_length=16,
        choices=UptakeStatus.choices,
        default=UptakeStatus.SENT,
        editable=False,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("transmission")
        verbose_name_plural = _("transmissions")
        ordering = ["-sent_on", "-pk"]
        indexes = [
            models.Index(fields=["forum", "sent_on"]),
            models.Index(fields=["status"]),
        ]

    def __str__(self) -> str:
        return f"To {self.forum} on {self.sent_on}"


class UptakeEvent(models.Model):
    """What happened at the forum after a transmission, dated and evidenced."""

    transmission = models.ForeignKey(
        Transmission, on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(
        _("what happened"), max_length=16, choices=UptakeKind.choices
    )
    occurred_on = models.DateField(_("on"))
    evidence_url = models.URLField(_("evidence link"), blank=True)
    document_symbol = models.CharField(_("document symbol"), max_length=100, blank=True)
    quoted_passage = models.TextField(_("quoted passage"), blank=True)
    evidence_level = models.CharField(
        _("evidence level"), max_length=8, choices=EvidenceLevel.choices
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("uptake event")
        verbose_name_plural = _("uptake events")
        ordering = ["transmission", "occurred_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_on}"
