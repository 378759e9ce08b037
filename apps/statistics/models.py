"""Statistics: datasets uploaded by the authority, charts drawn from them, dashboards of charts.

Datasets, charts and dashboards are editorial content: their texts are reviewed, translated and
published like any other. The figures themselves live in :class:`DatasetVersion`: each upload is
a new version; exactly one is current, the older ones are kept as history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.editorial.models import EditorialContent


class Licence(models.TextChoices):
    DL_DE_BY = "dl-de/by-2-0", "Datenlizenz Deutschland – Namensnennung – 2.0"
    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC0 = "cc0-1.0", "CC0 1.0"


class Dataset(EditorialContent):
    slug = models.SlugField(_("short name"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    licence = models.CharField(
        _("licence"), max_length=20, choices=Licence.choices, default=Licence.DL_DE_BY
    )

    translatable_fields = ("title", "description", "source")
    revisioned_fields = ("licence",)

    class Meta:
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        ordering = ["slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"], name="unique_dataset_slug_per_region"
            )
        ]

    def __str__(self) -> str:
        return self.title or self.slug


class ColumnRole(models.TextChoices):
    """What a column of an upload is: a dimension of some kind, or a measure."""

    TIME = "time", _("Time (year, quarter or month)")
    AREA = "area", _("Area")
    GROUP = "group", _("Group")
    AGE = "age", _("Age band")
    GENDER = "gender", _("Gender")
    STATUS = "status", _("Status")
    OTHER = "other", _("Other dimension")
    MEASURE = "measure", _("Measure (a number)")


class VersionState(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CURRENT = "current", _("Current")
    REPLACED = "replaced", _("Replaced")


class DatasetVersion(models.Model):
    """One uploaded file of a dataset, with its parsed rows and declared columns.

    ``columns`` is ``[{"name", "role", "unit"}]``; ``rows`` is a list of ``{column: value}`` with
    dimension values as text and measures as numbers. Raw uploads are for statistics managers
    only: migrants see figures through :mod:`apps.statistics.queries`, suppressed.
    """

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    state = models.CharField(
        _("state"), max_length=20, choices=VersionState.choices, default=VersionState.PENDING
    )
    filename = models.CharField(_("file"), max_length=200)
    columns = models.JSONField(default=list)
    rows = models.JSONField(default=list)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("in use since"), null=True, blank=True)

    class Meta:
        verbose_name = _("dataset version")
        verbose_name_plural = _("dataset versions")
        ordering = ["dataset", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "number"], name="unique_dataset_version_number"
            ),
            models.UniqueConstraint(
                fields=["dataset"],
                condition=models.Q(state="current"),
                name="one_current_version_per_dataset",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dataset.slug} v{self.number}"

    @property
    def measures(self) -> list[dict]:
        return [c for c in self.columns if c["role"] == ColumnRole.MEASURE]


class Dashboard(EditorialContent):
    slug = models.SlugField(_("short name"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    translatable_fields = ("title", "description")
    markdown_fields = ("description",)

    class Meta:
        verbose_name = _("dashboard")
        verbose_name_plural = _("dashboards")
        ordering = ["slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"], name="unique_dashboard_slug_per_region"
            )
        ]

    def __str__(self) -> str:
        return self.title or self.slug


class ChartKind(models.TextChoices):
    BAR = "bar", _("Bar chart")
    STACKED_BAR = "stacked_bar", _("Stacked bar chart")
    LINE = "line", _("Line chart")
    DONUT = "donut", _("Donut chart")
    TABLE = "table", _("Table only")


class Chart(EditorialContent):
    """A view of one dataset: one measure, by one dimension (and optionally split by a second),
    with other dimensions fixed by filters or summed up."""

    slug = models.SlugField(_("short name"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Null only until the first revision is published (a new item is created empty).
    dataset = models.ForeignKey(
        Dataset,
        on_delete=models.PROTECT,
        null=True,
        related_name="charts",
        verbose_name=_("dataset"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=ChartKind.choices, default=ChartKind.BAR
    )
    measure = models.CharField(_("measure"), max_length=100)
    category = models.CharField(
        _("dimension along the axis"), max_length=100, help_text=_("A column of the dataset.")
    )
    series = models.CharField(
        _("dimension of the series"),
        max_length=100,
        blank=True,
        help_text=_("Optional: a second column that splits each bar or line."),
    )
    filters = models.TextField(
        _("filters"),
        blank=True,
        help_text=_("One per line, as column = value. Columns not used are added up."),
    )
    dashboard = models.ForeignKey(
        Dashboard,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="charts",
        verbose_name=_("dashboard"),
    )
    position = models.PositiveIntegerField(_("position on the dashboard"), default=1)

    translatable_fields = ("title", "description", "source", "notes")
    revisioned_fields = (
        "dataset", "kind", "measure", "category", "series", "filters", "dashboard", "position",
    )  # fmt: skip

    class Meta:
        verbose_name = _("chart")
        verbose_name_plural = _("charts")
        ordering = ["position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["region", "slug"], name="unique_chart_slug_per_region")
        ]

    def __str__(self) -> str:
        return self.title or self.slug
