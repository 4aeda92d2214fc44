from .editions import EditionTheme, ForumEditionPage
from .pages import HomePage, StandardPage

__all__ = ["EditionTheme", "ForumEditionPage", "HomePage", "StandardPage"]
