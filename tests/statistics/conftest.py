from __future__ import annotations

import pytest

from apps.editorial.services import revision_data
from apps.statistics import services
from apps.statistics.models import Chart, Dashboard, Dataset
from tests.conftest import publish_new

RESIDENTS_CSV = """year,district,group,residents
2023,Altstadt,EU,120
2023,Altstadt,Non-EU,3
2023,Nordviertel,EU,80
2023,Nordviertel,Non-EU,45
2024,Altstadt,EU,130
2024,Altstadt,Non-EU,60
2024,Nordviertel,EU,2
2024,Nordviertel,Non-EU,70
"""


def upload(dataset, people, content: str, filename: str = "data.csv", columns=None):
    version = services.upload_version(
        dataset, filename=filename, content=content.encode(), user=people["statistics_manager"]
    )
    return services.confirm_version(
        version, columns=columns or version.columns, user=people["statistics_manager"]
    )


def _publish(model, values, people, authority, region):
    """Statistics content is written by the statistics manager and published by the reviewer."""
    from apps.editorial import services as workflow

    item = workflow.create_item(
        model,
        region=region,
        organisation=authority,
        data=revision_data(model, values),
        author=people["statistics_manager"],
    )
    workflow.submit_for_review(item, user=people["statistics_manager"])
    workflow.publish(item, user=people["reviewer"])
    item.refresh_from_db()
    return item


@pytest.fixture
def dataset(people, authority, region) -> Dataset:
    return _publish(
        Dataset,
        {"title": "Einwohner", "description": "Demo", "source": "Amt", "licence": "cc-by-4.0"},
        people,
        authority,
        region,
    )


@pytest.fixture
def residents(dataset, people) -> Dataset:
    upload(dataset, people, RESIDENTS_CSV)
    return dataset


@pytest.fixture
def dashboard(people, authority, region) -> Dashboard:
    return _publish(
        Dashboard,
        {"title": "Zahlen", "description": "Migration in Zahlen"},
        people,
        authority,
        region,
    )


@pytest.fixture
def make_chart(people, authority, region, residents, dashboard):
    def make(**values) -> Chart:
        defaults = {
            "title": "Einwohner nach Bezirk",
            "description": "Beschreibung",
            "source": "Amt",
            "notes": "",
            "dataset": residents.pk,
            "kind": "bar",
            "measure": "residents",
            "category": "district",
            "series": "group",
            "filters": "year = 2023",
            "dashboard": dashboard.pk,
            "position": 1,
        }
        return _publish(Chart, {**defaults, **values}, people, authority, region)

    return make


__all__ = ["publish_new"]
