"""Writes of statistics: reading uploads, declaring their columns, switching versions — and the
suppression rule every published figure goes through.

An upload is checked in two steps. :func:`upload_version` reads the file and checks its shape
(header, row lengths, the dataset's columns); if that fails nothing is stored. The manager then
confirms or corrects the detected columns, and :func:`confirm_version` checks every value
against them; only when all are valid does the new version replace the current one, in one
transaction. Older versions are kept.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from apps.core import text
from apps.core.downloads import parse_number
from apps.editorial.signals import live_content_changed
from apps.statistics.models import ColumnRole, Dataset, DatasetVersion, VersionState

#: What an upload may be. A table is refused, before it costs memory, when it has more rows,
#: more columns or more values in all than these; blank lines count towards MAX_LINES.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
MAX_COLUMNS = 100
MAX_CELLS = 500_000
MAX_LINES = 2 * MAX_ROWS
#: What the parts of an XLSX file (a zip archive) may add up to once unpacked.
MAX_XLSX_UNPACKED_BYTES = 64 * 1024 * 1024
#: The largest measure kept: beyond it, sums lose whole numbers (and 1e400 is infinite).
MAX_MEASURE = Decimal(10) ** 15
PERIOD = re.compile(r"^(?P<year>(19|20)\d\d)(-(?P<month>0[1-9]|1[0-2])|-Q(?P<quarter>[1-4]))?$")


def _no_data_rows() -> str:
    return _(
        "The file has column names but no data below them. Nothing was changed: a dataset is "
        "never replaced by an empty table."
    )


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


class DatasetImportError(Exception):
    """A file that cannot be used; ``problems`` says what is wrong, line by line."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


# --- reading files ----------------------------------------------------------------------------


def _cell_text(value) -> str:
    """A cell as one line of visible text (no control characters, no invisible-only text)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return text.visible_line(str(value))


def read_table(filename: str, content: bytes) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of a CSV or XLSX file, as text.

    Rows are read one at a time and the limits (:data:`MAX_ROWS`, :data:`MAX_COLUMNS`,
    :data:`MAX_CELLS`) are checked as they come, so a small file that claims or holds a huge
    table is refused before it costs memory; a spreadsheet's declared size is checked before
    any row is read.
    """
    if len(content) > MAX_UPLOAD_BYTES:
        raise DatasetImportError([Problem(0, _("The file is larger than 5 MB."))])
    if filename.lower().endswith(".xlsx"):
        rows = _within_limits(_read_xlsx(content), pad=True)
    elif filename.lower().endswith(".csv"):
        rows = _within_limits(_read_csv(content), pad=False)
    else:
        raise DatasetImportError([Problem(0, _("Upload a CSV or XLSX file."))])
    if not rows:
        raise DatasetImportError([Problem(1, _("The file is empty."))])
    if len(rows) == 1:
        raise DatasetImportError([Problem(2, _no_data_rows())])
    return rows[0], rows[1:]


def _too_large(line: int = 0) -> DatasetImportError:
    return DatasetImportError(
        [
            Problem(
                line,
                _(
                    "The table is too large. Up to %(rows)s rows, %(columns)s columns and "
                    "%(cells)s values in all can be uploaded. If the spreadsheet has formatting "
                    "or stray values far to the right of or below the data, delete those "
                    "columns and rows."
                )
                % {
                    "rows": number_format(MAX_ROWS, force_grouping=True),
                    "columns": number_format(MAX_COLUMNS, force_grouping=True),
                    "cells": number_format(MAX_CELLS, force_grouping=True),
                },
            )
        ]
    )


def _within_limits(rows: Iterable[list[str]], *, pad: bool) -> list[list[str]]:
    """The non-empty rows, consumed one by one and refused as soon as a limit is passed.

    Spreadsheets (``pad``) may leave out empty cells on the right: their rows are made as wide
    as the widest, minus columns that are empty throughout and have no name.
    """
    kept: list[list[str]] = []
    cells = 0
    for line, row in enumerate(rows, start=1):
        if pad:
            while row and not row[-1]:
                row.pop()
        if len(row) > MAX_COLUMNS or line > MAX_LINES:
            raise _too_large(line)
        if not any(row):
            continue
        cells += len(row)
        if len(kept) > MAX_ROWS:
            raise DatasetImportError([Problem(0, _("The file has more than 50,000 rows."))])
        if cells > MAX_CELLS:
            raise _too_large(line)
        kept.append(row)
    if not pad:
        return kept
    width = max((len(row) for row in kept), default=0)
    header = kept[0] if kept else []
    while width and (len(header) < width or not header[width - 1]):
        if any(len(row) >= width and row[width - 1] for row in kept):
            break
        width -= 1
    return [row[:width] + [""] * (width - len(row)) for row in kept]


