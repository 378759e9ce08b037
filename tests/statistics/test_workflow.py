"""Charts, dashboards and datasets go through the generic editorial workflow: the statistics
manager writes them, a reviewer publishes, translators see them in their queue and files."""

from __future__ import annotations

from django.urls import reverse

from apps.statistics.models import Chart
from apps.translation import exchange, queries


def test_translators_get_charts_in_their_queue_and_xliff(make_chart, region):
    chart = make_chart()

    queue = queries.translator_queue(region, ["ar"])
    xliff = exchange.export_xliff([chart], language="ar", region=region).decode()

    assert chart in [entry.item for entry in queue]
    assert "Einwohner nach Bezirk" in xliff


def test_chart_form_names_the_columns_a_chart_can_use(client, people, residents, dashboard):
    client.force_login(people["statistics_manager"])
    url = reverse("authority:content_create", kwargs={"type": "statistics.chart"})
    form = {
        "title": "Einwohner",
        "dataset": residents.pk,
        "kind": "bar",
        "measure": "district",
        "category": "Bezirk",
        "position": 1,
    }

    response = client.post(url, form)

    page = response.content.decode()
    assert "Choose one of the measures: residents." in page
    assert "Choose one of the columns: year, district, group, residents." in page
    assert "Choose a value for the period column “year”, or show it on an axis." in page
    assert not Chart.objects.exists()

    response = client.post(
        url, {**form, "measure": "residents", "category": "district", "filters": "year = 2024"}
    )
    assert response.status_code == 302
    assert Chart.objects.get().status == "draft"


def test_editors_cannot_write_charts_and_statistics_managers_cannot_publish(
    client, people, make_chart
):
    chart = make_chart()
    client.force_login(people["editor"])
    edit = reverse("authority:content_edit", kwargs={"type": "statistics.chart", "pk": chart.pk})
    assert client.get(edit).status_code == 403

    client.force_login(people["statistics_manager"])
    assert client.get(edit).status_code == 200
    action = reverse(
        "authority:content_action", kwargs={"type": "statistics.chart", "pk": chart.pk}
    )
    assert client.post(action, {"action": "archive"}).status_code == 403


def test_dataset_page_of_the_workflow_links_to_its_data(client, people, residents):
    url = reverse(
        "authority:content_detail", kwargs={"type": "statistics.dataset", "pk": residents.pk}
    )
    upload = reverse("authority:dataset_data", kwargs={"pk": residents.pk})

    client.force_login(people["statistics_manager"])
    page = client.get(url).content.decode()
    assert "data.csv (v1)" in page
    assert upload in page

    client.force_login(people["reviewer"])
    assert upload not in client.get(url).content.decode()


def test_chart_form_lists_the_columns_of_each_dataset(client, people, residents):
    client.force_login(people["statistics_manager"])
    page = client.get(reverse("authority:content_create", kwargs={"type": "statistics.chart"}))
    assert "Einwohner: year, district, group, residents." in page.content.decode()
