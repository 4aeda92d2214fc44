"""Secret URLs for feeds that apps read without signing in (calendars, watchlists): a
long random token per person and purpose, stored hashed, rotatable."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import models, transaction
from django.utils import timezone

from igfplus.models import CalendarFeedToken, User

TOKEN_BYTES = 32  # 256 bits: 43 URL-safe characters
# Writing "last used" on every hourly poll would turn each feed read into a write.
LAST_USED_GRANULARITY = dt.timedelta(hours=1)


def hash_token(token: str) -> str:
    """The SHA-256 hex digest under which a token is stored and looked up."""
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def rotate_token(model: type[models.Model], *, user: User) -> str:
    """A new secret in ``model`` (a token model with ``user`` and ``token_hash``) for the
    user; any previous one stops at once.

    Returns the token in clear: the only moment it exists outside the URL it goes into.
    """
    token = secrets.token_urlsafe(TOKEN_BYTES)
    model.objects.update_or_create(
        user=user, defaults={"token_hash": hash_token(token), "last_used_at": None}
    )
    return token


def revoke_token(model: type[models.Model], *, user: User) -> bool:
    """Stop the user's URL that carries a token of ``model``; True if there was one."""
    deleted, _ = model.objects.filter(user=user).delete()
    return bool(deleted)


def user_for_token(model: type[models.Model], token: str) -> User | None:
    """The active person whose URL carries ``token`` (a token of ``model``), else None."""
    if not token or len(token) > 128:
        return None
    row = (
        model.objects.select_related("user")
        .filter(token_hash=hash_token(token), user__is_active=True)
        .first()
    )
    if row is None:
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at > LAST_USED_GRANULARITY:
        model.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user


def rotate_feed_token(*, user: User) -> str:
    """A new private calendar link for the user (see ``rotate_token``)."""
    return rotate_token(CalendarFeedToken, user=user)


def revoke_feed_token(*, user: User) -> bool:
    """Turn the user's private calendar link off; True if there was one."""
    return revoke_token(CalendarFeedToken, user=user)


def user_for_feed_token(token: str) -> User | None:
    """The person whose private calendar link carries ``token``, else None."""
    return user_for_token(CalendarFeedToken, token)
