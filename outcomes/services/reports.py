"""Session reports: who files them, when they are due, who still owes one, reminders.

A session owes a report once it has *taken place as released*: the latest release of its
edition shows it scheduled and its end has passed. The report is due ``report_due_days``
after the session's end (in the edition's local time, whole days); reminders start
``remind_days_before`` days before that and continue, at most once a day, while the
report is missing. Only a person at the session as organizer or rapporteur whose account
is the signed-in user may file it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from outcomes.models import (
    CallToAction,
    ReportingRules,
    ReportReminder,
    SessionReport,
    Takeaway,
)
from sessions.enums import PersonRole, SessionStatus
from sessions.models import Release, ReleasedSession, SessionPage, SessionParticipant

REPORTER_ROLES = (PersonRole.ORGANIZER, PersonRole.RAPPORTEUR)
SUBMIT = "outcomes.report.submit"

NOT_A_REPORTER = "Only the session's organizers and rapporteurs may file its report."
NOT_TAKEN_PLACE = "A report can be filed once the session has taken place as released."
NEEDS_A_TAKEAWAY = "A submitted report needs at least one key takeaway."
GENDER_COUNTS_TOO_HIGH = (
    "Women, men and other add up to %(counted)s, more than the %(total)s participants."
)
CITED_TAKEAWAY_REMOVED = (
    "“%(text)s” is cited by a policy message and cannot be removed; change its text "
    "instead."
)
REMINDER_SUBJECT = "Session report due on %(due_on)s: %(code)s %(title)s"
OVERDUE_SUBJECT = "Session report overdue since %(due_on)s: %(code)s %(title)s"
REMINDER_BODY = (
    "Dear %(name)s,\n\n"
    "the report of %(code)s “%(title)s” (%(edition)s) is due on %(due_on)s.\n"
    "File it here: %(url)s\n\n"
    "Key takeaways and calls to action from session reports are what the IGF Messages "
    "are drafted from.\n\n— The IGF Secretariat"
)


# --- Pure rules -------------------------------------------------------------------------


def report_due_on(*, end_at: dt.datetime, due_days: int, tzinfo: dt.tzinfo) -> dt.date:
    """The last day to file a report: the session's local end date plus the due days."""
    return end_at.astimezone(tzinfo).date() + dt.timedelta(days=due_days)


def is_overdue(*, due_on: dt.date, today: dt.date) -> bool:
    """Whether the deadline has passed (the due day itself is still in time)."""
    return today > due_on


def is_reminder_due(
    *, due_on: dt.date, today: dt.date, remind_days_before: int
) -> bool:
    """Whether organizers are reminded today: from N days before the deadline onward."""
    return today >= due_on - dt.timedelta(days=remind_days_before)


def check_report(
    *,
    participants_onsite: int | None,
    participants_online: int | None,
    gender_counts: Sequence[int | None],
    takeaway_count: int,
    submit: bool,
) -> dict[str, list[str]]:
    """Why a report cannot be saved as given, by form field (empty when it can)."""
    problems: dict[str, list[str]] = {}
    total = (participants_onsite or 0) + (participants_online or 0)
    counted = sum(count or 0 for count in gender_counts)
    if counted > total:
        problems["women_count"] = [
            GENDER_COUNTS_TOO_HIGH % {"counted": counted, "total": total}
        ]
    if submit and takeaway_count == 0:
        problems["takeaways"] = [NEEDS_A_TAKEAWAY]
    return problems


# --- Reads ------------------------------------------------------------------------------


@dataclass
class ReportDue:
    """A session that took place, when its report is due and the report if one exists."""

    session: SessionPage
    end_at: dt.datetime
    due_on: dt.date
    is_overdue: bool
    report: SessionReport | None = None

    @property
    def is_submitted(self) -> bool:
        return self.report is not None and self.report.is_submitted


def rules_for(edition) -> ReportingRules:
    """The edition's reporting rules, or the defaults (unsaved) when none were set."""
    return ReportingRules.objects.filter(edition=edition).first() or ReportingRules(
        edition=edition
    )


def _taken_place(*, now: dt.datetime) -> QuerySet[ReleasedSession]:
    latest = Release.objects.filter(edition=OuterRef("release__edition")).order_by(
        "-number"
    )
    return ReleasedSession.objects.filter(
        release_id=Subquery(latest.values("pk")[:1]),
        status=SessionStatus.SCHEDULED,
        end_at__lte=now,
    ).select_related("session__edition", "session__session_type", "session__report")


