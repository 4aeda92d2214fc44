"""What people do with IGF+, in a real browser: each test is one person's flow, end to end.

The scenes are built with the factories in the test database the live server reads; the
browser only clicks, types and reads what a person would see.
"""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from igfplus import roles
from igfplus.enums import Gender, RegionalGroup, StakeholderGroup
from sessions.enums import Track
from sessions.services.releases import release_schedule
from sessions.services.sessions import programme_page_for
from tests.browser.conftest import browser_test, expect, sign_in
from tests.factories import (
    EditionThemeFactory,
    ForumEditionPageFactory,
    PersonFactory,
    RoomFactory,
    UserFactory,
)
from tests.factories.igfplus import PASSWORD
from tests.factories.programme import SessionPageFactory, SessionTypeFactory
from tests.outcomes.test_selectors import build_scene
from tests.sessions.conftest import local, schedule

pytestmark = browser_test


@pytest.fixture
def edition():
    """An edition in Geneva, in June (UTC+2): 10:00 there is 04:00 in New York."""
    return ForumEditionPageFactory(
        slug="igf2030", title="IGF 2030", year=2030, time_zone="Europe/Zurich"
    )


# --- 1. a MAG member signs in with MFA and sees a clash in the agenda builder ----------


def test_mag_member_signs_in_with_mfa_and_sees_a_clash_in_the_agenda_builder(
    page, screenshot, edition
):
    secret = generate_totp_secret()
    member = UserFactory(email="mag.member@example.org", roles=[roles.MAG_MEMBER])
    TOTP.activate(member, secret)
    workshop = SessionTypeFactory(edition=edition, prefix="WS", allowed_durations=[60])
    room_a = RoomFactory(edition=edition, name="Room A", sort_order=1)
    room_b = RoomFactory(edition=edition, name="Room B", sort_order=2)
    speaker = PersonFactory(name="Amara Mensah")
    placed = SessionPageFactory(
        session_type=workshop, title="Data flows", people=[speaker]
    )
    moved = SessionPageFactory(
        session_type=workshop, title="Meaningful access", people=[speaker]
    )
    schedule(placed, room_a, local(edition, 1, 10))

    sign_in(page, email=member.email, password=PASSWORD, totp_secret=secret)
    page.goto(reverse("sessions_agenda_builder", args=[edition.pk]))
    conflicts = page.locator("[data-agenda-conflicts]")
    expect(conflicts).to_have_text("No conflicts.")

    unscheduled = page.locator("[data-agenda-unscheduled] .agenda-item").filter(
        has_text="Meaningful access"
    )
    room_b_at_ten = page.locator(
        f".agenda-cell[data-room='{room_b.pk}'][data-time='10:00']"
    )
    unscheduled.drag_to(room_b_at_ten)

    expect(page.locator("[data-agenda-status]")).to_contain_text(
        f"{moved.code} is now in Room B, Sun 23 Jun 10:00–11:00 (Europe/Zurich)."
    )
    expect(conflicts).to_contain_text("Person in two places (hard):")
    expect(conflicts).to_contain_text(re.compile(r"Amara Mensah is booked in .+"))
    expect(page.locator("[data-agenda-conflict-count]")).to_have_text("1")
    expect(page.locator(".agenda-block.has-hard-conflict")).to_have_count(2)
    screenshot(page, "clash")


# --- 2. a session organizer submits a proposal -------------------------------------------


