"""Demo editions: the three most recent annual meetings with their sub-themes."""

import datetime as dt
import functools

from cms.models import EditionTheme, ForumEditionPage, HomePage
from igfplus.enums import EditionFormat

EDITIONS = [
    {
        "title": "IGF 2023 Kyoto",
        "slug": "igf2023",
        "ordinal": 18,
        "year": 2023,
        "host_city": "Kyoto",
        "country": "JP",
        "venue": "Kyoto International Conference Center",
        "start_on": dt.date(2023, 10, 8),
        "end_on": dt.date(2023, 10, 12),
        "time_zone": "Asia/Tokyo",
        "overarching_theme": "The Internet We Want – Empowering All People",
        "themes": [
            "AI & Emerging Technologies",
            "Avoiding Internet Fragmentation",
            "Cybersecurity, Cybercrime & Online Safety",
            "Data Governance & Trust",
            "Digital Divides & Inclusion",
            "Global Digital Governance & Cooperation",
            "Human Rights & Freedoms",
            "Sustainability & Environment",
        ],
    },
    {
        "title": "IGF 2024 Riyadh",
        "slug": "igf2024",
        "ordinal": 19,
        "year": 2024,
        "host_city": "Riyadh",
        "country": "SA",
        "venue": "King Abdulaziz International Conference Center",
        "start_on": dt.date(2024, 12, 15),
        "end_on": dt.date(2024, 12, 19),
        "time_zone": "Asia/Riyadh",
        "overarching_theme": "Building our Multistakeholder Digital Future",
        "themes": [
            "Harnessing innovation and balancing risks in the digital space",
            "Enhancing the digital contribution to peace, development and sustainability",
            "Advancing human rights and inclusion in the digital age",
            "Improving digital governance for the Internet We Want",
        ],
    },
    {
        "title": "IGF 2025 Lillestrøm",
        "slug": "igf2025",
        "ordinal": 20,
        "year": 2025,
        "host_city": "Lillestrøm",
        "country": "NO",
        "venue": "Nova Spektrum",
        "start_on": dt.date(2025, 6, 23),
        "end_on": dt.date(2025, 6, 27),
        "time_zone": "Europe/Oslo",
        "overarching_theme": "Building Digital Governance Together",
        "themes": [
            "Digital trust and resilience",
            "Sustainable and responsible innovation",
            "Universal access and digital rights",
            "Digital cooperation",
        ],
    },
]

POLICY_QUESTIONS = (
    "Which multistakeholder arrangements work best here, and why?\n"
    "How can the voices of the Global South shape the rules that follow?\n"
    "What should the forum relay to normative and decision-making bodies?"
)


def load(*, log) -> None:
    load_editions(log=log)
    load_nris(log=log)


def load_editions(*, log) -> None:
    home = HomePage.objects.get()
    for spec in EDITIONS:
        if ForumEditionPage.objects.filter(slug=spec["slug"]).exists():
            log(f"{spec['title']}: already there")
            continue
        fields = {key: value for key, value in spec.items() if key != "themes"}
        edition = ForumEditionPage(format=EditionFormat.HYBRID, **fields)
        edition.themes = [
            EditionTheme(
                name=name,
                description=f"Sessions on {name.lower()} at {spec['title']}.",
                policy_questions=POLICY_QUESTIONS,
                sort_order=order,
            )
            for order, name in enumerate(spec["themes"])
        ]
        home.add_child(instance=edition)
        edition.save_revision().publish()
        log(f"{spec['title']}: created with {len(spec['themes'])} sub-themes")


def current_edition() -> ForumEditionPage:
    """The newest demo edition, which later apps fill with rooms and sessions."""
    return ForumEditionPage.objects.get(slug=EDITIONS[-1]["slug"])


# --- NRIs -------------------------------------------------------------------------------
# Invented initiatives (names follow the real patterns, the initiatives do not exist):
# national IGFs in 120 UN member states, regional, sub-regional and youth ones, with
# events in each one's time zone (some for the parliamentary or youth track), annual
# reports (some overdue, which makes those NRIs inactive) and the demo coordinator.

NRI_SEED = 2025
NATIONAL_COUNT = 120
DEMO_COORDINATOR_EMAIL = "nri@demo.igfplus.org"
DEMO_COORDINATED_NRI = "ke-igf"

