"""WCAG 2.2 AA in a real browser: axe-core on the key pages of every app, in English and
Arabic; the agenda builder and the proposal form with the keyboard alone; Arabic mirrored;
the programme filtered with JavaScript switched off.

axe-core comes from npm (package.json, ``make install-dev``). It is evaluated in the page
through the DevTools protocol, so the site's Content-Security-Policy (which refuses inline
and foreign scripts) stays in force while the page is checked.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from io import StringIO
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from igfplus import roles
from igfplus.enums import Gender, RegionalGroup, StakeholderGroup
from sessions.enums import Track
from sessions.services.releases import release_schedule
from sessions.services.sessions import programme_page_for
from tests.browser.conftest import browser_test, expect, sign_in
from tests.factories import ForumEditionPageFactory, RoomFactory, UserFactory
from tests.factories.cms import (
    NriAnnualReportFactory,
    NriEventFactory,
    NriIndexPageFactory,
    NriPageFactory,
)
from tests.factories.igfplus import PASSWORD
from tests.factories.intersessional import (
    IntersessionalBodyPageFactory,
    MeetingFactory,
    OutputFactory,
)
from tests.factories.programme import SessionPageFactory, SessionTypeFactory
from tests.outcomes.test_selectors import build_scene
from tests.sessions.conftest import local, schedule

pytestmark = browser_test

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
    return {
        violations: result.violations.map((violation) => ({
            id: violation.id,
            impact: violation.impact,
            help: violation.help,
            nodes: violation.nodes.map((node) => node.target.join(" ")),
        })),
        passed: result.passes.length,
        incomplete: result.incomplete.map(
            (rule) => `${rule.id} (${rule.nodes.map((node) => node.target.join(" ")).join(", ")})`
        ),
    };
}"""
RESULTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "axe"


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        reason = f"axe-core is not installed at {AXE} (make install-dev runs npm ci)"
        if os.environ.get("CI", "").lower() in {"true", "1", "yes"}:
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return AXE.read_text()


