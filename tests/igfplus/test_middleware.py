"""Staff roles cannot reach the admin before they have a second factor."""

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from igfplus import roles
from igfplus.middleware import MFA_REQUIRED_MESSAGE
from tests.factories import UserFactory
from tests.factories.igfplus import PASSWORD

ADMIN = "/admin/"


def current_code(secret: str) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


@pytest.mark.django_db
@pytest.mark.parametrize("role", [roles.SECRETARIAT, roles.MAG_MEMBER])
def test_staff_role_without_mfa_is_sent_to_set_it_up(client, role):
    client.force_login(UserFactory(roles=[role]))

    response = client.get(ADMIN, follow=True)

    assert response.redirect_chain[0] == (reverse("mfa_activate_totp"), 302)
    assert str(MFA_REQUIRED_MESSAGE) in [str(m) for m in response.context["messages"]]


@pytest.mark.django_db
def test_superuser_without_mfa_is_sent_to_set_it_up(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(ADMIN)["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_staff_role_with_mfa_reaches_the_admin(client, give_totp):
    client.force_login(give_totp(UserFactory(roles=[roles.SECRETARIAT])))
    assert client.get(ADMIN).status_code == 200


@pytest.mark.django_db
def test_nri_coordinator_is_not_forced_into_mfa(client):
    client.force_login(UserFactory(roles=[roles.NRI_COORDINATOR]))
    assert client.get(ADMIN).status_code == 200


@pytest.mark.django_db
def test_mfa_gate_leaves_public_pages_alone(client):
    client.force_login(UserFactory(roles=[roles.SECRETARIAT]))
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_staff_sign_in_asks_for_the_code_before_the_admin(client):
    user = UserFactory(roles=[roles.MAG_MEMBER])
    secret = generate_totp_secret()
    TOTP.activate(user, secret)

    response = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": user.email, "password": PASSWORD},
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(ADMIN)["Location"].startswith(reverse("account_login"))

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200  # wrong code: stays on the form
    assert client.get(ADMIN).status_code == 302

    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response["Location"] == "/admin/"
    assert client.get(ADMIN).status_code == 200