def _as_due(rows: Iterable[ReleasedSession], *, today: dt.date) -> list[ReportDue]:
    rows = list(rows)
    edition_ids = {row.session.edition_id for row in rows}
    rules = {
        r.edition_id: r
        for r in ReportingRules.objects.filter(edition_id__in=edition_ids)
    }
    due = []
    for row in rows:
        edition = row.session.edition
        edition_rules = rules.get(edition.pk) or ReportingRules(edition=edition)
        due_on = report_due_on(
            end_at=row.end_at,
            due_days=edition_rules.report_due_days,
            tzinfo=edition.tzinfo,
        )
        due.append(
            ReportDue(
                session=row.session,
                end_at=row.end_at,
                due_on=due_on,
                is_overdue=is_overdue(due_on=due_on, today=today),
                report=getattr(row.session, "report", None),
            )
        )
    return sorted(due, key=lambda d: (d.due_on, d.session.title))


def reports_for(user, *, now: dt.datetime | None = None) -> list[ReportDue]:
    """The reports the user may file: their sessions (organizer, rapporteur) that took place."""
    now = now or timezone.now()
    sessions = SessionParticipant.objects.filter(
        person__user=user, role__in=REPORTER_ROLES
    ).values("session")
    rows = _taken_place(now=now).filter(session__in=sessions)
    return _as_due(rows, today=timezone.localdate(now))


def missing_reports(edition, *, now: dt.datetime | None = None) -> list[ReportDue]:
    """The edition's sessions that took place as released and have no submitted report."""
    now = now or timezone.now()
    rows = (
        _taken_place(now=now)
        .filter(session__edition=edition)
        .exclude(session__report__is_submitted=True)
    )
    return _as_due(rows, today=timezone.localdate(now))


def organizers_owing_reports(
    edition, *, now: dt.datetime | None = None
) -> frozenset[int]:
    """Ids of people who organised a session of ``edition`` whose report is overdue."""
    session_ids = [
        due.session.pk for due in missing_reports(edition, now=now) if due.is_overdue
    ]
    return frozenset(
        SessionParticipant.objects.filter(
            session_id__in=session_ids, role=PersonRole.ORGANIZER
        ).values_list("person_id", flat=True)
    )


def may_file_report(user, session: SessionPage) -> bool:
    """Whether the user is at the session as its organizer or rapporteur."""
    return (
        user.is_authenticated
        and SessionParticipant.objects.filter(
            session=session, person__user=user, role__in=REPORTER_ROLES
        ).exists()
    )


def report_due(
    session: SessionPage, *, now: dt.datetime | None = None
) -> ReportDue | None:
    """The session's report deadline if it took place as released, else None."""
    now = now or timezone.now()
    rows = _taken_place(now=now).filter(session=session)
    found = _as_due(rows, today=timezone.localdate(now))
    return found[0] if found else None


# --- Writes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TakeawaySpec:
    """A takeaway as the form gives it; ``pk`` when it is an existing one."""

    text: str
    pk: int | None = None


@dataclass(frozen=True)
class CallSpec:
    """A call to action as the form gives it; ``pk`` when it is an existing one."""

    text: str
    addressed_to: Sequence[str] = field(default_factory=tuple)
    pk: int | None = None


