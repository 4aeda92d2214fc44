from .bodies import (
    BodySession,
    IntersessionalBodyPage,
    IntersessionalIndexPage,
    Meeting,
    Output,
)
from .comments import OutputComment

__all__ = [
    "BodySession",
    "IntersessionalBodyPage",
    "IntersessionalIndexPage",
    "Meeting",
    "Output",
    "OutputComment",
]
