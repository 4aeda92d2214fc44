"""Demo rooms for the current edition and 650 invented people (no real persons)."""

import random

from cms.demo import current_edition
from igfplus.enums import Gender, RegionalGroup, StakeholderGroup
from sessions.enums import Track
from sessions.models import Person, Room, TrackPartner, TrackProfile

PEOPLE_COUNT = 1500

# (name, capacity, hybrid, webcast, interpretation languages); 24 rooms in all.
ROOMS = [
    ("Plenary Hall", 2500, True, True, ["ar", "zh", "en", "fr", "ru", "es"]),
    ("Main Stage", 1200, True, True, ["ar", "zh", "en", "fr", "ru", "es"]),
    ("Parliamentary Hall", 400, True, True, ["ar", "zh", "en", "fr", "ru", "es"]),
    ("High-Level Room", 300, True, True, ["ar", "en", "fr", "es"]),
    *[
        (f"Workshop Room {n}", 150 if n <= 4 else 90, True, n <= 6, [])
        for n in range(1, 11)
    ],
    *[
        (f"Open Forum Room {n}", 120, True, True, ["en", "fr"] if n == 1 else [])
        for n in range(1, 4)
    ],
    ("Youth Hub", 150, True, True, []),
    ("Lightning Talk Stage", 80, False, True, []),
    ("Networking Lounge", 60, False, False, []),
    ("NRI Village", 120, True, True, []),
    ("Day 0 Room A", 200, True, False, []),
    ("Day 0 Room B", 200, True, False, []),
    ("Press Briefing Room", 40, False, True, []),
]

GIVEN_NAMES = [
    "Amara",
    "Kwame",
    "Fatima",
    "Yusuf",
    "Aiko",
    "Hiroshi",
    "Mei",
    "Wei",
    "Priya",
    "Arjun",
    "Sofía",
    "Mateus",
    "Camila",
    "Diego",
    "Olga",
    "Dmitri",
    "Ingrid",
    "Lars",
    "Élodie",
    "Julien",
    "Nomvula",
    "Thabo",
    "Leila",
    "Karim",
    "Anh",
    "Minh",
    "Sione",
    "Moana",
    "Hana",
    "Jae-won",
    "Zainab",
    "Tariq",
    "Valentina",
    "Lucas",
    "Ewa",
    "Tomasz",
    "Ayşe",
    "Emre",
    "Noor",
    "Rashid",
    "Marisol",
    "Andrés",
    "Keira",
    "Liam",
    "Nadia",
    "Bogdan",
    "Chidi",
    "Ngozi",
    "Rin",
    "Sakura",
    "Ravi",
    "Ananya",
    "Isabel",
    "Tiago",
    "Freya",
    "Ola",
    "Kofi",
    "Adaeze",
    "Yara",
    "Omar",
    "Lucía",
    "Mateo",
    "Svetlana",
    "Ivan",
    "Aroha",
    "Tane",
    "Bilal",
    "Samira",
    "Chen",
    "Lin",
    "Kavya",
    "Rohan",
    "Ebba",
    "Nils",
]
FAMILY_NAMES = [
    "Mensah",
    "Okafor",
    "Haddad",
    "Nakamura",
    "Chen",
    "Sharma",
    "Álvarez",
    "Silva",
    "Ivanova",
    "Petrov",
    "Johansen",
    "Dubois",
    "Dlamini",
    "Nguyen",
    "Tupou",
    "Kim",
    "Rahman",
    "Rossi",
    "Kowalska",
    "Yılmaz",
    "Qureshi",
    "Moreno",
    "Walker",
    "Popescu",
    "Abebe",
    "Takahashi",
    "Iyer",
    "Costa",
    "Berg",
    "Mwangi",
    "Farouk",
    "Lindqvist",
    "Ortega",
    "Sato",
    "Banerjee",
    "Obi",
    "Kuznetsova",
    "Mahlangu",
    "Vargas",
    "Ahmadi",
]
ORGANISATIONS = {
    StakeholderGroup.GOVERNMENT: [
        "Ministry of Digital Affairs",
        "National Telecom Regulator",
        "Office of the Data Commissioner",
    ],
    StakeholderGroup.INTERGOVERNMENTAL: [
        "Regional Economic Commission",
        "Intergovernmental Digital Cooperation Office",
    ],
    StakeholderGroup.CIVIL_SOCIETY: [
        "Open Networks Collective",
        "Digital Rights Watch",
        "Community Connectivity Alliance",
        "Youth for Internet Governance",
    ],
    StakeholderGroup.TECHNICAL: [
        "Regional Internet Registry",
        "Internet Exchange Association",
        "Open Standards Lab",
        "University Network Research Centre",
    ],
    StakeholderGroup.PRIVATE_SECTOR: [
        "Coastal Cloud Services",
        "Savanna Mobile",
        "Northern Fibre Ltd",
        "Trusted Payments Group",
    ],
}
COUNTRIES = {
    RegionalGroup.AFRICAN: ["GH", "NG", "KE", "ZA", "SN", "ET", "EG"],
    RegionalGroup.ASIA_PACIFIC: ["JP", "IN", "ID", "SA", "VN", "FJ", "PK", "CN"],
    RegionalGroup.EASTERN_EUROPEAN: ["PL", "RO", "UA", "RU", "EE"],
    RegionalGroup.GRULAC: ["BR", "MX", "AR", "CO", "CR", "CL"],
    RegionalGroup.WEOG: ["NO", "DE", "FR", "CA", "GB", "SE", "TR"],
    RegionalGroup.INTERGOVERNMENTAL: [""],
}


