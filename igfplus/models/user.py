from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from igfplus.enums import Gender, RegionalGroup, StakeholderGroup


class User(AbstractUser):
    """A person with an account. Signs in by e-mail; the profile is private by default.

    Profile fields become public only where the person appears as a speaker or organizer
    of a public session, and then only name, organisation and groups — never gender.
    """

    # One name field: many of the world's names do not split into first and last.
    name = models.CharField(_("full name"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    stakeholder_group = models.CharField(
        _("stakeholder group"),
        max_length=32,
        choices=StakeholderGroup.choices,
        blank=True,
    )
    regional_group = models.CharField(
        _("UN regional group"),
        max_length=32,
        choices=RegionalGroup.choices,
        blank=True,
    )
    country = CountryField(_("country"), blank=True)
    gender = models.CharField(
        _("gender"),
        max_length=32,
        choices=Gender.choices,
        blank=True,
        help_text=_("Optional. Used only in anonymous diversity counts."),
    )
    # Read only when the account is deleted (igfplus.services.personal_data).
    keeps_name_on_public_record = models.BooleanField(
        _("keep my name on the public record after I delete my account"),
        default=False,
        help_text=_(
            "If you delete your account, the released programme keeps showing your name "
            "on the sessions you spoke at. Otherwise it shows “Former participant”."
        ),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["name", "email"]

    def __str__(self) -> str:
        return self.name or self.email or self.username

    def get_full_name(self) -> str:
        return self.name or super().get_full_name()

    def get_short_name(self) -> str:
        return self.name or self.email
