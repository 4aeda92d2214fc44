"""Every state change needs the CSRF token: a form posted from another site is refused.

Three parts, all driven by the URL configuration so a new URL is covered:
- no view is exempt from Django's CSRF check except those in ``CSRF_EXEMPT`` (each with why);
- every URL of the authorization table (tests/security/test_url_authorization.py), posted
  without a token by every role, is refused with 403 before the view runs;
- the posts that table lists, sent with the token, get what the role may (never 403 CSRF);
- the exempt API refuses a write carried by a signed-in browser's cookie alone.
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.security.test_url_authorization import (
    EXPECTED,
    ROLES,
    build_world,
    outcome_of,
)

CSRF_FAILURE = "CSRF verification failed"

# Views without Django's CSRF check, by route prefix, and why that is safe.
CSRF_EXEMPT = {
    # Wagtail's admin API (DRF viewsets): read-only (GET) endpoints for the page chooser
    # and explorer; DRF's session authentication checks CSRF itself on unsafe methods.
    "admin/api/main/": "read-only admin API; DRF checks CSRF on unsafe methods",
    # The public API (django-ninja, which marks its views exempt): reads are public and
    # change nothing; writes authenticate with an ``Authorization: Bearer`` token, which
    # a browser never adds on its own, so a cross-site form cannot forge one. A session
    # cookie alone writes nothing (test_the_api_takes_no_write_on_a_cookie below).
    "api/v1/": "GET is read-only; writes need a bearer token, never the cookie",
}


def every_route_and_view():
    def walk(resolver: URLResolver, prefix: str):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern, route)
            elif isinstance(pattern, URLPattern):
                yield route, pattern.callback

    return list(walk(get_resolver(), ""))


def test_only_the_listed_views_skip_the_csrf_check():
    exempt = [
        route
        for route, view in every_route_and_view()
        if getattr(view, "csrf_exempt", False)
    ]
    unexplained = [
        route
        for route in exempt
        if not any(route.startswith(prefix) for prefix in CSRF_EXEMPT)
    ]
    assert not unexplained, (
        "CSRF-exempt without a reason in CSRF_EXEMPT:\n" + "\n".join(unexplained)
    )


def every_path() -> list[str]:
    """Every concrete path of the authorization table, GET and POST cases alike."""
    return sorted({case.path for cases in EXPECTED.values() for case in cases})


def post_cases():
    for cases in EXPECTED.values():
        for case in cases:
            if case.method == "post" and not case.known_issue:
                yield pytest.param(case, id=f"POST {case.path}")


@pytest.fixture(scope="module")
def scene(django_db_setup, django_db_blocker):
    """The authorization test's world: one object of each kind, public and private."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def strict_clients(scene, django_db_blocker) -> dict[str, Client]:
    """A browser per role that, like a real one, must show the CSRF token it was given."""
    clients = {"anonymous": Client(enforce_csrf_checks=True)}
    with django_db_blocker.unblock():
        for role, user in scene.users.items():
            clients[role] = Client(enforce_csrf_checks=True)
            clients[role].force_login(user)
        for client in clients.values():
            # A page with a form hands out the token, as it does to a person.
            client.get("/accounts/password/reset/")
    return clients


def token_of(client: Client) -> str:
    return client.cookies["csrftoken"].value


@pytest.mark.django_db
def test_every_post_without_a_token_is_refused(scene, strict_clients):
    accepted = []
    for template in every_path():
        path = template.format(**scene.values)
        for role in ROLES:
            response = strict_clients[role].post(path, {"anything": "1"})
            refused = (
                response.status_code == 403
                and CSRF_FAILURE in response.content.decode(errors="replace")
            )
            if not refused and not path.startswith(tuple(f"/{p}" for p in CSRF_EXEMPT)):
                accepted.append(f"{role} POST {path}: {response.status_code}")
    assert not accepted, "\n".join(accepted)


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(post_cases()))
def test_posts_with_the_token_get_what_the_role_may(scene, strict_clients, case):
    path = case.path.format(**scene.values)
    actual = {}
    for role in ROLES:
        client = strict_clients[role]
        response = client.post(path, headers={"x-csrftoken": token_of(client)})
        assert CSRF_FAILURE not in response.content.decode(errors="replace"), role
        actual[role] = outcome_of(response)
    assert actual == case.outcomes(), f"{path}: {' '.join(actual.values())!r}"


@pytest.mark.django_db
def test_signing_in_and_switching_language_need_the_token(scene):
    user = scene.users["participant"]
    browser = Client(enforce_csrf_checks=True)
    browser.get("/accounts/login/")
    credentials = {"login": user.email, "password": "correct horse battery staple"}

    forged = browser.post("/accounts/login/", credentials)
    assert forged.status_code == 403
    assert "_auth_user_id" not in browser.session

    signed_in = browser.post(
        "/accounts/login/", {**credentials, "csrfmiddlewaretoken": token_of(browser)}
    )
    assert signed_in.status_code == 302
    assert browser.session["_auth_user_id"] == str(user.pk)

    assert browser.post("/i18n/setlang/", {"language": "fr"}).status_code == 403
    switched = browser.post(
        "/i18n/setlang/",
        {"language": "fr", "csrfmiddlewaretoken": token_of(browser)},
    )
    assert switched.status_code == 302
    assert browser.cookies["django_language"].value == "fr"

    assert browser.post("/accounts/logout/").status_code == 403
    assert "_auth_user_id" in browser.session


API_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
    }


OUR_APPS = {"igfplus", "cms", "forum_sessions", "intersessional", "outcomes", "search"}


@pytest.mark.django_db
def test_the_api_takes_no_write_on_a_cookie(scene, strict_clients):
    """A signed-in secretariat browser posting to every API route without a bearer
    token: nothing is created and no row changes, whatever the route. (The API's
    read-only index and schema answer any method alike; they write nothing.)"""
    secretariat = strict_clients["secretariat"]
    api_routes = [
        route for route, _view in every_route_and_view() if route.startswith("api/v1/")
    ]
    before = row_counts()
    created = []
    for route in api_routes:
        path = "/" + API_PARAMETER.sub("00000000-0000-0000-0000-000000000000", route)
        for method in (secretariat.post, secretariat.put, secretariat.patch):
            response = method(path, data="{}", content_type="application/json")
            if response.status_code in (201, 202, 204):
                created.append(f"{method.__name__.upper()} {path}")
    assert not created, "\n".join(created)
    assert row_counts() == before
