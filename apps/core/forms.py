"""Forms for regions and taxonomy, and the machinery every form with per-language fields uses."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from apps.core import languages, text
from apps.core.models import Region, Topic, UserType


def localized_fields(names: Iterable[str]) -> list[str]:
    """Every per-language column of ``names``, for a ModelForm's ``Meta.fields``."""
    return [build_localized_fieldname(name, code) for name in names for code in languages.CODES]


_LANGUAGE_SUFFIXES = tuple("_" + code.replace("-", "_") for code in languages.CODES)


def _base_name(field_name: str) -> str:
    """``name_zh_hans`` → ``name``: the model field behind a per-language column."""
    for suffix in _LANGUAGE_SUFFIXES:
        if field_name.endswith(suffix):
            return field_name.removesuffix(suffix)
    return field_name


class SingleLineTitlesMixin:
    """Titles and names are one line of visible text (:func:`apps.core.text.clean_title`):
    line breaks and control characters are cleaned away, invisible-only text is refused."""

    title_fields: frozenset[str] = text.TITLE_FIELDS

    def clean(self):
        data = super().clean()
        for name in list(data):
            value = data.get(name)
            if isinstance(value, str) and _base_name(name) in self.title_fields:
                try:
                    data[name] = text.clean_title(value)
                except ValidationError as error:
                    self.add_error(name, error)
        return data


def _language_option(option: dict) -> dict:
    """A language offered by its own name, marked as written in that language."""
    if languages.is_supported(str(option["value"])):
        language = languages.get(str(option["value"]))
        option["attrs"] = {**option["attrs"], "lang": language.code, "dir": language.dir}
        option["direction"] = language.dir
    return option


class LanguageSelect(forms.Select):
    """A choice of languages whose options carry ``lang`` and ``dir`` (screen readers then read
    العربية in Arabic)."""

    def create_option(self, *args, **kwargs) -> dict:
        return _language_option(super().create_option(*args, **kwargs))


class LanguageCheckboxes(forms.CheckboxSelectMultiple):
    """Languages to tick, each label in its own language (``lang`` on the label's text)."""

    option_template_name = "core/widgets/language_option.html"

    def create_option(self, *args, **kwargs) -> dict:
        option = _language_option(super().create_option(*args, **kwargs))
        option["attrs"].pop("lang", None)  # on the label's text, not on the box
        option["attrs"].pop("dir", None)
        return option


class TranslatedFieldsMixin:
    """Shows per-language fields only for the region's languages, source language first.

    Each input carries ``lang`` and ``dir`` so that Arabic is typed right to left and screen
    readers pronounce it correctly. The source-language version of a required field is required;
    the others may stay empty until translated.
    """

    translated_fields: tuple[str, ...] = ()
    required_translated_fields: tuple[str, ...] = ()

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        enabled = [region.source_language] + [
            code
            for code in languages.CODES
            if region.enables(code) and code != region.source_language
        ]
        for name in self.translated_fields:
            label = self._meta.model._meta.get_field(name).verbose_name
            for code in languages.CODES:
                field_name = build_localized_fieldname(name, code)
                if field_name not in self.fields:
                    continue
                if code not in enabled:
                    del self.fields[field_name]
                    continue
                field = self.fields[field_name]
                language = languages.get(code)
                field.label = f"{label} ({language.name_local})"
                field.required = code == region.source_language and (
                    name in self.required_translated_fields
                )
                field.widget.attrs.update(lang=language.tag, dir=language.dir)
        # Put the fields in the order: source language first, then the canonical order.
        order = [
            build_localized_fieldname(name, code)
            for name in self.translated_fields
            for code in enabled
        ]
        self.order_fields(order + [name for name in self.fields if name not in order])