def load(*, log) -> None:
    edition = current_edition()
    existing_rooms = set(edition.rooms.values_list("name", flat=True))
    new_rooms = [
        Room(
            edition=edition,
            name=name,
            capacity=capacity,
            has_hybrid_equipment=hybrid,
            has_webcast=webcast,
            interpretation_languages=languages,
            sort_order=order,
        )
        for order, (name, capacity, hybrid, webcast, languages) in enumerate(ROOMS)
        if name not in existing_rooms
    ]
    Room.objects.bulk_create(new_rooms)
    log(
        f"Rooms at {edition.title}: {len(new_rooms)} created, {len(existing_rooms)} already there"
    )

    people = list(_invented_people())
    existing_names = set(Person.objects.values_list("name", flat=True))
    new_people = [person for person in people if person.name not in existing_names]
    Person.objects.bulk_create(new_people, batch_size=500)
    log(
        f"People: {len(new_people)} created, {len(people) - len(new_people)} already there"
    )

    from sessions.demo_programme import load_programme

    load_programme(edition=edition, log=log)
    _track_profiles(edition, log)


TRACK_PROFILES = {
    Track.PARLIAMENTARY: (
        "<p>Members of parliament and parliamentary staff meet to discuss how to "
        "legislate for a trustworthy Internet, organised with the Inter-Parliamentary "
        "Union and the host parliament.</p>",
        [
            ("Inter-Parliamentary Union", "co-organiser", "https://www.ipu.org/"),
            ("Storting (Parliament of Norway)", "host parliament", ""),
        ],
    ),
    Track.YOUTH: (
        "<p>Young people from the youth IGFs prepare and hold their own sessions, "
        "and bring their messages to the high-level discussions.</p>",
        [("Youth IGF coordinators", "co-organiser", "")],
    ),
    Track.HIGH_LEVEL: (
        "<p>Ministers, heads of organisations and other leaders meet the community "
        "on the forum's main themes.</p>",
        [("Government of Norway", "host country", "")],
    ),
}


def _track_profiles(edition, log) -> None:
    created = 0
    for track, (introduction, partners) in TRACK_PROFILES.items():
        profile, is_new = TrackProfile.objects.get_or_create(
            edition=edition, track=track, defaults={"introduction": introduction}
        )
        if is_new:
            created += 1
            TrackPartner.objects.bulk_create(
                TrackPartner(
                    profile=profile, sort_order=order, name=name, role=role, website=url
                )
                for order, (name, role, url) in enumerate(partners)
            )
    log(f"Track pages at {edition.title}: {created} created")


def _invented_people():
    # A fixed seed keeps the same world on every run, which makes the command idempotent.
    rng = random.Random(2025)  # noqa: S311 (not for security)  # nosec B311  # seeded demo content
    pairs = [(given, family) for given in GIVEN_NAMES for family in FAMILY_NAMES]
    rng.shuffle(pairs)
    genders = [
        Gender.FEMALE,
        Gender.MALE,
        Gender.FEMALE,
        Gender.MALE,
        Gender.NON_BINARY,
        "",
    ]
    for given, family in pairs[:PEOPLE_COUNT]:
        stakeholder_group = rng.choice(list(StakeholderGroup))
        if stakeholder_group == StakeholderGroup.INTERGOVERNMENTAL:
            regional_group = RegionalGroup.INTERGOVERNMENTAL
        else:
            regional_group = rng.choice(list(RegionalGroup)[:-1])
        yield Person(
            name=f"{given} {family}",
            organisation=rng.choice(ORGANISATIONS[stakeholder_group]),
            stakeholder_group=stakeholder_group,
            regional_group=regional_group,
            country=rng.choice(COUNTRIES[regional_group]),
            gender=rng.choice(genders),
        )
