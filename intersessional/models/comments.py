from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from intersessional.enums import CommentStatus

from .bodies import Output


class OutputComment(models.Model):
    """A signed-in person's comment on a draft output, shown once moderated."""

    output = models.ForeignKey(
        Output, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(_("comment"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("comment on an output")
        verbose_name_plural = _("comments on outputs")
        ordering = ["output", "created_at", "pk"]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.output}"