NATIONAL_PATTERNS = [
    ("{country} Internet Governance Forum", "{code}-IGF"),
    ("{country} IGF", "IGF-{code}"),
    ("Internet Governance Dialogue of {country}", "IGD-{code}"),
    ("{country} Multistakeholder Internet Forum", "MIF-{code}"),
]
# (name, acronym, kind, region, UN regional group or "")
REGIONAL_NRIS = [
    ("Pan-African Internet Governance Forum", "PAIGF", "regional", "africa", "african"),
    ("Arab Internet Governance Dialogue", "ArabIGD", "regional", "arab-region", ""),
    (
        "Asia-Pacific Regional IGF Demo",
        "APrIGF-D",
        "regional",
        "asia-pacific",
        "asia_pacific",
    ),
    (
        "Central Asian Internet Governance Forum",
        "CAIGF",
        "regional",
        "central-asia",
        "asia_pacific",
    ),
    ("European Internet Dialogue Demo", "EuroID", "regional", "europe", ""),
    (
        "Latin American and Caribbean IGF Demo",
        "LACIGF-D",
        "regional",
        "latin-america-caribbean",
        "grulac",
    ),
    (
        "North American Internet Governance Forum",
        "NAIGF",
        "regional",
        "north-america",
        "weog",
    ),
    (
        "Eastern European Internet Forum",
        "EEIF",
        "regional",
        "europe",
        "eastern_european",
    ),
    (
        "Pacific Islands Internet Forum",
        "PIIF",
        "regional",
        "asia-pacific",
        "asia_pacific",
    ),
    ("Mediterranean Internet Dialogue", "MedID", "regional", "europe", ""),
    (
        "Caribbean Internet Governance Forum Demo",
        "CIGF-D",
        "regional",
        "latin-america-caribbean",
        "grulac",
    ),
    (
        "South Asian Internet Governance Forum Demo",
        "SAIGF-D",
        "regional",
        "asia-pacific",
        "asia_pacific",
    ),
    ("West African IGF Demo", "WAIGF-D", "sub-regional", "africa", "african"),
    ("East African IGF Demo", "EAIGF-D", "sub-regional", "africa", "african"),
    ("Southern African IGF Demo", "SAfIGF-D", "sub-regional", "africa", "african"),
    ("Central African IGF Demo", "CAfIGF-D", "sub-regional", "africa", "african"),
    ("North African Internet Dialogue", "NAfID", "sub-regional", "africa", "african"),
    ("Nordic Internet Governance Forum", "NordIGF", "sub-regional", "europe", "weog"),
    ("Baltic Internet Forum", "BaltIF", "sub-regional", "europe", "eastern_european"),
    (
        "South Eastern European Dialogue on Internet Governance",
        "SEEDIG-D",
        "sub-regional",
        "europe",
        "eastern_european",
    ),
    (
        "Southeast Asian Internet Forum",
        "SEAIF",
        "sub-regional",
        "asia-pacific",
        "asia_pacific",
    ),
    (
        "Gulf Internet Governance Forum",
        "GulfIGF",
        "sub-regional",
        "arab-region",
        "asia_pacific",
    ),
    (
        "Andean Internet Governance Forum",
        "AndIGF",
        "sub-regional",
        "latin-america-caribbean",
        "grulac",
    ),
    (
        "Central American Internet Forum",
        "CAmIF",
        "sub-regional",
        "latin-america-caribbean",
        "grulac",
    ),
    ("Youth IGF Africa Demo", "YIGF-AF", "youth", "africa", "african"),
    (
        "Youth Dialogue on Internet Governance Europe",
        "YouthDIG-D",
        "youth",
        "europe",
        "",
    ),
    ("Asia-Pacific Youth IGF Demo", "yIGF-AP", "youth", "asia-pacific", "asia_pacific"),
    ("Youth LACIGF Demo", "YLAC-D", "youth", "latin-america-caribbean", "grulac"),
    ("Arab Youth Internet Forum", "AYIF", "youth", "arab-region", ""),
]
YOUTH_NATIONAL_COUNT = 32
EVENT_TITLES = [
    "Annual meeting",
    "Open consultation",
    "Youth capacity-building workshop",
    "Parliamentary roundtable",
    "Preparatory webinar",
    "Stakeholder dialogue",
]


