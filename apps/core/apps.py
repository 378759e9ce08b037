from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "apps.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_delete, post_save

        from apps.core import page_cache
        from apps.core.collation import register_sqlite
        from apps.core.languages import register_lang_info
        from apps.core.models import Region
        from apps.core.queries import regions_changed

        register_lang_info()
        page_cache.connect()
        for signal in (post_save, post_delete):
            signal.connect(regions_changed, sender=Region, dispatch_uid=f"regions-{signal}")
        connection_created.connect(register_sqlite, dispatch_uid="waypoint-collations")
