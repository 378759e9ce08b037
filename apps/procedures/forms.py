from django import forms

from apps.editorial.forms import RevisionForm
from apps.procedures.models import Document


class DocumentForm(RevisionForm):
    class Meta:
        model = Document
        fields = ["name", "description", "where_to_get", "topics"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4, "data-markdown-preview": "true"}),
            "where_to_get": forms.Textarea(attrs={"rows": 4}),
            "topics": forms.CheckboxSelectMultiple,
        }
