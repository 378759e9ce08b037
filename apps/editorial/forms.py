"""Forms of the editorial workflow: editing the original as a revision, sending it back."""

from __future__ import annotations

from django import forms
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core import languages
from apps.core.forms import SingleLineTitlesMixin
from apps.editorial import merge, services
from apps.editorial.models import EditorialContent, Revision

#: The radio buttons of the conflict panel: ``merge__<field>`` = ``mine`` or ``theirs``.
MERGE_PREFIX = "merge__"


def _direction(code: str) -> str:
    return languages.get(code).dir


class RevisionForm(SingleLineTitlesMixin, forms.ModelForm):
    """Edits an item's source-language text and settings; saving makes a new revision.

    The form never writes the item itself: published texts change only by publishing.
    ``base_revision`` is the revision the editor started from, to detect concurrent edits;
    after a conflict, ``seen_revision`` is the newer one the editor was shown, and the editor's
    choice per conflicting field comes as ``merge__<field>`` (see :mod:`apps.editorial.merge`).
    """

    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    seen_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    merge_choices: dict[str, str] = {}
    undecided = False

    def __init__(self, *args, region, revision=None, **kwargs):
        # To build the form again after a conflict, on the merged text (``after_conflict``).
        self._arguments = {"region": region, **kwargs}
        self._revision = revision.data if revision is not None else {}
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

    def resolution(self) -> services.Resolution:
        """What the editor chose after a conflict: keep theirs or mine, per field."""
        choices = {
            key.removeprefix(MERGE_PREFIX): value
            for key, value in self.data.items()
            if key.startswith(MERGE_PREFIX) and value in (merge.MINE, merge.THEIRS)
        }
        return services.Resolution(seen=self.cleaned_data.get("seen_revision"), choices=choices)

    def after_conflict(self, conflict: services.EditConflict) -> RevisionForm:
        """The form to show after a conflict: the merged text — the other person's changes where
        only they changed a field, the editor's own everywhere else — still on the editor's
        starting revision, now having seen the newest. Conflicting fields hold the editor's
        text until they choose (``conflict.merge.report``)."""
        merged = Revision(
            number=conflict.base.number if conflict.base else None,
            object_id=conflict.latest.object_id,
            data=conflict.merge.data,
        )
        kwargs = {k: v for k, v in self._arguments.items() if k not in ("data", "files")}
        form = type(self)(revision=merged, **kwargs)
        form.fields["seen_revision"].initial = conflict.latest.number
        # Saved again after seeing this revision, without choosing for every conflict.
        form.undecided = self.cleaned_data.get("seen_revision") == conflict.latest.number
        form.merge_choices = {
            key.removeprefix(MERGE_PREFIX): value
            for key, value in self.data.items()
            if key.startswith(MERGE_PREFIX)
        }
        return form

    def revision_data(self) -> dict:
        """The cleaned values as revision data; uploaded files are stored now, by name."""
        model = self._meta.model
        # What the form does not show (a setting kept by the API or the demo) stays as it was.
        values = {
            name: value
            for name, value in self._revision.items()
            if name in model.revisioned_fields and name not in self.fields
        }
        values.update(self.cleaned_data)
        for name, value in values.items():
            field = model._meta.get_field(name) if name in model.revisioned_fields else None
            if isinstance(value, UploadedFile):
                values[name] = default_storage.save(
                    field.generate_filename(model(), value.name), value
                )
            elif value is False and isinstance(field, models.FileField):  # "clear" checkbox
                values[name] = ""
        return services.revision_data(model, values)


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
