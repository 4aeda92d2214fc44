"""Sessions in their edition's latest release (live pages only), with their people."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from django.utils.translation import gettext_lazy as _

from cms.models import ForumEditionPage
from outcomes.selectors import public_session_ids
from search.registry import Adapter, Watch
from search.services.documents import SearchDocument
from sessions.models import (
    Person,
    Release,
    ReleasedSession,
    SessionPage,
    SessionParticipant,
)
from sessions.selectors import ProgrammeFilters, PublicSession, public_schedule


class SessionAdapter(Adapter):
    kind = "session"
    label = _("Session")

    def watches(self) -> list[Watch]:
        return [
            Watch(SessionPage, lambda page: [str(page.pk)], is_own_model=True),
            Watch(ReleasedSession, lambda row: [str(row.session_id)]),
            Watch(SessionParticipant, lambda row: [str(row.session_id)]),
            Watch(Release, _sessions_of_release),
            Watch(Person, _sessions_of_person),
        ]

    def public_keys(self) -> Iterator[str]:
        for pk in public_session_ids().order_by("pk").values_list("pk", flat=True):
            yield str(pk)

    def public_count(self) -> int:
        return public_session_ids().count()

    def documents(self, keys: Sequence[str]) -> dict[str, SearchDocument]:
        ids = [int(key) for key in keys if str(key).isdigit()]
        by_edition: dict[int, set[int]] = defaultdict(set)
        for pk, edition_id in SessionPage.objects.filter(
            pk__in=public_session_ids().filter(pk__in=ids)
        ).values_list("pk", "edition_id"):
            by_edition[edition_id].add(pk)
        found: dict[str, SearchDocument] = {}
        editions = ForumEditionPage.objects.in_bulk(list(by_edition))
        for edition_id, session_ids in by_edition.items():
            edition = editions[edition_id]
            schedule = public_schedule(
                edition, ProgrammeFilters(session_ids=frozenset(session_ids))
            )
            if schedule is None:
                continue
            for session in schedule.sessions:
                found[str(session.session_id)] = _document(session, edition)
        return found


def _document(session: PublicSession, edition: ForumEditionPage) -> SearchDocument:
    people = [
        f"{person.name} {person.organisation}".strip() for person in session.people
    ]
    body = "\n".join(
        part
        for part in (
            session.description,
            "\n".join(session.policy_questions),
            session.theme_name,
            session.type_name,
            ", ".join(people),
        )
        if part
    )
    return SearchDocument(
        kind=SessionAdapter.kind,
        key=str(session.session_id),
        title=f"{session.code} {session.title}",
        body=body,
        url=session.url,
        date=(session.start_at or session.changed_at).date(),
        edition=edition.slug,
        facets={
            "theme": (session.theme_name,),
            "session_type": (session.type_name,),
            "track": (session.track,),
            "stakeholder_group": tuple(p.stakeholder_group for p in session.people),
            "regional_group": tuple(p.regional_group for p in session.people),
        },
    )


def _sessions_of_release(release: Release) -> list[str]:
    return [
        str(pk)
        for pk in SessionPage.objects.filter(edition_id=release.edition_id).values_list(
            "pk", flat=True
        )
    ]


def _sessions_of_person(person: Person) -> list[str]:
    return [
        str(pk)
        for pk in SessionParticipant.objects.filter(person_id=person.pk).values_list(
            "session_id", flat=True
        )
    ]
