from .documents import (
    DocumentVersion,
    MessageComment,
    MessageSource,
    OutcomeDocument,
    PolicyMessage,
)
from .forums import NormativeForum
from .panel import LeadershipPanelPage, PanelMember, PanelRole
from .reports import (
    CallToAction,
    ReportingRules,
    ReportReminder,
    SessionReport,
    Takeaway,
)
from .translations import OutcomeDocumentTranslation, PolicyMessageTranslation
from .transmissions import Transmission, UptakeEvent
from .watchlists import Watch, WatchlistFeedToken, WatchNotice

__all__ = [
    "CallToAction",
    "DocumentVersion",
    "LeadershipPanelPage",
    "MessageComment",
    "MessageSource",
    "NormativeForum",
    "OutcomeDocument",
    "OutcomeDocumentTranslation",
    "PanelMember",
    "PanelRole",
    "PolicyMessage",
    "PolicyMessageTranslation",
    "ReportReminder",
    "ReportingRules",
    "SessionReport",
    "Takeaway",
    "Transmission",
    "UptakeEvent",
    "Watch",
    "WatchNotice",
    "WatchlistFeedToken",
]
