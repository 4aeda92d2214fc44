import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class BookletStatus(models.TextChoices):
    PENDING = "pending", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


def booklet_upload_to(booklet: "ProgrammeBooklet", filename: str) -> str:
    # The random part keeps files unguessable should the media folder ever be served
    # directly: a personal booklet is only ever handed out by its owner's request.
    return (
        f"booklets/{booklet.edition.slug}/v{booklet.release.number}/"
        f"{secrets.token_urlsafe(12)}-{filename}"
    )


class ProgrammeBooklet(models.Model):
    """A programme PDF for one release, selection and language: rendered once, then served.

    ``user`` is set for a personal booklet (“my agenda”), which only its owner gets.
    """

    edition = models.ForeignKey(
        "cms.ForumEditionPage", on_delete=models.CASCADE, related_name="+"
    )
    release = models.ForeignKey(
        "forum_sessions.Release", on_delete=models.CASCADE, related_name="booklets"
    )
    # sha256 of the layout version and the normalised query (BookletQuery.key).
    filter_key = models.CharField(max_length=64)
    query = models.TextField(blank=True)  # the normalised query itself, e.g. day=…
    language = models.CharField(max_length=16)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        max_length=16, choices=BookletStatus.choices, default=BookletStatus.PENDING
    )
    file = models.FileField(upload_to=booklet_upload_to, blank=True, max_length=255)
    error = models.TextField(blank=True)  # for the site's team; visitors see a message
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("programme booklet")
        verbose_name_plural = _("programme booklets")
        constraints = [
            models.UniqueConstraint(
                fields=["release", "filter_key", "language"],
                condition=Q(user__isnull=True),
                name="unique_public_booklet",
            ),
            models.UniqueConstraint(
                fields=["release", "filter_key", "language", "user"],
                condition=Q(user__isnull=False),
                name="unique_personal_booklet",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.release} booklet {self.filter_key[:8]} ({self.language})"

    @property
    def is_ready(self) -> bool:
        return self.status == BookletStatus.READY and bool(self.file)

    @property
    def is_failed(self) -> bool:
        return self.status == BookletStatus.FAILED
