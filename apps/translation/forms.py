"""Forms of the translation workflow: translating side by side, asking for machine drafts,
exchanging files."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import languages
from apps.editorial.models import EditorialContent
from apps.translation.models import CoverageState


class MachineTranslationForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Languages"), widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args, targets: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = [
            (code, languages.get(code).name_local) for code in targets
        ]


class TranslationForm(forms.Form):
    """The target-language fields of one item, with the version the translator started from."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, item: EditorialContent, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        for unit in item.text_units():
            widget = (
                forms.Textarea(attrs={"rows": 14 if unit.markdown else 4})
                if isinstance(unit.field, models.TextField)
                else forms.TextInput
            )
            self.fields[unit.key] = forms.CharField(
                label=unit.label,
                required=False,
                max_length=unit.field.max_length,
                widget=widget,
            )
            self.fields[unit.key].widget.attrs.update(
                lang=language, dir=languages.get(language).dir
            )


class ExportForm(forms.Form):
    FORMATS = (("xliff", "XLIFF 1.2"), ("po", "PO (gettext)"))

    language = forms.ChoiceField(label=_("Target language"))
    file_format = forms.ChoiceField(label=_("File format"), choices=FORMATS)
    include = forms.MultipleChoiceField(
        label=_("Include items that are"),
        widget=forms.CheckboxSelectMultiple,
        choices=(),
        initial=["missing", "outdated", "machine", "in_progress"],
    )

    def __init__(self, *args, targets: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, languages.get(code).name_local) for code in targets
        ]
        self.fields["include"].choices = CoverageState.choices


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Translated file (XLIFF or PO)"),
        help_text=_("A file with any error changes nothing; you get a list of what to fix."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload
