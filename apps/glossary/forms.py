from django import forms

from apps.editorial.forms import RevisionForm
from apps.glossary.models import Term


class TermForm(RevisionForm):
    class Meta:
        model = Term
        fields = ["term", "definition", "variants", "show_original", "related"]
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 4}),
            "variants": forms.Textarea(attrs={"rows": 5}),
            "related": forms.CheckboxSelectMultiple,
        }
