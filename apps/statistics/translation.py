from modeltranslation.translator import TranslationOptions, register

from apps.statistics.models import Chart, Dashboard, Dataset


@register(Dataset)
class DatasetTranslationOptions(TranslationOptions):
    fields = Dataset.translatable_fields


@register(Dashboard)
class DashboardTranslationOptions(TranslationOptions):
    fields = Dashboard.translatable_fields


@register(Chart)
class ChartTranslationOptions(TranslationOptions):
    fields = Chart.translatable_fields
