from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "apps.feedback"
    verbose_name = _("Page feedback")

    def ready(self) -> None:
        """A deleted item takes its ratings and comments with it."""
        from django.apps import apps
        from django.contrib.contenttypes.models import ContentType
        from django.db.models.signals import post_delete

        from apps.feedback import services
        from apps.search.chunking import SEARCHED_MODELS

        def deleted(sender, instance, **kwargs):
            content_type = ContentType.objects.get_for_model(instance)
            services.forget_item(content_type.pk, instance.pk)

        for label in SEARCHED_MODELS:
            post_delete.connect(deleted, sender=apps.get_model(label), weak=False)