@transaction.atomic
def file_report(
    *,
    session: SessionPage,
    by,
    summary: str,
    participants_onsite: int | None,
    participants_online: int | None,
    women_count: int | None = None,
    men_count: int | None = None,
    other_gender_count: int | None = None,
    takeaways: Sequence[TakeawaySpec] = (),
    calls_to_action: Sequence[CallSpec] = (),
    submit: bool = True,
    now: dt.datetime | None = None,
) -> SessionReport:
    """File (or update) a session's report by its organizer or rapporteur; return it.

    ``submit=False`` keeps it as a draft that still counts as missing. Takeaways and calls
    are matched by ``pk``: those left out are removed, unless a message cites them.
    """
    now = now or timezone.now()
    if not may_file_report(by, session):
        raise PermissionDenied(NOT_A_REPORTER)
    if report_due(session, now=now) is None:
        raise ValidationError(NOT_TAKEN_PLACE)
    takeaways = [t for t in takeaways if t.text.strip()]
    calls_to_action = [c for c in calls_to_action if c.text.strip()]
    problems = check_report(
        participants_onsite=participants_onsite,
        participants_online=participants_online,
        gender_counts=(women_count, men_count, other_gender_count),
        takeaway_count=len(takeaways),
        submit=submit,
    )
    if problems:
        raise ValidationError(problems)

    report = SessionReport.objects.filter(session=session).first()
    is_new = report is None
    report = report or SessionReport(session=session)
    report.summary = summary.strip()
    report.participants_onsite = participants_onsite
    report.participants_online = participants_online
    report.women_count = women_count
    report.men_count = men_count
    report.other_gender_count = other_gender_count
    newly_submitted = submit and not report.is_submitted
    if newly_submitted:
        report.is_submitted = True
        report.submitted_at = now
        report.submitted_by = by
    report.save()
    _replace_children(report, Takeaway, takeaways, lambda t: {"text": t.text.strip()})
    _replace_children(
        report,
        CallToAction,
        calls_to_action,
        lambda c: {"text": c.text.strip(), "addressed_to": list(c.addressed_to)},
    )
    log(
        instance=report,
        action="wagtail.create" if is_new else "wagtail.edit",
        user=by,
    )
    if newly_submitted:
        log(instance=report, action=SUBMIT, user=by)
    return report


def _replace_children(report: SessionReport, model, specs, values) -> None:
    existing = {child.pk: child for child in model.objects.filter(report=report)}
    kept = set()
    for order, spec in enumerate(specs):
        child = existing.get(spec.pk) if spec.pk else None
        child = child or model(report=report)
        for name, value in values(spec).items():
            setattr(child, name, value)
        child.sort_order = order
        child.save()
        kept.add(child.pk)
    for pk, child in existing.items():
        if pk in kept:
            continue
        if model is Takeaway and child.cited_by.exists():
            raise ValidationError(
                {"takeaways": [CITED_TAKEAWAY_REMOVED % {"text": child.text[:80]}]}
            )
        child.delete()


def _report_url(session: SessionPage) -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("reports:edit", args=[session.pk])


def send_report_reminders(*, now: dt.datetime | None = None) -> int:
    """E-mail the organizers and rapporteurs of reports due soon or overdue; return sent.

    Idempotent per day: a ``ReportReminder`` row per session and day is written first,
    so a second run on the same day (or a parallel one) sends nothing more.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    rows = _taken_place(now=now).exclude(session__report__is_submitted=True)
    due = _as_due(rows, today=today)
    rules = {
        r.edition_id: r
        for r in ReportingRules.objects.filter(
            edition_id__in={d.session.edition_id for d in due}
        )
    }
    sent = 0
    for item in due:
        edition = item.session.edition
        edition_rules = rules.get(edition.pk) or ReportingRules(edition=edition)
        if not is_reminder_due(
            due_on=item.due_on,
            today=today,
            remind_days_before=edition_rules.remind_days_before,
        ):
            continue
        recipients = list(
            SessionParticipant.objects.filter(
                session=item.session, role__in=REPORTER_ROLES
            )
            .exclude(person__user=None)
            .exclude(person__user__email="")
            .select_related("person__user")
        )
        try:
            with transaction.atomic():
                ReportReminder.objects.create(
                    session=item.session, sent_on=today, recipients=len(recipients)
                )
        except IntegrityError:
            continue  # already reminded today
        sent += _send_reminder(item, recipients)
    return sent


def _send_reminder(item: ReportDue, recipients: list[SessionParticipant]) -> int:
    session = item.session
    values = {
        "code": session.code,
        "title": session.title,
        "edition": session.edition.title,
        "due_on": item.due_on.isoformat(),
        "url": _report_url(session),
    }
    subject = (OVERDUE_SUBJECT if item.is_overdue else REMINDER_SUBJECT) % values
    sent = 0
    seen = set()
    for participant in recipients:
        user = participant.person.user
        if user.pk in seen:
            continue
        seen.add(user.pk)
        sent += send_mail(
            subject,
            REMINDER_BODY % {**values, "name": participant.person.name},
            None,
            [user.email],
        )
    return sent
