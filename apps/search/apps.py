from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "apps.search"
    verbose_name = _("Search")

    def ready(self) -> None:
        """Index on publish: every signal that says what migrants read has changed, and an
        organisation's profile being saved, queue the item for indexing after the commit."""
        from django.apps import apps
        from django.db.models.signals import post_delete, post_save

        from apps.editorial.signals import content_published, live_content_changed
        from apps.search import jobs, services, tasks
        from apps.search.chunking import SEARCHED_MODELS
        from apps.translation.signals import translation_published

        jobs.connect_indexing(tasks.index_items)
        for signal in (live_content_changed, content_published, translation_published):
            signal.connect(jobs.item_changed, dispatch_uid=f"search-{id(signal)}")
        organisation = apps.get_model("accounts.Organisation")

        def organisation_saved(sender, instance, **kwargs):
            jobs.item_changed(item=instance)

        post_save.connect(organisation_saved, sender=organisation, weak=False)
        for label in SEARCHED_MODELS:

            def deleted(sender, instance, **kwargs):
                services.forget_item(instance)

            post_delete.connect(deleted, sender=apps.get_model(label), weak=False)
