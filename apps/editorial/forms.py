"""Forms of the editorial workflow: editing the original as a revision, sending it back."""

from __future__ import annotations

from django import forms
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import languages
from apps.core.forms import SingleLineTitlesMixin
from apps.editorial import services
from apps.editorial.models import EditorialContent


def _direction(code: str) -> str:
    return languages.get(code).dir


class RevisionForm(SingleLineTitlesMixin, forms.ModelForm):
    """Edits an item's source-language text and settings; saving makes a new revision.

    The form never writes the item itself: published texts change only by publishing.
    ``base_revision`` is the revision the editor started from, to detect concurrent edits.
    """

    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, region, revision=None, **kwargs):
        model: type[EditorialContent] = self._meta.model
        if revision is not None:
            kwargs["initial"] = {
                **self._initial_from(model, revision.data),
                **kwargs.get("initial", {}),
            }
        super().__init__(*args, **kwargs)
        self.region = region
        self.fields["base_revision"].initial = revision.number if revision else None
        source = region.source_language
        for name in model.translatable_fields:
            self.fields[name].widget.attrs.update(lang=source, dir=_direction(source))
        for name in model.markdown_fields:
            if name in self.fields:  # the editor offers a live preview of Markdown fields
                self.fields[name].widget.attrs["data-markdown-preview"] = "true"
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and any(
                f.name == "region" for f in queryset.model._meta.fields
            ):
                field.queryset = queryset.filter(region=region)

    @staticmethod
    def _initial_from(model, data: dict) -> dict:
        initial = dict(data)
        for name, value in data.items():
            field = model._meta.get_field(name)
            if isinstance(field, models.FileField) and value:
                initial[name] = field.attr_class(model(), field, value)
        return initial

    def show_conflict(self, conflict) -> None:
        """Say that someone saved in between; the editor's text stays in the form, and saving
        again is then deliberate (it builds on the other person's revision)."""
        self.add_error(None, str(conflict))
        data = self.data.copy()
        data["base_revision"] = conflict.latest.number
        self.data = data

    def revision_data(self) -> dict:
        """The cleaned values as revision data; uploaded files are stored now, by name."""
        model = self._meta.model
        values = dict(self.cleaned_data)
        for name, value in values.items():
            if isinstance(value, UploadedFile):
                field = model._meta.get_field(name)
                values[name] = default_storage.save(
                    field.generate_filename(model(), value.name), value
                )
            elif value is False:  # the "clear" checkbox of a file input
                values[name] = ""
        return services.revision_data(model, values)


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
