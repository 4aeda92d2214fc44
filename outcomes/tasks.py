"""Background work of the outcomes: the daily session report reminders.

Run inline with the default (immediate) backend, or by ``manage.py db_worker`` with
``TASKS_BACKEND=database``. Cron calls ``manage.py send_report_reminders`` once a day;
running it twice on one day sends nothing more (see ``send_report_reminders``).
"""

from __future__ import annotations

from django_tasks import task

from outcomes.services import reports


@task()
def send_report_reminders() -> int:
    """E-mail organizers whose session report is due soon or overdue; return e-mails sent."""
    return reports.send_report_reminders()


@task()
def send_watchlist_digests() -> int:
    """E-mail each follower one digest of what is new since the last; return e-mails sent."""
    from outcomes.services import watchlists

    return watchlists.send_watchlist_digests()
