from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "apps.places"
    verbose_name = _("Places")

    def ready(self) -> None:
        from apps.editorial.registry import register
        from apps.places.forms import PlaceForm
        from apps.places.models import Place

        register(Place, form=PlaceForm, own_permission="ngo.change_profile")
