from django.core.management.base import BaseCommand

from apps.core.catalogues import compile_all


class Command(BaseCommand):
    help = "Compile the UI's .po catalogues to .mo without GNU gettext."

    def handle(self, *args, **options):
        written = compile_all()
        self.stdout.write(f"Compiled {len(written)} catalogues.")
