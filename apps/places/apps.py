from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "apps.places"
    verbose_name = _("Places")

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils import translation

        from apps.editorial.registry import register
        from apps.places.forms import PlaceForm
        from apps.places.models import Place

        def public_url(place: Place, code: str) -> str:
            with translation.override(code):
                return reverse("migrant:place", kwargs={"slug": place.slug})

        register(Place, form=PlaceForm, public_url=public_url)
