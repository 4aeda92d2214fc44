"""The demo programme of the current edition: types, 360 sessions over five days, one
release, a few conflicts left in the work in progress, and proposals under evaluation."""

from __future__ import annotations

import datetime as dt
import random
from itertools import cycle

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from igfplus import roles
from igfplus.demo import DEMO_PASSWORD
from igfplus.models import User
from sessions.enums import (
    Delivery,
    DiscussionFormat,
    PersonRole,
    Presence,
    SessionStatus,
    Track,
)
from sessions.models import (
    Person,
    ProgrammeRules,
    Room,
    SessionPage,
    SessionType,
    Star,
)
from sessions.services.evaluation import (
    assign_reviewers,
    rate_proposal,
    screen_proposal,
)
from sessions.services.releases import release_schedule
from sessions.services.scheduling import place_session
from sessions.services.sessions import (
    ParticipantSpec,
    create_session,
    update_session_content,
)

# (name, prefix, durations, webcast, transcription, interpretation, track, count)
SESSION_TYPES = [
    ("Opening / Closing ceremony", "OC", [90], True, True, True, "", 2),
    ("Main Session", "MS", [90], True, True, True, "", 10),
    ("High-Level Session", "HL", [90], True, True, True, Track.HIGH_LEVEL, 8),
    (
        "Parliamentary Track session",
        "PT",
        [90],
        True,
        True,
        True,
        Track.PARLIAMENTARY,
        8,
    ),
    (
        "Youth Track / Global Youth Summit",
        "YT",
        [90],
        True,
        True,
        False,
        Track.YOUTH,
        6,
    ),
    ("Workshop", "WS", [60, 90], True, True, False, "", 150),
    ("Open Forum", "OF", [60], True, True, False, "", 60),
    ("Town Hall", "TH", [60], True, False, False, "", 10),
    ("Lightning Talk", "LT", [20, 30], True, False, False, "", 30),
    ("Launch / Award", "LA", [30, 45], True, False, False, "", 6),
    ("Networking Session", "NS", [60], False, False, False, "", 16),
    ("Day 0 Event", "D0", [60, 90, 120], True, False, False, "", 24),
    ("Dynamic Coalition session", "DC", [60, 90], True, True, False, "", 12),
    ("BPF / Policy Network session", "PN", [90], True, True, False, "", 8),
    ("NRI Collaborative Session", "NRI", [60], True, True, False, "", 6),
    ("NRIs Main Session", "NRIM", [90], True, True, True, "", 1),
    ("NRIs Coordination Session", "NRIC", [60], False, False, False, "", 1),
    ("Newcomers", "NC", [60], True, False, False, "", 2),
    ("Open Mic / Taking Stock", "OM", [60], True, True, False, "", 1),
]
WORKSHOP_PROPOSALS = 40
EXTRA_MAG_MEMBERS = ["Kwame MAG", "Ingrid MAG", "Mei MAG", "Diego MAG", "Olga MAG"]

TOPICS = [
    "AI governance",
    "Data flows with trust",
    "Meaningful connectivity",
    "Online safety for children",
    "Internet fragmentation",
    "Cybersecurity norms",
    "Digital public infrastructure",
    "Content moderation",
    "Community networks",
    "Digital identity",
    "Open standards",
    "Climate and the Internet",
    "Disinformation",
    "Privacy by design",
    "Multilingual Internet",
    "Gender and access",
    "Cybercrime cooperation",
    "WSIS+20",
    "The Global Digital Compact",
    "Submarine cables",
    "Platform accountability",
    "Digital skills",
    "Internet shutdowns",
    "Quantum-safe security",
    "Local content",
    "Youth participation",
    "Spectrum policy",
]
ANGLES = [
    "in the Global South",
    "for small island states",
    "after WSIS+20",
    "from a rights perspective",
    "for small businesses",
    "and the multistakeholder model",
    "in practice: lessons from NRIs",
    "for the next billion users",
    "and the SDGs",
    "across borders",
    "in crisis settings",
]
# Local start times of the five meeting days' slots; 90 minutes each with breaks between.
SLOTS = [
    dt.time(9, 0),
    dt.time(10, 45),
    dt.time(12, 30),
    dt.time(14, 15),
    dt.time(16, 0),
    dt.time(17, 30),
]


