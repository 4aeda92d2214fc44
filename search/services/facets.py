"""The facets search offers, their labels and how their values read."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cms.enums import NriKind, NriRegion
from igfplus.enums import RegionalGroup, StakeholderGroup
from outcomes.enums import UptakeStatus
from sessions.enums import Track

# In display order. "type" and "edition" come from every document; the others from
# the adapters that have them.
FACETS = {
    "type": _("Content type"),
    "edition": _("Edition"),
    "theme": _("Sub-theme"),
    "session_type": _("Session type"),
    "track": _("Track"),
    "stakeholder_group": _("Stakeholder group"),
    "regional_group": _("Regional group"),
    "forum": _("Forum"),
    "uptake_status": _("Uptake status"),
    "nri_kind": _("NRI kind"),
    "nri_region": _("NRI region"),
}
MAX_VALUES_PER_FACET = 10  # in the HTML page; chosen values are always shown
MAX_CHOSEN_PER_FACET = 20

_CHOICE_LABELS = {
    "track": dict(Track.choices),
    "stakeholder_group": dict(StakeholderGroup.choices),
    "regional_group": dict(RegionalGroup.choices),
    "uptake_status": dict(UptakeStatus.choices),
    "nri_kind": dict(NriKind.choices),
    "nri_region": dict(NriRegion.choices),
}


def value_label(name: str, value: str, *, kinds: dict, editions: dict) -> str:
    """How a facet value reads: enum labels, edition titles, or the value itself."""
    if name == "type":
        return str(kinds.get(value, value))
    if name == "edition":
        return editions.get(value, value)
    return str(_CHOICE_LABELS.get(name, {}).get(value, value))
