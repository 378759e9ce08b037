"""Reads of statistics for readers: published dashboards and charts, and their figures, always
with small counts suppressed (see :func:`apps.statistics.services.figure`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import formats
from django.utils.translation import gettext as _

from apps.editorial.models import ItemStatus
from apps.statistics.models import (
    Chart,
    ColumnRole,
    Dashboard,
    Dataset,
    DatasetVersion,
    VersionState,
)
from apps.statistics.services import Figure, figure, threshold
from apps.translation.reader import with_reader_translation
from apps.translation.reading import Reading, readings


def parse_filters(text: str) -> dict[str, str]:
    """``"year = 2024"`` lines → ``{"year": "2024"}``; lines without "=" are ignored."""
    filters = {}
    for line in (text or "").splitlines():
        if "=" in line:
            name, value = line.split("=", 1)
            filters[name.strip()] = value.strip()
    return filters


def _current_versions(*, with_rows: bool = True) -> Prefetch:
    versions = DatasetVersion.objects.filter(state=VersionState.CURRENT)
    return Prefetch(
        "versions",
        # Rows can be tens of thousands: lists that show only names and columns leave them.
        queryset=versions if with_rows else versions.defer("rows"),
        to_attr="current_versions",
    )


def published_datasets(region, code: str, *, with_rows: bool = True) -> QuerySet[Dataset]:
    """Published datasets with data in use, by slug: the open-data page and the API."""
    datasets = (
        Dataset.objects.filter(
            region=region, status=ItemStatus.PUBLISHED, versions__state=VersionState.CURRENT
        )
        .select_related("region")
        .order_by("slug")
    )
    return with_reader_translation(
        datasets.prefetch_related(_current_versions(with_rows=with_rows)), code
    )


def dataset_list(region, code: str) -> list[Reading]:
    """The open-data page: every published dataset (names and columns, not rows)."""
    return readings(published_datasets(region, code, with_rows=False), code)


def published_dashboards(region, code: str, *, with_charts: bool = False) -> QuerySet[Dashboard]:
    """Published dashboards, by slug: the figures page and the API, which names each one's
    published charts (``with_charts``)."""
    dashboards = Dashboard.objects.filter(region=region, status=ItemStatus.PUBLISHED)
    dashboards = with_reader_translation(dashboards.select_related("region").order_by("slug"), code)
    if with_charts:
        dashboards = dashboards.prefetch_related(
            Prefetch("charts", queryset=published_charts(region, code))
        )
    return dashboards


def dashboard_list(region, code: str) -> list[Reading]:
    return readings(published_dashboards(region, code), code)


def published_charts(region, code: str) -> QuerySet[Chart]:
    """Published charts of published datasets, in their dashboard's order (position, slug)."""
    charts = (
        Chart.objects.filter(
            region=region,
            status=ItemStatus.PUBLISHED,
            dataset__status=ItemStatus.PUBLISHED,
        )
        .select_related("region", "dataset")
        .order_by("position", "slug")
    )
    return with_reader_translation(charts, code)


def current_version_of(dataset: Dataset) -> DatasetVersion | None:
    versions = getattr(dataset, "current_versions", None)
    if versions is None:
        versions = list(dataset.versions.filter(state=VersionState.CURRENT))
        dataset.current_versions = versions
    return versions[0] if versions else None


def with_current_versions(charts: list[Chart]) -> list[Chart]:
    """Load the current version of every chart's dataset in one query."""
    ids = {chart.dataset_id for chart in charts}
    versions = {
        v.dataset_id: v
        for v in DatasetVersion.objects.filter(dataset_id__in=ids, state=VersionState.CURRENT)
    }
    for chart in charts:
        chart.dataset.current_versions = (
            [versions[chart.dataset_id]] if chart.dataset_id in versions else []
        )
    return charts


def _ordered(values, is_time: bool) -> list[str]:
    unique = list(dict.fromkeys(values))
    return sorted(unique) if is_time else unique


@dataclass
class Table:
    """What a chart shows, as the accessible table beside it. Figures are already suppressed."""

    category_label: str
    series_label: str
    categories: list[str]
    series: list[str]
    cells: list[list[Figure]]  # one row per category, one figure per series
    unit: str
    row_totals: list[Figure] = field(default_factory=list)  # per category (if several series)
    column_totals: list[Figure] = field(default_factory=list)  # per series (if summable)
    grand_total: Figure | None = None

    @property
    def has_hidden(self) -> bool:
        every = [f for row in self.cells for f in row] + self.row_totals + self.column_totals
        return any(f.hidden for f in every)


def chart_table(chart: Chart) -> Table | None:
    """The figures of a chart from its dataset's current version, or None without data."""
    version = current_version_of(chart.dataset)
    if version is None:
        return None
    roles = {c["name"]: c for c in version.columns}
    if chart.measure not in roles or chart.category not in roles:
        return None
    filters = parse_filters(chart.filters)
    rows = [
        row
        for row in version.rows
        if all(row.get(name) == value for name, value in filters.items())
    ]
    series_name = chart.series if chart.series in roles else ""
    category_is_time = roles[chart.category]["role"] == ColumnRole.TIME
    series_is_time = bool(series_name) and roles[series_name]["role"] == ColumnRole.TIME
    categories = _ordered((row[chart.category] for row in rows), category_is_time)
    series = (
        _ordered((row[series_name] for row in rows), series_is_time)
        if series_name
        else [chart.measure]
    )
    values: dict[tuple[str, str], list] = defaultdict(list)
    for row in rows:
        key = (row[chart.category], row[series_name] if series_name else chart.measure)
        values[key].append(row[chart.measure])
    cells = [[figure(values[(c, s)]) for s in series] for c in categories]
    table = Table(
        category_label=chart.category,
        series_label=series_name,
        categories=categories,
        series=series,
        cells=cells,
        unit=roles[chart.measure].get("unit", ""),
    )
    # Stocks (residents on 31 December) do not add up over time: no totals across periods.
    if len(series) > 1 and not series_is_time:
        table.row_totals = [figure(v for s in series for v in values[(c, s)]) for c in categories]
    if not category_is_time:
        table.column_totals = [
            figure(v for c in categories for v in values[(c, s)]) for s in series
        ]
        if not series_is_time:
            table.grand_total = figure(v for row in rows for v in [row[chart.measure]])
    return table


