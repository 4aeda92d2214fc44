"""Queue today's session report reminders (run daily from cron)."""

from django.core.management.base import BaseCommand

from outcomes.tasks import send_report_reminders


class Command(BaseCommand):
    help = (
        "E-mail organizers and rapporteurs whose session report is due soon or overdue. "
        "Idempotent per day."
    )

    def handle(self, *args, **options):
        result = send_report_reminders.enqueue()
        if result.is_finished:
            self.stdout.write(f"Report reminders sent: {result.return_value}")
        else:
            self.stdout.write(f"Report reminders queued as task {result.id}.")
