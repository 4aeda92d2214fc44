from django.db import models
from django.utils.translation import gettext_lazy as _


class StoredDocument(models.Model):
    """One rendered version of a public document (a feed, an export), kept until its
    source changes.

    The cache in front of it is per process (or evicts); this table is shared by every
    app server and survives restarts, so each version is rendered once, not once per
    worker. ``scope`` names what the document is made from (``programme:12``): when that
    changes — a new release — the whole scope is forgotten at once.
    """

    key = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=100, db_index=True)
    body = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stored document")
        verbose_name_plural = _("stored documents")

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"
