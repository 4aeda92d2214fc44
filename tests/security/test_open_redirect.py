"""No view sends a visitor off-site through a ``next`` (or Referer) it was handed.

Every view that reads ``next`` is listed here; a new one belongs in this file. Each is fed
the classic open-redirect spellings, and the redirect it answers must stay on this site.
"""

from urllib.parse import urlsplit

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from igfplus import roles
from outcomes.services.watchlists import FORUM
from tests.factories import UserFactory
from tests.factories.igfplus import PASSWORD
from tests.igfplus.test_middleware import current_code
from tests.outcomes.test_selectors import build_scene

HOSTILE_NEXT = [
    pytest.param("https://evil.example/", id="absolute"),
    pytest.param("//evil.example/", id="scheme-relative"),
    pytest.param("/\\evil.example/", id="backslash"),
    pytest.param("\\\\evil.example/", id="double-backslash"),
    pytest.param("https:evil.example", id="scheme-no-slashes"),
    pytest.param("javascript:alert(1)", id="javascript"),
    pytest.param(" //evil.example/", id="leading-space"),
    pytest.param("/\t/evil.example/", id="tab"),
]


def assert_stays_on_site(response) -> None:
    assert response.status_code in (301, 302, 303), response.status_code
    location = response["Location"]
    # Browsers read a backslash as a slash and ignore tabs and spaces around a URL.
    normalised = location.strip().replace("\\", "/").replace("\t", "")
    parts = urlsplit(normalised)
    assert parts.scheme in ("", "http", "https"), location
    assert parts.netloc in ("", "testserver"), location


@pytest.mark.django_db
@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_sign_in_never_redirects_off_site(client, target):
    user = UserFactory()
    response = client.post(
        reverse("account_login") + "?next=" + target,
        {"login": user.email, "password": PASSWORD, "next": target},
    )
    assert_stays_on_site(response)
    assert client.session.get("_auth_user_id") == str(user.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_sign_in_with_a_second_factor_never_redirects_off_site(client, target):
    user = UserFactory(roles=[roles.MAG_MEMBER])
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    client.post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD, "next": target},
    )
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert_stays_on_site(response)


@pytest.mark.django_db
@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_admin_sign_in_never_redirects_off_site(client, target):
    user = UserFactory(roles=[roles.NRI_COORDINATOR])
    response = client.get("/admin/login/", {"next": target})
    assert response["Location"].startswith(reverse("account_login"))
    assert_stays_on_site(response)

    # Follow it: the sign-in page carries the hostile ``next`` on and must refuse it.
    response = client.post(
        response["Location"], {"login": user.email, "password": PASSWORD}
    )
    assert_stays_on_site(response)


@pytest.mark.django_db
@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_sign_out_never_redirects_off_site(client, target):
    client.force_login(UserFactory())
    response = client.post(reverse("account_logout"), {"next": target})
    assert_stays_on_site(response)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_language_switch_never_redirects_off_site(client, target):
    response = client.post(
        "/i18n/setlang/",
        {"language": "fr", "next": target},
        headers={"referer": target},
    )
    assert_stays_on_site(response)


# The scene is costly: these walk every hostile target in one test.
HOSTILE_TARGETS = [param.values[0] for param in HOSTILE_NEXT]


@pytest.mark.django_db
def test_starring_following_and_commenting_never_redirect_off_site(client):
    scene = build_scene()
    client.force_login(UserFactory())
    for target in HOSTILE_TARGETS:
        star = client.post(
            reverse("sessions:star", args=[scene.session.guid]), {"next": target}
        )
        assert_stays_on_site(star)
        follow = client.post(
            reverse("watchlist:follow"),
            {
                "kind": FORUM,
                "target": scene.cstd.pk,
                "action": "follow",
                "next": target,
            },
        )
        assert_stays_on_site(follow)
        comment = client.post(
            reverse("outcomes:comment", args=[scene.first.guid]),
            {"text": "A comment", "next": target},
            headers={"referer": target},
        )
        assert_stays_on_site(comment)