def load_programme(*, edition, log) -> None:
    if edition.sessions.exists():
        log(
            f"Programme of {edition.title}: already there ({edition.sessions.count()} sessions)"
        )
        return
    rules = ProgrammeRules.for_edition(edition)
    # 24 rooms in parallel and four sub-themes: up to seven sessions of one theme at once.
    rules.max_parallel_per_theme = 7
    rules.save(update_fields=["max_parallel_per_theme"])
    types = _session_types(edition)
    rng = random.Random(20)  # noqa: S311 (demo content, not security)  # nosec B311  # seeded demo content
    people = list(Person.objects.order_by("pk"))
    specs = _session_specs(types)
    plan = _plan_slots(edition, specs)
    sessions = _create_and_place(edition, specs, plan, _cast(people, plan, rules), rng)
    release = release_schedule(
        edition=edition,
        by=None,
        message="The full programme, with all sessions placed.",
    )
    log(
        f"Programme of {edition.title}: {len(sessions)} sessions, release {release.number}"
    )
    _leave_conflicts(sessions)
    _starred_agenda(sessions, log)
    _proposals_under_evaluation(edition, types["WS"], people, rules, rng, log)


def _starred_agenda(sessions, log) -> None:
    """The demo participant's agenda: a dozen sessions, so My agenda and its feed show data."""
    user = User.objects.filter(email="participant@demo.igfplus.org").first()
    if user is None:
        return
    chosen = sessions[::30][:12]
    Star.objects.bulk_create(
        [Star(user=user, session=session) for session in chosen],
        ignore_conflicts=True,
    )
    log(f"  {user.email} starred {len(chosen)} sessions")


def _session_types(edition) -> dict[str, SessionType]:
    types = {}
    for order, (
        name,
        prefix,
        durations,
        webcast,
        transcription,
        interpretation,
        track,
        _n,
    ) in enumerate(SESSION_TYPES):
        types[prefix] = SessionType.objects.create(
            edition=edition,
            name=name,
            prefix=prefix,
            allowed_durations=durations,
            has_webcast=webcast,
            has_transcription=transcription,
            has_interpretation=interpretation,
            track=track,
            sort_order=order,
        )
    return types


def _session_specs(types) -> list[tuple[SessionType, str, int]]:
    """(type, title, minutes) for every session, in the order they are numbered."""
    specs = []
    for name, prefix, durations, *_flags, count in SESSION_TYPES:
        # The longest allowed duration that fits a 90-minute slot.
        minutes = max(d for d in durations if d <= 90)
        for n in range(count):
            topic = TOPICS[(len(specs) * 7) % len(TOPICS)]
            angle = ANGLES[len(specs) % len(ANGLES)]
            if prefix == "OC":
                title = "Opening ceremony" if n == 0 else "Closing ceremony"
            elif prefix in {"NRIM", "NRIC", "NC", "OM"}:
                title = name
            else:
                title = f"{topic} {angle}"
            specs.append((types[prefix], title, minutes))
    return specs


def _plan_slots(edition, specs) -> list[tuple[Room, dt.datetime, dt.datetime]]:
    """A room and time for each session: interpreted types in interpreted rooms, Day 0
    events on Day 0, lightning talks every half hour on their stage."""
    rooms = list(Room.objects.filter(edition=edition).order_by("sort_order"))
    interpreted = [r for r in rooms if len(r.interpretation_languages) == 6]
    hybrid = [r for r in rooms if r.has_hybrid_equipment and r not in interpreted]
    lightning_stage = next(r for r in rooms if r.name == "Lightning Talk Stage")
    free = {
        (day, slot, room.pk)
        for day in range(5)
        for slot in range(len(SLOTS))
        for room in rooms
    }
    lightning_times = cycle(
        (day, dt.time(hour, minute))
        for day in range(1, 5)
        for hour in range(10, 17)
        for minute in (0, 30)
    )
    plan = []
    for session_type, title, minutes in specs:
        if title == "Closing ceremony":
            # The last session of the last day, in the plenary.
            day, time, room = 4, SLOTS[-1], interpreted[0]
            free.discard((day, len(SLOTS) - 1, room.pk))
        elif session_type.prefix == "LT":
            day, time = next(lightning_times)
            room = lightning_stage
        else:
            candidates = interpreted if session_type.has_interpretation else hybrid
            days = [0] if session_type.prefix == "D0" else range(1, 5)
            day, slot, room = next(
                (d, s, r)
                for d in days
                for s in range(len(SLOTS))
                for r in candidates
                if (d, s, r.pk) in free
            )
            free.discard((day, slot, room.pk))
            time = SLOTS[slot]
        start = _local(edition, day, time)
        plan.append((room, start, start + dt.timedelta(minutes=minutes)))
    return plan


