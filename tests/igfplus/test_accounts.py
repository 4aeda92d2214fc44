import re

import pytest
from django.core import mail
from django.urls import reverse

from igfplus.models import User
from igfplus.views import PROFILE_SAVED
from tests.factories import UserFactory
from tests.factories.igfplus import PASSWORD


@pytest.mark.django_db
def test_sign_up_requires_e_mail_verification_before_sign_in(client):
    response = client.post(
        reverse("account_signup"),
        {
            "name": "Aïcha Benali",
            "email": "aicha@example.org",
            "password1": "a long passphrase 2025",
            "password2": "a long passphrase 2025",
        },
    )
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="aicha@example.org")
    assert user.name == "Aïcha Benali"
    assert client.get(reverse("accounts:profile")).status_code == 302  # not signed in

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("[IGF+]")
    confirm_url = re.search(
        r"http://testserver(/accounts/confirm-email/\S+/)", mail.outbox[0].body
    )[1]
    client.post(confirm_url)

    response = client.post(
        reverse("account_login"),
        {"login": "aicha@example.org", "password": "a long passphrase 2025"},
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200


@pytest.mark.django_db
def test_unverified_e_mail_cannot_sign_in(client):
    user = UserFactory(verified_email=False)
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("account_email_verification_sent")
    assert client.get(reverse("accounts:profile")).status_code == 302


@pytest.mark.django_db
def test_sign_in_is_by_e_mail_not_username(client):
    user = UserFactory()
    assert (
        client.post(
            reverse("account_login"), {"login": user.username, "password": PASSWORD}
        ).status_code
        == 200
    )
    assert (
        client.post(
            reverse("account_login"), {"login": user.email, "password": PASSWORD}
        ).status_code
        == 302
    )


@pytest.mark.django_db
def test_repeated_failed_sign_ins_are_rate_limited(client):
    user = UserFactory()
    for _attempt in range(5):
        client.post(
            reverse("account_login"), {"login": user.email, "password": "wrong"}
        )

    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get(reverse("accounts:profile")).status_code == 302


@pytest.mark.django_db
def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"
    assert client.get("/admin/")["Location"] == "/accounts/login/?next=/admin/"


@pytest.mark.django_db
def test_admin_password_reset_goes_through_allauth(client):
    assert client.get("/admin/password_reset/")["Location"] == reverse(
        "account_reset_password"
    )


@pytest.mark.django_db
def test_password_reset_sends_a_link(client):
    user = UserFactory()
    client.post(reverse("account_reset_password"), {"email": user.email})
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db
def test_profile_requires_sign_in(client):
    response = client.get(reverse("accounts:profile"))
    assert (
        response["Location"]
        == f"{reverse('account_login')}?next={reverse('accounts:profile')}"
    )


@pytest.mark.django_db
def test_profile_saves_every_field(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("accounts:profile"),
        {
            "name": "李 明",
            "organisation": "Open Standards Lab",
            "stakeholder_group": "technical",
            "regional_group": "asia_pacific",
            "country": "CN",
            "gender": "",
        },
        follow=True,
    )

    assert PROFILE_SAVED in [m.message for m in response.context["messages"]]
    user.refresh_from_db()
    assert (
        user.name,
        user.stakeholder_group,
        user.regional_group,
        user.country.code,
        user.gender,
    ) == ("李 明", "technical", "asia_pacific", "CN", "")


@pytest.mark.django_db
def test_profile_names_the_bad_field(client):
    user = UserFactory(name="Unchanged")
    client.force_login(user)

    response = client.post(
        reverse("accounts:profile"),
        {
            "name": "Changed",
            "stakeholder_group": "lobbyists",
            "regional_group": "",
            "country": "",
        },
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["stakeholder_group"]
    user.refresh_from_db()
    assert user.name == "Unchanged"


@pytest.mark.django_db
def test_profile_is_not_public(client):
    user = UserFactory(name="Private Person", organisation="Secret Org")
    response = client.get("/")
    assert "Secret Org" not in response.content.decode()
    assert user.get_full_name() == "Private Person"
