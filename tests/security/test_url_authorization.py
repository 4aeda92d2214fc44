"""Every URL of IGF+, for every role and for anonymous visitors: who gets what, and that
nothing unreleased, draft or private shows up in any answer.

The URL configuration is walked (``get_resolver()``), so is the page tree's set of page
types and their routable sub-pages: a URL or page type without an entry in ``EXPECTED``
fails ``test_every_url_is_classified`` until someone decides who may see it.

Each case lists the outcome per role, in ``ROLES`` order:
``200`` (shown), ``login`` (sent to sign in), ``403``, ``404``, ``405`` (wrong method),
``302`` (another redirect, e.g. a signed-in person sent away from the sign-in page).
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from io import StringIO
from types import SimpleNamespace

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import get_page_models

from cms.enums import NriKind
from cms.models import HomePage, NriIndexPage, NriPage, StandardPage
from igfplus import roles
from igfplus.enums import Gender, RegionalGroup, StakeholderGroup
from intersessional.enums import BodyKind
from intersessional.models import IntersessionalBodyPage, IntersessionalIndexPage
from outcomes.models import LeadershipPanelPage, PolicyMessage, SessionReport
from sessions.enums import SessionStatus, Track
from sessions.models import SessionPage
from sessions.services.releases import release_schedule
from sessions.services.sessions import programme_page_for
from tests.factories import RoomFactory, UserFactory
from tests.factories.programme import SessionPageFactory, SessionTypeFactory
from tests.outcomes.test_selectors import build_scene
from tests.outcomes.views.test_pdf_reports import pdf_text
from tests.sessions.conftest import local, schedule

ROLES = (
    "anonymous",
    "participant",
    "organizer",
    "nri",
    "facilitator",
    "mag",
    "secretariat",
)
ROLE_GROUPS = {
    "participant": None,
    "organizer": roles.SESSION_ORGANIZER,
    "nri": roles.NRI_COORDINATOR,
    "facilitator": roles.INTERSESSIONAL_FACILITATOR,
    "mag": roles.MAG_MEMBER,
    "secretariat": roles.SECRETARIAT,
}

# One string per private object; none may appear in any answer outside the admin.
SENTINELS = {
    "unreleased session": "Sentinel7f3a unreleased session",
    "draft outcome document": "Sentinel7f3a draft outcome document",
    "draft message": "Sentinel7f3a draft message",
    "deleted message": "Sentinel7f3a deleted message",
    "unreleased session's report": "Sentinel7f3a report of an unreleased session",
    "someone else's draft proposal": "Sentinel7f3a someone else's draft proposal",
    "someone else's e-mail": "sentinel7f3a.private@example.org",
}


@dataclass(frozen=True)
class Case:
    """One request: ``path`` may name scene values as ``{name}``; ``expected`` per role."""

    path: str
    expected: str
    method: str = "get"
    # A known defect: the case is expected to fail (strictly) until it is fixed.
    known_issue: str = ""

    def outcomes(self) -> dict[str, str]:
        values = self.expected.split()
        assert len(values) == len(ROLES), self
        return dict(zip(ROLES, values, strict=True))


def everyone(code: str) -> str:
    return " ".join([code] * len(ROLES))


OPEN = everyone("200")
SIGNED_IN = "login " + " ".join(["200"] * 6)
POST_ONLY = everyone("405")
# The admin: roles with "access_admin" get in; a signed-in person without it is sent to
# the sign-in page with a message, as Wagtail does.
ADMIN = "login login login 200 200 200 200"
SIGNED_IN_SENT_AWAY = "200 " + " ".join(["302"] * 6)
# Anonymous visitors are asked to sign in; signed-in people are sent on: back to the page
# after a change (a star, a comment), or away from allauth steps that need a step before
# them (a pending sign-in, a code sent, a new key).
SIGNED_IN_ELSEWHERE = "login " + " ".join(["302"] * 6)
# Someone else's object, or one that does not exist for this person: not found.
SIGNED_IN_NOT_FOUND = "login " + " ".join(["404"] * 6)


# Routes are written as Django prints them (``str(pattern)``), joined along includes.
EXPECTED: dict[str, list[Case]] = {
    # --- the admin, classified as a group (staff only) ------------------------------------
    "admin/": [
        Case("/admin/", ADMIN),
        # The agenda builder: only roles that schedule (MAG, secretariat) may use it;
        # NRI coordinators and facilitators reach the admin but are sent back from it.
        Case(
            "/admin/agenda-builder/{edition_pk}/", "login login login 302 302 200 200"
        ),
        Case(
            "/admin/agenda-builder/{edition_pk}/place/",
            "login login login 302 302 400 400",
            "post",
        ),
    ],
    # The admin's own sign-in and password reset lead to allauth's.
    "admin/login/": [Case("/admin/login/", everyone("login"))],
    "admin/password_reset/": [Case("/admin/password_reset/", everyone("302"))],
    # --- documents (Wagtail) -----------------------------------------------------------
    r"documents/^(\d+)/(.*)$": [Case("/documents/999999/missing.pdf", everyone("404"))],
    "documents/authenticate_with_password/<int:restriction_id>/": [
        Case("/documents/authenticate_with_password/999999/", everyone("404"))
    ],
    # --- accounts (IGF+ and allauth) ---------------------------------------------------
    "accounts/profile/": [Case("/accounts/profile/", SIGNED_IN)],
    "accounts/my-data.json": [Case("/accounts/my-data.json", SIGNED_IN)],
    "accounts/delete/": [Case("/accounts/delete/", SIGNED_IN)],
    "accounts/calendar-link/": [
        Case("/accounts/calendar-link/", POST_ONLY),
        Case("/accounts/calendar-link/", SIGNED_IN, "post"),
    ],
    "accounts/login/": [Case("/accounts/login/", SIGNED_IN_SENT_AWAY)],
    "accounts/logout/": [Case("/accounts/logout/", "302 200 200 200 200 200 200")],
    "accounts/inactive/": [Case("/accounts/inactive/", OPEN)],
    "accounts/signup/": [Case("/accounts/signup/", SIGNED_IN_SENT_AWAY)],
    "accounts/reauthenticate/": [Case("/accounts/reauthenticate/", SIGNED_IN)],
    "accounts/reauthenticate/code/": [
        Case("/accounts/reauthenticate/code/", SIGNED_IN)
    ],
    "accounts/reauthenticate/code/confirm/": [
        Case("/accounts/reauthenticate/code/confirm/", SIGNED_IN_ELSEWHERE)
    ],
    "accounts/email/": [Case("/accounts/email/", SIGNED_IN)],
    "accounts/confirm-email/": [Case("/accounts/confirm-email/", OPEN)],
    "accounts/password/change/": [Case("/accounts/password/change/", SIGNED_IN)],
    "accounts/password/set/": [
        Case("/accounts/password/set/", "login 302 302 302 302 302 302")
    ],
    "accounts/password/reset/": [Case("/accounts/password/reset/", OPEN)],
    "accounts/login/code/confirm/": [
        Case("/accounts/login/code/confirm/", SIGNED_IN_ELSEWHERE)
    ],
    r"accounts/^confirm-email/(?P<key>[-:\w]+)/$": [
        Case("/accounts/confirm-email/not-a-key/", OPEN)
    ],
    "accounts/password/reset/key/done/": [
        Case("/accounts/password/reset/key/done/", OPEN)
    ],
    r"accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": [
        Case("/accounts/password/reset/key/1-not-a-key/", OPEN)
    ],
    "accounts/password/reset/done/": [Case("/accounts/password/reset/done/", OPEN)],
    "accounts/2fa/": [Case("/accounts/2fa/", SIGNED_IN)],
    "accounts/2fa/authenticate/": [
        Case("/accounts/2fa/authenticate/", SIGNED_IN_ELSEWHERE)
    ],
    "accounts/2fa/reauthenticate/": [
        Case("/accounts/2fa/reauthenticate/", "login 302 302 302 302 200 200")
    ],
    "accounts/2fa/totp/activate/": [
        Case("/accounts/2fa/totp/activate/", SIGNED_IN_ELSEWHERE)
    ],
    "accounts/2fa/totp/deactivate/": [
        Case("/accounts/2fa/totp/deactivate/", "login 404 404 404 404 302 302")
    ],
    "accounts/2fa/recovery-codes/": [
        Case("/accounts/2fa/recovery-codes/", SIGNED_IN_NOT_FOUND)
    ],
    "accounts/2fa/recovery-codes/generate/": [
        Case("/accounts/2fa/recovery-codes/generate/", SIGNED_IN_ELSEWHERE)
    ],
    "accounts/2fa/recovery-codes/download/": [
        Case("/accounts/2fa/recovery-codes/download/", SIGNED_IN_NOT_FOUND)
    ],
    "accounts/2fa/webauthn/": [Case("/accounts/2fa/webauthn/", SIGNED_IN)],
    "accounts/2fa/webauthn/add/": [
        Case("/accounts/2fa/webauthn/add/", SIGNED_IN_ELSEWHERE)
    ],
    "accounts/2fa/webauthn/reauthenticate/": [
        Case("/accounts/2fa/webauthn/reauthenticate/", SIGNED_IN_ELSEWHERE)
    ],
    "accounts/2fa/webauthn/keys/<int:pk>/remove/": [
        Case("/accounts/2fa/webauthn/keys/999999/remove/", SIGNED_IN_ELSEWHERE)
    ],
    "accounts/2fa/webauthn/keys/<int:pk>/edit/": [
        Case("/accounts/2fa/webauthn/keys/999999/edit/", SIGNED_IN_ELSEWHERE)
    ],
    "i18n/setlang/": [Case("/i18n/setlang/", everyone("302"))],
    # --- personal pages ----------------------------------------------------------------
    "my/reports/": [Case("/my/reports/", SIGNED_IN)],
    "my/reports/<int:session_pk>/": [
        Case("/my/reports/{hidden_session}/", SIGNED_IN_NOT_FOUND),
    ],
    "my/watchlist/": [Case("/my/watchlist/", SIGNED_IN)],
    "my/watchlist/follow/": [
        Case("/my/watchlist/follow/", POST_ONLY),
        Case("/my/watchlist/follow/", SIGNED_IN_NOT_FOUND, "post"),
    ],
    "my/watchlist/feed-link/": [
        Case("/my/watchlist/feed-link/", POST_ONLY),
        Case("/my/watchlist/feed-link/", SIGNED_IN, "post"),
    ],
    "outcomes/watchlist/<str:token>.atom": [
        Case("/outcomes/watchlist/not-a-token.atom", everyone("404"))
    ],
    "my/proposals/": [Case("/my/proposals/", SIGNED_IN)],
    "my/proposals/<slug:edition>/new/": [
        Case("/my/proposals/{edition}/new/", "login 200 200 200 200 403 200")
    ],
    "my/proposals/<int:pk>/": [
        Case("/my/proposals/{own_proposal}/", "login 404 200 404 404 404 404"),
        Case("/my/proposals/{others_proposal}/", "login 404 404 404 404 404 404"),
    ],
    "my/agenda/": [Case("/my/agenda/", SIGNED_IN)],
    "my/agenda/star/<uuid:guid>/": [
        Case("/my/agenda/star/{released_guid}/", POST_ONLY),
        Case("/my/agenda/star/{released_guid}/", SIGNED_IN_ELSEWHERE, "post"),
        Case("/my/agenda/star/{hidden_guid}/", SIGNED_IN_NOT_FOUND, "post"),
    ],
    "calendar/<str:token>.ics": [Case("/calendar/not-a-token.ics", everyone("404"))],
    # --- outcomes ----------------------------------------------------------------------
    "outcomes/": [Case("/outcomes/", OPEN)],
    "outcomes/dashboard/": [Case("/outcomes/dashboard/", OPEN)],
    "outcomes/documents/<slug:edition>/<slug:slug>/": [
        Case("/outcomes/documents/{edition}/messages/", OPEN),
        Case("/outcomes/documents/{edition}/draft/", everyone("404")),
    ],
    "outcomes/messages/<uuid:guid>/": [
        Case("/outcomes/messages/{public_message}/", OPEN),
        Case("/outcomes/messages/{draft_message}/", everyone("404")),
        Case("/outcomes/messages/{deleted_message}/", everyone("404")),
    ],
    "outcomes/messages/<uuid:guid>/comment/": [
        Case(
            "/outcomes/messages/{public_message}/comment/",
            "login 405 405 405 405 405 405",
        ),
        Case(
            "/outcomes/messages/{public_message}/comment/",
            SIGNED_IN_ELSEWHERE,
            "post",
        ),
        # Sent back with "comments are closed": a draft takes no comment.
        Case(
            "/outcomes/messages/{draft_message}/comment/",
            SIGNED_IN_ELSEWHERE,
            "post",
        ),
    ],
    "outcomes/forums/": [Case("/outcomes/forums/", OPEN)],
    "outcomes/forums/<slug:slug>/": [Case("/outcomes/forums/tcom/", OPEN)],
    "outcomes/sessions/<uuid:guid>/": [
        Case("/outcomes/sessions/{released_guid}/", OPEN),
        Case("/outcomes/sessions/{hidden_guid}/", everyone("404")),
    ],
    "outcomes/editions/<slug:acronym>/": [Case("/outcomes/editions/{edition}/", OPEN)],
    "outcomes/outcomes.json": [Case("/outcomes/outcomes.json", OPEN)],
    # --- open data and privacy -----------------------------------------------------------
    "open-data/": [Case("/open-data/", OPEN)],
    "open-data/nris.csv": [Case("/open-data/nris.csv", OPEN)],
    "open-data/nris.json": [Case("/open-data/nris.json", OPEN)],
    "open-data/<slug:edition>/programme.csv": [
        Case("/open-data/{edition}/programme.csv", OPEN),
        Case("/open-data/no-such-edition/programme.csv", everyone("404")),
    ],
    "open-data/<slug:edition>/programme.json": [
        Case("/open-data/{edition}/programme.json", OPEN)
    ],
    "open-data/<slug:edition>/outcomes.csv": [
        Case("/open-data/{edition}/outcomes.csv", OPEN)
    ],
    "open-data/<slug:edition>/outcomes.json": [
        Case("/open-data/{edition}/outcomes.json", OPEN)
    ],
    "open-data/<slug:edition>/transmissions.csv": [
        Case("/open-data/{edition}/transmissions.csv", OPEN)
    ],
    "privacy/": [Case("/privacy/", OPEN)],
    "outcomes/editions/<slug:acronym>/outcomes.json": [
        Case("/outcomes/editions/{edition}/outcomes.json", OPEN)
    ],
    "outcomes/editions/<slug:acronym>/messages.pdf": [
        Case("/outcomes/editions/{edition}/messages.pdf", OPEN)
    ],
    "outcomes/forums/<slug:slug>/transmissions.pdf": [
        Case("/outcomes/forums/tcom/transmissions.pdf", OPEN)
    ],
    "outcomes/sessions/<uuid:guid>/report.pdf": [
        Case("/outcomes/sessions/{released_guid}/report.pdf", OPEN),
        Case("/outcomes/sessions/{hidden_guid}/report.pdf", everyone("404")),
    ],
    # --- search ------------------------------------------------------------------------
    "search/": [
        Case("/search/?q=Sentinel7f3a", OPEN),
        Case("/search/?q=community", OPEN),
        Case("/search/?q=Sentinel7f3a&format=json", OPEN),
    ],
    "search/suggest": [Case("/search/suggest?q=Sentinel7f3a", OPEN)],
    # --- the open-data API (igfplus/api): public reads; writes only with a token, never
    # with a signed-in browser session ------------------------------------------------
    "api/v1/": [Case("/api/v1/", OPEN)],
    "api/v1/openapi.json": [Case("/api/v1/openapi.json", OPEN)],
    "api/v1/docs": [Case("/api/v1/docs", OPEN)],
    "api/v1/editions": [Case("/api/v1/editions", OPEN)],
    "api/v1/editions/<acronym>": [
        Case("/api/v1/editions/{edition}", OPEN),
        Case("/api/v1/editions/no-such-edition", everyone("404")),
    ],
    "api/v1/themes": [Case("/api/v1/themes", OPEN)],
    "api/v1/rooms": [Case("/api/v1/rooms", OPEN)],
    "api/v1/releases": [Case("/api/v1/releases", OPEN)],
    "api/v1/sessions": [
        Case("/api/v1/sessions?edition={edition}", OPEN),
        Case("/api/v1/sessions", everyone("400")),
    ],
    "api/v1/sessions/<guid>": [
        Case("/api/v1/sessions/{released_guid}", OPEN),
        Case("/api/v1/sessions/{hidden_guid}", everyone("404")),
    ],
    "api/v1/people": [Case("/api/v1/people?edition={edition}", OPEN)],
    "api/v1/nris": [Case("/api/v1/nris", OPEN)],
    "api/v1/intersessional/bodies": [Case("/api/v1/intersessional/bodies", OPEN)],
    "api/v1/intersessional/outputs": [Case("/api/v1/intersessional/outputs", OPEN)],
    "api/v1/documents": [Case("/api/v1/documents", OPEN)],
    "api/v1/documents/<guid>": [
        Case("/api/v1/documents/00000000-0000-4000-8000-000000000000", everyone("404"))
    ],
    "api/v1/messages": [Case("/api/v1/messages", OPEN)],
    "api/v1/messages/<guid>": [
        Case("/api/v1/messages/{public_message}", OPEN),
        Case("/api/v1/messages/{draft_message}", everyone("404")),
        Case("/api/v1/messages/{deleted_message}", everyone("404")),
    ],
    "api/v1/forums": [Case("/api/v1/forums", OPEN)],
    "api/v1/forums/<slug>": [Case("/api/v1/forums/tcom", OPEN)],
    "api/v1/transmissions": [
        Case("/api/v1/transmissions", OPEN),
        Case("/api/v1/transmissions", everyone("401"), "post"),
    ],
    "api/v1/transmissions/<guid>": [
        Case(
            "/api/v1/transmissions/00000000-0000-4000-8000-000000000000",
            everyone("404"),
        )
    ],
    "api/v1/uptake-events": [Case("/api/v1/uptake-events", OPEN)],
    "api/v1/transmissions/<guid>/uptake-events": [
        Case(
            "/api/v1/transmissions/00000000-0000-4000-8000-000000000000/uptake-events",
            everyone("401"),
            "post",
        )
    ],
    "api/v1/search": [Case("/api/v1/search?q=Sentinel7f3a", OPEN)],
    "api/v1/<path:rest>": [Case("/api/v1/no-such-endpoint", everyone("404"))],
    # --- programme files ---------------------------------------------------------------
    "<slug:edition>/programme/schedule.ics": [
        Case("/{edition}/programme/schedule.ics", OPEN)
    ],
    "<slug:edition>/programme/sessions/<uuid:guid>.ics": [
        Case("/{edition}/programme/sessions/{released_guid}.ics", OPEN),
        Case("/{edition}/programme/sessions/{hidden_guid}.ics", everyone("404")),
    ],
    "<slug:edition>/programme/schedule.xml": [
        Case("/{edition}/programme/schedule.xml", OPEN)
    ],
    "<slug:edition>/programme/schedule.json": [
        Case("/{edition}/programme/schedule.json", OPEN)
    ],
    "<slug:edition>/programme/programme.pdf": [
        Case("/{edition}/programme/programme.pdf", OPEN)
    ],
    # --- NRI calendars (cms.urls) ------------------------------------------------------
    "nris/events.ics": [Case("/nris/events.ics", OPEN)],
    "nris/<slug:slug>/events.ics": [
        Case("{nri_url}events.ics", OPEN),
        Case("/nris/no-such-nri/events.ics", everyone("404")),
    ],
    # --- intersessional meeting calendars ------------------------------------------------
    "intersessional/meetings.ics": [Case("/intersessional/meetings.ics", OPEN)],
    "intersessional/<slug:slug>/meetings.ics": [
        Case("{body_url}meetings.ics", OPEN),
        Case("/intersessional/no-such-body/meetings.ics", everyone("404")),
    ],
    # --- the forum's calendar (intersessional.forum_calendar) --------------------------
    "events/": [Case("/events/", OPEN), Case("/events/?kind=nri", OPEN)],
    "events.ics": [Case("/events.ics", OPEN)],
    # --- Wagtail's own helpers ---------------------------------------------------------
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": [
        Case("/_util/authenticate_with_password/999999/999999/", everyone("404"))
    ],
    "_util/login/": [Case("/_util/login/", OPEN)],
    # --- the page tree: every page type, then each routable page's sub-pages -----------
    r"^((?:[\w\-]+/)*)$": [Case("/no-such-page/", everyone("404"))],
    "page:cms.HomePage": [Case("/", OPEN)],
    "page:cms.ForumEditionPage": [Case("/{edition}/", OPEN)],
    "page:cms.StandardPage": [Case("{standard_url}", OPEN)],
    "page:cms.NriIndexPage": [Case("{nri_index_url}", OPEN)],
    "page:cms.NriPage": [Case("{nri_url}", OPEN)],
    "page:intersessional.IntersessionalIndexPage": [Case("{bodies_url}", OPEN)],
    "page:intersessional.IntersessionalBodyPage": [Case("{body_url}", OPEN)],
    "route:intersessional.IntersessionalBodyPage:outputs/<int:output_id>/": [
        Case("{body_url}outputs/999999/", everyone("404"))
    ],
    "route:intersessional.IntersessionalBodyPage:outputs/<int:output_id>/comments/<int:comment_id>/<slug:decision>/": [
        Case("{body_url}outputs/999999/comments/999999/accept/", POST_ONLY)
    ],
    "page:outcomes.LeadershipPanelPage": [Case("{panel_url}", OPEN)],
    "page:forum_sessions.ProgrammePage": [Case("/{edition}/programme/", OPEN)],
    "page:forum_sessions.SessionPage": [
        Case("{released_url}", OPEN),
        Case("{hidden_url}", everyone("404")),
    ],
    "route:forum_sessions.ProgrammePage:tracks/<slug:track>/": [
        Case("/{edition}/programme/tracks/parliamentary/", OPEN),
        Case("/{edition}/programme/tracks/no-such-track/", everyone("404")),
    ],
    "route:forum_sessions.ProgrammePage:changes/": [
        Case("/{edition}/programme/changes/", OPEN)
    ],
}


# --- walking the URL configuration and the page types ------------------------------------


def url_routes() -> list[str]:
    """Every URL pattern of the project as one route string; the admin as one group."""

    def walk(resolver: URLResolver, prefix: str):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if route == "admin/":
                    yield route
                    continue
                yield from walk(pattern, route)
            elif isinstance(pattern, URLPattern):
                yield route

    return list(dict.fromkeys(walk(get_resolver(), "")))


def page_routes() -> list[str]:
    """Every page type, and every sub-page route of the routable ones."""
    found = []
    for model in get_page_models():
        if model._meta.label == "wagtailcore.Page":
            continue
        found.append(f"page:{model._meta.label}")
        if issubclass(model, RoutablePageMixin):
            for pattern in model.get_subpage_urls():
                route = str(pattern.pattern)
                if route not in ("", "^$"):
                    found.append(f"route:{model._meta.label}:{route}")
    return found


def test_every_url_is_classified():
    unclassified = [
        route for route in url_routes() + page_routes() if route not in EXPECTED
    ]
    assert not unclassified, "\n".join(
        f"unclassified URL: {route}" for route in unclassified
    )


# --- the scene: one object of each kind, public and private ------------------------------


def build_world() -> SimpleNamespace:
    s = build_scene()  # an edition, released and unreleased sessions, outcomes, forums
    home = HomePage.objects.get()
    standard = child_page(home, StandardPage, title="About IGF+", slug="about")
    nri_index = child_page(home, NriIndexPage, title="NRIs", slug="nris")
    nri = child_page(
        nri_index,
        NriPage,
        title="Ghana IGF",
        slug="ghana-igf",
        acronym="GH-IGF",
        kind=NriKind.NATIONAL,
        country="GH",
    )
    bodies = child_page(
        home,
        IntersessionalIndexPage,
        title="Intersessional work",
        slug="intersessional",
    )
    body = child_page(
        bodies,
        IntersessionalBodyPage,
        title="Policy Network on Meaningful Access",
        slug="pnma",
        kind=BodyKind.POLICY_NETWORK,
        first_year=2021,
    )
    panel = child_page(
        home, LeadershipPanelPage, title="Leadership Panel", slug="leadership-panel"
    )

    parliament = SessionTypeFactory(
        edition=s.edition, prefix="PT", track=Track.PARLIAMENTARY
    )
    hearing = SessionPageFactory(session_type=parliament, title="Parliamentarians")
    schedule(hearing, RoomFactory(edition=s.edition), local(s.edition, 2, 10))
    release_schedule(edition=s.edition, by=None, message="Second")

    users = {}
    for role, group in ROLE_GROUPS.items():
        user = UserFactory(
            email=f"{role}@example.org",
            roles=[group] if group else [],
            name=f"{role.title()} Person",
            organisation="Example",
            stakeholder_group=StakeholderGroup.CIVIL_SOCIETY,
            regional_group=RegionalGroup.AFRICAN,
            gender=Gender.FEMALE,
        )
        if group in (roles.MAG_MEMBER, roles.SECRETARIAT):
            TOTP.activate(user, generate_totp_secret())
        users[role] = user
    stranger = UserFactory(email=SENTINELS["someone else's e-mail"])

    # Private objects, each carrying its sentinel.
    SessionPage.objects.filter(pk=s.hidden_session.pk).update(
        title=SENTINELS["unreleased session"]
    )
    type(s.draft).objects.filter(pk=s.draft.pk).update(
        title=SENTINELS["draft outcome document"]
    )
    PolicyMessage.objects.filter(pk=s.draft_message.pk).update(
        title=SENTINELS["draft message"]
    )
    PolicyMessage.objects.filter(pk=s.deleted.pk).update(
        title=SENTINELS["deleted message"]
    )
    SessionReport.objects.filter(pk=s.hidden_report.pk).update(
        summary=SENTINELS["unreleased session's report"]
    )
    others = SessionPageFactory(
        edition=s.edition,
        title=SENTINELS["someone else's draft proposal"],
        status=SessionStatus.DRAFT,
        by=stranger,
    )
    own = SessionPageFactory(
        edition=s.edition,
        title="My own proposal",
        status=SessionStatus.PROPOSED,
        by=users["organizer"],
        submitted_at=dt.datetime(2030, 3, 1, tzinfo=dt.UTC),
    )
    # Search reads its index: rebuild it now that every object exists (as after a deploy);
    # a private object that reaches the index then shows in /search/ and fails the test.
    call_command("search_reindex", stdout=StringIO())
    programme = programme_page_for(s.edition)
    values = {
        "edition": s.edition.slug,
        "edition_pk": s.edition.pk,
        "released_guid": s.session.guid,
        "hidden_guid": s.hidden_session.guid,
        "hidden_session": s.hidden_session.pk,
        "public_message": s.first.guid,
        "draft_message": s.draft_message.guid,
        "deleted_message": s.deleted.guid,
        "own_proposal": own.pk,
        "others_proposal": others.pk,
        "released_url": f"{programme.url}{s.session.slug}/",
        "hidden_url": f"{programme.url}{s.hidden_session.slug}/",
        "standard_url": standard.url,
        "nri_index_url": nri_index.url,
        "nri_url": nri.url,
        "bodies_url": bodies.url,
        "body_url": body.url,
        "panel_url": panel.url,
    }
    return SimpleNamespace(users=users, values=values)


def child_page(parent, model, **fields):
    """The live page of this type under ``parent``: the one migrations made, or a new one."""
    existing = model.objects.live().child_of(parent).first()
    if existing is not None:
        return existing
    page = model(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def case_params():
    for route, cases in EXPECTED.items():
        for case in cases:
            marks = [pytest.mark.xfail(strict=True, reason=case.known_issue)]
            yield pytest.param(
                route,
                case,
                id=f"{case.method.upper()} {case.path}",
                marks=marks if case.known_issue else [],
            )


def outcome_of(response) -> str:
    if response.status_code in (301, 302):
        location = response["Location"]
        return "login" if location.startswith("/accounts/login/") else "302"
    return str(response.status_code)


def text_of(response) -> str:
    content = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    # PDFs are compressed: read their text as a person (or a search engine) would.
    if content.startswith(b"%PDF") and shutil.which("pdftotext"):
        return pdf_text(content)
    return content.decode("utf-8", errors="replace")


@pytest.fixture(scope="module")
def clients(world, django_db_blocker) -> dict[str, Client]:
    """A browser per role, signed in once for the module (sessions live in the world's
    transaction). A crashing view answers 500 instead of stopping the test."""
    signed_in = {"anonymous": Client(raise_request_exception=False)}
    with django_db_blocker.unblock():
        for role, user in world.users.items():
            signed_in[role] = Client(raise_request_exception=False)
            signed_in[role].force_login(user)
    return signed_in


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "case"), list(case_params()))
def test_each_role_gets_what_it_may_see_and_nothing_private(
    world, clients, route, case
):
    path = case.path.format(**world.values)
    actual, leaks = {}, []
    for role in ROLES:
        response = getattr(clients[role], case.method)(path)
        actual[role] = outcome_of(response)
        if route == "admin/":
            continue  # the admin shows drafts to the people who edit them
        body = text_of(response).lower()
        leaks += [
            f"{role} sees the {name} at {path}"
            for name, sentinel in SENTINELS.items()
            if sentinel.lower() in body
        ]
    assert actual == case.outcomes(), f"{path}: actual {' '.join(actual.values())!r}"
    assert not leaks, "\n".join(leaks)
