from .editions import EditionTheme, ForumEditionPage
from .nris import NriAnnualReport, NriEvent, NriIndexPage, NriPage
from .pages import HomePage, StandardPage

__all__ = [
    "EditionTheme",
    "ForumEditionPage",
    "HomePage",
    "NriAnnualReport",
    "NriEvent",
    "NriIndexPage",
    "NriPage",
    "StandardPage",
]
