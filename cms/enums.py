"""Choices of the page tree's NRI pages (see DOMAIN.md, “NRIs”)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from igfplus.enums import RegionalGroup


class NriKind(models.TextChoices):
    NATIONAL = "national", _("National")
    SUB_REGIONAL = "sub-regional", _("Sub-regional")
    REGIONAL = "regional", _("Regional")
    YOUTH = "youth", _("Youth")


class NriRegion(models.TextChoices):
    """Where a sub-regional or regional initiative works (the IGF's own groupings)."""

    AFRICA = "africa", _("Africa")
    ARAB_REGION = "arab-region", _("Arab region")
    ASIA_PACIFIC = "asia-pacific", _("Asia-Pacific")
    CENTRAL_ASIA = "central-asia", _("Central Asia")
    EUROPE = "europe", _("Europe")
    LATIN_AMERICA_CARIBBEAN = (
        "latin-america-caribbean",
        _("Latin America and the Caribbean"),
    )
    NORTH_AMERICA = "north-america", _("North America")


class RecognitionStatus(models.TextChoices):
    RECOGNIZED = "recognized", _("Recognized")
    UNDER_REVIEW = "under-review", _("Under review")
    NOT_RECOGNIZED = "not-recognized", _("Not recognized")


class NriEventTrack(models.TextChoices):
    """The forum's tracks an NRI event belongs to.

    The same keys as ``sessions.enums.Track`` (a test keeps them in step): cms sits below
    sessions in the dependency order and cannot import it.
    """

    HIGH_LEVEL = "high-level", _("High-level leaders track")
    PARLIAMENTARY = "parliamentary", _("Parliamentary track")
    YOUTH = "youth", _("Youth track")


# NRIs belong to one of the five UN regional groups (or none, for cross-regional ones);
# the intergovernmental pseudo-group of the forms does not apply.
NRI_REGIONAL_GROUPS = [
    (value, label)
    for value, label in RegionalGroup.choices
    if value != RegionalGroup.INTERGOVERNMENTAL
]
