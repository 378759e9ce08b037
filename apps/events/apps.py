from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "apps.events"
    verbose_name = _("Events and courses")

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils import translation

        from apps.editorial.registry import register
        from apps.events.forms import EventForm
        from apps.events.models import Event

        def public_url(event: Event, code: str) -> str:
            with translation.override(code):
                return reverse("migrant:event", kwargs={"slug": event.slug})

        register(Event, form=EventForm, public_url=public_url)
