"""Demo editions: the three most recent annual meetings with their sub-themes."""

import datetime as dt

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
