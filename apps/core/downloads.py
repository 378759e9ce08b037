"""Files people download: tables as CSV (safe to open in a spreadsheet) and data as JSON."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal, InvalidOperation

from django.http import HttpResponse


def parse_number(text: str) -> Decimal | None:
    """A plain number ("1234.5", "1 234", "-3"), or None."""
    try:
        value = Decimal(text.replace(" ", "").replace("\u00a0", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(cell) -> str:
    """Text a spreadsheet would run as a formula is quoted; numbers stay numbers."""
    text = str(cell)
    if text.startswith(_FORMULA_START) and parse_number(text) is None:
        return "'" + text
    return text


def csv_response(rows: list[list], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([[_safe(cell) for cell in row] for row in rows])
    response = HttpResponse(
        "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
    )  # the BOM lets spreadsheet programs read UTF-8
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_response(data: dict, filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
