import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.cache import caches

from cms.models import HomePage


@pytest.fixture(autouse=True)
def _fresh_cache():
    # allauth keeps rate-limit counters in the cache, and whole pages are cached for
    # anonymous visitors: each test starts with neither.
    for alias in caches:
        caches[alias].clear()
    yield
    for alias in caches:
        caches[alias].clear()


@pytest.fixture
def home_page(db) -> HomePage:
    return HomePage.objects.get()


@pytest.fixture
def give_totp():
    """Give a user a TOTP authenticator, as if they had set up an authenticator app."""

    def give(user):
        TOTP.activate(user, generate_totp_secret())
        return user

    return give
