"""Demo intersessional work: 5 Best Practice Forums, 4 Policy Networks, 25 Dynamic
Coalitions (invented names), their meetings through the year in many time zones, their
outputs, and links to released demo sessions.

Idempotent: a body whose slug exists is left alone. Deterministic: a fixed seed; dates
follow the current year so that the yearly-report rule has something to show (a few
coalitions have not filed their report on last year and show as inactive).
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone
from django.utils.text import slugify

from cms.models import HomePage
from intersessional.enums import (
    BodyKind,
    BodyStatus,
    MeetingFormat,
    OutputKind,
    OutputStatus,
)
from intersessional.models import (
    BodySession,
    IntersessionalBodyPage,
    IntersessionalIndexPage,
    Meeting,
    Output,
)
from intersessional.services.facilitators import assign_facilitators

SEED = 2006  # the year of the first IGF
FACILITATOR_EMAIL = "facilitator@demo.igfplus.org"
FACILITATED_SLUG = "dc-accessibility-and-disability"
# Coalitions that have not filed their yearly report on last year.
SILENT_COALITIONS = {
    "dc-community-connectivity",
    "dc-digital-heritage",
    "dc-open-hardware",
    "dc-rural-broadband",
}

BPFS = [
    ("Best Practice Forum on Cybersecurity", "BPF-CS", 2014),
    ("Best Practice Forum on Gender and Digital Rights", "BPF-GDR", 2015),
    ("Best Practice Forum on Local Content", "BPF-LC", 2016),
    ("Best Practice Forum on Data and New Technologies", "BPF-DNT", 2019),
    ("Best Practice Forum on Trust in Digital Services", "BPF-TDS", 2023),
]
PNS = [
    ("Policy Network on Artificial Intelligence", "PNAI", 2023),
    ("Policy Network on Meaningful Access", "PNMA", 2021),
    ("Policy Network on Internet Fragmentation", "PNIF", 2022),
    ("Policy Network on Environment and Digitalisation", "PNE", 2021),
]
DCS = [
    ("Accessibility and Disability", "DC-AD", 2007),
    ("Youth Coalition on Internet Governance", "YCIG", 2008),
    ("Child Online Safety", "DC-COS", 2007),
    ("Community Connectivity", "DC-CC", 2016),
    ("Digital Heritage", "DC-DH", 2012),
    ("Open Hardware", "DC-OH", 2018),
    ("Rural Broadband", "DC-RB", 2014),
    ("Internet Rights and Principles", "DC-IRP", 2008),
    ("Net Neutrality", "DC-NN", 2013),
    ("Platform Responsibility", "DC-PR", 2014),
    ("Small Island Developing States", "DC-SIDS", 2017),
    ("Schools of Internet Governance", "DC-SIG", 2017),
    ("Internet Standards, Security and Safety", "DC-ISSS", 2019),
    ("Data and Trust", "DC-DT", 2021),
    ("Digital Economy and Trade", "DC-DET", 2018),
    ("Gender and Internet Governance", "DC-GIG", 2010),
    ("Blockchain Technologies", "DC-BT", 2017),
    ("Public Access in Libraries", "DC-PAL", 2012),
    ("Core Internet Values", "DC-CIV", 2009),
    ("Environment", "DC-E", 2019),
    ("Innovative Approaches to Connecting the Unconnected", "DC-IAC", 2015),
    ("Digital Health", "DC-DHealth", 2021),
    ("Interplanetary Networking", "DC-IPN", 2022),
    ("Network Neutrality in Africa", "DC-NNA", 2020),
    ("Sustainability of Journalism and News Media", "DC-SJN", 2019),
]
ZONES = [
    "Africa/Nairobi",
    "Europe/Zurich",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "America/New_York",
    "Pacific/Auckland",
    "UTC",
    "Asia/Riyadh",
    "Europe/Oslo",
    "Africa/Lagos",
    "America/Mexico_City",
]
PLACES = {
    "Africa/Nairobi": "UN Gigiri, Nairobi",
    "Europe/Zurich": "Palais des Nations, Geneva",
    "America/Sao_Paulo": "NIC.br, São Paulo",
    "Asia/Kolkata": "India Habitat Centre, New Delhi",
    "Asia/Tokyo": "Kyoto International Conference Center",
    "America/New_York": "UN Headquarters, New York",
    "Pacific/Auckland": "University of Auckland",
    "UTC": "",
    "Asia/Riyadh": "King Abdulaziz Center, Riyadh",
    "Europe/Oslo": "Norges Varemesse, Lillestrøm",
    "Africa/Lagos": "Landmark Centre, Lagos",
    "America/Mexico_City": "UNAM, Mexico City",
}
TOPICS = [
    "Monthly call",
    "Drafting session on the yearly output",
    "Open consultation",
    "Preparatory meeting for the annual IGF",
    "Stocktaking webinar",
]


def load(*, log) -> None:
    rng = random.Random(SEED)  # noqa: S311 (demo content, not security)  # nosec B311  # seeded demo content
    index = _index()
    today = timezone.localdate()
    sessions = _released_session_ids()
    created = 0
    specs = [
        *(
            (title, acronym, BodyKind.BEST_PRACTICE_FORUM, year)
            for title, acronym, year in BPFS
        ),
        *(
            (title, acronym, BodyKind.POLICY_NETWORK, year)
            for title, acronym, year in PNS
        ),
        *(
            (
                name if name.startswith("Youth") else f"Dynamic Coalition on {name}",
                acronym,
                BodyKind.DYNAMIC_COALITION,
                year,
            )
            for name, acronym, year in DCS
        ),
    ]
    for number, (title, acronym, kind, first_year) in enumerate(specs):
        slug = _slug(title, kind)
        # Draw for every body, created or not, so that each keeps its own random values.
        body_rng = random.Random(rng.random())  # noqa: S311  # nosec B311  # seeded demo content
        if IntersessionalBodyPage.objects.filter(slug=slug).exists():
            continue
        body = _body(
            title=title,
            acronym=acronym,
            kind=kind,
            first_year=first_year,
            slug=slug,
            today=today,
            rng=body_rng,
            number=number,
        )
        index.add_child(instance=body)
        if sessions and number % 3 == 0:
            picked = sessions[number % len(sessions) :][:2]
            for session_id in picked:
                BodySession.objects.create(body=body, session_id=session_id)
        body.save_revision().publish()
        created += 1
    log(
        f"Intersessional bodies: {created} created, "
        f"{len(specs) - created} already there"
    )
    _facilitator(log)


def _index() -> IntersessionalIndexPage:
    index = IntersessionalIndexPage.objects.first()
    if index is None:
        index = IntersessionalIndexPage(
            title="Intersessional work",
            slug="intersessional",
            show_in_menus=True,
            intro=(
                "<p>Between annual meetings, Best Practice Forums, Policy Networks and "
                "Dynamic Coalitions carry the IGF's work through the year.</p>"
            ),
        )
        HomePage.objects.get().add_child(instance=index)
        index.save_revision().publish()
    return index


def _slug(title: str, kind: str) -> str:
    if kind == BodyKind.DYNAMIC_COALITION:
        return "dc-" + slugify(title.removeprefix("Dynamic Coalition on "))
    return slugify(
        title.replace("Best Practice Forum on", "BPF").replace(
            "Policy Network on", "PN"
        )
    )


def _body(*, title, acronym, kind, first_year, slug, today, rng, number):
    year = today.year
    concluded = kind == BodyKind.BEST_PRACTICE_FORUM and first_year < 2016
    body = IntersessionalBodyPage(
        title=title,
        slug=slug,
        acronym=acronym,
        kind=kind,
        first_year=first_year,
        last_year=year - 2 if concluded else None,
        status=BodyStatus.CONCLUDED if concluded else BodyStatus.ACTIVE,
        mandate=(
            f"<p>The {title} brings together governments, civil society, the private "
            "sector and the technical community to share practices and produce "
            "outputs that feed the IGF's messages.</p>"
        ),
        mailing_list_url=f"https://lists.intgovforum.example/{slug}",
    )
    body.meetings = _meetings(title, year, today, rng, number, concluded)
    body.outputs = _outputs(title, acronym, kind, slug, year, today, number, concluded)
    return body


def _meetings(title, year, today, rng, number, concluded) -> list[Meeting]:
    if concluded:
        return []
    zone = ZONES[number % len(ZONES)]
    meetings = []
    # Four meetings from five months ago to seven months ahead: some past, some to come.
    offsets = sorted(rng.sample(range(-150, 210, 7), 4))
    for position, offset in enumerate(offsets):
        day = today + dt.timedelta(days=offset)
        hour = rng.choice([6, 9, 12, 14, 16])
        local = dt.datetime(day.year, day.month, day.day, hour, 0)
        in_person = position == 2 and PLACES[zone]
        start = local.replace(tzinfo=_zone(zone))
        meetings.append(
            Meeting(
                title=rng.choice(TOPICS),
                start_at=start.astimezone(dt.UTC),
                end_at=(
                    start + dt.timedelta(minutes=rng.choice([60, 90, 120]))
                ).astimezone(dt.UTC),
                time_zone=zone if in_person else rng.choice([zone, "UTC"]),
                format=MeetingFormat.HYBRID if in_person else MeetingFormat.ONLINE,
                location=PLACES[zone] if in_person else "",
                online_link=f"https://meet.intgovforum.example/{number}-{position}",
                description=f"Open to all. Agenda on the {title} mailing list.",
                sequence=0,
                changed_at=dt.datetime(year, 1, 1, tzinfo=dt.UTC),
            )
        )
    if number in (3, 17):  # a couple of meetings cancelled, after one move each
        meetings[1].is_cancelled = True
        meetings[1].sequence = 2
    return meetings


def _outputs(
    title, acronym, kind, slug, year, today, number, concluded
) -> list[Output]:
    base = f"https://www.intgovforum.example/outputs/{slug}"
    outputs = []
    last_work_year = year - 2 if concluded else year - 1
    outputs.append(
        Output(
            title=f"{acronym} final report {last_work_year}",
            kind=OutputKind.FINAL_REPORT,
            status=OutputStatus.FINAL,
            year=last_work_year,
            published_on=dt.date(last_work_year, 12, 10),
            summary=f"What the {title} found in {last_work_year}.",
            link=f"{base}/{last_work_year}-final",
        )
    )
    if kind == BodyKind.DYNAMIC_COALITION and slug not in SILENT_COALITIONS:
        outputs.append(
            Output(
                title=f"{acronym} yearly report on {year - 1}",
                kind=OutputKind.YEARLY_REPORT,
                status=OutputStatus.FINAL,
                year=year - 1,
                published_on=dt.date(year, 2, 15),
                summary="Activities, meetings and participation over the year.",
                link=f"{base}/{year - 1}-yearly",
            )
        )
    if not concluded:
        open_for_comment = slug == "pn-artificial-intelligence"
        outputs.append(
            Output(
                title=f"{acronym} draft output {year}",
                kind=OutputKind.DRAFT,
                status=OutputStatus.DRAFT,
                year=year,
                published_on=dt.date(year, 9, 1),
                summary="The draft the community is asked to review.",
                link=f"{base}/{year}-draft",
                comments_open_until=today + dt.timedelta(days=30)
                if open_for_comment
                else None,
            )
        )
    return outputs


def _released_session_ids() -> list[int]:
    """Released sessions of the demo programme, in a fixed order (empty without one)."""
    from sessions.models import Release, ReleasedSession

    release = Release.objects.order_by("-released_at", "-pk").first()
    if release is None:
        return []
    return list(
        ReleasedSession.objects.filter(release=release)
        .order_by("session__number", "session_id")
        .values_list("session_id", flat=True)[:40]
    )


def _facilitator(log) -> None:
    from igfplus.models import User

    body = IntersessionalBodyPage.objects.filter(slug=FACILITATED_SLUG).first()
    if body is None or not User.objects.filter(email=FACILITATOR_EMAIL).exists():
        return
    assign_facilitators(body=body, emails=[FACILITATOR_EMAIL])
    log(f"{FACILITATOR_EMAIL} facilitates {body.title}")


def _zone(name: str):
    import zoneinfo

    return zoneinfo.ZoneInfo(name)
