from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Watch(models.Model):
    """A person following one sub-theme, one policy message or one forum."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="watches",
        verbose_name=_("person"),
    )
    theme = models.ForeignKey(
        "cms.EditionTheme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sub-theme"),
    )
    message = models.ForeignKey(
        "outcomes.PolicyMessage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="watches",
        verbose_name=_("policy message"),
    )
    forum = models.ForeignKey(
        "outcomes.NormativeForum",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="watches",
        verbose_name=_("forum"),
    )
    created_at = models.DateTimeField(_("followed since"), auto_now_add=True)

    class Meta:
        verbose_name = _("followed item")
        verbose_name_plural = _("followed items")
        ordering = ["user", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="watch_has_exactly_one_target",
                condition=(
                    Q(theme__isnull=False, message__isnull=True, forum__isnull=True)
                    | Q(theme__isnull=True, message__isnull=False, forum__isnull=True)
                    | Q(theme__isnull=True, message__isnull=True, forum__isnull=False)
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "theme"],
                condition=Q(theme__isnull=False),
                name="unique_theme_watch_per_user",
            ),
            models.UniqueConstraint(
                fields=["user", "message"],
                condition=Q(message__isnull=False),
                name="unique_message_watch_per_user",
            ),
            models.UniqueConstraint(
                fields=["user", "forum"],
                condition=Q(forum__isnull=False),
                name="unique_forum_watch_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.theme or self.message or self.forum}"


class WatchlistFeedToken(models.Model):
    """The secret in a person's private watchlist feed URL; only its SHA-256 is kept.

    Feed readers cannot sign in, so the URL itself is the credential. One per person:
    rotating replaces the row, and the old URL stops working at once.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="watchlist_feed_token",
        verbose_name=_("person"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("private watchlist feed link")
        verbose_name_plural = _("private watchlist feed links")

    def __str__(self) -> str:
        return f"Watchlist feed link of {self.user}"


class WatchNotice(models.Model):
    """Something new for a person who follows it: a transmission, or an uptake event.

    ``event`` is set for an uptake event (``transmission`` is then its transmission). The
    digest e-mail sends each notice once and stamps ``emailed_at``; the feed lists the
    latest, e-mailed or not. Visibility is checked again when they are read.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="watch_notices",
        verbose_name=_("person"),
    )
    transmission = models.ForeignKey(
        "outcomes.Transmission",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("transmission"),
    )
    event = models.ForeignKey(
        "outcomes.UptakeEvent",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uptake event"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("watchlist notice")
        verbose_name_plural = _("watchlist notices")
        ordering = ["user", "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "transmission"],
                condition=Q(event__isnull=True),
                name="unique_transmission_notice_per_user",
            ),
            models.UniqueConstraint(
                fields=["user", "event"],
                condition=Q(event__isnull=False),
                name="unique_event_notice_per_user",
            ),
        ]
        indexes = [models.Index(fields=["user", "emailed_at"])]

    def __str__(self) -> str:
        return f"Notice for {self.user}: {self.event or self.transmission}"
