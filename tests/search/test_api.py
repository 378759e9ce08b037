"""/api/v1/search/: the results page's read model, per language, paginated, in the schema."""

from __future__ import annotations

import yaml


def test_search_per_language(client, registration):
    english = client.get("/api/v1/search/", {"q": "certificate", "lang": "en"}).json()
    assert english["count"] == 1 and english["counts"] == {"procedure": 1}
    found = english["results"][0]
    assert found["title"] == "Register your address" and found["language"] == "en"
    assert found["url"].endswith("#step-visit") and "<mark>" in found["excerpt_html"]
    chinese = client.get("/api/v1/search/", {"q": "登记", "lang": "zh-hans"}).json()
    assert chinese["results"][0]["title"] == "住址登记"
    arabic = client.get("/api/v1/search/", {"q": "Meldebescheinigung", "lang": "ar"}).json()
    assert arabic["results"][0]["is_fallback"] is True


def test_pages(client, region, publish_term, committed):
    with committed():
        for number in range(12):
            publish_term(f"Amt {number}", f"Ein Amt Nummer {number}.")
    first = client.get("/api/v1/search/", {"q": "Amt", "lang": "de"}).json()
    assert first["count"] == 12 and len(first["results"]) == 10 and first["previous"] is None
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 2 and second["next"] is None


def test_bad_input_is_a_clear_400(client, region):
    response = client.get("/api/v1/search/", {"q": "", "lang": "de"})
    assert response.status_code == 400 and "Wort" in response.json()["detail"]
    assert client.get("/api/v1/search/", {"q": "x" * 5000}).status_code == 400


def test_documented_in_the_schema(client, db):
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    operation = schema["paths"]["/api/v1/search/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"q", "kind", "topic", "page", "lang"}
