from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "apps.places"
    verbose_name = _("Places")

    def ready(self) -> None:
        from apps.core import topics
        from apps.editorial.registry import register
        from apps.places import queries
        from apps.places.forms import PlaceForm
        from apps.places.models import Place

        topics.register_section("organisations", order=40, read=queries.organisations_about)
        register(Place, form=PlaceForm, own_permission="ngo.change_profile")
