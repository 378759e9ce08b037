from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "apps.statistics"
    label = "statistics"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils import translation

        from apps.editorial.registry import register
        from apps.statistics.forms import ChartForm, DashboardForm, DatasetForm
        from apps.statistics.models import Chart, Dashboard, Dataset

        def dashboard_url(dashboard: Dashboard, code: str) -> str:
            with translation.override(code):
                return reverse("migrant:dashboard", kwargs={"slug": dashboard.slug})

        def chart_url(chart: Chart, code: str) -> str:
            with translation.override(code):
                return reverse("migrant:chart", kwargs={"slug": chart.slug})

        def dataset_url(dataset: Dataset, code: str) -> str:
            with translation.override(code):
                return reverse("migrant:open_data")

        for model, form, url in (
            (Dataset, DatasetForm, dataset_url),
            (Chart, ChartForm, chart_url),
            (Dashboard, DashboardForm, dashboard_url),
        ):
            register(model, form=form, public_url=url, edit_permission="statistics.manage")
