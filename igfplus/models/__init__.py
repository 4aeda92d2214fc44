from .feed_token import CalendarFeedToken
from .user import User

__all__ = ["CalendarFeedToken", "User"]
