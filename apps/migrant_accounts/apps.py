from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MigrantAccountsConfig(AppConfig):
    name = "apps.migrant_accounts"
    verbose_name = _("Migrant accounts")

    def ready(self) -> None:
        from apps.core import jobs
        from apps.migrant_accounts import services, tasks

        # Services queue e-mails by name; they never import the tasks (which import them).
        jobs.connect(services.SIGN_IN_MAIL, tasks.send_sign_in_link)
        jobs.connect(services.INACTIVITY_MAIL, tasks.send_inactivity_warning)
