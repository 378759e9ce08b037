from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpeechConfig(AppConfig):
    name = "apps.speech"
    verbose_name = _("Read aloud")

    def ready(self) -> None:
        # Recording follows publication through the editorial signals, never a view.
        from django.db.models.signals import post_save, pre_save

        from apps.accounts.models import Organisation
        from apps.core import jobs
        from apps.core.models import Region
        from apps.editorial.signals import content_published, live_content_changed
        from apps.speech import kinds, receivers, tasks
        from apps.translation.signals import translation_published

        kinds.register(kinds.SpokenOrganisations())
        jobs.connect(receivers.RECORD_ITEM, tasks.record_item)
        jobs.connect(receivers.RECORD_REGION, tasks.record_region)

        for signal in (content_published, translation_published, live_content_changed):
            signal.connect(receivers.item_changed, dispatch_uid=f"speech:{id(signal)}")
        pre_save.connect(receivers.region_saving, sender=Region, dispatch_uid="speech:region")
        post_save.connect(receivers.region_saved, sender=Region, dispatch_uid="speech:region")
        post_save.connect(
            receivers.organisation_saved, sender=Organisation, dispatch_uid="speech:organisation"
        )
