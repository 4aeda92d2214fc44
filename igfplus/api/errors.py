"""The one error shape of the API: ``{"error": {"code", "message", "field"}}``."""

from __future__ import annotations

# Codes a client can branch on (docs/api.md, "Errors").
INVALID = "invalid"
UNKNOWN_PARAMETER = "unknown_parameter"
BAD_CURSOR = "bad_cursor"
CURSOR_MISMATCH = "cursor_mismatch"
NOT_FOUND = "not_found"
BAD_REQUEST = "bad_request"
METHOD_NOT_ALLOWED = "method_not_allowed"
NOT_AUTHENTICATED = "not_authenticated"
TOKEN_REVOKED = "token_revoked"  # noqa: S105  # nosec B105  # an error code, not a secret
INSUFFICIENT_SCOPE = "insufficient_scope"
PERMISSION_DENIED = "permission_denied"
RATE_LIMITED = "rate_limited"
SERVER_ERROR = "server_error"

UNKNOWN_PARAMETERS = (
    "Unknown query parameter(s): %(names)s. This endpoint accepts: %(allowed)s."
)
CURSOR_UNREADABLE = (
    "This cursor cannot be read: pass the “next” link of a previous page unchanged."
)
CURSOR_OF_ANOTHER_QUERY = "This cursor belongs to another query: a cursor only works with the filters of the page that gave it."
NOT_FOUND_MESSAGE = "There is no %(what)s “%(key)s”."
NO_SUCH_ENDPOINT = "There is no such endpoint: see /api/v1/docs."
MISSING_TOKEN = "This endpoint needs a token: send “Authorization: Bearer <token>”."  # noqa: S105  # nosec B105  # a message, not a secret
WRONG_TOKEN = "This token is not valid."  # noqa: S105  # nosec B105  # a message
REVOKED_TOKEN = "This token was revoked."  # noqa: S105  # nosec B105  # a message
MISSING_SCOPE = "This token lacks the scope “%(scope)s”."
OWNER_MAY_NOT = "The token's owner may not do this (%(permission)s)."
TOO_MANY_WRITES = "Too many writes with this token: at most %(limit)s a minute. Retry in %(seconds)s s."
SERVER_FAILURE = "Something went wrong on our side; it has been logged."


class ApiError(Exception):
    """An answer other than success, turned into the error object by the API."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers or {}


def error_body(code: str, message: str, field: str | None = None) -> dict:
    """The error object every 4xx (and the rare 5xx) carries."""
    return {"error": {"code": code, "message": message, "field": field}}


def not_found(what: str, key: object) -> ApiError:
    return ApiError(404, NOT_FOUND, NOT_FOUND_MESSAGE % {"what": what, "key": key})
