import datetime as dt
import io
import zoneinfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from outcomes.models import ReportReminder, SessionReport
from outcomes.services import reports as service
from outcomes.services.reports import CallSpec, TakeawaySpec
from sessions.enums import PersonRole, SessionStatus
from sessions.services.proposals import organizers_missing_reports
from tests.factories import ForumEditionPageFactory, PersonFactory, UserFactory
from tests.factories.outcomes import (
    MessageSourceFactory,
    ReportingRulesFactory,
    SessionReportFactory,
)
from tests.factories.programme import SessionPageFactory
from tests.outcomes.conftest import release_session

GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")


# --- pure rules -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("end_at", "expected"),
    [
        pytest.param(
            dt.datetime(2025, 6, 24, 16, 0, tzinfo=dt.UTC),
            dt.date(2025, 7, 8),
            id="afternoon",
        ),
        pytest.param(
            dt.datetime(2025, 6, 24, 22, 30, tzinfo=dt.UTC),
            dt.date(2025, 7, 9),
            id="late_utc_is_next_local_day",
        ),
    ],
)
def test_report_due_on_counts_from_the_local_end_date(end_at, expected):
    assert service.report_due_on(end_at=end_at, due_days=14, tzinfo=GENEVA) == expected


@pytest.mark.parametrize(
    ("today", "overdue", "remind"),
    [
        pytest.param(dt.date(2025, 7, 4), False, False, id="too_early"),
        pytest.param(dt.date(2025, 7, 5), False, True, id="reminder_window_opens"),
        pytest.param(dt.date(2025, 7, 8), False, True, id="due_day_in_time"),
        pytest.param(dt.date(2025, 7, 9), True, True, id="overdue"),
    ],
)
def test_overdue_and_reminder_windows(today, overdue, remind):
    due_on = dt.date(2025, 7, 8)
    assert service.is_overdue(due_on=due_on, today=today) is overdue
    assert (
        service.is_reminder_due(due_on=due_on, today=today, remind_days_before=3)
        is remind
    )


def test_check_report_counts_and_takeaways():
    assert service.check_report(
        participants_onsite=10,
        participants_online=5,
        gender_counts=(10, 6, None),
        takeaway_count=0,
        submit=True,
    ) == {
        "women_count": [
            "Women, men and other add up to 16, more than the 15 participants."
        ],
        "takeaways": [service.NEEDS_A_TAKEAWAY],
    }


# --- filing -----------------------------------------------------------------------------


def file(session, by, **overrides):
    values = {
        "session": session,
        "by": by,
        "summary": "A lively debate.",
        "participants_onsite": 60,
        "participants_online": 25,
        "takeaways": [TakeawaySpec("Local content drives demand.")],
        "calls_to_action": [
            CallSpec("Fund community networks.", addressed_to=("government",))
        ],
    }
    return service.file_report(**{**values, **overrides})


