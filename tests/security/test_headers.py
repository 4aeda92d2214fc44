"""Security headers on every answer, public templates that the policy does not break, and
``manage.py check --deploy`` clean with the production settings."""

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

from igfplus import roles
from igfplus.middleware import (
    ADMIN_CONTENT_SECURITY_POLICY,
    PERMISSIONS_POLICY,
    PUBLIC_CONTENT_SECURITY_POLICY,
)
from tests.factories import UserFactory
from tests.outcomes.test_selectors import build_scene

PUBLIC_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)
# Templates the policy does not govern: the Wagtail admin's (its own policy) and the
# printed programme's (rendered to PDF by WeasyPrint, never served as a page).
TEMPLATES_OUTSIDE_THE_PUBLIC_POLICY = re.compile(r"/admin/|/booklet/")
INLINE_SCRIPT_OR_STYLE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|<style[\s>]|\son[a-z]+=", re.IGNORECASE
)


def test_the_public_policy_is_the_agreed_one():
    assert PUBLIC_CONTENT_SECURITY_POLICY == PUBLIC_POLICY


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/", "/search/?q=access", "/accounts/login/", "/no-such-page/", "/events.ics"],
)
def test_public_answers_carry_the_security_headers(client, path):
    response = client.get(path)
    assert response["Content-Security-Policy"] == PUBLIC_POLICY
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_the_admin_has_its_own_policy(client, give_totp):
    client.force_login(give_totp(UserFactory(roles=[roles.SECRETARIAT])))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == ADMIN_CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'self'" in ADMIN_CONTENT_SECURITY_POLICY
    assert "object-src 'none'" in ADMIN_CONTENT_SECURITY_POLICY


def public_templates() -> list[Path]:
    roots = [Path(settings.BASE_DIR) / app for app in sorted(PROJECT_APPS)]
    return sorted(
        path
        for root in roots
        for path in root.glob("**/templates/**/*.html")
        if not TEMPLATES_OUTSIDE_THE_PUBLIC_POLICY.search(path.as_posix())
    )


PROJECT_APPS = {"igfplus", "cms", "sessions", "outcomes", "intersessional", "search"}


def test_public_templates_have_no_inline_script_or_style():
    """The policy refuses inline scripts, style attributes and event handlers: a template
    that uses one would break silently in the browser."""
    offenders = [
        f"{path.relative_to(settings.BASE_DIR)}: {match.group(0)!r}"
        for path in public_templates()
        for match in INLINE_SCRIPT_OR_STYLE.finditer(path.read_text())
    ]
    assert public_templates(), "no templates found"
    assert not offenders, "\n".join(offenders)


class InlineFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        if tag == "script" and "src" not in names:
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style>")
        self.found += [f"{tag} {name}=" for name in names if name == "style"]
        self.found += [f"{tag} {name}=" for name in names if name.startswith("on")]


@pytest.mark.django_db
def test_rendered_public_pages_have_nothing_the_policy_blocks(client):
    """Rendered, not just templates: Wagtail blocks and includes from libraries too."""
    scene = build_scene()
    programme = f"/{scene.edition.slug}/programme/"
    paths = [
        "/",
        f"/{scene.edition.slug}/",
        programme,
        scene.session.url,
        f"/outcomes/messages/{scene.first.guid}/",
        f"/outcomes/sessions/{scene.session.guid}/",
        "/outcomes/dashboard/",
        "/outcomes/forums/tcom/",
        "/search/?q=access",
        "/accounts/login/",
        "/accounts/signup/",
        "/events/",
    ]
    problems = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        finder = InlineFinder()
        finder.feed(response.content.decode())
        problems += [f"{path}: {found}" for found in finder.found]
    assert not problems, "\n".join(problems)


def test_check_deploy_is_clean_with_the_production_settings(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "igfplus.settings.production",
        "DJANGO_SECRET_KEY": "a" * 20 + "-production-like-secret-" + "b7Xq9Zr2Kp" * 4,
        "DJANGO_ALLOWED_HOSTS": "igf.example.org",
        "WAGTAILADMIN_BASE_URL": "https://igf.example.org",
        "IGFPLUS_DATA_DIR": str(tmp_path),
    }
    done = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout
