"""Guessing passwords or second-factor codes is cut short, on the site and for the admin.

allauth's rate limits (``ACCOUNT_RATE_LIMITS``, left at its defaults: failed sign-ins 5 per
5 minutes per account and 10 a minute per address) count in the shared cache. The admin has
no sign-in of its own: ``/admin/login/`` leads to allauth's, so the same limits hold.
tests/igfplus/test_accounts.py covers the site's own sign-in page.
"""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.urls import reverse

from igfplus import roles
from tests.factories import UserFactory
from tests.factories.igfplus import PASSWORD
from tests.igfplus.test_middleware import current_code

TOO_MANY_ATTEMPTS = "Too many failed login attempts"
ADMIN = "/admin/"


def is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_admin_login_cannot_take_a_password(client):
    user = UserFactory(roles=[roles.NRI_COORDINATOR])
    response = client.post(
        "/admin/login/", {"username": user.email, "password": PASSWORD}
    )
    assert response["Location"].startswith(reverse("account_login"))
    assert not is_signed_in(client)


@pytest.mark.django_db
def test_wrong_passwords_towards_the_admin_lock_the_account(client):
    user = UserFactory(roles=[roles.NRI_COORDINATOR])
    sign_in = client.get("/admin/login/", {"next": ADMIN})["Location"]
    for _attempt in range(5):
        client.post(sign_in, {"login": user.email, "password": "wrong"})

    response = client.post(sign_in, {"login": user.email, "password": PASSWORD})

    assert TOO_MANY_ATTEMPTS in response.content.decode()
    assert not is_signed_in(client)
    assert client.get(ADMIN)["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_guessing_many_accounts_from_one_address_is_limited(client):
    """Credential stuffing: one wrong password each for many accounts."""
    users = [UserFactory() for _ in range(11)]
    for user in users[:10]:
        client.post(reverse("account_login"), {"login": user.email, "password": "x"})

    response = client.post(
        reverse("account_login"), {"login": users[10].email, "password": PASSWORD}
    )

    assert response.status_code in (200, 429)
    assert TOO_MANY_ATTEMPTS in response.content.decode() or response.status_code == 429
    assert not is_signed_in(client)


@pytest.mark.django_db
def test_wrong_second_factor_codes_lock_the_second_step(client):
    user = UserFactory(roles=[roles.SECRETARIAT])
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": user.email, "password": PASSWORD},
    )
    for _attempt in range(5):
        client.post(reverse("mfa_authenticate"), {"code": "000000"})

    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})

    assert response.status_code == 200
    assert TOO_MANY_ATTEMPTS in response.content.decode()
    assert not is_signed_in(client)
    assert client.get(ADMIN)["Location"].startswith(reverse("account_login"))
