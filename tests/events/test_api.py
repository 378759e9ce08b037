"""The events API: dates over a bounded period, and registration with the form's rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.events import queries

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


def _page_dates(response) -> list[tuple[str, dt.datetime]]:
    return sorted(
        (listing.event.slug, listing.date.starts_at) for listing in response.context["listings"]
    )


def _api_dates(response) -> list[tuple[str, dt.datetime]]:
    assert response.status_code == 200, response.content
    return sorted(
        (item["slug"], parse_datetime(date["starts_at"]))
        for item in response.json()["results"]
        for date in item["dates"]
    )


def _days(**offsets: int) -> dict[str, str]:
    today = timezone.now().astimezone(BERLIN).date()
    return {name: str(today + dt.timedelta(days=days)) for name, days in offsets.items()}


@pytest.fixture
def edge_dates(make_event):
    """A daily course that began ten days ago, and a one-off evening 90 days on: the dates at
    the edges of the window."""
    today = timezone.now().astimezone(BERLIN).date()
    make_event(
        title="Täglich",
        rrule="FREQ=DAILY;COUNT=25",
        capacity=None,
        starts_at=dt.datetime.combine(today - dt.timedelta(days=10), dt.time(18), BERLIN),
    )
    make_event(
        title="Am Rand",
        rrule="",
        starts_at=dt.datetime.combine(today + dt.timedelta(days=90), dt.time(23), BERLIN),
    )


@pytest.mark.parametrize(
    ("query", "period"),
    [
        ({}, {}),
        ({"topic": "housing"}, {}),
        ({"free": "on", "accessible": "on"}, {}),
        ({"language": "uk"}, {}),
        ({"situation": "refugee", "kind": "course"}, {}),
        ({"organisation": "other-ngo"}, {}),
        ({}, {"start": 10}),
        ({"childcare": "on"}, {"start": 3, "end": 16}),
        ({}, {"start": -30, "end": 9}),  # from a day in the past: from now on, on both
        ({}, {"end": 7}),
        ({}, {"start": 60}),
    ],
)
def test_the_api_lists_the_dates_the_events_page_lists(client, events, edge_dates, query, period):
    """One read model: the same filters and days give the same dates on the page and in the API."""
    days = _days(**period)
    page = client.get(reverse("migrant:events"), {**query, **days})
    api = client.get(
        "/api/v1/events/",
        {
            **query,
            "lang": "en",
            **{{"start": "from", "end": "to"}[name]: day for name, day in days.items()},
        },
    )

    assert page.context["later_url"] == ""  # the whole list is on the page
    assert _api_dates(api) == _page_dates(page)


def test_the_api_and_the_calendar_month_list_the_same_dates(client, events):
    today = timezone.now().astimezone(BERLIN).date()
    following = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    last = (following + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)

    page = client.get(reverse("migrant:events"), {"view": "month", "month": f"{following:%Y-%m}"})
    api = client.get("/api/v1/events/", {"from": str(following), "to": str(last), "lang": "en"})

    assert _api_dates(api) == _page_dates(page)


def test_the_window_of_dates(region):
    now = dt.datetime(2026, 3, 10, 15, 30, tzinfo=BERLIN)
    midnight = lambda day: dt.datetime.combine(day, dt.time(), BERLIN)  # noqa: E731
    today = now.date()

    default = queries.window(BERLIN, now=now)
    assert default == queries.Window(
        now, midnight(today + dt.timedelta(days=queries.DEFAULT_DAYS + 1))
    )
    # Never before now; a whole last day; at most MAX_DAYS after the first.
    assert queries.window(BERLIN, first=today - dt.timedelta(days=5), now=now).start == now
    later = today + dt.timedelta(days=3)
    assert queries.window(BERLIN, first=later, last=later, now=now) == queries.Window(
        midnight(later), midnight(later + dt.timedelta(days=1))
    )
    far = queries.window(BERLIN, first=later, last=later + dt.timedelta(days=900), now=now)
    assert far.end == midnight(later + dt.timedelta(days=queries.MAX_DAYS + 1))
    # Beyond the horizon there is nothing to see.
    beyond = today + dt.timedelta(days=queries.HORIZON_DAYS)
    assert (
        queries.window(BERLIN, first=beyond, now=now).start
        == queries.window(BERLIN, first=beyond, now=now).end
    )


def test_a_period_from_the_past_lists_no_past_dates(client, edge_dates):
    response = client.get("/api/v1/events/", _days(**{"from": -10, "to": 5}))

    assert all(
        starts_at > timezone.now() - dt.timedelta(hours=2) for _, starts_at in _api_dates(response)
    )


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


def test_an_online_event_has_no_place(documented, make_event):
    make_event(place=None)

    response = documented("GET", "/api/v1/events/")

    assert response.json()["results"][0]["place"] is None


def test_registering_from_a_connection_without_an_address_works(client, make_event, first_date):
    """Behind a proxy on a Unix socket, requests have an empty address; the registration limit
    counts them together instead of failing (it was a server error)."""
    event = make_event()

    response = client.post(
        f"/api/v1/events/{event.slug}/registrations/",
        {"starts_at": first_date(event).isoformat(), "name": "Amal", "phone": "1", "consent": True},
        content_type="application/json",
        REMOTE_ADDR="",
    )

    assert response.status_code == 201
