from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.editorial.services import revision_data
from apps.events import services
from apps.events.models import Event

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def _generous_registration_limit(settings):
    # Every test posts from 127.0.0.1 into one per-process cache; the limit has its own test.
    settings.EVENT_REGISTRATION_RATE = "10000/h"


def next_week_at(hour: int = 18) -> dt.datetime:
    """A time a week from now in Berlin, on the hour."""
    day = timezone.now().astimezone(BERLIN).date() + dt.timedelta(days=7)
    return dt.datetime.combine(day, dt.time(hour), BERLIN)


def event_values(**overrides) -> dict:
    values = {
        "title": "Deutschkurs für Frauen",
        "summary": "Deutsch lernen mit Kinderbetreuung.",
        "description": "Jeden Montag. **Kostenlos.**",
        "target_group": "Frauen",
        "kind": "course",
        "topics": [],
        "user_types": [],
        "place": None,
        "online_url": "https://meet.example/kurs",
        "languages_of_instruction": ["de", "ar"],
        "cost": None,
        "currency": "EUR",
        "childcare": True,
        "wheelchair_accessible": True,
        "capacity": 2,
        "registration_mode": "portal",
        "registration_url": "",
        "starts_at": next_week_at(),
        "duration_minutes": 90,
        "rrule": "FREQ=WEEKLY;COUNT=4",
    }
    values.update(overrides)
    if isinstance(values["cost"], int | float):
        values["cost"] = Decimal(str(values["cost"]))
    return values


@pytest.fixture
def make_event(people, ngo):
    """An NGO event, published by the NGO itself through the services."""

    def make(organisation=None, user=None, **overrides) -> Event:
        organisation = organisation or ngo
        event = services.save_event(
            event=None,
            organisation=organisation,
            data=revision_data(Event, event_values(**overrides)),
            user=user or people["ngo_admin"],
            publish=True,
        )
        event.refresh_from_db()
        return event

    return make


@pytest.fixture
def events(make_event, taxonomy, other_ngo, people):
    """Four events that differ in exactly one way each from the first."""
    return {
        "course": make_event(
            title="Deutschkurs", topics=[taxonomy["housing"].pk], languages_of_instruction=["ar"]
        ),
        "paid": make_event(title="Kochabend", cost=5, childcare=False, rrule=""),
        "other": make_event(
            organisation=other_ngo,
            user=people["other_ngo_admin"],
            title="Fahrradwerkstatt",
            wheelchair_accessible=False,
            user_types=[taxonomy["refugee"].pk],
            languages_of_instruction=["uk"],
        ),
        "past": make_event(
            title="Vorbei", rrule="", starts_at=timezone.now() - dt.timedelta(days=3)
        ),
    }


@pytest.fixture
def first_date():
    def get(event: Event) -> dt.datetime:
        from apps.events.queries import upcoming_listings

        return upcoming_listings(event, "de")[0].date.starts_at

    return get