def _cast(people, plan, rules) -> list[list[ParticipantSpec]]:
    """Eight people per session, none in two places at once or over the per-person limit."""
    roles_and_presence = [
        (PersonRole.ORGANIZER, Presence.ONSITE),
        (PersonRole.SPEAKER, Presence.ONSITE),
        (PersonRole.SPEAKER, Presence.ONSITE),
        (PersonRole.SPEAKER, Presence.ONSITE),
        (PersonRole.SPEAKER, Presence.ONLINE),
        (PersonRole.ONSITE_MODERATOR, Presence.ONSITE),
        (PersonRole.ONLINE_MODERATOR, Presence.ONLINE),
        (PersonRole.RAPPORTEUR, Presence.ONSITE),
    ]
    busy: dict[int, list[tuple[dt.datetime, dt.datetime]]] = {}
    pool = cycle(people)
    casts = []
    for _room, start, end in plan:
        chosen: list[Person] = []
        while len(chosen) < len(roles_and_presence):
            person = next(pool)
            times = busy.setdefault(person.pk, [])
            if person in chosen or len(times) >= rules.max_sessions_per_person:
                continue
            if any(
                start < other_end and other_start < end
                for other_start, other_end in times
            ):
                continue
            times.append((start, end))
            chosen.append(person)
        casts.append(
            [
                ParticipantSpec(person, role, presence)
                for person, (role, presence) in zip(
                    chosen, roles_and_presence, strict=True
                )
            ]
        )
    return casts


def _participation_facets(index: int) -> dict:
    """Captions for a quarter of the sessions, sign language for one in ten, and some
    sessions with their own interpretation; the rest use their room's booths. By index,
    not by ``rng``, so the rest of the demo stays as it was."""
    facets: dict = {}
    if index % 4 == 0:
        facets["has_captioning"] = True
        facets["captioning_languages"] = ["en"]
    if index % 10 == 3:
        facets["sign_language"] = "International Sign"
    elif index % 25 == 7:
        facets["sign_language"] = "Saudi Sign Language"
    if index % 7 == 5:
        facets["interpretation_languages"] = ["ar", "fr", "es"]
    return facets


def _create_and_place(edition, specs, plan, casts, rng) -> list[SessionPage]:
    themes = list(edition.themes.all())
    sessions = []
    for (session_type, title, minutes), (room, start, end), cast in zip(
        specs, plan, casts, strict=True
    ):
        topic = title.split(" in ")[0]
        session = create_session(
            edition=edition,
            session_type=session_type,
            title=title,
            status=SessionStatus.ACCEPTED,
            participants=cast,
            description=(
                f"{title}: what has worked, what has not, and what the forum should carry to "
                "decision-makers. Speakers from every stakeholder group compare experiences and "
                "answer questions from onsite and online participants."
            ),
            policy_questions=f"What should change in {topic.lower()}?\nWho must act first?",
            theme=themes[len(sessions) % len(themes)] if themes else None,
            sdgs=sorted(rng.sample(range(1, 18), 2)),
            discussion_format=rng.choice([f.value for f in DiscussionFormat]),
            languages=["en"] if rng.random() < 0.8 else ["en", "fr"],
            delivery=Delivery.HYBRID,
            duration_minutes=minutes,
            # One workshop expects more people than its room holds (a soft conflict).
            expected_attendance=400
            if len(sessions) == 60
            else rng.choice([40, 60, 80, 120]),
            online_participation="Join through the IGF online platform; the link is shared with registered participants.",
            **_participation_facets(len(sessions)),
        )
        place_session(
            session=session,
            room=room,
            start_at=start,
            end_at=end,
            by=None,
            expected_version=None,
        )
        sessions.append(session)
    return sessions


