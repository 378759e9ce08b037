from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MigrantConfig(AppConfig):
    name = "apps.migrant"
    verbose_name = _("Migrant portal")

    def ready(self) -> None:
        """The public pages of content, and the pages domain code links to (apps.core.links)."""
        from apps.articles.models import Article
        from apps.core import links
        from apps.events.models import Event
        from apps.glossary.models import Term
        from apps.places.models import Place
        from apps.procedures.models import Document, Procedure
        from apps.statistics.models import Chart, Dashboard, Dataset

        links.register_public_page(Article, "migrant:article")
        links.register_public_page(Procedure, "migrant:procedure")
        links.register_public_page(Document, "migrant:document")
        links.register_public_page(Term, "migrant:term")
        links.register_public_page(Place, "migrant:place")
        links.register_public_page(Event, "migrant:event")
        links.register_public_page(Chart, "migrant:chart")
        links.register_public_page(Dashboard, "migrant:dashboard")
        # A dataset has no page of its own: the open-data page lists them all.
        links.register_public_page(Dataset, "migrant:open_data", by_slug=False)

        links.register_link("home", "migrant:home")
        links.register_link("migrant_sign_in", "migrant:sign_in_link")
        links.register_link("migrant_account", "migrant:my_waypoint")
        links.register_link("migrant_unsubscribe", "migrant:unsubscribe")
        links.register_link("topic", "migrant:topic")
        links.register_link("event_registration", "migrant:registration")  # token=
        links.register_link("event_calendar", "migrant:event_ics")  # slug=
        links.register_link("dataset_download", "migrant:dataset_download")  # slug=
        links.register_link("organisations", "migrant:organisations")
        links.register_link("glossary", "migrant:glossary")
