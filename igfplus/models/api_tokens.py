from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from igfplus.fields import ChoiceListField


class ApiScope(models.TextChoices):
    """What an integration may write through the API (docs/api.md, "Scopes")."""

    UPTAKE_WRITE = "uptake:write", _("Record uptake events")
    TRANSMISSIONS_WRITE = "transmissions:write", _("Record transmissions")


class ApiToken(models.Model):
    """A secret that lets an integration write through ``/api/v1/``; only its SHA-256
    is kept, and the secret is shown once, when the secretariat creates it.

    Writes are made in the name of ``owner`` and need both the token's scope and the
    owner's own permission, so a token never grants more than its owner may do.
    """

    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("Which integration uses it, e.g. “CSTD uptake tracker”."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="integration_tokens",
        verbose_name=_("owner"),
        help_text=_("Writes are recorded in this person's name, with their rights."),
    )
    scopes = ChoiceListField(
        _("scopes"), list_choices=ApiScope.choices, blank=False, default=list
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters of the secret, so a token can be recognised in the list.
    prefix = models.CharField(_("starts with"), max_length=12, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class ApiTokenUse(models.Model):
    """One request made with a token: the audit trail of every write."""

    token = models.ForeignKey(
        ApiToken, on_delete=models.CASCADE, related_name="uses", verbose_name=_("token")
    )
    method = models.CharField(_("method"), max_length=8)
    path = models.CharField(_("path"), max_length=500)
    status = models.PositiveSmallIntegerField(_("status"))
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("API token use")
        verbose_name_plural = _("API token uses")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["token", "at"])]

    def __str__(self) -> str:
        return f"{self.method} {self.path} → {self.status}"
