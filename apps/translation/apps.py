from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationConfig(AppConfig):
    name = "apps.translation"
    verbose_name = _("Translations")

    def ready(self) -> None:
        # The services ask for machine drafts through ``jobs``; the Celery task that makes them
        # is connected here, so that the services never import the tasks (which import them).
        from apps.translation import jobs, tasks

        jobs.connect_machine_drafts(tasks.machine_translate)
