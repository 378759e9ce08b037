from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationConfig(AppConfig):
    name = "apps.translation"
    verbose_name = _("Translations")

    def ready(self) -> None:
        # The services ask for machine drafts through ``apps.core.jobs``; the Celery task that
        # makes them is connected here, so that the services never import the tasks.
        from apps.core import jobs
        from apps.translation import services, tasks

        jobs.connect(services.MACHINE_DRAFT, tasks.machine_translate)
