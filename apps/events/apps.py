from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "apps.events"
    verbose_name = _("Events and courses")

    def ready(self) -> None:
        from apps.core import jobs, topics
        from apps.editorial.registry import register
        from apps.events import queries, services, tasks
        from apps.events.forms import EventForm
        from apps.events.models import Event

        topics.register_section(
            "events", order=30, read=queries.events_about, shown=queries.cards_of
        )
        topics.register_helpers(queries.organisations_with_events_about)
        register(
            Event,
            form=EventForm,
            edit_permission="events.manage",
            own_permission="ngo.manage_events",
            moderate_permission="events.moderate",
        )
        # Services queue e-mails by name; they never import the tasks (which import them).
        jobs.connect(services.REGISTRATION_MAIL, tasks.send_registration_mail)