def run_axe(page, axe_source: str) -> dict:
    """axe-core's WCAG 2.2 A/AA results on the page as it stands: the violations, how
    many rules passed, and the rules it could not decide (for a person to look at)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    return page.evaluate(RUN_AXE, WCAG_22_AA)


def axe_violations(page, axe_source: str) -> list[dict]:
    return run_axe(page, axe_source)["violations"]


def describe(failures: dict[str, list[dict]]) -> str:
    lines = []
    for where, violations in failures.items():
        for violation in violations:
            lines.append(
                f"{where}: {violation['id']} ({violation['impact']}) — {violation['help']}"
            )
            lines.extend(f"    {selector}" for selector in violation["nodes"][:8])
    return "\n".join(lines)


def use_language(context, live_server, code: str) -> None:
    context.add_cookies(
        [{"name": "django_language", "value": code, "url": live_server.url}]
    )


@pytest.fixture
def site():
    """Every app with content: a released programme with a parliamentary track, an open
    call for proposals, outcomes with a traced message, NRIs, an intersessional body."""
    s = build_scene()
    edition = s.edition
    parliament = SessionTypeFactory(
        edition=edition,
        name="Parliamentary session",
        prefix="PT",
        track=Track.PARLIAMENTARY,
    )
    workshop = SessionTypeFactory(
        edition=edition,
        name="Workshop",
        prefix="OW",
        allowed_durations=[60, 90],
        is_open_for_proposals=True,
        call_opens_at=timezone.now() - dt.timedelta(days=30),
        call_closes_at=timezone.now() + dt.timedelta(days=30),
    )
    room = RoomFactory(edition=edition, name="Plenary hall")
    hearing = SessionPageFactory(
        session_type=parliament, title="Parliamentarians on AI", theme=s.trust
    )
    open_forum = SessionPageFactory(
        session_type=workshop, title="Open data for all", theme=s.access
    )
    schedule(hearing, room, local(edition, 1, 14))
    schedule(open_forum, room, local(edition, 2, 9))
    release_schedule(edition=edition, by=None, message="Second")
    s.programme = programme_page_for(edition)

    NriIndexPageFactory()
    s.nri = NriPageFactory(acronym="KIGF", title="Kenya IGF", slug="kigf")
    NriEventFactory(page=s.nri)
    NriAnnualReportFactory(page=s.nri)
    s.body = IntersessionalBodyPageFactory(title="Dynamic Coalition on Accessibility")
    MeetingFactory(body=s.body)
    OutputFactory(body=s.body)

    s.organizer = UserFactory(
        email="organizer@example.org",
        name="Amina Diallo",
        organisation="Open Networks Collective",
        stakeholder_group=StakeholderGroup.CIVIL_SOCIETY,
        regional_group=RegionalGroup.AFRICAN,
        gender=Gender.FEMALE,
        roles=[roles.SESSION_ORGANIZER],
    )
    call_command("search_reindex", stdout=StringIO())
    return s


def public_pages(s) -> dict[str, str]:
    return {
        "home": "/",
        "programme": s.programme.url,
        "session": s.session.url,
        "track": f"{s.programme.url}tracks/parliamentary/",
        "search": "/search/?q=affordable",
        "outcomes": reverse("outcomes:index"),
        "outcomes dashboard": reverse("outcomes:dashboard"),
        "message trace": reverse("outcomes:message", args=[s.first.guid]),
        "NRI directory": "/nris/",
        "NRI page": s.nri.url,
        "intersessional index": "/intersessional/",
        "intersessional body": s.body.url,
        "forum calendar": reverse("forum_calendar"),
        "sign-in": reverse("account_login"),
    }


def private_pages(s) -> dict[str, str]:
    return {
        "my agenda": reverse("sessions:agenda"),
        "my proposals": reverse("sessions:proposal_list"),
        "proposal form": reverse("sessions:proposal_create", args=[s.edition.slug]),
        "account": reverse("accounts:profile"),
    }


def structure_problems(page) -> list[dict]:
    """What axe-core leaves to best practice: one h1, the landmarks, a skip link."""
    problems = []
    checks = {
        "one-h1": ("Each page has exactly one h1", "h1", 1),
        "one-main": ("Each page has one main landmark", "main", 1),
        "banner": ("The site header is a banner landmark", "body > header", 1),
        "contentinfo": ("The footer is a contentinfo landmark", "body > footer", 1),
        "main-nav": ("The main navigation is a nav landmark", "body > header nav", 1),
        "skip-link": (
            "A skip link leads to main",
            "body > a.skip-link[href='#main']",
            1,
        ),
    }
    for check_id, (help_text, selector, wanted) in checks.items():
        found = page.locator(selector).count()
        if found != wanted:
            problems.append(
                {
                    "id": check_id,
                    "impact": "structure",
                    "help": f"{help_text} (found {found})",
                    "nodes": [selector],
                }
            )
    return problems


def check_pages(page, pages, axe_source: str, language: str, summary: list[str]):
    failures = {}
    for name, url in pages.items():
        response = page.goto(url)
        assert response is not None, f"{name} ({url}) did not load"
        assert response.ok, f"{name} ({url}) answered {response.status}"
        expect(page.locator("html")).to_have_attribute("lang", language)
        result = run_axe(page, axe_source)
        violations = result["violations"] + structure_problems(page)
        if violations:
            failures[f"{name} [{language}] {url}"] = violations
        summary.append(
            f"| {name} | `{url}` | {len(violations)} | {result['passed']} "
            f"| {', '.join(result['incomplete']) or '—'} |"
        )
    return failures


def write_summary(language: str, summary: list[str]) -> None:
    """test-artifacts/axe/<language>.md: what CI checked, page by page."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    header = [
        f"# axe-core {WCAG_22_AA} — {language}",
        "",
        "| page | URL | violations | rules passed | needs review (incomplete) |",
        "|---|---|---:|---:|---|",
    ]
    (RESULTS / f"{language}.md").write_text("\n".join(header + summary) + "\n")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_key_pages_have_no_wcag_22_aa_violations(
    page, context, live_server, site, axe_source, language
):
    summary: list[str] = []
    use_language(context, live_server, language)
    failures = check_pages(page, public_pages(site), axe_source, language, summary)

    context.clear_cookies()
    sign_in(page, email=site.organizer.email, password=PASSWORD)
    use_language(context, live_server, language)
    failures |= check_pages(page, private_pages(site), axe_source, language, summary)
    write_summary(language, summary)

    assert not failures, "axe-core found WCAG 2.2 AA violations:\n" + describe(failures)


