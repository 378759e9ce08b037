"""Chart and dataset downloads, built from the same suppressed figures as the pages."""

from __future__ import annotations

import csv
import io
import json

from django.http import HttpResponse

from apps.statistics.services import parse_number

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
