from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "apps.procedures"
    verbose_name = _("Procedures and documents")

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils import translation

        from apps.editorial.registry import register
        from apps.procedures.forms import DocumentForm
        from apps.procedures.models import Document

        def public_url(document: Document, code: str) -> str:
            with translation.override(code):
                return reverse("migrant:document", kwargs={"slug": document.slug})

        register(Document, form=DocumentForm, public_url=public_url)
