"""The demo municipality has a "Migration in figures" dashboard, complete in every language."""

from __future__ import annotations

from apps.core import languages
from apps.demo.services import load_demo
from apps.statistics.models import Chart, Dashboard, Dataset, VersionState


def test_demo_dashboard_has_translated_charts_with_data(db, client):
    load_demo(parts={"statistics"})

    dashboard = Dashboard.objects.get(slug="migration-in-figures")
    charts = Chart.objects.filter(dashboard=dashboard, status="published")
    assert charts.count() >= 5
    assert {chart.kind for chart in charts} >= {"bar", "stacked_bar", "line", "donut", "table"}
    for item in [dashboard, *charts, *Dataset.objects.all()]:
        for code in languages.PRIMARY_CODES:
            assert getattr(item, f"title_{code.replace('-', '_')}"), (item, code)
            assert getattr(item, f"description_{code.replace('-', '_')}"), (item, code)
    assert Dataset.objects.filter(versions__state=VersionState.CURRENT).count() == 4

    page = client.get("/ar/figures/migration-in-figures/").content.decode()
    assert "الهجرة بالأرقام" in page
    assert page.count('<table class="table table--compact data-table">') == charts.count()
    assert "&lt;5" in page  # small counts of the over-50s are suppressed