def test_axe_reports_a_violation_the_site_would_have(page, live_server, axe_source):
    """The check itself works: a field left without a label (or placeholder) is found."""
    page.goto(reverse("account_login"))
    page.evaluate(
        """() => {
            document.querySelector("label[for=id_login]").remove();
            document.querySelector("#id_login").removeAttribute("placeholder");
        }"""
    )
    violations = axe_violations(page, axe_source)
    assert "label" in {violation["id"] for violation in violations}


# --- the keyboard alone -------------------------------------------------------------------


def press_tab_until(page, selector: str, *, limit: int = 250) -> None:
    """Move the focus with Tab, as a keyboard user does, until it is on ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def focus_ring(page) -> dict:
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return {style: style.outlineStyle, width: parseFloat(style.outlineWidth)};
        }"""
    )


def test_mag_member_places_a_session_in_the_agenda_builder_with_the_keyboard_alone(
    page, screenshot
):
    edition = ForumEditionPageFactory(
        slug="igf2030", title="IGF 2030", year=2030, time_zone="Europe/Zurich"
    )
    secret = generate_totp_secret()
    member = UserFactory(email="mag.member@example.org", roles=[roles.MAG_MEMBER])
    TOTP.activate(member, secret)
    workshop = SessionTypeFactory(edition=edition, prefix="WS", allowed_durations=[60])
    RoomFactory(edition=edition, name="Room A", sort_order=1)
    RoomFactory(edition=edition, name="Room B", sort_order=2)
    session = SessionPageFactory(session_type=workshop, title="Meaningful access")

    sign_in(page, email=member.email, password=PASSWORD, totp_secret=secret)
    page.goto(reverse("sessions_agenda_builder", args=[edition.pk]))
    press_tab_until(page, f".agenda-item[data-session='{session.pk}']")
    ring = focus_ring(page)
    assert ring["style"] == "solid", ring
    assert ring["width"] >= 2, ring
    page.keyboard.press("Enter")

    # The session's link leads to the placement form, with the session chosen.
    expect(page).to_have_url(re.compile(rf"session={session.pk}#placement-form$"))
    press_tab_until(page, "#agenda-room")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#agenda-room")).to_have_value(
        str(edition.rooms.get(name="Room B").pk)
    )
    press_tab_until(page, "#agenda-start")
    # Hours, minutes, and "A" for AM where the browser's time field has that part.
    page.keyboard.type("1000A")
    expect(page.locator("#agenda-start")).to_have_value("10:00")
    press_tab_until(page, "[data-agenda-place-form] button[type=submit]")
    page.keyboard.press("Enter")

    block = page.locator(f".agenda-block[data-session='{session.pk}']")
    expect(block).to_contain_text("10:00")
    expect(block).to_contain_text(session.code)
    expect(page.locator("[data-agenda-unscheduled] .agenda-item")).to_have_count(0)
    screenshot(page, "placed")


def test_proposal_form_errors_are_reached_and_fixed_with_the_keyboard(page, site):
    sign_in(page, email=site.organizer.email, password=PASSWORD)
    page.goto(reverse("sessions:proposal_create", args=[site.edition.slug]))
    press_tab_until(page, "button[value=submit]")
    page.keyboard.press("Enter")

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    title_error = summary.get_by_role("link").first
    press_tab_until(page, "#error-summary a")
    expect(title_error).to_be_focused()
    page.keyboard.press("Enter")

    title = page.get_by_label("Title")
    expect(title).to_be_focused()
    expect(title).to_have_attribute("aria-invalid", "true")
    described_by = title.get_attribute("aria-describedby").split()
    error_texts = [page.locator(f"#{id_}").inner_text() for id_ in described_by]
    assert any("required" in text for text in error_texts), error_texts
    page.keyboard.type("Data governance for all")
    expect(title).to_have_value("Data governance for all")


# --- right to left --------------------------------------------------------------------------


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not displayed"
    return found