def display(value: Figure) -> str:
    """A figure as readers see it, in their language's number format."""
    if value.hidden == "small":
        return f"<{threshold()}"
    if value.hidden:
        return "×"
    return formats.number_format(value.value, use_l10n=True, force_grouping=True)


def summary(table: Table) -> str:
    """One or two sentences saying what the chart shows, for people who cannot see it."""
    sentences = []
    totals = table.row_totals or ([row[0] for row in table.cells] if len(table.series) == 1 else [])
    shown = [(c, f.value) for c, f in zip(table.categories, totals, strict=False) if not f.hidden]
    if shown:
        high = max(shown, key=lambda pair: pair[1])
        low = min(shown, key=lambda pair: pair[1])
        sentences.append(
            _(
                "The highest figure is %(high_value)s (%(high)s), "
                "the lowest %(low_value)s (%(low)s)."
            )
            % {
                "high": high[0],
                "high_value": display(Figure(high[1])),
                "low": low[0],
                "low_value": display(Figure(low[1])),
            }
        )
    if table.has_hidden:
        sentences.append(
            _(
                "Figures below %(threshold)s are shown as “<%(threshold)s”, and figures that "
                "would reveal them as “×”, so that no one can be identified."
            )
            % {"threshold": threshold()}
        )
    return " ".join(sentences)


def chart_json(table: Table) -> dict:
    """The figures for the chart script and the JSON download: hidden figures are null."""
    return {
        "category": table.category_label,
        "series_dimension": table.series_label,
        "unit": table.unit,
        "threshold": threshold(),
        "categories": table.categories,
        "series": [
            {
                "name": name,
                "values": [row[index].value for row in table.cells],
                "shown": [display(row[index]) for row in table.cells],
            }
            for index, name in enumerate(table.series)
        ],
        "row_totals": [f.value for f in table.row_totals],
        "column_totals": [f.value for f in table.column_totals],
        "grand_total": table.grand_total.value if table.grand_total else None,
    }


def chart_csv_rows(table: Table) -> list[list[str]]:
    """The table as CSV rows, exactly as on the page (hidden figures as "<5" or "×")."""
    header = [table.category_label, *table.series]
    if table.row_totals:
        header.append(_("Total"))
    rows = [header]
    for index, category in enumerate(table.categories):
        row = [category, *(plain(f) for f in table.cells[index])]
        if table.row_totals:
            row.append(plain(table.row_totals[index]))
        rows.append(row)
    if table.column_totals:
        row = [_("Total"), *(plain(f) for f in table.column_totals)]
        if table.row_totals:
            row.append(plain(table.grand_total) if table.grand_total else "")
        rows.append(row)
    return rows


def plain(value: Figure) -> str:
    """Machine-readable: no thousands separators."""
    if value.hidden:
        return display(value)
    return str(value.value)


def published_dataset_rows(version: DatasetVersion) -> tuple[list[str], list[list]]:
    """A dataset's rows as published: every measure figure suppressed on its own."""
    names = [c["name"] for c in version.columns]
    measures = {c["name"] for c in version.columns if c["role"] == ColumnRole.MEASURE}
    rows = []
    for row in version.rows:
        rows.append(
            [plain(figure([row[name]])) if name in measures else row[name] for name in names]
        )
    return names, rows


@dataclass
class ChartView:
    """Everything a page needs to show one chart in one language."""

    chart: Chart
    version: object  # translation.reader.LanguageVersion
    table: Table | None
    summary: str
    data: dict
    rows: list[tuple[str, list[str], str]]  # category, shown cells, shown row total
    totals: list[str]
    grand_total: str


def chart_view(chart: Chart, code: str) -> ChartView:
    from apps.translation.reader import language_version

    table = chart_table(chart)
    if table is None:
        return ChartView(chart, language_version(chart, code), None, "", {}, [], [], "")
    rows = [
        (
            category,
            [display(f) for f in table.cells[index]],
            display(table.row_totals[index]) if table.row_totals else "",
        )
        for index, category in enumerate(table.categories)
    ]
    return ChartView(
        chart=chart,
        version=language_version(chart, code),
        table=table,
        summary=summary(table),
        data={"kind": chart.kind, **chart_json(table)},
        rows=rows,
        totals=[display(f) for f in table.column_totals],
        grand_total=display(table.grand_total) if table.grand_total else "",
    )


def chart_for_reader(region, code: str, slug: str) -> ChartView | None:
    """One published chart as its page (and its downloads) show it."""
    chart = published_charts(region, code).filter(slug=slug).first()
    return None if chart is None else chart_view(chart, code)


def dashboard_charts(dashboard: Dashboard, code: str) -> list[ChartView]:
    charts = with_current_versions(
        list(published_charts(dashboard.region, code).filter(dashboard=dashboard))
    )
    return [chart_view(chart, code) for chart in charts]


def datasets_for_managers(region) -> QuerySet[Dataset]:
    """Every dataset of the region, published or not, with its current version."""
    return (
        Dataset.objects.filter(region=region)
        .select_related("region")
        .prefetch_related(_current_versions(with_rows=False))
        .order_by("slug")
    )