class ConcurrentEditMixin:
    """Stops a save that would silently overwrite someone else's change.

    The form carries a fingerprint of the object's values as they were when the form was shown.
    If the stored object changed since, the save is refused with the other person's values shown
    beside the user's own (which stay in the form), and a second submission deliberately
    overwrites.
    """

    FINGERPRINT_FIELD = "edit_fingerprint"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.FINGERPRINT_FIELD] = forms.CharField(
            widget=forms.HiddenInput, required=False
        )
        self.fields[self.FINGERPRINT_FIELD].initial = self._fingerprint(self.instance)
        self.conflicting_values: list[tuple[str, str]] = []

    def _compared_fields(self) -> list[str]:
        return [name for name in self._meta.fields if name in self.fields]

    def _fingerprint(self, instance) -> str:
        if instance is None or instance.pk is None:
            return ""
        values = [str(getattr(instance, name, "")) for name in self._compared_fields()]
        return hashlib.sha256("\x1f".join(values).encode()).hexdigest()[:32]

    def clean(self):
        data = super().clean()
        if self.instance.pk is None:
            return data
        stored = type(self.instance)._base_manager.filter(pk=self.instance.pk).first()
        current = self._fingerprint(stored)
        if data.get(self.FINGERPRINT_FIELD, "") != current:
            self.conflicting_values = [
                (str(self.fields[name].label), str(getattr(stored, name, "")))
                for name in self._compared_fields()
                if str(getattr(stored, name, "")) != str(data.get(name, ""))
            ]
            # Accept the next submission: the user has now seen what the other person saved.
            self.data = self.data.copy()
            self.data[self.add_prefix(self.FINGERPRINT_FIELD)] = current
            raise forms.ValidationError(
                _(
                    "Someone else saved this while you were editing. Their values are shown "
                    "below; your changes are still in the form. Save again to keep yours."
                ),
                code="conflict",
            )
        return data


class RegionScopedMixin:
    """For things that belong to a region: the form's region owns them and their short name
    (slug) is unique within it. The region is not a form field, so Django would not check it.
    """

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, region=region, **kwargs)
        self.instance.region = region

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        taken = (
            type(self.instance)
            ._default_manager.filter(region=self.instance.region, slug=slug)
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if taken:
            raise forms.ValidationError(_("This short name is already used in this region."))
        return slug


class RegionSettingsForm(
    ConcurrentEditMixin, TranslatedFieldsMixin, SingleLineTitlesMixin, forms.ModelForm
):
    translated_fields = ("name", "portal_name", "contact_address")
    required_translated_fields = ("name",)

    enabled_languages = forms.MultipleChoiceField(
        label=_("Enabled languages"),
        choices=languages.DJANGO_LANGUAGES,
        widget=LanguageCheckboxes,
        help_text=_("The languages migrants can choose in this region."),
    )
    read_aloud_off = forms.MultipleChoiceField(
        label=_("Read-aloud switched off for"),
        choices=languages.DJANGO_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Readers can listen to every text, spoken by the server in their language. Tick a "
            "language to offer its readers no spoken version, e.g. if its voice does not serve "
            "them well."
        ),
    )

    districts = forms.CharField(
        label=_("Districts"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=Region._meta.get_field("districts").help_text,
    )

    class Meta:
        model = Region
        fields = [
            *localized_fields(["name", "portal_name", "contact_address"]),
            "source_language",
            "enabled_languages",
            "easy_language_label",
            "read_aloud_off",
            "districts",
            "time_zone",
            "four_eyes",
            "publish_machine_translations",
            "require_two_factor",
            "primary_colour",
            "logo",
            "contact_email",
            "contact_phone",
            "website",
        ]
        widgets = {"primary_colour": forms.TextInput(attrs={"type": "color"})}

    def clean_enabled_languages(self) -> list[str]:
        chosen = set(self.cleaned_data["enabled_languages"])
        return [code for code in languages.CODES if code in chosen]

    def clean_read_aloud_off(self) -> list[str]:
        chosen = set(self.cleaned_data["read_aloud_off"])
        return [code for code in languages.CODES if code in chosen]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["districts"] = "\n".join(self.instance.districts or [])

    def clean_districts(self) -> list[str]:
        """One per line; blank lines and surrounding spaces do not count. The model's
        validator says what is wrong with the rest."""
        names = [line.strip() for line in self.cleaned_data["districts"].splitlines()]
        return [name for name in names if name]


class TopicForm(
    RegionScopedMixin,
    ConcurrentEditMixin,
    TranslatedFieldsMixin,
    SingleLineTitlesMixin,
    forms.ModelForm,
):
    translated_fields = ("name", "description")
    required_translated_fields = ("name",)

    class Meta:
        model = Topic
        fields = [*localized_fields(["name", "description"]), "slug", "parent", "icon", "position"]

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, region=region, **kwargs)
        parents = Topic.objects.filter(region=region, parent__isnull=True)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents


class UserTypeForm(
    RegionScopedMixin,
    ConcurrentEditMixin,
    TranslatedFieldsMixin,
    SingleLineTitlesMixin,
    forms.ModelForm,
):
    translated_fields = ("name", "description")
    required_translated_fields = ("name",)

    class Meta:
        model = UserType
        fields = [*localized_fields(["name", "description"]), "slug", "position"]
