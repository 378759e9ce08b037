from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import ROLES_BY_KIND, Organisation, OrganisationKind, Role
from apps.core import languages
from apps.core.forms import (
    ConcurrentEditMixin,
    RegionScopedMixin,
    SingleLineTitlesMixin,
    TranslatedFieldsMixin,
    localized_fields,
)
from apps.core.models import Region


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        "invalid_login": _("That e-mail address and password do not match an account."),
        "inactive": _("This account is inactive."),
    }


class SecondStepForm(forms.Form):
    """The second step of signing in: a code from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_(
            "The six digits your authenticator app shows now. Without your phone, type one of "
            "your recovery codes instead."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autofocus": True,
                "autocapitalize": "none",
                "spellcheck": "false",
                "dir": "ltr",
            }
        ),
    )


class AppCodeForm(forms.Form):
    """A code from the authenticator app, to confirm a change of two-step sign-in."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"}
        ),
    )


class OrganisationProfileForm(
    ConcurrentEditMixin, TranslatedFieldsMixin, SingleLineTitlesMixin, forms.ModelForm
):
    """What an organisation keeps current about itself."""

    translated_fields = ("name", "address", "description", "services")
    required_translated_fields = ("name",)

    languages_spoken = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=languages.PRIMARY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Organisation
        fields = [
            *localized_fields(["name", "address", "description", "services"]),
            "email",
            "phone",
            "website",
            "languages_spoken",
            "places",
        ]
        widgets = {"places": forms.CheckboxSelectMultiple}

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, region=region, **kwargs)
        from apps.editorial.models import ItemStatus

        self.fields["places"].queryset = self.fields["places"].queryset.filter(
            region=region, status=ItemStatus.PUBLISHED
        )


class OrganisationAdminForm(RegionScopedMixin, OrganisationProfileForm):
    """What a region administrator sets on any organisation of the region."""

    class Meta(OrganisationProfileForm.Meta):
        fields = [*OrganisationProfileForm.Meta.fields, "kind", "slug", "is_active"]

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, region=region, **kwargs)
        if self.instance.pk:
            # Changing kind would strand the memberships whose roles belong to the old kind.
            self.fields["kind"].disabled = True


def translation_language_choices(region: Region) -> list[tuple[str, str]]:
    """The languages a translator can be given: the region's, but not its source language."""
    return [(lang.code, lang.name_local) for lang in region.translation_languages]


class GrantRoleForm(SingleLineTitlesMixin, forms.Form):
    """Give a person (new or known) a role in one of the organisations the granter manages."""

    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    languages = forms.MultipleChoiceField(
        label=_("Languages (translators only)"),
        choices=languages.DJANGO_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, organisations, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = translation_language_choices(region)
        self.fields["organisation"].queryset = organisations
        kinds = set(organisations.values_list("kind", flat=True))
        allowed = {role for kind in kinds for role in ROLES_BY_KIND[kind]}
        self.fields["role"].choices = [
            (value, label) for value, label in Role.choices if value in allowed
        ]
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()
            self.fields["organisation"].widget = forms.HiddenInput()

    def clean(self) -> dict:
        data = super().clean()
        organisation, role = data.get("organisation"), data.get("role")
        if organisation and role and role not in ROLES_BY_KIND[organisation.kind]:
            self.add_error(
                "role",
                _("A %(kind)s has no role “%(role)s”.")
                % {
                    "kind": OrganisationKind(organisation.kind).label,
                    "role": Role(role).label,
                },
            )
        if role == Role.TRANSLATOR and not data.get("languages"):
            self.add_error("languages", _("Choose the languages this translator works in."))
        if role != Role.TRANSLATOR:
            data["languages"] = []
        return data


class TranslatorLanguagesForm(forms.Form):
    """The languages one translator translates into; the role itself stays."""

    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        help_text=_("The languages this person translates into."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the languages this translator works in.")},
    )

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = translation_language_choices(region)
