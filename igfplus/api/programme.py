"""Editions, sub-themes, rooms, releases, sessions and people — as the public programme
shows them: published editions, and sessions only from each edition's latest release."""

from __future__ import annotations

import uuid

from ninja import Query, Router

from cms.models import EditionTheme
from cms.selectors import live_editions
from igfplus.api.common import lines, live_edition, set_last_modified
from igfplus.api.errors import not_found
from igfplus.api.pagination import (
    PageParams,
    keyset_page,
    reject_unknown_parameters,
)
from igfplus.api.schemas import (
    EditionFilter,
    EditionOut,
    EditionPage,
    ErrorOut,
    NoFilters,
    PeopleFilters,
    PersonPage,
    ReleasePage,
    RoomPage,
    SessionFilters,
    SessionOut,
    SessionPage,
    ThemePage,
)
from sessions.models import Person, Release, Room
from sessions.models import SessionPage as SessionPageModel
from sessions.selectors import (
    ProgrammeFilters,
    latest_release,
    on_local_day,
    public_schedule,
    released_sessions,
)

router = Router(tags=["programme"])
LIST_ERRORS = {400: ErrorOut}
ONE_ERRORS = {400: ErrorOut, 404: ErrorOut}


def _edition_out(edition) -> dict:
    return {
        "acronym": edition.slug,
        "title": edition.title,
        "ordinal": edition.ordinal,
        "year": edition.year,
        "host_city": edition.host_city,
        "country": str(edition.country or ""),
        "venue": edition.venue,
        "start_on": edition.start_on,
        "end_on": edition.end_on,
        "time_zone": edition.time_zone,
        "overarching_theme": edition.overarching_theme,
        "format": edition.format,
        "url": edition.url or f"/{edition.slug}/",
    }


@router.get("/editions", response={200: EditionPage, **LIST_ERRORS})
def list_editions(request, page: Query[PageParams]):
    """Published editions of the annual meeting, oldest first."""
    reject_unknown_parameters(request, PageParams)
    rows, next_url = keyset_page(request, live_editions(), page)
    return {"items": [_edition_out(e) for e in rows], "next": next_url}


@router.get("/editions/{acronym}", response={200: EditionOut, **ONE_ERRORS})
def get_edition(request, acronym: str):
    """One published edition, by its acronym (e.g. igf2025)."""
    reject_unknown_parameters(request, NoFilters)
    edition = live_edition(acronym)
    if edition is None:
        raise not_found("edition", acronym)
    return _edition_out(edition)


@router.get("/themes", response={200: ThemePage, **LIST_ERRORS})
def list_themes(request, filters: Query[EditionFilter], page: Query[PageParams]):
    """The sub-themes of published editions."""
    reject_unknown_parameters(request, EditionFilter, PageParams)
    themes = EditionTheme.objects.filter(page__in=live_editions().values("pk"))
    if filters.edition is not None:
        themes = themes.filter(page__slug=filters.edition)
    rows, next_url = keyset_page(
        request,
        themes.values("pk", "page__slug", "name", "description", "policy_questions"),
        page,
    )
    return {
        "items": [
            {
                "id": row["pk"],
                "edition": row["page__slug"],
                "name": row["name"],
                "description": row["description"],
                "policy_questions": lines(row["policy_questions"]),
            }
            for row in rows
        ],
        "next": next_url,
    }


@router.get("/rooms", response={200: RoomPage, **LIST_ERRORS})
def list_rooms(request, filters: Query[EditionFilter], page: Query[PageParams]):
    """The rooms of published editions' venues."""
    reject_unknown_parameters(request, EditionFilter, PageParams)
    rooms = Room.objects.filter(edition__in=live_editions().values("pk"))
    if filters.edition is not None:
        rooms = rooms.filter(edition__slug=filters.edition)
    rows, next_url = keyset_page(
        request,
        rooms.values(
            "pk",
            "edition__slug",
            "name",
            "capacity",
            "has_hybrid_equipment",
            "has_webcast",
            "interpretation_languages",
        ),
        page,
    )
    return {
        "items": [
            {
                "id": row["pk"],
                "edition": row["edition__slug"],
                "name": row["name"],
                "capacity": row["capacity"],
                "has_hybrid_equipment": row["has_hybrid_equipment"],
                "has_webcast": row["has_webcast"],
                "interpretation_languages": list(row["interpretation_languages"] or []),
            }
            for row in rows
        ],
        "next": next_url,
    }


