from .api_tokens import ApiScope, ApiToken, ApiTokenUse
from .feed_token import CalendarFeedToken
from .stored_document import StoredDocument
from .translation import ContentTranslation
from .user import User

__all__ = [
    "ApiScope",
    "ApiToken",
    "ApiTokenUse",
    "CalendarFeedToken",
    "ContentTranslation",
    "StoredDocument",
    "User",
]
