from django.core.management.base import BaseCommand

from igfplus.translations import catalogue_state, catalogues, compile_catalogue


class Command(BaseCommand):
    help = "Build the .mo file of every interface language from its .po catalogue."

    def handle(self, *args, **options):
        for po_path in catalogues():
            compile_catalogue(po_path)
            state = catalogue_state(po_path)
            done = state.total - len(state.untranslated)
            self.stdout.write(
                f"{state.language}: {done}/{state.total} strings translated"
            )
