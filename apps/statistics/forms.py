"""Forms of the statistics workspace: the editorial forms of datasets, charts and dashboards,
and the two steps of an upload."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import params
from apps.core.queries import topic_tree
from apps.editorial.forms import RevisionForm
from apps.events.models import EventKind
from apps.statistics import queries, services
from apps.statistics.models import (
    Chart,
    ColumnRole,
    Dashboard,
    Dataset,
    DatasetVersion,
    VersionState,
)


class DatasetForm(RevisionForm):
    class Meta:
        model = Dataset
        fields = ["title", "description", "source", "licence"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class DashboardForm(RevisionForm):
    class Meta:
        model = Dashboard
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ChartForm(RevisionForm):
    class Meta:
        model = Chart
        fields = [
            "title", "description", "source", "notes", "dataset", "kind", "measure", "category",
            "series", "filters", "dashboard", "position",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "filters": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        versions = (
            DatasetVersion.objects.filter(dataset__region=self.region, state=VersionState.CURRENT)
            .select_related("dataset__region")
            .defer("rows")
        )
        columns = "; ".join(
            f"{version.dataset.source_name() or version.dataset.slug}: "
            + ", ".join(column["name"] for column in version.columns)
            for version in versions
        )
        if columns:
            self.fields["measure"].help_text = _("The columns of each dataset: %(columns)s.") % {
                "columns": columns
            }

    def clean(self) -> dict:
        """Columns must exist in the dataset's data, and periods must not be added up."""
        data = super().clean()
        dataset = data.get("dataset")
        if dataset is None:
            return data
        version = services.current_version(dataset)
        if version is None:
            self.add_error("dataset", _("Upload the data of this dataset first."))
            return data
        roles = {c["name"]: c["role"] for c in version.columns}
        names = ", ".join(roles)
        measures = [c["name"] for c in version.measures]
        if data.get("measure") not in measures:
            self.add_error(
                "measure",
                _("Choose one of the measures: %(names)s.") % {"names": ", ".join(measures)},
            )
        for name in ("category", "series"):
            value = data.get(name)
            if value and (value not in roles or roles[value] == ColumnRole.MEASURE):
                self.add_error(name, _("Choose one of the columns: %(names)s.") % {"names": names})
        filters = queries.parse_filters(data.get("filters", ""))
        for column in filters:
            if column not in roles:
                self.add_error(
                    "filters", _("Choose one of the columns: %(names)s.") % {"names": names}
                )
        used = {data.get("category"), data.get("series"), *filters}
        for name, role in roles.items():
            if role == ColumnRole.TIME and name not in used:
                self.add_error(
                    "filters",
                    _("Choose a value for the period column “%(column)s”, or show it on an axis.")
                    % {"column": name},
                )
        return data


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Data file"), help_text=_("CSV or XLSX; the first row names the columns.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > services.MAX_UPLOAD_BYTES:  # refuse before reading it into memory
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class ColumnForm(forms.Form):
    role = forms.ChoiceField(label=_("What the column is"), choices=ColumnRole.choices)
    unit = forms.CharField(
        label=_("Unit"), max_length=40, required=False, help_text=_("For measures, e.g. persons.")
    )


def column_formset(count: int) -> type[forms.BaseFormSet]:
    """One form per column of the upload, no more and no fewer."""
    return forms.formset_factory(
        ColumnForm, extra=0, min_num=count, max_num=count, validate_min=True, validate_max=True
    )


class PlanningForm(forms.Form):
    """Which months and which courses or events the planning figures cover (a GET form)."""

    start = forms.DateField(
        label=_("From month"),
        input_formats=["%Y-%m"],
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        validators=[params.validate_day],
    )
    months = forms.IntegerField(label=_("Months"), min_value=1, max_value=36, required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Courses and events")), *EventKind.choices]
        self.fields["topic"].choices = [("", _("All topics"))] + [
            (topic.slug, topic.name) for topic in topic_tree(region)
        ]