def test_session_organizer_submits_a_proposal_and_finds_it_in_their_list(
    page, screenshot, edition
):
    now = timezone.now()
    EditionThemeFactory(page=edition, name="Digital trust and security")
    SessionTypeFactory(
        edition=edition,
        name="Workshop",
        prefix="WS",
        allowed_durations=[60, 90],
        is_open_for_proposals=True,
        call_opens_at=now - dt.timedelta(days=30),
        call_closes_at=now + dt.timedelta(days=30),
    )
    organizer = UserFactory(
        email="organizer@example.org",
        name="Amina Diallo",
        organisation="Open Networks Collective",
        stakeholder_group=StakeholderGroup.CIVIL_SOCIETY,
        regional_group=RegionalGroup.AFRICAN,
        gender=Gender.FEMALE,
        roles=[roles.SESSION_ORGANIZER],
    )

    sign_in(page, email=organizer.email, password=PASSWORD)
    page.goto(reverse("sessions:proposal_list"))
    page.get_by_role("link", name="Propose a session for IGF 2030").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Propose a session for IGF 2030"
    )
    page.get_by_label("Title").fill("Data governance for all")
    page.get_by_label("Session type").select_option(label="Workshop")
    page.get_by_label("Sub-theme").select_option(label="Digital trust and security")
    page.get_by_label("Description").fill("Who decides how data flows, and who not.")
    page.get_by_label("Policy questions").fill("Who decides?\nWho is left out?")
    page.get_by_label("Format").select_option(label="Roundtable")
    page.get_by_role("group", name="Format and participation").get_by_label(
        "English"
    ).check()
    page.get_by_role("radio", name="Onsite only").check()
    page.get_by_label("Duration (minutes)").select_option("60")
    people = [
        ("Kwame Mensah", "male", "Onsite moderator", "Onsite"),
        ("Ingrid Berg", "female", "Speaker", "Onsite"),
        ("Lucas Silva", "male", "Speaker", "Onsite"),
        ("Mei Chen", "female", "Speaker", "Online"),
    ]
    for number, (name, gender, role, presence) in enumerate(people, start=1):
        row = page.get_by_role("group", name=f"Person {number}", exact=True)
        row.get_by_label("Name:", exact=True).fill(name)
        row.get_by_label("Stakeholder group").select_option(StakeholderGroup.TECHNICAL)
        row.get_by_label("UN regional group").select_option(RegionalGroup.WEOG)
        row.get_by_label("Gender (optional)").select_option(gender)
        row.get_by_label("Role").select_option(label=role)
        row.get_by_label("Onsite or online").select_option(label=presence)
    page.get_by_role("button", name="Submit proposal").click()

    expect(page).to_have_url(re.compile(r"/my/proposals/$"))
    expect(page.get_by_role("status").first).to_contain_text(
        "Your proposal WS #1 “Data governance for all” has been submitted."
    )
    row = page.get_by_role("row").filter(has_text="Data governance for all")
    expect(row.get_by_role("cell").nth(0)).to_have_text("WS #1")
    expect(row).to_contain_text("IGF 2030")
    expect(row).to_contain_text("Proposed")
    screenshot(page, "proposal-listed")


# --- 3. a visitor filters the programme, switches time zone and stars a session ----------


@pytest.fixture
def released_programme(edition):
    """Two released sessions on the first day: one per sub-theme, 10:00 in Geneva."""
    access = EditionThemeFactory(page=edition, name="Access", sort_order=1)
    trust = EditionThemeFactory(page=edition, name="Trust", sort_order=2)
    workshop = SessionTypeFactory(edition=edition, name="Workshop", prefix="WS")
    parliament = SessionTypeFactory(
        edition=edition,
        name="Parliamentary session",
        prefix="PT",
        track=Track.PARLIAMENTARY,
    )
    room_a = RoomFactory(edition=edition, name="Room A")
    room_b = RoomFactory(edition=edition, name="Room B")
    data_flows = SessionPageFactory(
        session_type=workshop, title="Data flows", theme=access
    )
    trust_session = SessionPageFactory(
        session_type=workshop, title="Trust online", theme=trust
    )
    hearing = SessionPageFactory(
        session_type=parliament, title="Parliamentarians on AI", theme=trust
    )
    schedule(data_flows, room_a, local(edition, 1, 10))
    schedule(trust_session, room_b, local(edition, 1, 10))
    schedule(hearing, room_a, local(edition, 1, 14))
    release_schedule(edition=edition, by=None, message="")
    return programme_page_for(edition)


