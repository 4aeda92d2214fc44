"""Bearer tokens for writes: who may write what, how often; each use is audited.

A write needs a token that is valid and not revoked, carries the operation's scope, and
belongs to an active owner who holds the model permission the admin form would ask
for — so a token never grants more than its owner could do by hand.
"""

from __future__ import annotations

from ninja.security import HttpBearer

from igfplus.api.errors import (
    INSUFFICIENT_SCOPE,
    MISSING_SCOPE,
    MISSING_TOKEN,
    NOT_AUTHENTICATED,
    OWNER_MAY_NOT,
    PERMISSION_DENIED,
    RATE_LIMITED,
    REVOKED_TOKEN,
    TOKEN_REVOKED,
    TOO_MANY_WRITES,
    WRONG_TOKEN,
    ApiError,
)
from igfplus.models import ApiToken
from igfplus.services.api_tokens import (
    take_write_slot,
    token_for_secret,
    writes_per_minute,
)


class ScopedToken(HttpBearer):
    """``Authorization: Bearer <token>`` with ``scope``, for an owner with ``permission``."""

    def __init__(self, *, scope: str, permission: str):
        super().__init__()
        self.scope = scope
        self.permission = permission

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if not header.lower().startswith("bearer ") or not header[7:].strip():
            raise ApiError(401, NOT_AUTHENTICATED, MISSING_TOKEN)
        return super().__call__(request)

    def authenticate(self, request, token: str) -> ApiToken:
        found = token_for_secret(token.strip())
        if found is None:
            raise ApiError(401, NOT_AUTHENTICATED, WRONG_TOKEN)
        # From here on the request is the token's: the audit trail records its answer.
        request.api_token = found
        if found.revoked_at is not None:
            raise ApiError(401, TOKEN_REVOKED, REVOKED_TOKEN)
        if wait := take_write_slot(found):
            raise ApiError(
                429,
                RATE_LIMITED,
                TOO_MANY_WRITES % {"limit": writes_per_minute(), "seconds": wait},
                headers={"Retry-After": str(wait)},
            )
        if self.scope not in (found.scopes or []):
            raise ApiError(
                403, INSUFFICIENT_SCOPE, MISSING_SCOPE % {"scope": self.scope}
            )
        owner = found.owner
        if not (owner.is_active and owner.has_perm(self.permission)):
            raise ApiError(
                403,
                PERMISSION_DENIED,
                OWNER_MAY_NOT % {"permission": self.permission},
            )
        return found
