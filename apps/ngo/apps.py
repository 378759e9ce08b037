from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NgoConfig(AppConfig):
    name = "apps.ngo"
    verbose_name = _("NGO workspace")

    def ready(self) -> None:
        from apps.accounts import queries as accounts_queries
        from apps.core import links

        # People of an NGO of the region start in the NGO workspace (after the authority's).
        links.register_start_page(
            "ngo:index",
            applies=lambda user, region: bool(accounts_queries.ngos_of(user, region)),
            order=20,
        )
