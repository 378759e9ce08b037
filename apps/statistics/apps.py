from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "apps.statistics"
    label = "statistics"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        from django.urls import reverse
        from django.utils import translation

        from apps.editorial.registry import page_by_slug, register
        from apps.statistics.forms import ChartForm, DashboardForm, DatasetForm
        from apps.statistics.models import Chart, Dashboard, Dataset

        def dataset_url(dataset: Dataset, code: str) -> str:
            with translation.override(code):
                return reverse("migrant:open_data")

        def dataset_panel(dataset: Dataset) -> dict:
            return {"current": list(dataset.versions.filter(state="current"))}

        register(
            Dataset,
            form=DatasetForm,
            public_url=dataset_url,
            edit_permission="statistics.manage",
            detail_template="statistics/dataset_panel.html",
            detail_context=dataset_panel,
        )
        register(
            Chart,
            form=ChartForm,
            public_url=page_by_slug("migrant:chart"),
            edit_permission="statistics.manage",
        )
        register(
            Dashboard,
            form=DashboardForm,
            public_url=page_by_slug("migrant:dashboard"),
            edit_permission="statistics.manage",
        )
