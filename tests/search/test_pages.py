"""The search field in the header of every migrant page, and the results page, without JavaScript."""

from __future__ import annotations

import pytest


def test_every_migrant_page_has_a_search_field_in_its_header(client, region):
    page = client.get("/ar/").content.decode()
    assert 'role="search"' in page and 'action="/ar/search/"' in page


def test_results_are_ranked_counted_and_highlighted(client, registration):
    page = client.get("/en/search/", {"q": "certificate"}).content.decode()
    assert "1 result for “certificate”" in page
    assert 'href="/en/step-by-step/wohnsitz-anmelden/#step-visit"' in page
    assert "<mark>certificate</mark>" in page


def test_a_fallback_is_marked_with_its_language(client, registration):
    page = client.get("/ar/search/", {"q": "Meldebescheinigung"}).content.decode()
    assert 'lang="de" dir="ltr"' in page


def test_nothing_found_suggests_other_ways(client, registration, taxonomy):
    page = client.get("/en/search/", {"q": "volcano"}).content.decode()
    assert "0 results for “volcano”" in page
    assert "/en/glossary/" in page and "/en/step-by-step/?topic=housing" in page


@pytest.mark.parametrize(
    "typed", ["", "x" * 5000, "\x00\x01\x02", "!!!", "jobcenterبرای", "%00", "q[]=1"]
)
def test_bad_input_gets_a_clear_message(client, region, typed):
    response = client.get("/en/search/", {"q": typed, "page": "9999999999", "kind": "<b>"})
    assert response.status_code == 200


def test_empty_search_says_what_to_type(client, region):
    page = client.get("/en/search/", {"q": " "}).content.decode()
    assert 'role="alert"' in page and "Type a word or a question" in page
    assert 'role="alert"' not in client.get("/en/search/").content.decode()
