from .bodies import (
    BodySession,
    IntersessionalBodyPage,
    IntersessionalIndexPage,
    Meeting,
    Output,
)
from .comments import OutputComment
from .translations import IntersessionalBodyPageTranslation

__all__ = [
    "BodySession",
    "IntersessionalBodyPage",
    "IntersessionalBodyPageTranslation",
    "IntersessionalIndexPage",
    "Meeting",
    "Output",
    "OutputComment",
]