def load_nris(*, log) -> None:
    import random
    import time

    from django.utils import timezone

    from cms.models import NriIndexPage, NriPage

    started = time.perf_counter()
    home = HomePage.objects.get()
    index = NriIndexPage.objects.first()
    if index is None:
        index = NriIndexPage(
            title="National and regional IGF initiatives",
            slug="nris",
            show_in_menus=True,
            intro=(
                "National, regional, sub-regional and youth IGF initiatives (NRIs) bring "
                "the forum's discussions home and carry local priorities to the global "
                "meeting."
            ),
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    if NriPage.objects.child_of(index).exists():
        log(f"NRIs: already there ({NriPage.objects.child_of(index).count()})")
        return
    rng = random.Random(NRI_SEED)  # noqa: S311 (demo content, not security)  # nosec B311  # seeded demo content, not a secret
    today = timezone.localdate()
    specs = _nri_specs(rng)
    pages = []
    now = timezone.now()
    for spec in specs:
        # Live without a first revision: Wagtail starts one at the first edit, and
        # creating 180 revisions would triple the load time.
        page = NriPage(live=True, first_published_at=now, last_published_at=now, **spec)
        index.add_child(instance=page)
        pages.append(page)
    events, reports = _nri_events_and_reports(rng, pages, today=today)
    _assign_demo_coordinator(pages, log=log)
    log(
        f"NRIs: {len(pages)} initiatives, {events} events, {reports} annual reports "
        f"in {time.perf_counter() - started:.1f} s"
    )


def _nri_specs(rng) -> list[dict]:
    from django_countries import countries

    from cms.services.un_regional_groups import UN_REGIONAL_GROUP_OF_COUNTRY

    codes = sorted(UN_REGIONAL_GROUP_OF_COUNTRY)
    national = sorted(set(rng.sample(codes, NATIONAL_COUNT)) | {"KE"})
    statuses = ["recognized"] * 8 + ["under-review", "not-recognized"]
    specs = []
    for code in national:
        name, acronym = rng.choice(NATIONAL_PATTERNS)
        status = rng.choice(statuses)
        if code == "KE":
            name, acronym, status = *NATIONAL_PATTERNS[0], "recognized"
        specs.append(
            _nri_spec(
                rng,
                title=name.format(country=countries.name(code)),
                acronym=acronym.format(code=code),
                kind="national",
                country=code,
                group=UN_REGIONAL_GROUP_OF_COUNTRY[code],
                status=status,
            )
        )
    for title, acronym, kind, region, group in REGIONAL_NRIS:
        specs.append(
            _nri_spec(
                rng,
                title=title,
                acronym=acronym,
                kind=kind,
                region=region,
                group=group,
                status="recognized",
            )
        )
    for code in sorted(rng.sample(national, YOUTH_NATIONAL_COUNT)):
        specs.append(
            _nri_spec(
                rng,
                title=f"Youth IGF {countries.name(code)}",
                acronym=f"Y{code}IGF",
                kind="youth",
                country=code,
                group=UN_REGIONAL_GROUP_OF_COUNTRY[code],
                status=rng.choice(statuses),
            )
        )
    return specs


def _nri_spec(rng, *, title, acronym, kind, status, group, country="", region=""):
    from django.utils.text import slugify

    established = rng.randint(2006, 2022)
    recognized = dt.date(established + rng.randint(0, 2), rng.randint(1, 12), 15)
    return {
        "title": title,
        "draft_title": title,
        "slug": slugify(acronym),
        "acronym": acronym,
        "kind": kind,
        "country": country,
        "region": region,
        "un_regional_group": group,
        "website": f"https://{slugify(acronym)}.example.org/",
        "established_year": established,
        "recognition_status": status,
        "recognized_on": recognized if status == "recognized" else None,
        "intro": (
            f"{title} is an invented initiative of the demo: it meets once a year and "
            "holds consultations in between."
        ),
    }


@functools.cache
def _country_time_zones() -> dict[str, str]:
    """Each country's first zone in the tz database's table (for example KE → Nairobi)."""
    from importlib.resources import files

    zones = {}
    table = files("tzdata").joinpath("zoneinfo/zone.tab").read_text()
    for line in table.splitlines():
        if line and not line.startswith("#"):
            code, _coords, zone = line.split("\t")[:3]
            zones.setdefault(code, zone)
    return zones


REGION_TIME_ZONES = {
    "africa": "Africa/Addis_Ababa",
    "arab-region": "Asia/Beirut",
    "asia-pacific": "Asia/Bangkok",
    "central-asia": "Asia/Almaty",
    "europe": "Europe/Brussels",
    "latin-america-caribbean": "America/Bogota",
    "north-america": "America/Toronto",
}


def _nri_events_and_reports(rng, pages, *, today) -> tuple[int, int]:
    import uuid

    from django_countries import countries

    from cms.models import NriAnnualReport, NriEvent

    zones = _country_time_zones()
    now = dt.datetime.now(dt.UTC)
    events, reports = [], []
    for page in pages:
        code = str(page.country or "")
        zone = zones.get(code) or REGION_TIME_ZONES.get(page.region, "UTC")
        city = _capital_like(code, page)
        # The demo coordinator's NRI shows everything: past and upcoming events, reports
        # in on time, recognition.
        showcase = page.slug == DEMO_COORDINATED_NRI
        count = 3 if showcase else rng.choice([0, 1, 1, 2, 2, 3])
        for order in range(count):
            days = (-200, 45, 250)[order] if showcase else rng.randint(-400, 300)
            local_start = dt.datetime.combine(
                today + dt.timedelta(days=days), dt.time(rng.choice([9, 10, 14]))
            )
            start = local_start.replace(tzinfo=_zone(zone)).astimezone(dt.UTC)
            track = ""
            if page.kind in ("regional", "sub-regional") and rng.random() < 0.5:
                track = rng.choice(["parliamentary", "youth"])
            elif page.kind == "youth":
                track = "youth"
            title = rng.choice(EVENT_TITLES)
            events.append(
                NriEvent(
                    page=page,
                    sort_order=order,
                    guid=uuid.UUID(int=rng.getrandbits(128), version=4),
                    title=f"{page.acronym} {title.lower()} {start.year}"
                    if order
                    else f"{page.title} {start.year}",
                    start_at=start,
                    end_at=start + dt.timedelta(hours=rng.choice([3, 8, 30])),
                    time_zone=zone,
                    city=city,
                    country=code,
                    format=rng.choice(["hybrid", "hybrid", "onsite", "online"]),
                    link=f"{page.website}events/{start:%Y-%m}",
                    track=track,
                    is_cancelled=rng.random() < 0.04,
                    sequence=rng.choice([0, 0, 0, 1, 2]),
                    changed_at=min(now, start) - dt.timedelta(days=rng.randint(5, 60)),
                )
            )
        # Most NRIs report every year; about one in eight has missed the last deadline.
        missed_last = rng.random() < 0.125 and not showcase
        for year in range(max(page.established_year, today.year - 4), today.year):
            if missed_last and year >= today.year - 2:
                continue
            reports.append(
                NriAnnualReport(
                    page=page,
                    year=year,
                    sort_order=year,
                    submitted_on=dt.date(
                        year + 1, rng.randint(1, 3), rng.randint(1, 28)
                    ),
                    text=(
                        f"In {year}, {page.title} held its annual meeting in "
                        f"{city or countries.name(code) or 'several cities'} with "
                        f"{rng.randint(80, 900)} participants from all stakeholder "
                        "groups. Priorities: meaningful access, data governance, "
                        "online safety."
                    ),
                )
            )
    NriEvent.objects.bulk_create(events, batch_size=500)
    NriAnnualReport.objects.bulk_create(reports, batch_size=500)
    return len(events), len(reports)


def _zone(name: str):
    import zoneinfo

    return zoneinfo.ZoneInfo(name)


def _capital_like(code: str, page) -> str:
    """A plausible meeting city: the zone's city for national NRIs."""
    if not code:
        return REGION_TIME_ZONES.get(page.region, "/").split("/")[-1].replace("_", " ")
    zone = _country_time_zones().get(code, "")
    return zone.split("/")[-1].replace("_", " ") if zone else ""


def _assign_demo_coordinator(pages, *, log) -> None:
    from igfplus import roles
    from igfplus.models import User
    from igfplus.services.page_stewards import set_page_stewards

    user = User.objects.filter(email=DEMO_COORDINATOR_EMAIL).first()
    page = next((p for p in pages if p.slug == DEMO_COORDINATED_NRI), None)
    if user is None or page is None:
        return
    set_page_stewards(page, [user], role=roles.NRI_COORDINATOR)
    log(f"{DEMO_COORDINATOR_EMAIL} coordinates {page.title} ({page.url})")