def _read_csv(content: bytes) -> Iterator[list[str]]:
    try:
        decoded = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DatasetImportError([Problem(0, _("Save the CSV file as UTF-8."))]) from None
    first_line = decoded.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        for row in csv.reader(io.StringIO(decoded), delimiter=delimiter, strict=True):
            yield [text.visible_line(cell) for cell in row]
    except csv.Error:
        raise DatasetImportError([Problem(0, _("This is not a readable CSV file."))]) from None


def _unreadable_xlsx() -> DatasetImportError:
    return DatasetImportError([Problem(0, _("This is not a readable XLSX file."))])


def _read_xlsx(content: bytes) -> Iterator[list[str]]:
    """The first sheet's rows, streamed (openpyxl's read-only mode), each as wide as its cells."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _unreadable_xlsx() from None
    if unpacked > MAX_XLSX_UNPACKED_BYTES:  # a "zip bomb": small file, enormous contents
        raise _too_large()
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception:  # noqa: BLE001 — openpyxl raises many kinds for a broken file
        raise _unreadable_xlsx() from None
    try:
        # The size the sheet declares (its <dimension>), checked before any row is read...
        declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
        if (
            declared_rows > MAX_LINES
            or declared_columns > MAX_COLUMNS
            or declared_rows * declared_columns > MAX_CELLS
        ):
            raise _too_large()
        # ...but not trusted: rows are not padded to it, each is as wide as its own cells.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception:  # noqa: BLE001 — a broken sheet inside a readable archive
                raise _unreadable_xlsx() from None
            yield [_cell_text(value) for value in row]
    finally:
        workbook.close()


# --- detecting and declaring columns --------------------------------------------------------

_NAME_HINTS = [
    (ColumnRole.TIME, ("year", "jahr", "month", "monat", "quarter", "quartal", "period", "date")),
    (ColumnRole.AREA, ("district", "bezirk", "area", "stadtteil", "gebiet")),
    (ColumnRole.AGE, ("age", "alter")),
    (ColumnRole.GENDER, ("gender", "sex", "geschlecht")),
    (ColumnRole.STATUS, ("status",)),
    (ColumnRole.GROUP, ("group", "gruppe", "nationality", "staatsang", "level", "niveau")),
]


def detect_columns(header: list[str], rows: list[list[str]]) -> list[dict]:
    """A first guess of each column's role from its name and values."""
    columns = []
    for index, name in enumerate(header):
        lowered = name.casefold()
        role = next((role for role, hints in _NAME_HINTS if any(h in lowered for h in hints)), "")
        if not role:
            values = [row[index] for row in rows if row[index]]
            numeric = values and all(parse_number(value) is not None for value in values)
            role = ColumnRole.MEASURE if numeric else ColumnRole.OTHER
        columns.append({"name": name, "role": str(role), "unit": ""})
    return columns


def _check_shape(dataset: Dataset, header: list[str], rows: list[list[str]]) -> list[Problem]:
    problems = []
    seen = set()
    for name in header:
        if not name:
            problems.append(Problem(1, _("A column has no name.")))
        elif name in seen:
            problems.append(
                Problem(1, _("The column “%(column)s” appears twice.") % {"column": name})
            )
        seen.add(name)
    current = current_version(dataset)
    if current is not None:
        expected = [column["name"] for column in current.columns]
        for name in header:
            if name and name not in expected:
                problems.append(
                    Problem(
                        1,
                        _("The column “%(column)s” is not in this dataset. Expected: %(expected)s.")
                        % {"column": name, "expected": ", ".join(expected)},
                    )
                )
        for name in expected:
            if name not in header:
                problems.append(
                    Problem(1, _("The column “%(column)s” is missing.") % {"column": name})
                )
    for number, row in enumerate(rows, start=2):
        if len(row) != len(header):
            problems.append(
                Problem(
                    number,
                    _("Line %(line)s has %(count)s values; the header has %(expected)s.")
                    % {"line": number, "count": len(row), "expected": len(header)},
                )
            )
    return problems


def current_version(dataset: Dataset) -> DatasetVersion | None:
    return dataset.versions.filter(state=VersionState.CURRENT).first()


@transaction.atomic
def upload_version(dataset: Dataset, *, filename: str, content: bytes, user) -> DatasetVersion:
    """Read an upload and keep it as a pending version, with detected columns."""
    header, rows = read_table(filename, content)
    dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)  # one upload at a time
    problems = _check_shape(dataset, header, rows)
    if problems:
        raise DatasetImportError(problems)
    current = current_version(dataset)
    columns = detect_columns(header, rows)
    if current is not None:  # a new version of a known dataset keeps its declarations
        known = {column["name"]: column for column in current.columns}
        columns = [dict(known.get(column["name"], column)) for column in columns]
    dataset.versions.filter(state=VersionState.PENDING).delete()
    last = dataset.versions.order_by("-number").first()
    return DatasetVersion.objects.create(
        dataset=dataset,
        number=(last.number if last else 0) + 1,
        filename=filename[:200],
        columns=columns,
        rows=[dict(zip(header, row, strict=True)) for row in rows],
        uploaded_by=user,
    )