def _local(edition, day: int, time: dt.time) -> dt.datetime:
    date = edition.start_on + dt.timedelta(days=day)
    return dt.datetime.combine(date, time, tzinfo=edition.tzinfo).astimezone(dt.UTC)


def _leave_conflicts(sessions) -> None:
    """Two hard clashes in the work in progress, made after the release, as the MAG
    would meet them in the agenda builder: a room double-booked, a speaker in two places."""
    workshops = [s for s in sessions if s.session_type.prefix == "WS"]
    moved, target = workshops[0], workshops[1].placement
    start = target.start_at + dt.timedelta(minutes=30)
    place_session(
        session=moved,
        room=target.room,
        start_at=start,
        end_at=start + dt.timedelta(minutes=moved.duration_minutes),
        by=None,
        expected_version=moved.placement.version,
    )
    busy = workshops[5]
    parallel = next(
        s
        for s in workshops[6:]
        if s.placement.start_at == busy.placement.start_at
        and s.placement.room_id != busy.placement.room_id
    )
    speaker = busy.participants.filter(role=PersonRole.SPEAKER).first().person
    cast = [
        ParticipantSpec(p.person, p.role, p.presence, p.is_confirmed)
        for p in parallel.participants.order_by("sort_order")
    ]
    update_session_content(
        session=parallel, participants=[*cast, ParticipantSpec(speaker)]
    )


def _proposals_under_evaluation(
    edition, workshop_type, people, rules, rng, log
) -> None:
    members = _mag_members()
    rules.reviews_per_proposal = 3
    rules.save(update_fields=["reviews_per_proposal"])
    proposers = people[-200:]
    proposals = []
    for n in range(WORKSHOP_PROPOSALS):
        topic, angle = TOPICS[n % len(TOPICS)], ANGLES[(n * 3) % len(ANGLES)]
        group = proposers[n * 4 : (n * 4) + 4]
        proposals.append(
            create_session(
                edition=edition,
                session_type=workshop_type,
                title=f"Proposal: {topic} {angle}",
                status=SessionStatus.PROPOSED,
                participants=[
                    ParticipantSpec(group[0], PersonRole.ORGANIZER),
                    *(
                        ParticipantSpec(person, PersonRole.SPEAKER)
                        for person in group[1:]
                    ),
                    ParticipantSpec(group[0], PersonRole.ONSITE_MODERATOR),
                ],
                description=f"A workshop proposal on {topic.lower()} {angle}.",
                delivery=Delivery.HYBRID,
                duration_minutes=90,
                languages=["en"],
            )
        )
    for proposal in proposals:
        screen_proposal(session=proposal, passed=True, by=None)
    assign_reviewers(edition=edition)
    rated = 0
    for proposal in proposals:
        for assignment in proposal.review_assignments.all():
            # Most reviews are in; a few are still pending, as in a real evaluation week.
            if rng.random() < 0.8:
                rate_proposal(
                    member=assignment.reviewer,
                    session=proposal,
                    score=rng.choice([2, 3, 3, 4, 4, 5]),
                    comment="Clear policy questions; speakers could be more diverse.",
                )
                rated += 1
    log(
        f"Proposals under evaluation: {len(proposals)}, {rated} ratings by {len(members)} MAG members"
    )


def _mag_members() -> list[User]:
    group = Group.objects.get(name=roles.MAG_MEMBER)
    for name in EXTRA_MAG_MEMBERS:
        email = f"{name.split()[0].lower()}.mag@demo.igfplus.org"
        user, created = User.objects.get_or_create(
            email=email, defaults={"username": email.split("@")[0], "name": name}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            EmailAddress.objects.create(
                user=user, email=email, verified=True, primary=True
            )
        user.groups.add(group)
    return list(group.user_set.all())
