"""Start-up error messages, importable without triggering them (tests assert the text)."""

MISSING_SECRET_KEY = (
    "DJANGO_SECRET_KEY is not set. Production refuses to start without a secret key: "  # noqa: S105 (a message, not a secret)  # nosec B105  # a message
    "generate one (python -c 'import secrets; print(secrets.token_urlsafe(64))') and "
    "set it in the environment."
)
