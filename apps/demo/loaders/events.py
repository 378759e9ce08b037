"""Courses and events of the demo organisations, and registrations for some of them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from apps.accounts.models import Organisation, OrganisationKind
from apps.core.models import Region, Topic, UserType
from apps.demo.loaders.data import pks_by_slug, read_data
from apps.demo.loaders.publishing import Newsroom, publish_entries
from apps.editorial import services as workflow
from apps.events import recurrence
from apps.events import services as event_services
from apps.events.models import Event, Registration
from apps.places.models import Place

#: (event, people on its first date): the two German courses are full and have waiting lists.
DEMO_REGISTRATIONS = (
    ("deutschkurs-frauen", 17),
    ("deutsch-a1-abendkurs", 21),
    ("fahrradkurs-frauen", 6),
    ("infoabend-asylverfahren", 18),
    ("willkommensabend", 23),
)


def _next_date(today: dt.date, weekday: int, weeks_ahead: int) -> dt.date:
    """The first ``weekday`` (Monday is 0) after today, ``weeks_ahead`` weeks later."""
    days = (weekday - today.weekday()) % 7 or 7
    return today + dt.timedelta(days=days + 7 * weeks_ahead)


def load_events(region: Region) -> None:
    """Twenty courses and events of the demo organisations, announced and published by each
    organisation itself, translated by the city's translators. Their dates are offsets from
    today ("the next Monday at 18:00, weekly"), so the demo always has upcoming events."""
    newsroom = Newsroom(region)
    zone = region.zone
    today = timezone.now().astimezone(zone).date()
    topics = pks_by_slug(Topic, region)
    user_types = pks_by_slug(UserType, region)
    places = pks_by_slug(Place, region)

    def settings(entry: dict) -> dict:
        day = _next_date(today, entry["weekday"], entry.get("weeks_ahead", 0))
        return {
            "kind": entry["kind"],
            "topics": [topics[slug] for slug in entry["topics"]],
            "user_types": [user_types[slug] for slug in entry["user_types"]],
            "place": places.get(entry["place"]) if entry.get("place") else None,
            "online_url": entry.get("online_url", ""),
            "languages_of_instruction": entry["languages"],
            "cost": Decimal(entry["cost"]) if entry.get("cost") else None,
            "currency": "EUR",
            "childcare": entry.get("childcare", False),
            "wheelchair_accessible": entry.get("wheelchair_accessible", False),
            "capacity": entry.get("capacity"),
            "registration_mode": entry.get("registration", "none"),
            "registration_url": entry.get("registration_url", ""),
            "starts_at": dt.datetime.combine(day, dt.time.fromisoformat(entry["time"]), zone),
            "duration_minutes": entry["duration"],
            "rrule": entry.get("rrule", ""),
        }

    def create(entry: dict, values: dict) -> Event:
        """An NGO publishes its own events; the city's are reviewed like its other content."""
        organisation = Organisation.objects.get(region=region, slug=entry["organisation"])
        author = newsroom.speaker_for(organisation)
        own = organisation.kind == OrganisationKind.NGO
        event = event_services.save_event(
            event=None,
            organisation=organisation,
            data=workflow.revision_data(Event, values),
            user=author,
            publish=own,
            slug=entry["slug"],
        )
        if not own:
            newsroom.publish(event, author=author)
        event.refresh_from_db()
        return event

    publish_entries(
        newsroom,
        Event,
        read_data("events.json")["events"],
        fields=("title", "summary", "description", "target_group"),
        settings=settings,
        create=create,
    )


def load_registrations(region: Region) -> None:
    """Registrations for the first date of some demo events, through the real service, so the
    NGO workspace and the planning figures have something to show. The people are invented and
    give only a phone number, so no e-mail is sent."""
    now = timezone.now()
    for slug, people in DEMO_REGISTRATIONS:
        event = Event.objects.filter(region=region, slug=slug).select_related("region").first()
        if event is None or Registration.objects.filter(occurrence__event=event).exists():
            continue
        dates = recurrence.dates_between(event, now, now + dt.timedelta(days=90))
        if not dates or not event.takes_registrations:
            continue
        for number in range(1, people + 1):
            event_services.register(
                event=event,
                starts_at=dates[0].starts_at,
                name=f"Demo {number}",
                phone=f"+49 301 555 {number:04d}",
                language=region.enabled_languages[number % len(region.enabled_languages)],
                base_url="",
            )
