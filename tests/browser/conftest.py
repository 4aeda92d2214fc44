"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

One browser per test session, a fresh context (cookies, storage, permissions) per test.
Without Chromium or Playwright the tests are skipped with the reason, except in CI
(``CI=true``), where a missing browser fails the run instead of hiding the flows.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.db import connections

# Playwright's sync API runs an event loop in the test's thread; Django refuses ORM calls
# from a thread with a running loop unless told it is safe (it is: the loop only waits
# for the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

try:
    from playwright.sync_api import (
        Browser,
        BrowserContext,
        Page,
        expect,
        sync_playwright,
    )
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = expect = None

CHROMIUM = Path(os.environ.get("IGFPLUS_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Every flow is a few clicks on a local server: anything slower than this is a failure.
TIMEOUT_MS = 10_000

# Browser tests need a live server, so a transactional database, flushed after each test;
# serialized_rollback puts the migrations' data (home page, site, role groups) back
# before each. pytest-django runs them after the other database tests.
browser_test = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _missing_browser_reason() -> str | None:
    if sync_playwright is None:
        return "Playwright for Python is not installed (pip install -r requirements-dev.txt)"
    if not (CHROMIUM.exists() and os.access(CHROMIUM, os.X_OK)):
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    return None


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"true", "1", "yes"}


def pytest_collection_modifyitems(config, items):
    # Skip before any database is built for them; in CI the browser fixture fails instead.
    reason = _missing_browser_reason()
    if reason is None or _in_ci():
        return
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    reason = _missing_browser_reason()
    if reason:
        if _in_ci():
            pytest.fail(f"Browser tests cannot run in CI: {reason}", pytrace=False)
        pytest.skip(reason)
    serialized = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    with sync_playwright() as playwright:
        # Playwright's event loop now runs in this thread, so Django's connection handler
        # (an asgiref Local) hands out new connection objects. Those must carry the
        # database snapshot that serialized_rollback restores, or the second browser
        # test starts without a home page.
        for alias, contents in serialized.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser, live_server, settings) -> Iterator[BrowserContext]:
    # Visitors in a browser meet the site as deployed: whole pages cached for anonymous ones.
    settings.IGFPLUS_PAGE_CACHE_ENABLED = True
    # New York, so switching to "my time zone" visibly changes times set in Europe.
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        timezone_id="America/New_York",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


_REPORTS = pytest.StashKey[dict]()


@pytest.fixture
def page(context, request) -> Iterator[Page]:
    page = context.new_page()
    # Chromium reports what the Content-Security-Policy blocked on the console; a flow
    # that trips it is broken for real visitors even when its assertions pass.
    csp_violations: list[str] = []
    page.on(
        "console",
        lambda message: csp_violations.append(message.text)
        if "Content Security Policy" in message.text
        else None,
    )
    yield page
    # A failed flow leaves a picture of where it stopped, next to the key moments.
    report = request.node.stash.get(_REPORTS, {}).get("call")
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-failed.png"), full_page=True)
        (SCREENSHOTS / f"{name}-failed.html").write_text(page.content())
    assert not csp_violations, "\n".join(csp_violations)


@pytest.fixture
def screenshot(request):
    """Save the page as test-artifacts/screenshots/<test name>-<moment>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    test_name = re.sub(r"[^\w.-]+", "_", request.node.name)

    def take(page: Page, moment: str) -> Path:
        path = SCREENSHOTS / f"{test_name}-{moment}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def current_totp_code(secret: str) -> str:
    """The code an authenticator app shows now for this secret."""
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def sign_in(page: Page, *, email: str, password: str, totp_secret: str = "") -> None:
    """Sign in through allauth's form as a person does (and give the code if asked)."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In", exact=True).click()
    if totp_secret:
        page.get_by_label("Code:").fill(current_totp_code(totp_secret))
        page.get_by_role("button", name="Sign In", exact=True).click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
