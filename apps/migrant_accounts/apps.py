from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MigrantAccountsConfig(AppConfig):
    name = "apps.migrant_accounts"
    verbose_name = _("Migrant accounts")

    def ready(self) -> None:
        from apps.core import jobs
        from apps.editorial.signals import content_published
        from apps.migrant_accounts import follows, services, tasks
        from apps.translation.signals import translation_published

        # Services queue e-mails by name; they never import the tasks (which import them).
        jobs.connect(services.SIGN_IN_MAIL, tasks.send_sign_in_link)
        jobs.connect(services.INACTIVITY_MAIL, tasks.send_inactivity_warning)
        # What followers are told: noted when it is published (after the commit).
        content_published.connect(follows.on_content_published, dispatch_uid="migrant-follows")
        translation_published.connect(
            follows.on_translation_published, dispatch_uid="migrant-follows-translation"
        )
