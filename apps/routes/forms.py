"""The authority's choice of route figures to break down (a GET form on the planning page)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.routes.planning import NOT_STARTED, ON_ROUTE


class RouteBreakdownForm(forms.Form):
    procedure = forms.ChoiceField(label=_("Procedure"), required=False)
    count = forms.ChoiceField(
        label=_("Count"),
        required=False,
        choices=[
            (NOT_STARTED, _("People who have not started it yet")),
            (ON_ROUTE, _("Everyone who has it on their route")),
        ],
    )

    def __init__(self, *args, procedures, **kwargs):
        """``procedures``: (procedure, its LanguageVersion) pairs, in the reader's language."""
        super().__init__(*args, **kwargs)
        self.procedures = {procedure.slug: procedure for procedure, _version in procedures}
        self.fields["procedure"].choices = [("", _("Choose a procedure"))] + [
            (procedure.slug, version.texts["title"]) for procedure, version in procedures
        ]

    @property
    def chosen(self):
        """(procedure, count) when the form names a procedure, else None."""
        if not self.is_bound or not self.is_valid() or not self.cleaned_data["procedure"]:
            return None
        procedure = self.procedures[self.cleaned_data["procedure"]]
        return procedure, self.cleaned_data["count"] or NOT_STARTED
