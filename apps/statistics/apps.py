from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "apps.statistics"
    label = "statistics"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        from apps.editorial.registry import register
        from apps.statistics.forms import ChartForm, DashboardForm, DatasetForm
        from apps.statistics.models import Chart, Dashboard, Dataset

        def dataset_panel(dataset: Dataset) -> dict:
            return {"current": list(dataset.versions.filter(state="current"))}

        register(
            Dataset,
            form=DatasetForm,
            edit_permission="statistics.manage",
            detail_template="statistics/dataset_panel.html",
            detail_context=dataset_panel,
        )
        register(Chart, form=ChartForm, edit_permission="statistics.manage")
        register(Dashboard, form=DashboardForm, edit_permission="statistics.manage")
