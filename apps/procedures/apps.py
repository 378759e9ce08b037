from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "apps.procedures"
    verbose_name = _("Procedures and documents")

    def ready(self) -> None:
        from apps.core import topics
        from apps.editorial.registry import register
        from apps.procedures import queries
        from apps.procedures.forms import DocumentForm, ProcedureForm, TipForm
        from apps.procedures.models import Document, Procedure, Tip
        from apps.translation.reading import section_readings

        topics.register_section(
            "procedures",
            order=10,
            read=queries.procedures_about,
            shown=section_readings,
        )
        topics.register_helpers(queries.organisations_at_steps_about)
        register(Document, form=DocumentForm)
        # Tips are written on the NGO's tips page and approved on the city's; here they only
        # go through translation.
        register(Tip, form=TipForm, workspace_pages=False)
        register(
            Procedure,
            form=ProcedureForm,
            detail_template="procedures/procedure_steps_panel.html",
            detail_context=lambda procedure: {
                "steps": [(step.source_title(), step.optional) for step in procedure.steps.all()]
            },
        )
