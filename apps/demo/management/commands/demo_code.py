from django.core.management.base import BaseCommand

from apps.demo.services import DEMO_TOTP_SECRET, demo_code


class Command(BaseCommand):
    help = (
        "Print the current two-step sign-in code of the demo accounts that need one "
        f"(secret {DEMO_TOTP_SECRET}, as an authenticator app would show it)."
    )

    def handle(self, *args, **options):
        self.stdout.write(demo_code())
