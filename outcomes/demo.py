"""Demo outcomes: session reports, messages with provenance, forums, transmissions, uptake.

Deterministic (a seeded ``random.Random``) and idempotent: each part is skipped when it is
already there. Runs after ``sessions.demo`` (INSTALLED_APPS order), so IGF 2025 has a
released programme; IGF 2023 and 2024 exist as editions with themes only, so their
messages cite intersessional outputs and NRI reports by title and link.

The uptake is illustrative, with honest evidence levels: *direct* only where the forum's
own record names the IGF (CSTD resolutions on WSIS follow-up, the WSIS+20 outcome),
*indirect* where only the topic appears.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from cms.models import ForumEditionPage, HomePage, NriAnnualReport
from igfplus.models import User
from intersessional.models import Output
from outcomes.enums import (
    Channel,
    CommentStatus,
    DocumentKind,
    DocumentStatus,
    EvidenceLevel,
    SourceKind,
    UptakeKind,
)
from outcomes.models import (
    CallToAction,
    DocumentVersion,
    LeadershipPanelPage,
    MessageComment,
    MessageSource,
    NormativeForum,
    OutcomeDocument,
    PanelMember,
    PanelRole,
    PolicyMessage,
    ReportingRules,
    SessionReport,
    Takeaway,
    Transmission,
)
from outcomes.services.transmissions import record_transmission, record_uptake_event
from sessions.enums import PersonRole, SessionStatus
from sessions.models import SessionParticipant
from sessions.selectors import latest_release

SEED = 2026
GROUPS = [
    "government",
    "civil_society",
    "technical",
    "private_sector",
    "intergovernmental",
]

TAKEAWAYS = [
    "Meaningful connectivity needs affordable devices and local-language content, not only coverage.",
    "Multistakeholder processes are more legitimate when the Global South sets part of the agenda.",
    "Trust in AI systems depends on transparency obligations that are enforceable across borders.",
    "Interoperable data governance frameworks lower costs for small enterprises.",
    "Community networks reach the last billion where markets do not.",
    "Cyber capacity building works best when it is demand-driven and regional.",
    "Digital public infrastructure must be designed with human rights safeguards from the start.",
    "Environmental costs of data centres should be measured and disclosed.",
]
CALLS = [
    "Fund community networks through universal service funds.",
    "Publish impact assessments before deploying AI in public services.",
    "Include youth and parliamentarians in national IGF follow-up.",
    "Adopt open standards for cross-border data flows.",
    "Report on digital inclusion indicators by gender and region.",
]
MESSAGE_TEXTS = [
    "Stakeholders should %(verb)s so that %(theme)s serves people everywhere, including those not yet online.",
    "Governments, the private sector, civil society and the technical community should %(verb)s under %(theme)s, with clear accountability.",
]
VERBS = [
    "close the gaps in affordable access",
    "build capacity in developing countries",
    "align national rules with international human rights law",
    "share evidence on what works",
]

# Document symbols are left empty unless certain (A/RES/79/1: the Pact for the Future,
# with the Global Digital Compact annexed, which names the IGF).
# (edition slug, forum slug, channel, sent on, actor, symbol, events)
# events: (kind, days after sending, evidence level, symbol)
TRANSMISSIONS = [
    ("igf2023", "cstd", Channel.FORMAL_REPORT, dt.date(2024, 4, 15), "IGF Secretariat", "",
     [(UptakeKind.DISCUSSED, 1, EvidenceLevel.DIRECT, ""), (UptakeKind.REFERENCED, 4, EvidenceLevel.DIRECT, "")]),
    ("igf2023", "hrc", Channel.SUBMISSION, dt.date(2024, 2, 20), "IGF Secretariat", "",
     [(UptakeKind.ACKNOWLEDGED, 30, EvidenceLevel.INDIRECT, "")]),
    ("igf2023", "gdc", Channel.SUBMISSION, dt.date(2024, 3, 1), "IGF Leadership Panel", "",
     [(UptakeKind.REFERENCED, 205, EvidenceLevel.DIRECT, "A/RES/79/1")]),
    ("igf2023", "g20-digital", Channel.LEADERSHIP_PANEL, dt.date(2024, 9, 12), "Leadership Panel member", "",
     [(UptakeKind.DISCUSSED, 1, EvidenceLevel.INDIRECT, "")]),
    ("igf2024", "cstd", Channel.FORMAL_REPORT, dt.date(2025, 4, 7), "IGF Secretariat", "",
     [(UptakeKind.REFERENCED, 4, EvidenceLevel.DIRECT, "")]),
    ("igf2024", "wsis-forum", Channel.SESSION_AT_FORUM, dt.date(2025, 7, 8), "IGF Secretariat", "",
     [(UptakeKind.DISCUSSED, 0, EvidenceLevel.DIRECT, "")]),
    ("igf2024", "oewg-ict", Channel.BRIEFING, dt.date(2025, 3, 3), "IGF Secretariat", "",
     [(UptakeKind.NO_ACTION, 150, EvidenceLevel.INDIRECT, "")]),
    ("igf2024", "ipu", Channel.SESSION_AT_FORUM, dt.date(2025, 6, 24), "Parliamentary track", "", []),
    ("igf2025", "wsis-plus-20", Channel.SUBMISSION, dt.date(2025, 9, 15), "IGF Leadership Panel", "",
     [(UptakeKind.DISCUSSED, 60, EvidenceLevel.DIRECT, ""), (UptakeKind.REFLECTED, 93, EvidenceLevel.DIRECT, "")]),
    ("igf2025", "cstd", Channel.FORMAL_REPORT, dt.date(2026, 4, 13), "IGF Secretariat", "",
     [(UptakeKind.ACKNOWLEDGED, 2, EvidenceLevel.DIRECT, "")]),
    ("igf2025", "unesco", Channel.BRIEFING, dt.date(2025, 11, 5), "IGF Secretariat", "",
     [(UptakeKind.DISCUSSED, 6, EvidenceLevel.INDIRECT, "")]),
    ("igf2025", "au", Channel.LEADERSHIP_PANEL, dt.date(2026, 2, 14), "Leadership Panel member", "",
     [(UptakeKind.ACKNOWLEDGED, 1, EvidenceLevel.INDIRECT, "")]),
    ("igf2025", "coe", Channel.BRIEFING, dt.date(2026, 3, 10), "IGF Secretariat", "",
     [(UptakeKind.ACKNOWLEDGED, 20, EvidenceLevel.INDIRECT, ""), (UptakeKind.WITHDRAWN, 40, EvidenceLevel.DIRECT, "")]),
]  # fmt: skip

COMMENTS = [
    ("Please name small island developing states explicitly.", CommentStatus.RESOLVED, "Added to the first message."),
    ("Youth should be counted as a stakeholder group of their own.", CommentStatus.PUBLISHED, ""),
    ("Buy cheap followers here!", CommentStatus.REJECTED, ""),
    ("The call on AI literacy should also address teachers.", CommentStatus.PENDING, ""),
]  # fmt: skip


def load(*, log) -> None:
    rng = random.Random(SEED)  # noqa: S311 (demo content, not security)  # nosec B311  # seeded demo content
    editions = {
        e.slug: e
        for e in ForumEditionPage.objects.filter(
            slug__in=["igf2023", "igf2024", "igf2025"]
        )
    }
    if not editions:
        log("No demo editions: nothing to do")
        return
    secretariat = User.objects.filter(email="secretariat@demo.igfplus.org").first()
    for edition in editions.values():
        ReportingRules.objects.get_or_create(edition=edition)
    log(f"Normative forums: {NormativeForum.objects.count()} (seeded by migration)")
    takeaways = _reports(editions.get("igf2025"), rng, log)
    documents = {
        slug: _messages(edition, takeaways, rng) for slug, edition in editions.items()
    }
    log(f"IGF Messages: {len(documents)} documents")
    _track_outputs(editions, secretariat, log)
    _transmissions(documents, secretariat, log)
    _leadership_panel(editions, log)

    from outcomes.demo_translations import load_translations

    load_translations(log=log)


def _reports(edition, rng, log) -> dict[int, list[Takeaway]]:
    """Reports for most IGF 2025 sessions that took place; returns takeaways by theme id."""
    if edition is None or (release := latest_release(edition)) is None:
        return {}
    now = timezone.now()
    rows = list(
        release.sessions.filter(status=SessionStatus.SCHEDULED, end_at__lte=now)
        .select_related("session")
        .order_by("session__pk")
    )
    have = set(
        SessionReport.objects.filter(session__edition=edition).values_list(
            "session_id", flat=True
        )
    )
    new = []
    for position, row in enumerate(rows):
        # One session in seven keeps its report missing, decided by its place in the
        # programme (not by chance or ids), so every database and every rerun agree.
        if row.session_id in have or position % 7 == 3:
            continue
        onsite = rng.randrange(20, 200)
        new.append(
            SessionReport(
                session=row.session,
                summary=f"The session “{row.session.title}” heard {rng.randrange(3, 8)} speakers and an active floor.",
                participants_onsite=onsite,
                participants_online=rng.randrange(5, 120),
                women_count=onsite // 2,
                men_count=onsite - onsite // 2,
                is_submitted=True,
                submitted_at=row.end_at + dt.timedelta(days=rng.randrange(1, 14)),
            )
        )
    SessionReport.objects.bulk_create(new)
    reports = SessionReport.objects.filter(pk__in=[r.pk for r in new]) if new else []
    Takeaway.objects.bulk_create(
        Takeaway(report=report, text=text, sort_order=order)
        for report in reports
        for order, text in enumerate(rng.sample(TAKEAWAYS, 2))
    )
    CallToAction.objects.bulk_create(
        CallToAction(
            report=report, text=rng.choice(CALLS), addressed_to=rng.sample(GROUPS, 2)
        )
        for report in reports
    )
    _link_demo_organizer(edition)
    log(
        f"Session reports of {edition.title}: {len(new)} created, {len(have)} already there, {len(rows) - len(new) - len(have)} missing"
    )
    by_theme: dict[int, list[Takeaway]] = {}
    for takeaway in (
        Takeaway.objects.filter(report__session__edition=edition)
        .select_related("report__session")
        .order_by("pk")
    ):
        by_theme.setdefault(takeaway.report.session.theme_id, []).append(takeaway)
    return by_theme


def _link_demo_organizer(edition) -> None:
    # So that organizer@demo sees /my/reports/ with a report to file.
    user = User.objects.filter(email="organizer@demo.igfplus.org").first()
    if user is None or SessionParticipant.objects.filter(person__user=user).exists():
        return
    participant = (
        SessionParticipant.objects.filter(
            session__edition=edition,
            role=PersonRole.ORGANIZER,
            person__user=None,
            session__report=None,
        )
        .select_related("person")
        .order_by("session__pk")
        .first()
    )
    if participant and not hasattr(user, "person"):
        participant.person.user = user
        participant.person.save(update_fields=["user"])


def _messages(edition, takeaways, rng) -> OutcomeDocument:
    document, created = OutcomeDocument.objects.get_or_create(
        edition=edition,
        slug="igf-messages",
        defaults={
            "kind": DocumentKind.MESSAGES,
            "title": f"{edition.title} Messages",
            "summary": "The IGF Messages: what the forum's sessions concluded, by sub-theme.",
            "status": DocumentStatus.FINAL,
            "published_on": edition.end_on + dt.timedelta(days=45),
            "comments_close_on": edition.end_on + dt.timedelta(days=30),
        },
    )
    if not created:
        return document
    DocumentVersion.objects.bulk_create([
        DocumentVersion(document=document, number=1, status=DocumentStatus.PUBLIC_COMMENT, changes="Draft messages opened for public comment."),
        DocumentVersion(document=document, number=2, status=DocumentStatus.FINAL, changes="Final messages, with the comments taken into account."),
    ])  # fmt: skip
    order = 0
    for theme in edition.themes.order_by("sort_order"):
        for text in MESSAGE_TEXTS:
            message = PolicyMessage.objects.create(
                document=document,
                theme=theme,
                order=order,
                title=f"{theme.name} — {order + 1}",
                text=text % {"verb": rng.choice(VERBS), "theme": theme.name.lower()},
                sdgs=sorted(rng.sample([4, 5, 9, 10, 16, 17], 2)),
                addressed_to=rng.sample(GROUPS, 2),
            )
            order += 1
            _provenance(message, edition, theme, takeaways.get(theme.pk, []), rng)
    return document


def _provenance(message, edition, theme, takeaways, rng) -> None:
    if takeaways:
        for takeaway in rng.sample(takeaways, min(3, len(takeaways))):
            MessageSource.objects.create(
                message=message,
                kind=SourceKind.TAKEAWAY,
                takeaway=takeaway,
                report=takeaway.report,
            )
        return
    # Earlier editions draw on the network's work of that year: an output of a BPF, PN
    # or DC and an NRI's annual report from the demo when there are some, else cited by
    # title and link as they would be for work kept elsewhere.
    outputs = list(Output.objects.filter(year=edition.year).order_by("pk")[:20])
    reports = list(
        NriAnnualReport.objects.filter(year=edition.year).order_by("pk")[:20]
    )
    if outputs:
        MessageSource.objects.create(
            message=message,
            kind=SourceKind.INTERSESSIONAL_OUTPUT,
            output=rng.choice(outputs),
        )
    else:
        MessageSource.objects.create(
            message=message,
            kind=SourceKind.INTERSESSIONAL_OUTPUT,
            title=f"Policy Network on Meaningful Access, output report {edition.year}",
            url=f"https://www.intgovforum.org/en/content/pnma-output-{edition.year}",
        )
    if reports:
        MessageSource.objects.create(
            message=message, kind=SourceKind.NRI_REPORT, nri_report=rng.choice(reports)
        )
    else:
        MessageSource.objects.create(
            message=message,
            kind=SourceKind.NRI_REPORT,
            title=f"NRIs synthesis report {edition.year}: {theme.name}",
            url=f"https://www.intgovforum.org/en/content/nris-{edition.year}",
        )


def _track_outputs(editions, secretariat, log) -> None:
    if (riyadh := editions.get("igf2024")) and not OutcomeDocument.objects.filter(
        edition=riyadh, slug="parliamentary-output"
    ).exists():
        document = OutcomeDocument.objects.create(
            edition=riyadh,
            slug="parliamentary-output",
            kind=DocumentKind.PARLIAMENTARY,
            title="Parliamentary track output document, Riyadh",
            status=DocumentStatus.FINAL,
            published_on=riyadh.end_on,
            summary="What parliamentarians agreed on building a multistakeholder digital future.",
        )
        PolicyMessage.objects.create(
            document=document,
            order=0,
            title="Legislating for AI",
            text="Parliaments should build the expertise to legislate on AI with human rights safeguards and in dialogue with other stakeholders.",
            sdgs=[16],
            addressed_to=["government"],
        )
        DocumentVersion.objects.create(
            document=document,
            number=1,
            status=DocumentStatus.FINAL,
            changes="Adopted by the parliamentary roundtable.",
        )
    lillestrom = editions.get("igf2025")
    if (
        lillestrom is None
        or OutcomeDocument.objects.filter(
            edition=lillestrom, slug="youth-messages"
        ).exists()
    ):
        return
    today = timezone.localdate()
    youth = OutcomeDocument.objects.create(
        edition=lillestrom,
        slug="youth-messages",
        kind=DocumentKind.YOUTH,
        title="Youth messages, Lillestrøm",
        status=DocumentStatus.PUBLIC_COMMENT,
        comments_close_on=today + dt.timedelta(days=21),
        summary="The youth track's messages, open for public comment.",
    )
    DocumentVersion.objects.create(
        document=youth,
        number=1,
        status=DocumentStatus.PUBLIC_COMMENT,
        changes="Opened for public comment.",
        published_by=secretariat,
    )
    messages = [
        PolicyMessage.objects.create(
            document=youth, order=order, title=title, text=text, sdgs=[4], addressed_to=["government", "civil_society"],
        )
        for order, (title, text) in enumerate([
            ("AI literacy", "AI literacy should be part of every school curriculum, designed with young people."),
            ("A seat at the table", "Young people should have a formal role in national and regional IGFs."),
        ])
    ]  # fmt: skip
    participant = User.objects.filter(email="participant@demo.igfplus.org").first()
    if participant is None:
        return
    for index, (text, status, resolution) in enumerate(COMMENTS):
        MessageComment.objects.create(
            message=messages[index % len(messages)],
            author=participant,
            text=text,
            status=status,
            resolution=resolution,
            moderated_by=secretariat if status != CommentStatus.PENDING else None,
            moderated_at=timezone.now() if status != CommentStatus.PENDING else None,
        )
    log(
        f"Track outputs: parliamentary and youth; {len(COMMENTS)} comments on the youth messages"
    )


def _transmissions(documents, secretariat, log) -> None:
    forums = {f.slug: f for f in NormativeForum.objects.all()}
    today = timezone.localdate()
    created = 0
    for (
        edition_slug,
        forum_slug,
        channel,
        sent_on,
        actor,
        symbol,
        events,
    ) in TRANSMISSIONS:
        document = documents.get(edition_slug)
        forum = forums.get(forum_slug)
        if document is None or forum is None or sent_on > today:
            continue
        if Transmission.objects.filter(
            forum=forum, sent_on=sent_on, channel=channel
        ).exists():
            continue
        messages = list(document.messages.order_by("order")[:3])
        transmission = record_transmission(
            forum=forum,
            sent_on=sent_on,
            channel=channel,
            actor=actor,
            by=secretariat,
            messages=messages,
            document=document if channel == Channel.FORMAL_REPORT else None,
            document_symbol=symbol,
            evidence_url=forum.website,
        )
        for kind, days, level, event_symbol in events:
            occurred_on = sent_on + dt.timedelta(days=days)
            if occurred_on > today:
                continue
            record_uptake_event(
                transmission=transmission,
                kind=kind,
                occurred_on=occurred_on,
                evidence_level=level,
                by=secretariat,
                document_symbol=event_symbol,
                evidence_url=forum.website,
            )
        created += 1
    log(f"Transmissions: {created} created, {Transmission.objects.count()} in all")


# Invented people: the real panel's members are not reproduced in demo data.
PANEL_MEMBERS = [
    ("Amina Okafor", "Digital Rights Institute", PanelRole.CHAIR, "", dt.date(2024, 1, 1), None),
    ("Lars Henriksen", "Nordic Telecom Group", PanelRole.VICE_CHAIR, "", dt.date(2024, 1, 1), None),
    ("Mei Lin Zhou", "Asia-Pacific Network Institute", PanelRole.MEMBER, "", dt.date(2024, 1, 1), None),
    ("Carlos Mendes", "Universidade Federal", PanelRole.MEMBER, "", dt.date(2024, 1, 1), None),
    ("Fatima Al-Sayed", "Arab ICT Council", PanelRole.MEMBER, "", dt.date(2022, 8, 1), dt.date(2023, 12, 31)),
    ("Chair of the MAG", "Multistakeholder Advisory Group", PanelRole.EX_OFFICIO, "Chair of the MAG", dt.date(2024, 1, 1), None),
    ("Host country representative", "Government of Norway", PanelRole.EX_OFFICIO, "Host country of IGF 2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
]  # fmt: skip


def _leadership_panel(editions, log) -> None:
    """The Leadership Panel page under the home page, its members and one paper."""
    home = HomePage.objects.first()
    if home is None or LeadershipPanelPage.objects.exists():
        return
    page = LeadershipPanelPage(
        title="Leadership Panel",
        slug="leadership-panel",
        show_in_menus=True,
        introduction=(
            "<p>The Leadership Panel is a strategic, empowered and multistakeholder body "
            "that addresses strategic and urgent issues and carries the forum's outcomes "
            "to other decision-making forums.</p>"
        ),
    )
    for order, (name, affiliation, role, basis, starts, ends) in enumerate(
        PANEL_MEMBERS
    ):
        page.members.add(
            PanelMember(
                sort_order=order,
                name=name,
                affiliation=affiliation,
                role=role,
                basis=basis,
                term_starts_on=starts,
                term_ends_on=ends,
            )
        )
    home.add_child(instance=page)
    page.save_revision().publish()
    if (edition := editions.get("igf2024")) and not OutcomeDocument.objects.filter(
        edition=edition, slug="internet-we-want"
    ).exists():
        OutcomeDocument.objects.create(
            edition=edition,
            slug="internet-we-want",
            kind=DocumentKind.LEADERSHIP_PANEL,
            title="The Internet We Want: a Leadership Panel paper",
            status=DocumentStatus.FINAL,
            published_on=edition.start_on,
            summary="The panel's vision of a whole, open, secure and trustworthy Internet.",
        )
    log(f"Leadership Panel: {len(PANEL_MEMBERS)} members at {page.url}")
