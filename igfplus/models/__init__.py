from .feed_token import CalendarFeedToken
from .stored_document import StoredDocument
from .user import User

__all__ = ["CalendarFeedToken", "StoredDocument", "User"]
