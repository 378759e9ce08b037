"""The statistics API: per language, suppressed like the pages."""

from __future__ import annotations


def test_charts_come_in_the_requested_language_with_suppressed_figures(
    client, make_chart, translate_item
):
    chart = make_chart()
    translate_item(chart, "ar", {"title": "السكان", "description": "", "source": "", "notes": ""})

    data = client.get("/api/v1/charts/", {"lang": "ar"}).json()["results"][0]

    assert data["language"] == "ar"
    assert data["title"] == "السكان"  # at the top level, as every other endpoint has them
    assert data["texts"]["title"] == "السكان"  # still there for v1 clients (deprecated)
    assert data["data"]["series"][1]["values"] == [None, 45]
    assert data["data"]["series"][1]["shown"] == ["<5", "45"]


def test_datasets_are_open_data_with_licence_and_suppressed_rows(client, residents):
    listing = client.get("/api/v1/datasets/", {"lang": "en"}).json()["results"]
    assert listing[0]["licence"] == "cc-by-4.0"
    assert listing[0]["download_csv"].endswith(f"/en/figures/open-data/{residents.slug}.csv")
    assert "rows" not in listing[0]

    detail = client.get(f"/api/v1/datasets/{residents.slug}/").json()
    assert ["2023", "Altstadt", "Non-EU", "<5"] in detail["rows"]


def test_dashboards_list_their_published_charts(client, make_chart, dashboard):
    make_chart()
    data = client.get(f"/api/v1/dashboards/{dashboard.slug}/").json()
    assert data["charts"] == ["einwohner-nach-bezirk"]


def test_raw_uploads_are_not_in_the_api(client, residents):
    detail = client.get(f"/api/v1/datasets/{residents.slug}/").json()
    assert 3 not in [row[3] for row in detail["rows"]]


def test_chart_list_costs_a_fixed_number_of_queries(client, make_chart):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_chart(title="Eins")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/charts/", {"lang": "ar"}).status_code == 200
        return len(queries)

    few = count()
    make_chart(title="Zwei")
    make_chart(title="Drei", series="")
    assert count() == few


def test_new_data_changes_the_etag(client, make_chart, residents, people):
    from .conftest import RESIDENTS_CSV, upload

    make_chart()
    first = client.get("/api/v1/charts/")
    assert client.get("/api/v1/charts/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    upload(residents, people, RESIDENTS_CSV.replace("120", "125"))

    second = client.get("/api/v1/charts/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second.json()["results"][0]["data"]["series"][0]["values"][0] == 125


def test_a_chart_archived_changes_the_dashboards_etag_and_list(
    client, make_chart, dashboard, people
):
    from apps.editorial import services

    chart = make_chart()
    url = f"/api/v1/dashboards/{dashboard.slug}/"
    first = client.get(url)
    assert first.json()["charts"] == [chart.slug]

    services.archive(chart, user=people["reviewer"])

    second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second.json()["charts"] == []


def test_a_dashboard_lists_no_chart_of_an_unpublished_dataset(
    client, make_chart, dashboard, residents, people
):
    from apps.editorial import services

    make_chart()
    services.archive(residents, user=people["reviewer"])

    assert client.get(f"/api/v1/dashboards/{dashboard.slug}/").json()["charts"] == []


def test_the_texts_object_is_documented_as_deprecated(api_schema):
    """v1 clients keep ``texts``; the schema tells new ones to read the top-level fields."""
    components = api_schema.raw_schema["components"]["schemas"]
    for name in ("Dataset", "Chart", "Dashboard"):
        properties = components[name]["properties"]
        assert properties["texts"]["deprecated"] is True, name
        assert {"title", "description"} <= properties.keys(), name
