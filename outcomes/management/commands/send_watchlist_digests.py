"""Queue today's watchlist digests (run daily from cron)."""

from django.core.management.base import BaseCommand

from outcomes.tasks import send_watchlist_digests


class Command(BaseCommand):
    help = (
        "E-mail each person who follows sub-themes, messages or forums one digest of "
        "what is new since their last one. Idempotent: nothing is sent twice."
    )

    def handle(self, *args, **options):
        result = send_watchlist_digests.enqueue()
        if result.is_finished:
            self.stdout.write(f"Watchlist digests sent: {result.return_value}")
        else:
            self.stdout.write(f"Watchlist digests queued as task {result.id}.")
