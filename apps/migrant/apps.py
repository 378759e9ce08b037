from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MigrantConfig(AppConfig):
    name = "apps.migrant"
    verbose_name = _("Migrant portal")
