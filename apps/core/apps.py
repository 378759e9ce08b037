from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "apps.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from apps.core import page_cache
        from apps.core.collation import register_sqlite
        from apps.core.languages import register_lang_info

        register_lang_info()
        page_cache.connect()
        connection_created.connect(register_sqlite, dispatch_uid="waypoint-collations")
