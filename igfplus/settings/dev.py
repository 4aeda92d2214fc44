"""Local development: the embedded default with debugging on."""

from .base import *  # noqa: F403
from .base import env

DEBUG = True
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY",
    default="dev-only-key-not-for-production-7f3c1e9a2b5d4c8e9f0a1b2c3d4e5f6a",
)
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"]
)
# WebAuthn needs a secure origin; plain http on localhost is fine for development.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
IGFPLUS_DEMO_DATA_ALLOWED = True
