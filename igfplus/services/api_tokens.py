"""Tokens for integrations that write through the API: issued and revoked by the
secretariat, stored hashed, limited in rate, every use recorded."""

from __future__ import annotations

import math
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from igfplus.models import ApiToken, ApiTokenUse, User
from igfplus.services.feed_tokens import LAST_USED_GRANULARITY, TOKEN_BYTES, hash_token

# Tokens start with this, so a leaked one is recognisable (and secret scanners can find it).
TOKEN_PREFIX = "igf_"  # noqa: S105  # nosec B105  # a marker, not a secret
MAX_TOKEN_CHARS = 128
DEFAULT_WRITES_PER_MINUTE = 60
_RATE_KEY = "igfplus:api-writes:{token}:{window}"


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once, never stored


@transaction.atomic
def issue_token(
    *, name: str, owner: User, scopes: list[str], by: User | None
) -> IssuedToken:
    """A new token for ``owner`` with ``scopes``; the secret exists only in the result."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    token = ApiToken.objects.create(
        name=name,
        owner=owner,
        scopes=sorted(set(scopes)),
        token_hash=hash_token(secret),
        prefix=secret[: len(TOKEN_PREFIX) + 4],
        created_by=by,
    )
    return IssuedToken(token=token, secret=secret)


def revoke_token(*, token: ApiToken) -> bool:
    """Stop the token at once; False if it was already revoked."""
    updated = ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(
        revoked_at=timezone.now()
    )
    token.refresh_from_db(fields=["revoked_at"])
    return bool(updated)


def token_for_secret(secret: str) -> ApiToken | None:
    """The token (revoked or not) whose secret this is, with its owner, else None."""
    if not secret or len(secret) > MAX_TOKEN_CHARS:
        return None
    token = (
        ApiToken.objects.select_related("owner")
        .filter(token_hash=hash_token(secret))
        .first()
    )
    if token is None or token.revoked_at is not None:
        return token
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def writes_per_minute() -> int:
    return getattr(settings, "API_WRITES_PER_MINUTE", DEFAULT_WRITES_PER_MINUTE)


def take_write_slot(token: ApiToken, *, now: float | None = None) -> int:
    """Count one write of the token in the current minute; 0 if allowed, else the
    seconds to wait. Fixed one-minute windows in the shared cache: every app server
    counts against the same limit."""
    now = time.time() if now is None else now
    window = int(now // 60)
    key = _RATE_KEY.format(token=token.pk, window=window)
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    if count <= writes_per_minute():
        return 0
    return max(1, math.ceil((window + 1) * 60 - now))


def record_use(*, token: ApiToken, method: str, path: str, status: int) -> ApiTokenUse:
    """Write one line of the token's audit trail."""
    return ApiTokenUse.objects.create(
        token=token, method=method[:8], path=path[:500], status=status
    )
