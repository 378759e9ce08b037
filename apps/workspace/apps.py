from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The page kit the authority and NGO frontends share (no models)."""

    name = "apps.workspace"
    verbose_name = _("Workspace")
