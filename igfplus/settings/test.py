"""The test suite: fast hashing, in-memory cache and mail, media in a temporary folder."""

import tempfile

from .base import *  # noqa: F403
from .base import DATABASES, env

SECRET_KEY = "test-only-key-5b1e8f0c2d7a4e6b9c3f1a8d2e5b7c0f4a6d8e1b3c5f7a9d"  # noqa: S105  # nosec B105  # test settings only
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "igfplus-pages",
    },
    "template_fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "igfplus-fragments",
    },
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="igfplus-test-media-")
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # An in-memory database per test run; WAL pragmas don't apply to it.
    DATABASES["default"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
IGFPLUS_DEMO_DATA_ALLOWED = True
# Query-count guards measure the views themselves; the page cache has its own tests
# (tests/igfplus/services/test_page_cache.py) and is on in the browser tests.
# IGFPLUS_PAGE_CACHE_ENABLED=true runs the whole suite through it (guards aside).
IGFPLUS_PAGE_CACHE_ENABLED = env.bool("IGFPLUS_PAGE_CACHE_ENABLED", default=False)