def _validated_rows(columns: list[dict], rows: list[dict]) -> list[dict]:
    problems: list[Problem] = []
    dimensions = [c["name"] for c in columns if c["role"] != ColumnRole.MEASURE]
    measures = [c["name"] for c in columns if c["role"] == ColumnRole.MEASURE]
    if not dimensions or not measures:
        raise DatasetImportError([Problem(1, _("Declare at least one dimension and one measure."))])
    if not rows:
        raise DatasetImportError([Problem(2, _no_data_rows())])
    times = {c["name"] for c in columns if c["role"] == ColumnRole.TIME}
    seen: dict[tuple, int] = {}
    clean = []
    for number, row in enumerate(rows, start=2):
        out = {}
        for name in dimensions:
            value = (row.get(name) or "").strip()
            if not value:
                problems.append(
                    Problem(
                        number,
                        _("Line %(line)s: the column “%(column)s” is empty.")
                        % {"line": number, "column": name},
                    )
                )
            elif name in times and not PERIOD.match(value):
                problems.append(
                    Problem(
                        number,
                        _(
                            "Line %(line)s: “%(value)s” is not a period we know. Write a year "
                            "(2024), a month (2024-03) or a quarter (2024-Q1)."
                        )
                        % {"line": number, "value": value},
                    )
                )
            out[name] = value
        for name in measures:
            value = parse_number(row.get(name) or "")
            if value is None:  # also "inf" and "nan": they are not numbers one can publish
                problems.append(
                    Problem(
                        number,
                        _("Line %(line)s: “%(value)s” in the column “%(column)s” is not a number.")
                        % {"line": number, "value": row.get(name) or "", "column": name},
                    )
                )
            elif abs(value) > MAX_MEASURE:
                problems.append(
                    Problem(
                        number,
                        _(
                            "Line %(line)s: “%(value)s” in the column “%(column)s” is too large; "
                            "numbers up to %(limit)s can be used."
                        )
                        % {
                            "line": number,
                            "value": row.get(name) or "",
                            "column": name,
                            "limit": number_format(MAX_MEASURE, force_grouping=True),
                        },
                    )
                )
            else:
                out[name] = int(value) if value == value.to_integral_value() else float(value)
        key = tuple(out.get(name) for name in dimensions)
        if key in seen:
            problems.append(
                Problem(
                    number,
                    _("Line %(line)s repeats line %(first)s: the same %(columns)s.")
                    % {"line": number, "first": seen[key], "columns": ", ".join(dimensions)},
                )
            )
        else:
            seen[key] = number
        clean.append(out)
    if problems:
        raise DatasetImportError(problems)
    return clean


@transaction.atomic
def confirm_version(version: DatasetVersion, *, columns: list[dict], user) -> DatasetVersion:
    """Check every value against the declared columns, then make the version the current one.

    On any problem nothing changes: the current version stays, the pending one waits.
    """
    dataset = Dataset.objects.select_for_update().get(pk=version.dataset_id)
    version = DatasetVersion.objects.select_for_update().get(pk=version.pk)
    if version.state != VersionState.PENDING:
        raise DatasetImportError([Problem(0, _("This upload was already used or replaced."))])
    names = [column["name"] for column in version.columns]
    declared = [
        {"name": name, "role": str(column["role"]), "unit": column.get("unit", "")[:40]}
        for name, column in zip(names, columns, strict=True)
    ]
    rows = _validated_rows(declared, version.rows)
    dataset.versions.filter(state=VersionState.CURRENT).update(state=VersionState.REPLACED)
    version.columns, version.rows = declared, rows
    version.state, version.confirmed_at = VersionState.CURRENT, timezone.now()
    version.save()
    # Whatever caches published content learns of the new figures once they are committed.
    transaction.on_commit(lambda: live_content_changed.send(sender=Dataset, item=dataset))
    return version


# --- suppression --------------------------------------------------------------------------------


def threshold() -> int:
    return int(getattr(settings, "STATISTICS_SUPPRESSION_THRESHOLD", 5))


def is_small(value: float | int | None) -> bool:
    """Primary suppression: a count below the threshold (but not zero) could identify people."""
    return value is not None and 0 < value < threshold()


@dataclass(frozen=True)
class Figure:
    """One published number: the sum of some rows of a dataset, or hidden.

    ``hidden`` is "small" when the figure is below the threshold itself, and "protects" when it
    is not but would let a hidden figure be worked out (it includes one).
    """

    value: float | int | None
    hidden: str = ""


def figure(values: Iterable[float | int]) -> Figure:
    """The rule for every published number, cells and totals alike.

    Published rows of a dataset are its finest figures with small ones hidden. A sum that
    includes a hidden row is hidden too — otherwise that row would be the sum minus the shown
    rows. So every number we publish is a sum of numbers we publish, and nothing hidden can be
    recomputed, whatever totals or charts are combined.
    """
    values = list(values)
    total = sum(values)
    if is_small(total):
        return Figure(None, "small")
    if any(is_small(value) for value in values):
        return Figure(None, "protects")
    return Figure(total)
