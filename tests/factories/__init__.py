from .cms import EditionThemeFactory, ForumEditionPageFactory
from .igfplus import UserFactory
from .sessions import PersonFactory, RoomFactory

__all__ = [
    "EditionThemeFactory",
    "ForumEditionPageFactory",
    "PersonFactory",
    "RoomFactory",
    "UserFactory",
]
