"""Every public endpoint can be revalidated (issue 18): an app or a cache that keeps an answer
asks again with its ETag and gets 304 until something it shows changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.events.conftest import event_values

PUBLIC_LISTS = [
    "languages",
    "regions",
    "topics",
    "user-types",
    "organisations",
    "articles",
    "glossary",
    "documents",
    "procedures",
    "places",
    "datasets",
    "charts",
    "dashboards",
    "events",
]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the block's commit hooks, as a real request's transaction would (they move the
    content version the tags are made from)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.mark.parametrize("name", PUBLIC_LISTS)
def test_every_public_list_answers_304_to_a_current_copy(client, taxonomy, name):
    url = f"/api/v1/{name}/"
    first = client.get(url, {"lang": "ar"})
    assert first.status_code == 200 and first.has_header("ETag")

    again = client.get(url, {"lang": "ar"}, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert "Accept-Language" in again["Vary"]


def test_a_current_copy_costs_no_query_but_the_region(client, taxonomy, publish_term):
    publish_term("Meldebescheinigung")
    first = client.get("/api/v1/glossary/")

    with CaptureQueriesContext(connection) as queries:
        again = client.get("/api/v1/glossary/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert len(queries) == 1  # the region, from the host name


def test_a_publication_makes_the_copy_out_of_date(client, taxonomy, publish_term, committed):
    with committed():
        publish_term("Meldebescheinigung")
    first = client.get("/api/v1/glossary/")

    with committed():
        publish_term("Jobcenter")
    second = client.get("/api/v1/glossary/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200
    assert {term["term"] for term in second.json()["results"]} >= {"Jobcenter"}
    assert second["ETag"] != first["ETag"]


def test_each_language_and_query_has_its_own_tag(client, taxonomy):
    tags = {
        client.get("/api/v1/topics/", query)["ETag"]
        for query in ({"lang": "ar"}, {"lang": "de"}, {"lang": "ar", "parent__slug": "housing"})
    }
    assert len(tags) == 3


def test_a_registration_makes_the_events_copy_out_of_date(client, people, ngo, committed):
    from apps.editorial.services import revision_data
    from apps.events import services
    from apps.events.models import Event

    with committed():
        event = services.save_event(
            event=None,
            organisation=ngo,
            data=revision_data(Event, event_values(capacity=3, rrule="")),
            user=people["ngo_admin"],
            publish=True,
        )
    url = f"/api/v1/events/{event.slug}/"
    first = client.get(url)
    date = first.json()["dates"][0]
    assert date["places_left"] == 3
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    with committed():
        registered = client.post(
            f"{url}registrations/",
            {"starts_at": date["starts_at"], "name": "Amal", "phone": "1", "consent": True},
            content_type="application/json",
        )
    assert registered.status_code == 201

    second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second.json()["dates"][0]["places_left"] == 2


def test_events_are_revalidated_as_dates_end(client, region, monkeypatch):
    """No data changes when a date ends, but it drops out of the answer: the tag moves on
    every few minutes too."""
    from apps.events.api import EVENTS_ETAG_SECONDS

    first = client.get("/api/v1/events/")
    real_now = timezone.now
    later = dt.timedelta(seconds=2 * EVENTS_ETAG_SECONDS)
    monkeypatch.setattr(timezone, "now", lambda: real_now() + later)

    assert client.get("/api/v1/events/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_an_error_has_no_tag(client, db):
    response = client.get("/api/v1/glossary/no-such-term/")
    assert response.status_code == 404
    assert not response.has_header("ETag")


# --- How many items a page holds --------------------------------------------------------------


def test_a_client_chooses_the_page_size(client, taxonomy):
    data = client.get("/api/v1/topics/", {"page_size": 1}).json()

    assert len(data["results"]) == 1
    assert data["count"] > 1
    assert "page_size=1" in data["next"]


@pytest.mark.parametrize("value", ["0", "-1", "abc", "201", "1e3", "9" * 40])
def test_a_page_size_that_cannot_be_is_a_400_naming_it(client, taxonomy, value):
    response = client.get("/api/v1/topics/", {"page_size": value, "lang": "de"})

    assert response.status_code == 400
    assert response.json() == {
        "page_size": ["„page_size“ muss eine ganze Zahl von 1 bis 200 sein."]
    }


def test_the_schema_states_the_page_size_bounds(api_schema):
    parameters = api_schema.raw_schema["paths"]["/api/v1/procedures/"]["get"]["parameters"]
    page_size = next(parameter for parameter in parameters if parameter["name"] == "page_size")
    assert page_size["schema"]["maximum"] == 200
