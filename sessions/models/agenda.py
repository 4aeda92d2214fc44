from django.conf import settings
from django.db import models


class Star(models.Model):
    """A session a signed-in person put in “My agenda”."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stars"
    )
    session = models.ForeignKey(
        "forum_sessions.SessionPage", on_delete=models.CASCADE, related_name="stars"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "session"], name="unique_star")
        ]

    def __str__(self) -> str:
        return f"{self.user} ★ {self.session}"