@router.get("/releases", response={200: ReleasePage, **LIST_ERRORS})
def list_releases(request, filters: Query[EditionFilter], page: Query[PageParams]):
    """Each release of a published edition's programme, with what changed."""
    reject_unknown_parameters(request, EditionFilter, PageParams)
    releases = Release.objects.filter(edition__in=live_editions().values("pk"))
    if filters.edition is not None:
        releases = releases.filter(edition__slug=filters.edition)
    # Not the reason for releasing despite conflicts: that is the secretariat's.
    rows, next_url = keyset_page(
        request,
        releases.values(
            "pk", "edition__slug", "number", "message", "changelog", "released_at"
        ),
        page,
    )
    set_last_modified(request, max((r["released_at"] for r in rows), default=None))
    return {
        "items": [
            {
                "edition": row["edition__slug"],
                "number": row["number"],
                "message": row["message"],
                "changes": list(row["changelog"] or []),
                "released_at": row["released_at"],
            }
            for row in rows
        ],
        "next": next_url,
    }


def _session_out(edition, session) -> dict:
    return {
        "guid": session.guid,
        "edition": edition.slug,
        "code": session.code,
        "title": session.title,
        "url": session.url,
        "status": session.status,
        "session_type_id": session.type_id,
        "session_type": session.type_name,
        "track": session.track,
        "theme_id": session.theme_id,
        "theme": session.theme_name,
        "description": session.description,
        "policy_questions": list(session.policy_questions),
        "discussion_format": session.discussion_format,
        "languages": list(session.languages),
        "delivery": session.delivery,
        "online_participation": session.online_participation,
        "room_id": session.room_id,
        "room": session.room_name,
        "start_at": session.start_at,
        "end_at": session.end_at,
        "changed_at": session.changed_at,
        # Never e-mail, gender or regional group: only what the programme shows.
        "people": [
            {
                "guid": person.guid,
                "name": person.name,
                "organisation": person.organisation,
                "stakeholder_group": person.stakeholder_group,
                "role": person.role,
                "presence": person.presence,
            }
            for person in session.people
        ],
    }


@router.get("/sessions", response={200: SessionPage, **LIST_ERRORS})
def list_sessions(request, filters: Query[SessionFilters], page: Query[PageParams]):
    """The sessions of an edition's latest release (never unreleased ones), filtered."""
    reject_unknown_parameters(request, SessionFilters, PageParams)
    edition = live_edition(filters.edition)
    release = latest_release(edition) if edition else None
    if release is None:
        return {"items": [], "next": None}
    person_id = None
    if filters.person is not None:
        person_id = (
            Person.objects.filter(guid=filters.person)
            .values_list("pk", flat=True)
            .first()
        )
        if person_id is None:
            return {"items": [], "next": None}
    rows = released_sessions(
        release,
        ProgrammeFilters(
            theme_id=filters.theme,
            type_id=filters.type,
            track=filters.track or "",
            room_id=filters.room,
            person_id=person_id,
        ),
    )
    if filters.day is not None:
        rows = on_local_day(rows, filters.day, edition.time_zone)
    ids, next_url = keyset_page(
        request, rows.values_list("session_id", flat=True), page, key="session_id"
    )
    set_last_modified(request, release.released_at)
    if not ids:
        return {"items": [], "next": next_url}
    schedule = public_schedule(
        edition, ProgrammeFilters(session_ids=frozenset(ids)), release=release
    )
    sessions = sorted(schedule.sessions, key=lambda s: s.session_id)
    return {"items": [_session_out(edition, s) for s in sessions], "next": next_url}


@router.get("/sessions/{guid}", response={200: SessionOut, **ONE_ERRORS})
def get_session(request, guid: uuid.UUID):
    """One session as its edition's latest release shows it."""
    reject_unknown_parameters(request, NoFilters)
    found = (
        SessionPageModel.objects.filter(guid=guid, edition__in=live_editions())
        .select_related("edition")
        .first()
    )
    release = latest_release(found.edition) if found else None
    schedule = release and public_schedule(
        found.edition,
        ProgrammeFilters(session_ids=frozenset([found.pk])),
        release=release,
    )
    if not schedule or not schedule.sessions:
        raise not_found("released session", guid)
    set_last_modified(request, release.released_at)
    return _session_out(found.edition, schedule.sessions[0])


@router.get("/people", response={200: PersonPage, **LIST_ERRORS})
def list_people(request, filters: Query[PeopleFilters], page: Query[PageParams]):
    """The people of an edition's released sessions: name, organisation and stakeholder
    group only (never e-mail, gender or account)."""
    reject_unknown_parameters(request, PeopleFilters, PageParams)
    edition = live_edition(filters.edition)
    release = latest_release(edition) if edition else None
    if release is None:
        return {"items": [], "next": None}
    people = Person.objects.filter(
        pk__in=released_sessions(release)
        .order_by()
        .values("session__participants__person_id")
    )
    rows, next_url = keyset_page(
        request,
        people.values("pk", "guid", "name", "organisation", "stakeholder_group"),
        page,
    )
    set_last_modified(request, release.released_at)
    return {
        "items": [
            {
                "guid": row["guid"],
                "name": row["name"],
                "organisation": row["organisation"],
                "stakeholder_group": row["stakeholder_group"],
            }
            for row in rows
        ],
        "next": next_url,
    }
