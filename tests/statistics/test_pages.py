"""What readers see: dashboards in their language, each chart with its table, summary and
downloads, the same suppressed figures everywhere."""

from __future__ import annotations

import csv
import io
import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html

ARABIC = {
    "title": "السكان حسب الحي",
    "description": "وصف",
    "source": "مكتب الإحصاء",
    "notes": "",
}


def table_of(page: str) -> list[list[str]]:
    tree = html.fromstring(page)
    table = tree.xpath("//table[contains(@class, 'data-table')]")[0]
    return [
        [cell.text_content().strip() for cell in row.xpath("./th|./td")]
        for row in table.xpath(".//tr")
    ]


def test_dashboard_in_arabic_has_an_accessible_table_and_a_summary(
    client, make_chart, dashboard, translate_item
):
    chart = make_chart()
    translate_item(chart, "ar", ARABIC)

    page = client.get(f"/ar/figures/{dashboard.slug}/").content.decode()
    tree = html.fromstring(page)

    section = tree.xpath("//section[@class='chart']")[0]
    assert section.xpath(".//h2")[0].text_content().strip() == ARABIC["title"]
    assert section.xpath(".//div[@lang='ar' and @dir='rtl']")
    table = section.xpath(".//table")[0]
    assert table.xpath("./caption")[0].text_content().strip().startswith(ARABIC["title"])
    assert [th.get("scope") for th in table.xpath("./thead//th")] == ["col"] * 4
    assert table_of(page) == [
        ["district", "EU", "Non-EU", "المجموع"],
        ["Altstadt", "120", "<5", "×"],
        ["Nordviertel", "80", "45", "125"],
        ["المجموع", "200", "×", "×"],
    ]
    summary = section.xpath(".//p[@class='chart__summary']")[0].text_content()
    assert "125" in summary  # the highest shown total, Nordviertel
    data = json.loads(section.xpath(".//script[@type='application/json']")[0].text)
    assert data["series"][1]["values"] == [None, 45]


def test_untranslated_chart_shows_the_original_with_a_notice(client, make_chart, dashboard):
    make_chart()
    page = client.get(f"/uk/figures/{dashboard.slug}/").content.decode()
    assert "Einwohner nach Bezirk" in page
    assert 'class="language-notice"' in page


def test_downloads_match_the_table_on_the_page(client, make_chart, translate_item):
    chart = make_chart()
    translate_item(chart, "ar", ARABIC)
    page = client.get(f"/ar/figures/charts/{chart.slug}/").content.decode()

    download = client.get(f"/ar/figures/charts/{chart.slug}.csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    data = client.get(f"/ar/figures/charts/{chart.slug}.json").json()

    assert download["Content-Type"].startswith("text/csv")
    assert rows == table_of(page)
    assert data["title"] == ARABIC["title"]
    assert [s["shown"] for s in data["series"]] == [["120", "80"], ["<5", "45"]]
    assert data["row_totals"] == [None, 125]


def test_dataset_download_hides_small_counts(client, make_chart, residents):
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/en/figures/open-data/{residents.slug}.csv").content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert rows[0] == ["year", "district", "group", "residents"]
    assert ["2023", "Altstadt", "Non-EU", "<5"] in rows
    assert ["2024", "Nordviertel", "EU", "<5"] in rows
    assert "3" not in [row[3] for row in rows]


def test_unpublished_charts_and_drafts_are_not_shown(client, make_chart, dashboard, people):
    from apps.editorial import services as workflow

    chart = make_chart()
    workflow.archive(chart, user=people["reviewer"])

    assert client.get(f"/en/figures/charts/{chart.slug}/").status_code == 404
    assert client.get(f"/en/figures/charts/{chart.slug}.csv").status_code == 404
    assert (
        "Einwohner nach Bezirk" not in client.get(f"/en/figures/{dashboard.slug}/").content.decode()
    )


def test_figures_are_in_the_navigation_and_list_dashboards(client, dashboard):
    page = client.get("/en/figures/").content.decode()
    assert 'href="/en/figures/"' in page
    assert f'href="/en/figures/{dashboard.slug}/"' in page
    assert "Migration in Zahlen" in page  # its description (not yet translated: the original)


def test_dashboard_query_count_does_not_grow_with_charts(client, make_chart, dashboard):
    make_chart(title="Eins")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/ar/figures/{dashboard.slug}/").status_code == 200
        return len(queries)

    few = count()
    make_chart(title="Zwei", kind="line")
    make_chart(title="Drei", kind="donut", series="")
    assert count() == few


def test_open_data_lists_datasets_with_licence_and_download(client, residents):
    page = client.get("/en/figures/open-data/").content.decode()
    assert "Einwohner" in page
    assert "CC BY 4.0" in page
    assert f"/en/figures/open-data/{residents.slug}.csv" in page


def test_csv_downloads_do_not_carry_spreadsheet_formulas(client, dataset, people):
    from .conftest import upload

    upload(dataset, people, "year,district,residents\n2024,=HYPERLINK(1),12\n2024,Mitte,-0\n")

    body = client.get(f"/en/figures/open-data/{dataset.slug}.csv").content.decode("utf-8-sig")

    assert "'=HYPERLINK(1)" in body.splitlines()[1]
    assert body.splitlines()[2] == "2024,Mitte,0"
