from django.db import models
from django.utils.translation import gettext_lazy as _

from outcomes.enums import ForumKind


class NormativeForum(models.Model):
    """A forum that makes norms or decisions, to which the IGF sends its outputs."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("Who convenes or services it, e.g. UNCTAD for the CSTD."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ForumKind.choices)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("normative forum")
        verbose_name_plural = _("normative forums")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name
