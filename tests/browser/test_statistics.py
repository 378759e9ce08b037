"""The demo's "Migration in figures" in Arabic: charts drawn, tables readable, with and without
JavaScript, and no serious accessibility violations."""

import pytest

from apps.demo.services import load_demo

pytestmark = pytest.mark.browser

PATH = "/ar/figures/migration-in-figures/"


def test_arabic_dashboard_draws_charts_beside_readable_tables(page, live_server, axe_violations):
    load_demo(parts={"statistics"})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{live_server.url}{PATH}")

    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == "الهجرة بالأرقام"
    charts = page.locator("section.chart")
    assert charts.count() == 6
    # Five charts are drawn (the sixth is a plain table); every one has its table.
    page.wait_for_function("document.querySelectorAll('.chart__canvas canvas').length === 5")
    assert page.locator(".chart__canvas canvas").first.bounding_box()["height"] > 100
    assert page.locator("table.data-table").count() == 6
    table = page.locator("section.chart", has_text="طلبات اللجوء").locator("table")
    assert table.locator("caption").inner_text().startswith("طلبات اللجوء شهرياً")
    assert table.locator("tbody tr").first.locator("th").inner_text() == "2024-01"
    assert "<5" in table.inner_text()
    assert table.is_visible()
    assert errors == []
    assert axe_violations(page) == []


def test_without_javascript_the_tables_are_the_charts(browser, live_server):
    load_demo(parts={"statistics"})
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()

    page.goto(f"{live_server.url}{PATH}")

    assert page.locator("table.data-table").count() == 6
    assert page.locator("table.data-table").first.is_visible()
    assert page.locator(".chart__canvas").first.is_hidden()
    context.close()


def test_statistics_manager_uploads_data_in_the_workspace(
    page, live_server, people, axe_violations, tmp_path
):
    from apps.editorial.services import create_item
    from apps.statistics.models import Dataset
    from tests.browser.conftest import sign_in

    dataset = create_item(
        Dataset,
        region=people["editor"].memberships.get().organisation.region,
        organisation=people["editor"].memberships.get().organisation,
        data={"title": "Einwohner", "description": "", "source": "", "licence": "cc-by-4.0"},
        author=people["statistics_manager"],
    )
    data = tmp_path / "einwohner.csv"
    data.write_text("Jahr;Bezirk;Einwohner\n2024;Altstadt;120\n2024;Nordstadt;eighty\n")
    sign_in(page, live_server, "stats@example.org", "ar")
    page.wait_for_url("**/ar/authority/")

    page.locator(".workspace-nav a", has_text="الإحصاءات").click()
    page.wait_for_url("**/ar/authority/statistics/")
    assert axe_violations(page) == []
    page.locator("a", has_text="Einwohner").click()
    page.locator("input[type=file]").set_input_files(str(data))
    page.locator("button", has_text="افحص الملف").click()
    page.wait_for_url("**/uploads/1/")
    assert axe_violations(page) == []
    # The text in the last column made it look like a group; the manager says it is a measure.
    page.locator("#id_form-2-role").select_option("measure")
    page.locator("button", has_text="استخدم هذه البيانات").click()

    problems = page.locator(".error-summary").inner_text()
    assert "السطر 3: «eighty» في العمود «Einwohner» ليس رقماً." in problems
    assert not dataset.versions.filter(state="current").exists()

    page.goto(f"{live_server.url}/ar/authority/content/statistics.chart/new/")
    assert axe_violations(page) == []
