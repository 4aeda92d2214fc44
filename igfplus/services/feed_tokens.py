"""Private calendar links: a long random token per person, stored hashed, rotatable."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from igfplus.models import CalendarFeedToken, User

TOKEN_BYTES = 32  # 256 bits: 43 URL-safe characters
# Writing "last used" on every hourly poll would turn each feed read into a write.
LAST_USED_GRANULARITY = dt.timedelta(hours=1)


def hash_token(token: str) -> str:
    """The SHA-256 hex digest under which a token is stored and looked up."""
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def rotate_feed_token(*, user: User) -> str:
    """A new secret for the user's private calendar URL; any previous one stops at once.

    Returns the token in clear: the only moment it exists outside the URL it goes into.
    """
    token = secrets.token_urlsafe(TOKEN_BYTES)
    CalendarFeedToken.objects.update_or_create(
        user=user, defaults={"token_hash": hash_token(token), "last_used_at": None}
    )
    return token


def revoke_feed_token(*, user: User) -> bool:
    """Stop the user's private calendar URL; True if there was one."""
    deleted, _ = CalendarFeedToken.objects.filter(user=user).delete()
    return bool(deleted)


def user_for_feed_token(token: str) -> User | None:
    """The active person whose private calendar URL carries ``token``, else None."""
    if not token or len(token) > 128:
        return None
    row = (
        CalendarFeedToken.objects.select_related("user")
        .filter(token_hash=hash_token(token), user__is_active=True)
        .first()
    )
    if row is None:
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at > LAST_USED_GRANULARITY:
        CalendarFeedToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user
