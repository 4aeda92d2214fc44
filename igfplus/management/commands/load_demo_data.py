"""Build the demo world: accounts for each role, editions, rooms, people, and more as apps grow.

Each app contributes a ``demo`` module with ``load(*, log)``; they run in INSTALLED_APPS
order (core before the apps that build on it), all in one transaction. Running the command
again changes nothing that is already there.
"""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

REFUSED_OUTSIDE_DEVELOPMENT = (
    "Demo data has known passwords and is refused here. It loads only with development "
    "or test settings (IGFPLUS_DEMO_DATA_ALLOWED = True)."
)


class Command(BaseCommand):
    help = "Load the demo world (idempotent). Refused in production."

    def handle(self, *args, **options):
        if not getattr(settings, "IGFPLUS_DEMO_DATA_ALLOWED", False):
            raise CommandError(REFUSED_OUTSIDE_DEVELOPMENT)
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                if not module_has_submodule(app_config.module, "demo"):
                    continue
                module = import_module(f"{app_config.name}.demo")
                self.stdout.write(
                    self.style.MIGRATE_HEADING(f"{app_config.verbose_name}:")
                )
                module.load(log=self._log)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))

    def _log(self, message: str) -> None:
        self.stdout.write(f"  {message}")
