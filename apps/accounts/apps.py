from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self) -> None:
        from apps.accounts import lockout  # noqa: F401 - connects the sign-in signal receivers
