from .editions import EditionTheme, ForumEditionPage
from .nris import NriAnnualReport, NriEvent, NriIndexPage, NriPage
from .pages import HomePage, StandardPage
from .translations import (
    ForumEditionPageTranslation,
    NriPageTranslation,
    StandardPageTranslation,
)

__all__ = [
    "EditionTheme",
    "ForumEditionPage",
    "ForumEditionPageTranslation",
    "HomePage",
    "NriAnnualReport",
    "NriEvent",
    "NriIndexPage",
    "NriPage",
    "NriPageTranslation",
    "StandardPage",
    "StandardPageTranslation",
]