def test_organizer_files_a_report(held_session, organizer_user):
    report = file(held_session, organizer_user)

    assert (report.is_submitted, report.submitted_by) == (True, organizer_user)
    assert list(report.takeaways.values_list("text", flat=True)) == [
        "Local content drives demand."
    ]
    assert list(report.calls_to_action.values_list("text", "addressed_to")) == [
        ("Fund community networks.", ["government"])
    ]
    assert list(
        ModelLogEntry.objects.for_instance(report)
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["wagtail.create", service.SUBMIT]


def test_rapporteur_may_file(make_session):
    user = UserFactory()
    session = make_session(people=[(PersonFactory(user=user), PersonRole.RAPPORTEUR)])

    assert file(session, user).submitted_by == user


@pytest.mark.parametrize("role", [PersonRole.SPEAKER, PersonRole.ONSITE_MODERATOR])
def test_other_roles_may_not_file(make_session, role):
    user = UserFactory()
    session = make_session(people=[(PersonFactory(user=user), role)])

    with pytest.raises(PermissionDenied) as refused:
        file(session, user)

    assert str(refused.value) == service.NOT_A_REPORTER
    assert SessionReport.objects.count() == 0


def test_stranger_may_not_file(held_session):
    with pytest.raises(PermissionDenied):
        file(held_session, UserFactory())


@pytest.mark.parametrize(
    "scene",
    ["not_released", "not_ended", "cancelled"],
)
def test_report_only_after_the_session_took_place(make_session, organizer, scene):
    session = make_session(
        people=[(organizer, PersonRole.ORGANIZER)],
        ended_days_ago={"not_released": None, "not_ended": -1, "cancelled": None}[
            scene
        ],
    )
    if scene == "cancelled":
        release_session(
            session,
            end_at=timezone.now() - dt.timedelta(days=2),
            status=SessionStatus.CANCELLED,
        )

    with pytest.raises(ValidationError) as refused:
        file(session, organizer.user)

    assert refused.value.messages == [service.NOT_TAKEN_PLACE]


def test_refiling_updates_takeaways_in_place(held_session, organizer_user):
    report = file(held_session, organizer_user)
    kept = report.takeaways.get()

    file(
        held_session,
        organizer_user,
        takeaways=[
            TakeawaySpec("Local content drives demand, says everyone.", pk=kept.pk),
            TakeawaySpec("Skills matter."),
        ],
    )

    assert list(report.takeaways.values_list("pk", "text")) == [
        (kept.pk, "Local content drives demand, says everyone."),
        (report.takeaways.last().pk, "Skills matter."),
    ]


def test_a_cited_takeaway_cannot_be_removed(held_session, organizer_user):
    report = file(held_session, organizer_user)
    takeaway = report.takeaways.get()
    MessageSourceFactory(kind="takeaway", takeaway=takeaway, title="")

    with pytest.raises(ValidationError) as refused:
        file(held_session, organizer_user, takeaways=[TakeawaySpec("Something else.")])

    assert refused.value.message_dict == {
        "takeaways": [
            "“Local content drives demand.” is cited by a policy message and cannot be "
            "removed; change its text instead."
        ]
    }
    assert list(report.takeaways.values_list("text", flat=True)) == [
        "Local content drives demand."
    ]


# --- missing reports and screening -----------------------------------------------------


def test_missing_reports_lists_ended_sessions_without_a_submitted_report(
    make_session, organizer, organizer_user, edition
):
    ReportingRulesFactory(edition=edition, report_due_days=1)
    overdue = make_session(
        people=[(organizer, PersonRole.ORGANIZER)], ended_days_ago=5, title="Overdue"
    )
    in_time = make_session(ended_days_ago=0, title="In time")
    draft = make_session(
        people=[(organizer, PersonRole.ORGANIZER)], ended_days_ago=3, title="Draft"
    )
    file(draft, organizer_user, submit=False)
    done = make_session(people=[(organizer, PersonRole.ORGANIZER)], title="Done")
    file(done, organizer_user)
    make_session(ended_days_ago=None, title="Not released")

    missing = service.missing_reports(edition)

    assert [(d.session, d.is_overdue, d.is_submitted) for d in missing] == [
        (overdue, True, False),
        (draft, True, False),
        (in_time, False, False),
    ]


@pytest.mark.django_db
def test_screening_blocks_organizers_owing_last_editions_report():
    previous = ForumEditionPageFactory(year=2031)
    current = ForumEditionPageFactory(year=2032)
    owing, paid, speaker = PersonFactory(), PersonFactory(), PersonFactory()
    owed = SessionPageFactory(
        edition=previous,
        participants=[
            _spec(owing, PersonRole.ORGANIZER),
            _spec(speaker, PersonRole.SPEAKER),
        ],
    )
    filed = SessionPageFactory(
        edition=previous, participants=[_spec(paid, PersonRole.ORGANIZER)]
    )
    long_ago = timezone.now() - dt.timedelta(days=60)
    release_session(owed, end_at=long_ago)
    release_session(filed, end_at=long_ago)
    SessionReportFactory(session=filed)

    assert organizers_missing_reports(current) == frozenset({owing.pk})
    assert organizers_missing_reports(previous) == frozenset()


def _spec(person, role):
    from sessions.services.sessions import ParticipantSpec

    return ParticipantSpec(person=person, role=role)


# --- reminders --------------------------------------------------------------------------


def test_reminders_mail_organizers_and_rapporteurs_once_a_day(make_session, edition):
    ReportingRulesFactory(edition=edition, report_due_days=3, remind_days_before=2)
    organizer = PersonFactory(user=UserFactory(email="org@example.org"))
    rapporteur = PersonFactory(user=UserFactory(email="rap@example.org"))
    no_account = PersonFactory()
    session = make_session(
        people=[
            (organizer, PersonRole.ORGANIZER),
            (rapporteur, PersonRole.RAPPORTEUR),
            (no_account, PersonRole.ORGANIZER),
        ],
        ended_days_ago=2,
    )
    make_session(ended_days_ago=0, title="Reminded later")  # due in 3 days: not yet

    assert service.send_report_reminders() == 2
    assert service.send_report_reminders() == 0

    assert sorted(m.to[0] for m in mail.outbox) == [
        "org@example.org",
        "rap@example.org",
    ]
    assert mail.outbox[0].subject.startswith("Session report due on ")
    assert f"/my/reports/{session.pk}/" in mail.outbox[0].body
    assert ReportReminder.objects.get().session == session


def test_reminder_subject_says_overdue(held_session):
    held_session_due = service.report_due(held_session)
    later = timezone.now() + dt.timedelta(days=30)

    assert service.send_report_reminders(now=later) == 1
    assert mail.outbox[0].subject == (
        f"Session report overdue since {held_session_due.due_on.isoformat()}: "
        f"{held_session.code} {held_session.title}"
    )


def test_submitted_report_gets_no_reminder(held_session, organizer_user):
    file(held_session, organizer_user)

    assert (
        service.send_report_reminders(now=timezone.now() + dt.timedelta(days=30)) == 0
    )
    assert mail.outbox == []


def test_command_runs_the_task(held_session):
    out = io.StringIO()

    call_command("send_report_reminders", stdout=out)

    # Two days after the session, with 14 days to file and 3 days' notice: no e-mail yet.
    assert out.getvalue() == "Report reminders sent: 0\n"
    assert mail.outbox == []
