from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarFeedToken(models.Model):
    """The secret in a person's private calendar URL; only its SHA-256 is kept.

    Calendar apps cannot sign in, so the URL itself is the credential. One per person:
    rotating replaces the row, and the old URL stops working at once.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed_token",
        verbose_name=_("person"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("private calendar link")
        verbose_name_plural = _("private calendar links")

    def __str__(self) -> str:
        return f"Calendar link of {self.user}"
