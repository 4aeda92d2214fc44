from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sessions.enums import SessionStatus


class Release(models.Model):
    """Version N of an edition's public schedule, with what changed since N-1."""

    edition = models.ForeignKey(
        "cms.ForumEditionPage",
        on_delete=models.PROTECT,
        related_name="releases",
        verbose_name=_("edition"),
    )
    number = models.PositiveIntegerField(_("version"))
    message = models.TextField(_("message"), blank=True)
    # Entries {"change": new|moved|changed|cancelled, "guid", "code", "title", "detail"}.
    changelog = models.JSONField(_("changes"), default=list)
    # Written reason when released despite hard conflicts (recorded, shown to the secretariat).
    override_reason = models.TextField(
        _("reason for releasing with conflicts"), blank=True
    )
    overridden_conflicts = models.JSONField(default=list, blank=True)
    released_at = models.DateTimeField(_("released"), auto_now_add=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering = ["edition", "-number"]
        get_latest_by = "number"
        permissions = [("release_schedule", _("Can release the schedule"))]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "number"], name="unique_release_number_per_edition"
            )
        ]

    def __str__(self) -> str:
        return f"{self.edition} v{self.number}"


class ReleasedSession(models.Model):
    """A session as one release shows it: placement, status and the content revision."""

    release = models.ForeignKey(
        Release, on_delete=models.CASCADE, related_name="sessions"
    )
    session = models.ForeignKey(
        "forum_sessions.SessionPage", on_delete=models.PROTECT, related_name="releases"
    )
    status = models.CharField(max_length=16, choices=SessionStatus.choices)
    room = models.ForeignKey(
        "forum_sessions.Room", on_delete=models.PROTECT, null=True, related_name="+"
    )
    start_at = models.DateTimeField(null=True)
    end_at = models.DateTimeField(null=True)
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Frozen at release: the session's interpretation, else its room's at that moment,
    # so a room edited later changes the programme only with the next release.
    interpretation_languages = models.JSONField(default=list, blank=True)
    # Raised whenever time, room or status changed since the previous release (iCal SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)
    # The release in which this session last changed in any way (feeds' LAST-MODIFIED).
    changed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["release", "session"], name="unique_session_per_release"
            )
        ]
        indexes = [models.Index(fields=["release", "start_at"])]

    def __str__(self) -> str:
        return f"{self.session} in {self.release}"
