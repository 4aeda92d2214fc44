from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Placement(models.Model):
    """Where and when a session takes place in the work-in-progress schedule (the MAG's)."""

    session = models.OneToOneField(
        "forum_sessions.SessionPage",
        on_delete=models.CASCADE,
        related_name="placement",
        verbose_name=_("session"),
    )
    room = models.ForeignKey(
        "forum_sessions.Room",
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("room"),
    )
    start_at = models.DateTimeField(_("starts"))
    end_at = models.DateTimeField(_("ends"))
    # Raised on every change: a move made from a stale view names an old version and is
    # refused, so two MAG members editing at once lose nothing.
    version = models.PositiveBigIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        permissions = [
            ("schedule_session", _("Can place, move and unschedule sessions"))
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_at__gt=models.F("start_at")),
                name="placement_ends_after_it_starts",
            )
        ]
        indexes = [models.Index(fields=["room", "start_at"])]

    def __str__(self) -> str:
        return f"{self.session_id} in {self.room_id} at {self.start_at:%Y-%m-%d %H:%M}"
