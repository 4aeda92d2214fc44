"""Enumerations used on IGF forms (see DOMAIN.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StakeholderGroup(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental Organization")
    CIVIL_SOCIETY = "civil_society", _("Civil Society")
    TECHNICAL = "technical", _("Technical Community")
    PRIVATE_SECTOR = "private_sector", _("Private Sector")


class RegionalGroup(models.TextChoices):
    AFRICAN = "african", _("African Group")
    ASIA_PACIFIC = "asia_pacific", _("Asia-Pacific Group")
    EASTERN_EUROPEAN = "eastern_european", _("Eastern European Group")
    GRULAC = "grulac", _("Latin American and Caribbean Group (GRULAC)")
    WEOG = "weog", _("Western European and Others Group (WEOG)")
    INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental Organizations")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    NON_BINARY = "non_binary", _("Non-binary")
    SELF_DESCRIBED = "self_described", _("Prefer to self-describe")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


class EditionFormat(models.TextChoices):
    HYBRID = "hybrid", _("Hybrid (onsite and online)")
    ONSITE = "onsite", _("Onsite only")
    ONLINE = "online", _("Online only")
