from .agenda import Star
from .booklets import ProgrammeBooklet
from .evaluation import (
    ConflictOfInterest,
    Decision,
    Rating,
    ReviewAssignment,
    Screening,
)
from .pages import ProgrammePage, SessionPage, SessionParticipant
from .people import Person
from .placement import Placement
from .releases import Release, ReleasedSession
from .rooms import Room
from .rules import ProgrammeRules
from .tracks import TrackPartner, TrackProfile
from .translations import SessionPageTranslation
from .types import SessionType

__all__ = [
    "ConflictOfInterest",
    "Decision",
    "Person",
    "Placement",
    "ProgrammeBooklet",
    "ProgrammePage",
    "ProgrammeRules",
    "Rating",
    "Release",
    "ReleasedSession",
    "ReviewAssignment",
    "Room",
    "Screening",
    "SessionPage",
    "SessionPageTranslation",
    "SessionParticipant",
    "SessionType",
    "Star",
    "TrackPartner",
    "TrackProfile",
]
