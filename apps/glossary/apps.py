from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GlossaryConfig(AppConfig):
    name = "apps.glossary"
    verbose_name = _("Glossary")

    def ready(self) -> None:
        from apps.editorial.registry import register
        from apps.editorial.signals import live_content_changed
        from apps.glossary import matching
        from apps.glossary.forms import TermForm
        from apps.glossary.models import Term

        def usage_context(term: Term) -> dict:
            return {"used_in": matching.used_in(term)}

        register(
            Term,
            form=TermForm,
            detail_template="glossary/usage_panel.html",
            detail_context=usage_context,
        )
        live_content_changed.connect(matching.glossary_changed, sender=Term)
        live_content_changed.connect(matching.content_changed)
