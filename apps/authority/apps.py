from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthorityConfig(AppConfig):
    name = "apps.authority"
    verbose_name = _("Authority workspace")

    def ready(self) -> None:
        from apps.core import links

        # Staff of the region's authorities start in its workspace after signing in.
        links.register_start_page(
            "authority:dashboard",
            applies=lambda user, region: user.has_perm("authority.view_workspace", region),
            order=10,
        )
