"""Chart and dataset downloads, built from the same suppressed figures as the pages."""

from __future__ import annotations

import csv
import io
import json

from django.http import HttpResponse


def csv_response(rows: list[list], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
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
