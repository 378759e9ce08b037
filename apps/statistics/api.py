"""Public API of statistics, per language: datasets (open data, suppressed), charts and
dashboards. Figures are the same as on the pages: small counts are null or "<5"."""

from __future__ import annotations

import hashlib

from django.db.models import Count, Max
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets

from apps.core import links
from apps.core.api import LANG_PARAMETER
from apps.core.conditional import ConditionalGetMixin
from apps.editorial.serializers import ReaderVersionSerializer, VersionText
from apps.statistics import queries
from apps.statistics.models import Chart, Dashboard, Dataset, DatasetVersion
from apps.statistics.services import threshold


class _Translated(ReaderVersionSerializer):
    """The texts of an item in the requested language, or the source language as fallback: at
    the top level, as every other endpoint gives them (``title``, ``description``, …).

    API v1 first gave them only inside ``texts``; that object stays, with the same values, for
    the clients written then, and is marked deprecated in the schema (gone in v2)."""

    title = VersionText()
    description = VersionText(help_text="Markdown for dashboards, plain text otherwise.")
    texts = serializers.SerializerMethodField()

    @extend_schema_field(
        {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "deprecated": True,
            "description": "Deprecated: the same texts as the top-level fields; gone in v2.",
        }
    )
    def get_texts(self, item) -> dict[str, str]:
        return self.version(item).texts


class DatasetSerializer(_Translated):
    source = VersionText()
    licence_name = serializers.CharField(source="get_licence_display", read_only=True)
    download_csv = serializers.SerializerMethodField()
    columns = serializers.SerializerMethodField()

    class Meta:
        model = Dataset
        fields = [
            "slug", "language", "is_fallback", "title", "description", "source", "texts",
            "licence", "licence_name", "columns", "download_csv", "published_at",
        ]  # fmt: skip

    def get_download_csv(self, dataset) -> str:
        path = links.link("dataset_download", get_language(), slug=dataset.slug)
        return self.context["request"].build_absolute_uri(path)

    def get_columns(self, dataset) -> list[dict]:
        version = queries.current_version_of(dataset)
        return version.columns if version else []


class DatasetDetailSerializer(DatasetSerializer):
    rows = serializers.SerializerMethodField(help_text='Values as published: small counts as "<5".')

    class Meta(DatasetSerializer.Meta):
        fields = [*DatasetSerializer.Meta.fields, "rows"]

    def get_rows(self, dataset) -> list[list]:
        return queries.published_dataset_rows(queries.current_version_of(dataset))[1]


class ChartSerializer(_Translated):
    source = VersionText()
    notes = VersionText()
    dataset = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    summary = serializers.SerializerMethodField()
    data = serializers.SerializerMethodField(help_text="Hidden (suppressed) figures are null.")

    class Meta:
        model = Chart
        fields = [
            "slug", "language", "is_fallback", "title", "description", "source", "notes", "texts",
            "kind", "dataset", "summary", "data",
        ]  # fmt: skip

    def _view(self, chart):
        cache = self.context.setdefault("_views", {})
        if chart.pk not in cache:
            cache[chart.pk] = queries.chart_view(chart, get_language())
        return cache[chart.pk]

    def get_summary(self, chart) -> str:
        return self._view(chart).summary

    def get_data(self, chart) -> dict:
        return self._view(chart).data


class DashboardSerializer(_Translated):
    charts = serializers.SerializerMethodField()

    class Meta:
        model = Dashboard
        fields = ["slug", "language", "is_fallback", "title", "description", "texts", "charts"]

    def get_charts(self, dashboard) -> list[str]:
        return [chart.slug for chart in dashboard.charts.all()]  # published ones: see the viewset


class _Conditional(ConditionalGetMixin):
    """ETag and Last-Modified from the items' texts and the data in use, in two cheap queries."""

    def related_state(self, request) -> dict:
        """What else a response shows that may change on its own (a dashboard's charts)."""
        return {}

    def conditional_state(self, request, *args, **kwargs):
        queryset = self.get_queryset()
        if "slug" in kwargs:
            queryset = queryset.filter(slug=kwargs["slug"])
        items = queryset.order_by().aggregate(
            last=Max("updated_at"), ids=Max("pk"), count=Count("pk")
        )
        data = DatasetVersion.objects.filter(
            dataset__region=request.region, state="current"
        ).aggregate(last=Max("confirmed_at"), ids=Max("pk"))
        related = self.related_state(request)
        parts = (get_language(), request.get_full_path(), threshold(), *items.values())
        key = "|".join(str(part) for part in (*parts, *data.values(), *related.values()))
        moments = (items["last"], data["last"], related.get("last"))
        last = max((moment for moment in moments if moment is not None), default=None)
        return hashlib.sha256(key.encode()).hexdigest()[:32], last


_LANG = {
    "list": extend_schema(parameters=[LANG_PARAMETER]),
    "retrieve": extend_schema(parameters=[LANG_PARAMETER]),
}


@extend_schema_view(**_LANG)
class DatasetViewSet(_Conditional, viewsets.ReadOnlyModelViewSet):
    """Open data: published datasets with licence and download link; the detail has the rows."""

    queryset = Dataset.objects.none()
    lookup_field = "slug"
    filter_backends = []

    def get_serializer_class(self):
        return DatasetDetailSerializer if self.action == "retrieve" else DatasetSerializer

    def get_queryset(self):
        # The one current version per dataset keeps the join from repeating datasets; only a
        # dataset's own page needs its rows.
        return queries.published_datasets(
            self.request.region, get_language(), with_rows=self.action == "retrieve"
        )


@extend_schema_view(**_LANG)
class ChartViewSet(_Conditional, viewsets.ReadOnlyModelViewSet):
    serializer_class = ChartSerializer
    queryset = Chart.objects.none()
    lookup_field = "slug"
    filter_backends = []

    def get_queryset(self):
        return queries.published_charts(self.request.region, get_language())

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return queries.with_current_versions(list(page)) if page is not None else None


@extend_schema_view(**_LANG)
class DashboardViewSet(_Conditional, viewsets.ReadOnlyModelViewSet):
    serializer_class = DashboardSerializer
    queryset = Dashboard.objects.none()
    lookup_field = "slug"
    filter_backends = []

    def get_queryset(self):
        return queries.published_dashboards(self.request.region, get_language(), with_charts=True)

    def related_state(self, request) -> dict:
        # A chart published or archived changes a dashboard's list without touching the dashboard.
        return (
            queries.published_charts(request.region, get_language())
            .order_by()
            .aggregate(last=Max("updated_at"), count=Count("pk"))
        )
