"""Forms of the translation workflow: translating side by side, asking for machine drafts,
exchanging files."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import languages
from apps.core.models import Topic
from apps.editorial.models import EditorialContent
from apps.editorial.registry import editorial_types, type_for_key
from apps.translation.models import CoverageState
from apps.translation.queries import translated_items
from apps.translation.services import machine_targets


class MachineTranslationForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Languages"), widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args, targets: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = [
            (code, languages.get(code).name_local) for code in machine_targets(targets)
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
                lang=languages.tag(language), dir=languages.get(language).dir
            )


class ExportForm(forms.Form):
    """What goes into a translation file: items in some states (of one kind, on one topic), or
    items picked one by one."""

    FORMATS = (("xliff", "XLIFF 1.2"), ("po", "PO (gettext)"))

    language = forms.ChoiceField(label=_("Target language"))
    file_format = forms.ChoiceField(label=_("File format"), choices=FORMATS)
    include = forms.MultipleChoiceField(
        label=_("Include items that are"),
        widget=forms.CheckboxSelectMultiple,
        choices=(),
        required=False,
        initial=["missing", "outdated", "machine", "in_progress"],
    )
    content_type = forms.ChoiceField(label=_("Only this kind of content"), required=False)
    topic = forms.ModelChoiceField(
        label=_("Only this topic"), queryset=Topic.objects.none(), required=False
    )
    items = forms.MultipleChoiceField(
        label=_("Or pick the items"),
        help_text=_("Picked items are exported whatever their state."),
        widget=forms.CheckboxSelectMultiple,
        choices=(),
        required=False,
    )

    def __init__(self, *args, targets: list[str], region=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, languages.get(code).name_local) for code in targets
        ]
        self.fields["include"].choices = CoverageState.choices
        types = editorial_types()
        self.fields["content_type"].choices = [
            ("", _("All kinds")),
            *((entry.key, entry.label) for entry in types),
        ]
        if region is not None:
            self.fields["topic"].queryset = Topic.objects.filter(region=region)
            self.fields["items"].choices = [
                (
                    entry.label,
                    [
                        (f"{entry.key}:{item.pk}", str(item))
                        for item in translated_items(region, entry.model).order_by("pk")
                    ],
                )
                for entry in types
            ]

    def clean_content_type(self):
        key = self.cleaned_data["content_type"]
        return type_for_key(key).model if key else None

    def clean_items(self) -> dict:
        """{model: [pk, ...]} of the picked items."""
        picked: dict = {}
        for value in self.cleaned_data["items"]:
            key, pk = value.rsplit(":", 1)
            picked.setdefault(type_for_key(key).model, []).append(int(pk))
        return picked

    def clean(self):
        data = super().clean()
        if not data.get("items") and not data.get("include"):
            raise forms.ValidationError(_("Choose at least one state, or pick items."))
        return data


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
