"""A small file that holds or claims a huge table is refused before it costs memory."""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile

import pytest
from django.utils import translation
from openpyxl import Workbook

from apps.statistics import services

from .conftest import RESIDENTS_CSV

MEGABYTE = 1024 * 1024


def spreadsheet(rows: int = 4000, far_cell: str = "XFD1") -> bytes:
    """A plain table with one value far to the right: the sheet spans 16,384 columns."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["year", "district", "group", "residents"])
    for number in range(rows):
        sheet.append([2024, f"District {number}", "EU", number])
    sheet[far_cell] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_dimension(content: bytes, dimension: str) -> bytes:
    """The same workbook, with the size its sheet declares replaced (files may lie)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), data
                )
            target.writestr(member, data)
    return buffer.getvalue()


def refused_within(limit_bytes: int, dataset, people, filename: str, content: bytes):
    tracemalloc.start()
    try:
        with pytest.raises(services.DatasetImportError) as error:
            services.upload_version(
                dataset, filename=filename, content=content, user=people["statistics_manager"]
            )
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < limit_bytes, f"peak {peak / MEGABYTE:.0f} MB"
    return [problem.message for problem in error.value.problems]


def test_a_spreadsheet_reaching_column_xfd_is_refused_before_reading_rows(residents, people):
    content = spreadsheet()
    assert len(content) < 100 * 1024
    before = services.current_version(residents)

    messages = refused_within(50 * MEGABYTE, residents, people, "wide.xlsx", content)

    assert len(messages) == 1
    assert messages[0].startswith("The table is too large. Up to 50,000 rows, 100 columns")
    assert services.current_version(residents) == before
    assert residents.versions.count() == 1


def test_a_spreadsheet_that_hides_its_width_is_refused_while_streaming(dataset, people):
    content = with_dimension(spreadsheet(), "A1:D4001")

    messages = refused_within(50 * MEGABYTE, dataset, people, "lying.xlsx", content)

    assert messages[0].startswith("The table is too large.")
    assert dataset.versions.count() == 0


def test_a_spreadsheet_with_a_stray_value_far_below_is_refused(dataset, people):
    content = with_dimension(spreadsheet(rows=10, far_cell="A1048576"), "A1:D11")

    messages = refused_within(50 * MEGABYTE, dataset, people, "tall.xlsx", content)

    assert messages[0].startswith("The table is too large.")


def test_an_archive_that_unpacks_to_far_more_than_it_weighs_is_refused(dataset, people):
    buffer = io.BytesIO(spreadsheet(rows=10, far_cell="A12"))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", bytes(services.MAX_XLSX_UNPACKED_BYTES))
    assert len(buffer.getvalue()) < services.MAX_UPLOAD_BYTES

    messages = refused_within(50 * MEGABYTE, dataset, people, "bomb.xlsx", buffer.getvalue())

    assert messages[0].startswith("The table is too large.")


@pytest.mark.parametrize(
    ("columns", "rows", "expected"),
    [
        (101, 2, "The table is too large."),
        (100, 5001, "The table is too large."),
        (2, 50_001, "The file has more than 50,000 rows."),
    ],
)
def test_csv_files_have_the_same_limits(dataset, people, columns, rows, expected):
    lines = [",".join(f"c{index}" for index in range(columns))]
    lines += [",".join(["1"] * columns)] * rows
    content = "\n".join(lines).encode()

    with pytest.raises(services.DatasetImportError) as error:
        services.upload_version(
            dataset, filename="big.csv", content=content, user=people["statistics_manager"]
        )

    assert error.value.problems[0].message.startswith(expected)


def test_tables_within_the_limits_are_read(dataset, people):
    version = services.upload_version(
        dataset,
        filename="r.xlsx",
        content=spreadsheet(rows=2000, far_cell="E1"),
        user=people["statistics_manager"],
    )

    assert len(version.rows) == 2000
    assert [column["name"] for column in version.columns] == [
        "year", "district", "group", "residents", "x",
    ]  # fmt: skip


def test_the_refusal_is_in_the_managers_language(dataset, people):
    with translation.override("de"):
        messages = refused_within(50 * MEGABYTE, dataset, people, "wide.xlsx", spreadsheet(rows=10))

    assert messages[0].startswith("Die Tabelle ist zu groß.")


def test_a_csv_upload_still_works(dataset, people):
    version = services.upload_version(
        dataset, filename="r.csv", content=RESIDENTS_CSV.encode(), user=people["statistics_manager"]
    )
    assert len(version.rows) == 8
