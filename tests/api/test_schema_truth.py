"""What the OpenAPI document says about single answers that it once got wrong, each checked
against a real response (tests/api/conftest.py ``documented``)."""

from __future__ import annotations

import re

import pytest
import yaml
from django.core.management import call_command

from apps.core.models import Topic


@pytest.fixture
def schema(client, db) -> dict:
    return yaml.safe_load(client.get("/api/v1/schema/").content)


def test_a_main_topic_has_no_parent(documented, taxonomy):
    housing = taxonomy["housing"]

    assert documented("GET", "/api/v1/topics/{id}/", id=housing.pk).json()["parent"] is None
    subtopic = Topic.objects.get(slug="social-housing")
    assert documented("GET", "/api/v1/topics/{id}/", id=subtopic.pk).json()["parent"] == "housing"


def test_public_reads_are_documented_as_open_to_anyone(client, schema, ngo):
    organisations = schema["paths"]["/api/v1/organisations/"]
    assert {} in organisations["get"]["security"]
    assert {} in schema["paths"]["/api/v1/organisations/{id}/"]["get"]["security"]
    assert {} not in organisations["post"]["security"]  # writing needs a token
    assert {} not in schema["paths"]["/api/v1/me/"]["get"]["security"]


def test_every_operation_is_as_open_as_the_schema_says(client, schema, region):
    """An operation documented as open to anyone answers anonymous callers; one that is not
    refuses them (401/403)."""
    client.raise_request_exception = False
    wrong = []
    for path, operations in schema["paths"].items():
        url = re.sub(r"\{[^}]+\}", "1", path)  # any path parameter: a value its route takes
        for method, operation in operations.items():
            response = getattr(client, method)(url, {}, content_type="application/json")
            public = {} in operation.get("security", [{}])
            if public == (response.status_code in (401, 403)):
                wrong.append(f"{method.upper()} {path}: {response.status_code}, public={public}")
    assert not wrong


def test_the_schema_is_valid_openapi_without_warnings(tmp_path, db):
    """drf-spectacular's own check: a warning (a field it cannot type, two enums under one name)
    fails, so that the published document never guesses."""
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )
