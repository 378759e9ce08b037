"""Whatever small table is uploaded, the importer answers with problems a person can read —
never with an error of its own."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from apps.statistics import services
from apps.statistics.models import ColumnRole

CELLS = st.one_of(
    st.text(max_size=8),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["1e400", "-0", "1 234", "2024", "2024-Q5", "2024-13", "\x00", "\u200b", ""]),
)
TABLES = st.lists(st.lists(CELLS, min_size=0, max_size=4), min_size=0, max_size=5)
ROLES = st.lists(st.sampled_from(ColumnRole.values), min_size=0, max_size=5)


def _csv(table: list[list[str]], delimiter: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(table)
    return buffer.getvalue().encode("utf-8", "surrogatepass")


def _xlsx(table: list[list[str]]) -> bytes:
    workbook = Workbook()
    for row in table:
        workbook.active.append([cell.translate({code: None for code in range(32)}) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _import(dataset, people, filename: str, content: bytes, roles: list[str]) -> None:
    user = people["statistics_manager"]
    try:
        version = services.upload_version(dataset, filename=filename, content=content, user=user)
        columns = [
            {**column, "role": roles[index] if index < len(roles) else column["role"]}
            for index, column in enumerate(version.columns)
        ]
        services.confirm_version(version, columns=columns, user=user)
    except services.DatasetImportError as error:
        assert error.problems
        assert all(problem.message for problem in error.problems)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(table=TABLES, delimiter=st.sampled_from([",", ";"]), roles=ROLES)
def test_any_small_csv_table_is_imported_or_explained(dataset, people, table, delimiter, roles):
    _import(dataset, people, "data.csv", _csv(table, delimiter), roles)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.binary(max_size=200), name=st.sampled_from(["data.csv", "data.xlsx"]))
def test_any_bytes_are_imported_or_explained(dataset, people, content, name):
    _import(dataset, people, name, content, [])


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(table=TABLES, roles=ROLES)
def test_any_small_spreadsheet_is_imported_or_explained(dataset, people, table, roles):
    _import(dataset, people, "data.xlsx", _xlsx(table), roles)
