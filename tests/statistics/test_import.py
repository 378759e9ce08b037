"""Uploading a dataset: each kind of problem is reported by line, and a bad file changes nothing."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from apps.statistics import services
from apps.statistics.models import VersionState

from .conftest import RESIDENTS_CSV, upload


def problems_of(callable_, *args, **kwargs) -> list[tuple[int, str]]:
    with pytest.raises(services.DatasetImportError) as error:
        callable_(*args, **kwargs)
    return [(p.line, p.message) for p in error.value.problems]


def test_columns_are_detected_from_names_and_values(dataset, people):
    version = services.upload_version(
        dataset, filename="r.csv", content=RESIDENTS_CSV.encode(), user=people["statistics_manager"]
    )
    roles = {c["name"]: c["role"] for c in version.columns}
    assert roles == {"year": "time", "district": "area", "group": "group", "residents": "measure"}
    assert version.state == VersionState.PENDING


def test_non_numeric_value_is_reported_with_its_line(dataset, people):
    bad = RESIDENTS_CSV.replace("2023,Nordviertel,EU,80", "2023,Nordviertel,EU,eighty")
    version = services.upload_version(
        dataset, filename="r.csv", content=bad.encode(), user=people["statistics_manager"]
    )
    # The detection saw text in the column; the manager declares it a measure anyway.
    columns = [{**c, "role": "measure"} if c["name"] == "residents" else c for c in version.columns]

    problems = problems_of(
        services.confirm_version, version, columns=columns, user=people["statistics_manager"]
    )

    assert problems == [(4, "Line 4: “eighty” in the column “residents” is not a number.")]
    assert services.current_version(dataset) is None


def test_duplicate_key_is_reported(dataset, people):
    bad = RESIDENTS_CSV + "2024,Altstadt,EU,1\n"
    version = services.upload_version(
        dataset, filename="r.csv", content=bad.encode(), user=people["statistics_manager"]
    )
    problems = problems_of(
        services.confirm_version,
        version,
        columns=version.columns,
        user=people["statistics_manager"],
    )
    assert problems == [(10, "Line 10 repeats line 6: the same year, district, group.")]


def test_unknown_period_is_reported(dataset, people):
    bad = RESIDENTS_CSV.replace("2024,Altstadt,EU", "Sommer 2024,Altstadt,EU")
    version = services.upload_version(
        dataset, filename="r.csv", content=bad.encode(), user=people["statistics_manager"]
    )
    problems = problems_of(
        services.confirm_version,
        version,
        columns=version.columns,
        user=people["statistics_manager"],
    )
    assert problems[0][0] == 6
    assert "“Sommer 2024” is not a period we know" in problems[0][1]


def test_wrong_column_in_a_new_version_is_reported_and_nothing_changes(residents, people):
    before = services.current_version(residents)
    bad = RESIDENTS_CSV.replace("year,district,group,residents", "year,district,group,people")

    problems = problems_of(
        services.upload_version,
        residents,
        filename="r.csv",
        content=bad.encode(),
        user=people["statistics_manager"],
    )

    assert (1, "The column “residents” is missing.") in problems
    assert any("“people” is not in this dataset" in message for _, message in problems)
    assert services.current_version(residents) == before
    assert residents.versions.count() == 1


def test_row_with_missing_values_is_reported(dataset, people):
    problems = problems_of(
        services.upload_version,
        dataset,
        filename="r.csv",
        content=(RESIDENTS_CSV + "2024,Altstadt\n").encode(),
        user=people["statistics_manager"],
    )
    assert problems == [(10, "Line 10 has 2 values; the header has 4.")]


def test_errors_are_in_the_managers_language(dataset, people):
    from django.utils import translation

    with translation.override("de"):
        problems = problems_of(
            services.upload_version,
            dataset,
            filename="r.txt",
            content=b"x",
            user=people["statistics_manager"],
        )
    assert problems == [(0, "Laden Sie eine CSV- oder XLSX-Datei hoch.")]


def test_a_new_version_replaces_the_old_one_and_keeps_history(residents, people):
    first = services.current_version(residents)
    second = upload(residents, people, RESIDENTS_CSV.replace("120", "125"))

    first.refresh_from_db()
    assert first.state == VersionState.REPLACED
    assert second.state == VersionState.CURRENT
    assert services.current_version(residents) == second
    assert residents.versions.count() == 2


def test_a_failed_confirmation_keeps_the_current_version(residents, people):
    first = services.current_version(residents)
    version = services.upload_version(
        residents,
        filename="r.csv",
        content=RESIDENTS_CSV.replace("120", "many").encode(),
        user=people["statistics_manager"],
    )
    with pytest.raises(services.DatasetImportError):
        services.confirm_version(version, columns=first.columns, user=people["statistics_manager"])
    assert services.current_version(residents) == first
    assert services.current_version(residents).rows[0]["residents"] == 120


def test_xlsx_is_read_like_csv(dataset, people):
    workbook = Workbook()
    sheet = workbook.active
    for line in RESIDENTS_CSV.strip().splitlines():
        year, district, group, residents = line.split(",")
        sheet.append(
            [
                int(year) if year.isdigit() else year,
                district,
                group,
                int(residents) if residents.isdigit() else residents,
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)

    version = services.upload_version(
        dataset, filename="r.xlsx", content=buffer.getvalue(), user=people["statistics_manager"]
    )
    version = services.confirm_version(
        version, columns=version.columns, user=people["statistics_manager"]
    )

    assert version.rows[0] == {
        "year": "2023",
        "district": "Altstadt",
        "group": "EU",
        "residents": 120,
    }


def test_upload_page_shows_line_errors_and_confirm_page_uses_the_data(client, dataset, people):
    client.force_login(people["statistics_manager"])
    url = reverse("authority:dataset_data", kwargs={"pk": dataset.pk})
    bad = io.BytesIO((RESIDENTS_CSV + "2024,Altstadt\n").encode())
    bad.name = "r.csv"

    response = client.post(url, {"file": bad})

    assert "Line 10 has 2 values; the header has 4." in response.content.decode()
    assert dataset.versions.count() == 0

    good = io.BytesIO(RESIDENTS_CSV.encode())
    good.name = "r.csv"
    response = client.post(url, {"file": good})
    confirm = response["Location"]
    form = {"form-TOTAL_FORMS": "4", "form-INITIAL_FORMS": "4"}
    for index, role in enumerate(["time", "area", "group", "measure"]):
        form[f"form-{index}-role"] = role
        form[f"form-{index}-unit"] = "persons" if role == "measure" else ""
    response = client.post(confirm, form)

    assert response.status_code == 302
    assert services.current_version(dataset).columns[3] == {
        "name": "residents",
        "role": "measure",
        "unit": "persons",
    }


def test_a_broken_csv_file_is_reported(dataset, people):
    problems = problems_of(
        services.upload_version,
        dataset,
        filename="r.csv",
        content=b'year,residents\n2024,"12\x00\n',
        user=people["statistics_manager"],
    )
    assert problems == [(0, "This is not a readable CSV file.")]


def test_confirming_with_too_few_declarations_changes_nothing(client, dataset, people):
    client.force_login(people["statistics_manager"])
    version = services.upload_version(
        dataset, filename="r.csv", content=RESIDENTS_CSV.encode(), user=people["statistics_manager"]
    )
    url = reverse("authority:dataset_confirm", kwargs={"pk": dataset.pk, "number": version.number})

    response = client.post(
        url, {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-role": "time"}
    )

    assert response.status_code == 200
    assert services.current_version(dataset) is None


def test_a_header_only_file_never_replaces_published_data(residents, people, client):
    before = services.current_version(residents)

    problems = problems_of(
        services.upload_version,
        residents,
        filename="r.csv",
        content=b"year,district,group,residents\n\n",
        user=people["statistics_manager"],
    )

    assert problems == [
        (
            2,
            "The file has column names but no data below them. Nothing was changed: a dataset "
            "is never replaced by an empty table.",
        )
    ]
    assert services.current_version(residents) == before
    assert residents.versions.count() == 1


@pytest.mark.parametrize("value", ["1e400", "-1e400", "1e16", "inf", "-Infinity", "NaN"])
def test_numbers_that_cannot_be_published_are_refused(dataset, people, value):
    bad = RESIDENTS_CSV.replace("2023,Nordviertel,EU,80", f"2023,Nordviertel,EU,{value}")
    version = services.upload_version(
        dataset, filename="r.csv", content=bad.encode(), user=people["statistics_manager"]
    )
    columns = [{**c, "role": "measure"} if c["name"] == "residents" else c for c in version.columns]

    problems = problems_of(
        services.confirm_version, version, columns=columns, user=people["statistics_manager"]
    )

    assert [line for line, _ in problems] == [4]
    assert f"“{value}”" in problems[0][1]
    assert services.current_version(dataset) is None


def test_control_and_invisible_characters_are_cleaned_from_cells(dataset, people):
    dirty = (
        RESIDENTS_CSV.replace("district", "dis\x00trict")
        .replace("Altstadt,EU,120", 'Alt\x00stadt,"E\nU",120')
        .replace("Nordviertel,Non-EU,45", "\u200b\u200f,Non-EU,45")
    )
    version = services.upload_version(
        dataset, filename="r.csv", content=dirty.encode(), user=people["statistics_manager"]
    )

    assert [c["name"] for c in version.columns] == ["year", "district", "group", "residents"]
    assert version.rows[0] == {
        "year": "2023",
        "district": "Altstadt",
        "group": "E U",
        "residents": "120",
    }
    # A cell with nothing visible is empty, and a dimension may not be.
    problems = problems_of(
        services.confirm_version,
        version,
        columns=version.columns,
        user=people["statistics_manager"],
    )
    assert problems == [(5, "Line 5: the column “district” is empty.")]
