from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "apps.procedures"
    verbose_name = _("Procedures and documents")

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils import translation

        from apps.editorial.registry import register
        from apps.procedures.forms import DocumentForm, ProcedureForm
        from apps.procedures.models import Document, Procedure

        def url_of(name: str):
            def public_url(item, code: str) -> str:
                with translation.override(code):
                    return reverse(f"migrant:{name}", kwargs={"slug": item.slug})

            return public_url

        register(Document, form=DocumentForm, public_url=url_of("document"))
        register(
            Procedure,
            form=ProcedureForm,
            public_url=url_of("procedure"),
            detail_template="procedures/procedure_steps_panel.html",
            detail_context=lambda procedure: {
                "steps": [(step.source_title(), step.optional) for step in procedure.steps.all()]
            },
        )
