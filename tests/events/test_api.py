"""The events API: dates over a bounded period, and registration with the form's rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import BERLIN


def test_events_come_with_their_dates_in_the_period(client, make_event):
    event = make_event()
    today = timezone.now().astimezone(BERLIN).date()

    response = client.get(
        "/api/v1/events/",
        {"from": str(today), "to": str(today + dt.timedelta(days=15)), "lang": "en"},
    )

    assert response.status_code == 200
    (item,) = response.json()["results"]
    assert item["slug"] == event.slug
    assert item["title"] == "Deutschkurs für Frauen"
    assert item["is_fallback"] is True
    assert len(item["dates"]) == 2  # a weekly course: days 7 and 14
    assert item["dates"][0]["places_left"] == 2


def test_the_period_is_bounded(client, make_event):
    make_event()
    response = client.get("/api/v1/events/", {"from": "2026-01-01", "to": "2028-01-01"})
    assert response.status_code == 400
    assert (
        client.get("/api/v1/events/", {"from": "2026-03-01", "to": "2026-02-01"}).status_code == 400
    )


def test_registering_through_the_api_applies_the_same_rules(client, make_event, first_date):
    event = make_event(capacity=1)
    url = f"/api/v1/events/{event.slug}/registrations/"
    starts_at = first_date(event).isoformat()

    refused = client.post(
        url,
        {"starts_at": starts_at, "name": "Amal", "consent": True},
        content_type="application/json",
    )
    assert refused.status_code == 400  # neither e-mail nor phone
    no_consent = client.post(
        url,
        {"starts_at": starts_at, "name": "Amal", "phone": "1", "consent": False},
        content_type="application/json",
    )
    assert no_consent.status_code == 400

    first = client.post(
        url,
        {"starts_at": starts_at, "name": "Amal", "phone": "1", "consent": True},
        content_type="application/json",
    )
    second = client.post(
        url,
        {"starts_at": starts_at, "name": "Boris", "phone": "2", "consent": True},
        content_type="application/json",
    )

    assert first.status_code == 201
    assert first.json()["status"] == "confirmed"
    assert second.json()["status"] == "waiting"
    assert first.json()["cancel_token"]


def test_organisations_show_their_profile(client, ngo):
    ngo.languages_spoken = ["ar", "de"]
    ngo.description_en = "We advise."
    ngo.save()

    response = client.get("/api/v1/organisations/", {"lang": "en"})

    item = next(row for row in response.json()["results"] if row["slug"] == ngo.slug)
    assert item["languages_spoken"] == ["ar", "de"]
    assert item["description"] == "We advise."


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"from": "0001-01-01"}, "from"),
        ({"from": "9999-99-99"}, "from"),
        ({"from": "9999-12-31"}, "from"),
        ({"to": "9999-12-31"}, "to"),
        ({"from": "2026-02-31"}, "from"),
        ({"to": "soon"}, "to"),
    ],
)
def test_impossible_dates_are_a_400_naming_the_parameter(client, make_event, query, parameter):
    make_event()

    response = client.get("/api/v1/events/", {**query, "lang": "de"})

    assert response.status_code == 400
    assert list(response.json()) == [parameter]
    assert response.json()[parameter][0].startswith(("Wählen Sie", "„"))


DATE_LIKE = st.one_of(
    st.text(max_size=12),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(str),
    st.from_regex(r"\A-?\d{1,6}-\d{1,3}-\d{1,3}\Z"),
    st.integers().map(str),
)
QUERY = st.dictionaries(
    st.sampled_from(["from", "to", "page", "lang", "format", "page_size", "topic", "x"]),
    DATE_LIKE,
    max_size=4,
)


@pytest.fixture
def an_event(make_event):
    return make_event()


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=QUERY)
def test_no_query_string_makes_the_events_api_fail(client, an_event, query):
    client.raise_request_exception = False
    for path in ("/api/v1/events/", f"/api/v1/events/{an_event.slug}/"):
        response = client.get(path, query)
        assert response.status_code < 500, (path, query, response.content[:300])
