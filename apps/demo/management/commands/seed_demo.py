from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from apps.demo.services import DEMO_PASSWORD, DEMO_TOTP_SECRET, load_demo


class Command(BaseCommand):
    help = "Create (or refresh) the demo municipality Musterstadt with one account per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load demo accounts even with DEBUG off (they all share one known password).",
        )
        parser.add_argument(
            "--site-url",
            default="http://127.0.0.1:8000",
            help="Where the server will answer, for the sign-in link printed at the end "
            "(`make run` passes its HOST and PORT).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "Demo accounts share a published password; refusing with DEBUG off. "
                "Pass --allow-production for a staging system."
            )
        with translation.override("en"):
            region, accounts = load_demo()
        # Recording the whole town takes minutes: `make run` does it beside the server.
        self.stdout.write("Read-aloud: `manage.py generate_speech` records every text.")
        self.stdout.write(
            "Assistant: `manage.py rebuild_search_index` embeds texts changed since the demo's "
            "vectors were made."
        )
        width = max(len(account.email) for account in accounts)
        self.stdout.write(self.style.SUCCESS(f"Demo region “{region.name_en}” is ready."))
        sign_in = f"{options['site_url'].rstrip('/')}/en/accounts/sign-in/"
        self.stdout.write(f"Sign in at {sign_in} with the password “{DEMO_PASSWORD}”:")
        for account in accounts:
            mark = " [code]" if account.demo_code else ""
            self.stdout.write(f"  {account.email.ljust(width)}  {account.roles}{mark}")
        if any(account.demo_code for account in accounts):
            self.stdout.write(
                "Accounts marked [code] use two-step sign-in: after the password, give the code "
                f"of the demo authenticator secret {DEMO_TOTP_SECRET} (add it to an "
                f"authenticator app, or run `oathtool --totp -b {DEMO_TOTP_SECRET}` or "
                "`manage.py demo_code`)."
            )
