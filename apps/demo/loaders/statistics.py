"""The "Migration in figures" dashboard: the statistics manager creates the datasets, uploads
their (invented) data and defines the charts; the reviewer publishes everything, and the
translations go through the workflow like any content."""

from __future__ import annotations

from apps.core.models import Region
from apps.demo.loaders.data import DATA_DIR, pks_by_slug, plain, read_data
from apps.demo.loaders.publishing import Newsroom, publish_entries
from apps.statistics import services as statistics
from apps.statistics.models import Chart, Dashboard, Dataset

FOLDER = "statistics"


def load_statistics(region: Region) -> None:
    """Publish the datasets with their data, the dashboard and its charts."""
    data = read_data(f"{FOLDER}/statistics.json")
    newsroom = Newsroom(region, editor="statistics@musterstadt.example")
    manager = newsroom.editor

    new_datasets = publish_entries(
        newsroom,
        Dataset,
        data["datasets"],
        fields=("title", "description", "source"),
        settings=lambda entry: {"licence": entry["licence"]},
    )
    for dataset, entry in new_datasets:
        version = statistics.upload_version(
            dataset,
            filename=entry["file"],
            content=(DATA_DIR / FOLDER / entry["file"]).read_bytes(),
            user=manager,
        )
        statistics.confirm_version(version, columns=entry["columns"], user=manager)

    publish_entries(newsroom, Dashboard, [data["dashboard"]], fields=("title", "description"))
    datasets = pks_by_slug(Dataset, region)
    dashboard = Dashboard.objects.get(region=region, slug=data["dashboard"]["slug"])
    publish_entries(
        newsroom,
        Chart,
        data["charts"],
        fields=("title", "description", "source", "notes"),
        settings=lambda entry: {
            "dataset": datasets[entry["dataset"]],
            "dashboard": dashboard.pk,
            **plain(entry, "kind", "measure", "category", "series", "filters", "position"),
        },
    )