def test_arabic_pages_mirror(page, context, live_server, site, screenshot):
    use_language(context, live_server, "ar")
    width = page.viewport_size["width"]

    page.goto(site.programme.url)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    brand = box(page.locator(".site-header__brand"))
    # The header starts at the right edge: the brand is in the right half.
    assert brand["x"] > width / 2, brand
    row = page.locator(".session-row").first
    when, what = (
        box(row.locator(".session-row__when")),
        box(row.locator("h3, .session-row__title").first),
    )
    assert when["x"] > what["x"], "the time column should be on the right"
    screenshot(page, "programme")

    page.goto(site.session.url)
    expect(page.locator("main")).to_have_css("direction", "rtl")
    heading = box(page.get_by_role("heading", level=1))
    assert heading["x"] + heading["width"] > width / 2, heading
    screenshot(page, "session")

    page.goto(reverse("outcomes:message", args=[site.first.guid]))
    expect(page.locator("main")).to_have_css("direction", "rtl")
    screenshot(page, "outcomes-trace")

    page.goto(reverse("outcomes:dashboard"))
    bar = page.locator("svg.chart .chart__bar").first
    label, bar_rect = box(bar.locator("text").first), box(bar.locator("rect").first)
    # Bars start at the right: the label is to the right of its bar, and not on it.
    assert label["x"] >= bar_rect["x"] + bar_rect["width"] - 1, (label, bar_rect)
    screenshot(page, "outcomes-dashboard")

    page.goto("/nris/")
    table = page.locator("main table").first
    cells = table.locator("tbody tr").first.locator("td, th")
    first, second = box(cells.nth(0)), box(cells.nth(1))
    assert first["x"] > second["x"], "a table's first column is the rightmost"
    screenshot(page, "nri-directory")


def test_arabic_agenda_builder_grid_mirrors(page, screenshot):
    edition = ForumEditionPageFactory(
        slug="igf2030", title="IGF 2030", year=2030, time_zone="Europe/Zurich"
    )
    secret = generate_totp_secret()
    member = UserFactory(email="mag.member@example.org", roles=[roles.MAG_MEMBER])
    TOTP.activate(member, secret)
    profile = UserProfile.get_for_user(member)
    profile.preferred_language = "ar"
    profile.save()
    workshop = SessionTypeFactory(edition=edition, prefix="WS", allowed_durations=[60])
    room_a = RoomFactory(edition=edition, name="Room A", sort_order=1)
    RoomFactory(edition=edition, name="Room B", sort_order=2)
    placed = SessionPageFactory(session_type=workshop, title="Data flows")
    schedule(placed, room_a, local(edition, 1, 10))

    sign_in(page, email=member.email, password=PASSWORD, totp_secret=secret)
    page.goto(reverse("sessions_agenda_builder", args=[edition.pk]))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    corner = box(page.locator(".agenda-grid__corner"))
    first_room = box(page.locator(".agenda-grid__room").first)
    second_room = box(page.locator(".agenda-grid__room").nth(1))
    # The time column is on the right, rooms follow leftwards in their order.
    assert corner["x"] > first_room["x"] > second_room["x"]
    block_time = page.locator(
        f".agenda-block[data-session='{placed.pk}'] .agenda-block__time"
    )
    start, end = block_time.evaluate(
        """(element) => {
            const range = document.createRange();
            const text = element.firstChild;
            range.setStart(text, 0);
            range.setEnd(text, 5);
            const start = range.getBoundingClientRect().x;
            range.setStart(text, text.length - 5);
            range.setEnd(text, text.length);
            return [start, range.getBoundingClientRect().x];
        }"""
    )
    assert start < end, "a time range reads 10:00–11:00, left to right, in Arabic too"
    block = box(page.locator(f".agenda-block[data-session='{placed.pk}']"))
    assert abs(block["x"] - first_room["x"]) < first_room["width"]
    screenshot(page, "agenda-grid")


# --- light pages --------------------------------------------------------------------------


def test_programme_filters_without_javascript(browser, live_server, site, screenshot):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="en-GB"
    )
    try:
        page = context.new_page()
        page.goto(site.programme.url + "?day=all")
        expect(page.locator(".result-count")).to_have_text("3 sessions")
        expect(page.locator("[data-local-time]").first).to_be_visible()
        page.get_by_label("Sub-theme").select_option(label="Access")
        page.get_by_role("button", name="Apply filters").click()
        expect(page).to_have_url(re.compile(r"theme="))
        titles = page.locator(".session-row__title")
        expect(page.locator(".result-count")).to_have_text("1 session")
        expect(titles).to_have_text(["Open data for all"])
        screenshot(page, "filtered")
    finally:
        context.close()
