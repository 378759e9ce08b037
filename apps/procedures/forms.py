import re
import uuid

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core import languages
from apps.core.forms import SingleLineTitlesMixin
from apps.editorial.forms import RevisionForm
from apps.editorial.models import ItemStatus
from apps.procedures.models import Connector, Document, Procedure, RouteCondition, Step, Tip

_UID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


class DocumentForm(RevisionForm):
    class Meta:
        model = Document
        fields = ["name", "description", "where_to_get", "topics"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "where_to_get": forms.Textarea(attrs={"rows": 4}),
            "topics": forms.CheckboxSelectMultiple,
        }


class StepForm(SingleLineTitlesMixin, forms.ModelForm):
    """One step in the procedure editor. Its values become part of the procedure's revision."""

    uid = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Step
        # The step's own texts and settings: exactly what a revision keeps of it.
        fields = [*Procedure.parts[0].translatable_fields, *Procedure.parts[0].revisioned_fields]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 5}),
            "documents": forms.CheckboxSelectMultiple,
            "currency": forms.TextInput(attrs={"size": 3, "autocomplete": "off"}),
        }

    def __init__(self, *args, region, procedure_pk=None, **kwargs):
        super().__init__(*args, **kwargs)
        source = region.source_language
        direction = languages.get(source).dir
        for name in ("title", "body"):
            self.fields[name].widget.attrs.update(lang=source, dir=direction)
        self.fields["documents"].queryset = Document.objects.filter(region=region).exclude(
            status=ItemStatus.ARCHIVED
        )
        self.fields["place"].queryset = self.fields["place"].queryset.filter(region=region)
        self.fields["leads_to"].queryset = Procedure.objects.filter(region=region).exclude(
            pk=procedure_pk
        )

    def clean_uid(self) -> str:
        uid = self.cleaned_data["uid"]
        if uid and not _UID.match(uid):
            raise forms.ValidationError(_("This step's identifier was changed. Reload the page."))
        return uid

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("duration_value") is None) != (not cleaned.get("duration_unit")):
            self.add_error("duration_value", _("Give both a number and a unit, or neither."))
        cost, cost_max = cleaned.get("cost"), cleaned.get("cost_max")
        if cost_max is not None and (cost is None or cost_max < cost):
            self.add_error("cost_max", _("Give the lowest cost first; this must not be lower."))
        return cleaned

    def content_fields(self) -> list:
        """The step's own fields; its position and removal are rendered apart."""
        return [field for field in self.visible_fields() if field.name not in ("ORDER", "DELETE")]

    def has_changed(self) -> bool:
        # The position and identifier are bookkeeping: a blank step moved around is still blank.
        return any(name not in ("ORDER", "uid", "DELETE") for name in self.changed_data)

    def _post_clean(self):
        # The values go into a revision, not into a row: there is no instance to validate, but
        # the model's own rules (amounts not negative, currency codes) still apply.
        for name, value in list(self.cleaned_data.items()):
            try:
                field = Step._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.is_relation or value in field.empty_values:
                continue
            try:
                field.run_validators(value)
            except forms.ValidationError as error:
                self.add_error(name, error)


class BaseStepFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        rows = self.rows()
        if not rows:
            raise forms.ValidationError(_("A procedure needs at least one step."))
        if rows[0]["connector"] != Connector.THEN:
            raise forms.ValidationError(
                _("The first step cannot be “and” or “or”: there is no step before it.")
            )
        uids = [row["uid"] for row in rows if row["uid"]]
        if len(uids) != len(set(uids)):
            raise forms.ValidationError(_("Two steps have the same identifier. Reload the page."))

    def rows(self) -> list[dict]:
        """The steps in the order chosen, without removed or empty ones; new ones get a uid."""
        rows = []
        for form in self.ordered_forms:
            row = {key: value for key, value in form.cleaned_data.items() if key != "ORDER"}
            row.pop("DELETE", None)
            row["uid"] = row.get("uid") or uuid.uuid4().hex[:12]
            rows.append(row)
        return rows


StepFormSet = forms.formset_factory(
    StepForm, formset=BaseStepFormSet, extra=1, can_order=True, can_delete=True, max_num=60
)


class ProcedureForm(RevisionForm):
    """The procedure and its steps, saved together as one revision."""

    nested_template = "procedures/step_formset.html"

    class Meta:
        model = Procedure
        fields = [
            "title",
            "summary",
            "body",
            "topics",
            "user_types",
            "route_conditions",
            "produces",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 6}),
            "topics": forms.CheckboxSelectMultiple,
            "user_types": forms.CheckboxSelectMultiple,
            "produces": forms.CheckboxSelectMultiple,
        }

    route_conditions = forms.MultipleChoiceField(
        label=gettext_lazy("In “My route”, only for people who"),
        choices=RouteCondition.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Leave empty if it concerns everybody in the chosen life situations. A person who "
            "skips a question still sees it."
        ),
    )

    def __init__(self, *args, region, revision=None, **kwargs):
        super().__init__(*args, region=region, revision=revision, **kwargs)
        self.fields["produces"].queryset = self.fields["produces"].queryset.exclude(
            status=ItemStatus.ARCHIVED
        )
        initial = [
            {**row, "ORDER": position}
            for position, row in enumerate(revision.data.get("steps", []) if revision else [], 1)
        ]
        self.steps = StepFormSet(
            self.data if self.is_bound else None,
            prefix="steps",
            initial=initial,
            form_kwargs={
                "region": region,
                "procedure_pk": revision.object_id if revision else None,
            },
        )

    def is_valid(self) -> bool:
        own = super().is_valid()
        return self.steps.is_valid() and own

    def revision_data(self) -> dict:
        self.cleaned_data["steps"] = self.steps.rows()
        return super().revision_data()


class TipForm(forms.Form):
    """An NGO's tip on one step, in the language it writes and optionally in more."""

    step = forms.ModelChoiceField(label=gettext_lazy("Step"), queryset=Step.objects.none())
    language = forms.ChoiceField(label=gettext_lazy("Language you write in"))

    def __init__(self, *args, region, tip: Tip | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        steps = (
            Step.objects.filter(procedure__region=region, procedure__status=ItemStatus.PUBLISHED)
            .select_related("procedure")
            .order_by("procedure__slug", "position")
        )
        self.fields["step"].queryset = steps
        self.fields["step"].label_from_instance = lambda step: (
            f"{step.procedure.title} → {step.title}"
        )
        enabled = region.enabled_languages
        self.fields["language"].choices = [
            (code, languages.get(code).name_local) for code in enabled
        ]
        for code in enabled:
            language = languages.get(code)
            self.fields[f"text_{code}"] = forms.CharField(
                label=language.name_local,
                required=False,
                max_length=1000,
                widget=forms.Textarea(
                    attrs={
                        "rows": 3,
                        "lang": language.tag,
                        "dir": language.dir,
                    }
                ),
            )
        if tip is not None:
            self.fields.pop("step")
            self.initial.update(language=tip.language)
            # Only what the organisation wrote: the city's translations are not its to change.
            for code in tip.written_in or []:
                self.initial[f"text_{code}"] = tip.text_in(code)

    def texts(self) -> dict[str, str]:
        return {
            name.removeprefix("text_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("text_")
        }

    def clean(self):
        cleaned = super().clean()
        language = cleaned.get("language")
        if language and not (cleaned.get(f"text_{language}") or "").strip():
            self.add_error(
                f"text_{language}", _("Write the tip at least in the language you chose.")
            )
        return cleaned


class TipReviewForm(forms.Form):
    original = forms.CharField(
        label=gettext_lazy("The tip in the region's language"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment for the organisation"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
