"""Small counts are suppressed, and no suppressed count can be worked out from what is published:
the chart's cells and totals, and the dataset's rows as downloaded."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from apps.statistics import queries
from apps.statistics.models import Chart, Dataset, DatasetVersion
from apps.statistics.services import figure

COLUMNS = [
    {"name": "district", "role": "area", "unit": ""},
    {"name": "group", "role": "group", "unit": ""},
    {"name": "age", "role": "age", "unit": ""},
    {"name": "people", "role": "measure", "unit": "persons"},
]
DISTRICTS, GROUPS, AGES = ["A", "B", "C"], ["EU", "Non-EU", "Stateless"], ["0-17", "18+"]


def chart_on(rows: list[dict], **options) -> Chart:
    dataset = Dataset(slug="d")
    dataset.current_versions = [DatasetVersion(columns=COLUMNS, rows=rows)]
    values = {"measure": "people", "category": "district", "series": "group", "filters": ""}
    return Chart(dataset=dataset, kind="bar", **{**values, **options})


def test_small_counts_show_as_below_the_threshold_and_totals_that_include_them_are_hidden():
    rows = [
        {"district": "A", "group": "EU", "age": "0-17", "people": 3},
        {"district": "A", "group": "Non-EU", "age": "0-17", "people": 40},
        {"district": "B", "group": "EU", "age": "0-17", "people": 50},
        {"district": "B", "group": "Non-EU", "age": "0-17", "people": 0},
    ]
    table = queries.chart_table(chart_on(rows))
    shown = [[queries.display(f) for f in row] for row in table.cells]

    assert shown == [["<5", "40"], ["50", "0"]]
    assert [queries.display(f) for f in table.row_totals] == ["×", "50"]
    assert [queries.display(f) for f in table.column_totals] == ["×", "40"]
    assert queries.display(table.grand_total) == "×"


def test_the_threshold_is_a_setting(settings):
    settings.STATISTICS_SUPPRESSION_THRESHOLD = 10
    assert figure([7]).hidden == "small"
    assert queries.display(figure([7])) == "<10"
    assert figure([10]).value == 10


def attack(table, chart: Chart, version: DatasetVersion) -> dict:
    """Work out hidden figures from published ones the way an attacker would: any sum with
    exactly one unknown term gives that term. Returns what was recovered."""
    categories, series = table.categories, table.series
    _, published_rows = queries.published_dataset_rows(version)
    known: dict[tuple, float] = {}
    unknown: set[tuple] = set()

    def publish(key, shown):
        if shown.hidden:
            unknown.add(key)
        else:
            known[key] = shown.value

    for index, published in enumerate(published_rows):
        shown = published[3]
        if shown in ("<5", "×"):
            unknown.add(("row", index))
        else:
            known[("row", index)] = float(shown)
    for (i, c), (j, s) in itertools.product(enumerate(categories), enumerate(series)):
        publish(("cell", c, s), table.cells[i][j])
    for i, c in enumerate(categories):
        if table.row_totals:
            publish(("row_total", c), table.row_totals[i])
    for j, s in enumerate(series):
        if table.column_totals:
            publish(("column_total", s), table.column_totals[j])
    if table.grand_total:
        publish(("grand",), table.grand_total)

    equations = []  # (total key, [term keys])
    for c, s in itertools.product(categories, series):
        terms = [
            ("row", i)
            for i, row in enumerate(version.rows)
            if row[chart.category] == c and row[chart.series] == s
        ]
        equations.append((("cell", c, s), terms))
    if table.row_totals:
        equations += [(("row_total", c), [("cell", c, s) for s in series]) for c in categories]
    if table.column_totals:
        equations += [(("column_total", s), [("cell", c, s) for c in categories]) for s in series]
    if table.grand_total:
        equations.append((("grand",), [("column_total", s) for s in series]))
        equations.append((("grand",), [("row_total", c) for c in categories]))

    recovered = {}
    progress = True
    while progress:
        progress = False
        for total, terms in equations:
            keys = [total, *terms]
            missing = [k for k in keys if k not in known]
            if len(missing) != 1:
                continue
            key = missing[0]
            value = (
                sum(known[t] for t in terms)
                if key == total
                else known[total] - sum(known[t] for t in terms if t != key)
            )
            known[key] = value
            if key in unknown:
                recovered[key] = value
            progress = True
    return recovered


def test_an_attacker_cannot_recompute_a_suppressed_cell_from_totals():
    rows = [
        {"district": d, "group": g, "age": a, "people": v}
        for (d, g, a), v in zip(
            itertools.product(DISTRICTS, GROUPS, AGES),
            [30, 12, 2, 40, 9, 9, 25, 18, 1, 0, 33, 7, 4, 50, 60, 70, 8, 3],
            strict=True,
        )
    ]
    chart = chart_on(rows)
    table = queries.chart_table(chart)
    version = chart.dataset.current_versions[0]

    assert table.has_hidden
    assert attack(table, chart, version) == {}


values = st.integers(min_value=0, max_value=40)


@settings(max_examples=60, deadline=None)
@given(st.lists(values, min_size=18, max_size=18), st.booleans())
def test_no_published_figure_is_small_and_nothing_hidden_can_be_recovered(numbers, by_age):
    rows = [
        {"district": d, "group": g, "age": a, "people": v}
        for (d, g, a), v in zip(itertools.product(DISTRICTS, GROUPS, AGES), numbers, strict=True)
    ]
    chart = chart_on(rows, series="age" if by_age else "group")
    table = queries.chart_table(chart)

    published = [f for row in table.cells for f in row] + table.row_totals + table.column_totals
    assert all(f.hidden or f.value == 0 or f.value >= 5 for f in published)
    assert attack(table, chart, chart.dataset.current_versions[0]) == {}
