"""Text that no page can use in its query string or URL never reaches the database as a
comparison: on PostgreSQL, a NUL character in a filter was a server error."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/api/v1/events/", "topic"),
        ("/api/v1/articles/", "situation"),
        ("/api/v1/procedures/", "topic"),
        ("/api/v1/documents/", "topic"),
        ("/api/v1/events/", "organisation"),
    ],
)
def test_a_nul_character_in_an_api_filter_is_a_400_naming_it(client, region, path, parameter):
    response = client.get(path, {parameter: "hou\x00sing", "lang": "de"})

    assert response.status_code == 400
    assert response.json() == {
        parameter: [f"„{parameter}“ enthält ein Zeichen, das nicht verwendet werden kann."]
    }


@pytest.mark.parametrize("path", ["/ar/information/", "/ar/step-by-step/"])
@pytest.mark.parametrize("parameter", ["topic", "situation"])
def test_a_nul_character_in_a_page_filter_is_no_topic_or_situation(client, region, path, parameter):
    response = client.get(path, {parameter: "housing\x00"})

    assert response.status_code == 200


@pytest.mark.parametrize("resource", ["events", "articles", "procedures", "glossary", "places"])
def test_a_slug_that_is_no_slug_is_not_found(client, region, resource):
    client.raise_request_exception = False

    assert client.get(f"/api/v1/{resource}/a%00b/").status_code == 404