def test_visitor_filters_the_programme_switches_time_zone_and_stars_a_session(
    page, screenshot, released_programme
):
    participant = UserFactory(email="participant@example.org")
    # Starring keeps a personal agenda, so it needs an account: the visitor signs in.
    sign_in(page, email=participant.email, password=PASSWORD)
    page.goto(released_programme.url)
    expect(page.get_by_role("status").filter(has_text="sessions")).to_have_text(
        "3 sessions"
    )

    page.get_by_label("Sub-theme").select_option(label="Access")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".result-count")).to_have_text("1 session")
    titles = page.locator(".session-row__title")
    expect(titles).to_have_text(["Data flows"])

    when = page.locator(".session-row__when time").first
    expect(when).to_have_text("10:00")
    page.get_by_role("button", name="Show times in my time zone").click()
    # 10:00 in Geneva (UTC+2 in June) is 04:00 in New York (UTC-4).
    expect(when).to_have_text("04:00")
    expect(page.locator("[data-tz-label]")).to_have_text(
        "Times are in your time zone (America/New_York)."
    )

    page.get_by_role(
        "button", name=re.compile(r"Add to my agenda\s*:\s*Data flows$")
    ).click()
    expect(page.get_by_text("“Data flows” is in your agenda.")).to_be_visible()
    star = page.get_by_role(
        "button", name=re.compile(r"In my agenda\s*:\s*Data flows — remove$")
    )
    expect(star).to_have_attribute("aria-pressed", "true")
    # The filter and the chosen time zone survive the round trip of starring.
    expect(page.locator(".result-count")).to_have_text("1 session")
    expect(when).to_have_text("04:00")
    screenshot(page, "starred")

    page.goto(reverse("sessions:agenda"))
    expect(page.get_by_role("link", name="Data flows")).to_be_visible()
    expect(page.get_by_text("Trust online")).to_have_count(0)


# --- 4. a member of parliament copies the parliamentary track's subscribe link -----------


def test_member_of_parliament_copies_the_parliamentary_track_subscribe_link(
    page, context, live_server, screenshot, released_programme
):
    context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=live_server.url
    )
    page.goto(f"{released_programme.url}tracks/parliamentary/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Parliamentary track")
    expect(page.locator(".session-row__title")).to_have_text(["Parliamentarians on AI"])

    track_box = page.get_by_role("region", name="Follow in your calendar")
    track_box.get_by_role("button", name="Copy link").click()

    expect(track_box.get_by_role("status")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert (
        copied
        == f"{live_server.url}/igf2030/programme/schedule.ics?track=parliamentary"
    )
    expect(
        track_box.get_by_role("link", name=re.compile("^Subscribe"))
    ).to_have_attribute("href", copied.replace("http://", "webcal://", 1))
    screenshot(page, "copied")


# --- 5. a visitor finds an outcome message and opens its trace ---------------------------


def test_visitor_finds_a_message_in_the_outcomes_and_opens_its_trace(page, screenshot):
    scene = build_scene()

    page.goto("/outcomes/")
    page.get_by_role("link", name="IGF 2030 Messages").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("IGF 2030 Messages")
    expect(page.get_by_text("Withdrawn text")).to_have_count(0)
    message = (
        page.locator("article, li, section")
        .filter(has=page.get_by_role("heading", name="Affordable access"))
        .last
    )
    message.get_by_role("link", name="Trace this message: sources and uptake").click()

    expect(page).to_have_url(re.compile(f"/outcomes/messages/{scene.first.guid}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Affordable access")
    expect(page.get_by_text("Local content drives demand.")).to_be_visible()
    expect(page.get_by_text("Referenced in a document").first).to_be_visible()
    expect(page.get_by_text("Not released")).to_have_count(0)
    screenshot(page, "trace")


# --- 6. the Arabic interface reads right to left -----------------------------------------


def test_arabic_interface_renders_right_to_left(page, screenshot):
    page.goto("/outcomes/")
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "ltr")

    page.get_by_label("Language").select_option("ar")
    page.get_by_role("button", name="Change language").click()

    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.locator("main")).to_have_css("direction", "rtl")
    # The language stays chosen on the next page.
    page.goto("/outcomes/forums/")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.locator("main")).to_have_css("direction", "rtl")
    screenshot(page, "arabic")


def test_visitor_searches_the_outcomes_and_opens_a_trace_page(page, screenshot):
    scene = build_scene()
    # As after a deploy: the index is rebuilt from the public content.
    call_command("search_reindex", stdout=StringIO())

    page.goto("/search/")
    page.get_by_label("Search for").fill("affordable")
    page.get_by_role("main").get_by_role("button", name="Search", exact=True).click()

    expect(page.locator(".search-count")).to_contain_text("for “affordable”")
    message_link = page.get_by_role("link", name="Affordable access", exact=True)
    hit = page.locator(".search-hit").filter(has=message_link)
    expect(hit.locator(".search-hit__type")).to_have_text("Policy message")
    screenshot(page, "results")
    message_link.click()

    expect(page).to_have_url(re.compile(f"/outcomes/messages/{scene.first.guid}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Affordable access")
