"""iCalendar (RFC 5545) files of events: one event, or a subscribable feed of many.

Times are written in the region's time zone with its VTIMEZONE, and a repeating event keeps its
rule, so calendar apps show 18:00 as 18:00 after the clock changes.
"""

from __future__ import annotations

import datetime as dt

import icalendar
from django.db.models import prefetch_related_objects
from django.utils import timezone

from apps.events import recurrence
from apps.events.models import Event, Occurrence
from apps.translation.reader import language_version, reader_translation


def _component(event: Event, code: str, url: str, cancelled: list[dt.datetime]) -> icalendar.Event:
    version = language_version(event, code)
    zone = recurrence.zone_of(event)
    component = icalendar.Event()
    component.add("uid", f"event-{event.pk}@{event.region.slug}.waypoint")
    component.add("dtstamp", (event.published_at or timezone.now()).astimezone(dt.UTC))
    component.add("last-modified", event.updated_at.astimezone(dt.UTC))
    component.add("dtstart", event.starts_at.astimezone(zone))
    component.add("duration", event.duration)
    if event.rrule:
        component.add("rrule", _rule(event.rrule, zone))
        if cancelled:
            component.add("exdate", [moment.astimezone(zone) for moment in cancelled])
    component.add("summary", version.texts["title"])
    description = "\n\n".join(
        text for text in (version.texts["summary"], version.texts["description"]) if text
    )
    component.add("description", description)
    if event.place is not None:
        place_version = language_version(event.place, code)
        component.add(
            "location", ", ".join([place_version.texts["name"], *event.place.address_lines])
        )
        if event.place.has_position:
            component.add("geo", (float(event.place.latitude), float(event.place.longitude)))
    elif event.online_url:
        component.add("location", event.online_url)
    component.add("url", url)
    if event.organisation.email:
        component.add(
            "organizer",
            f"mailto:{event.organisation.email}",
            parameters={"CN": str(event.organisation.name)},
        )
    if not event.rrule and cancelled:
        component.add("status", "CANCELLED")
    return component


def _rule(text: str, zone) -> icalendar.vRecur:
    """The event's rule; an UNTIL given in local time is written in UTC, as RFC 5545 asks when
    DTSTART carries a time zone."""
    rule = icalendar.vRecur.from_ical(text.removeprefix("RRULE:"))
    if "UNTIL" in rule:
        until = []
        for value in rule["UNTIL"]:
            if not isinstance(value, dt.datetime):
                value = dt.datetime.combine(value, dt.time(23, 59, 59))
            if value.tzinfo is None:
                value = value.replace(tzinfo=zone)
            until.append(value.astimezone(dt.UTC))
        rule["UNTIL"] = until
    return rule


def calendar(events: list[Event], code: str, *, name: str, url_of) -> bytes:
    """A calendar of ``events`` in language ``code``; ``url_of(event)`` gives each page's URL."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Waypoint//Events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cancelled: dict[int, list[dt.datetime]] = {}
    for event_id, starts_at in Occurrence.objects.filter(
        event__in=events, cancelled_at__isnull=False
    ).values_list("event_id", "starts_at"):
        cancelled.setdefault(event_id, []).append(starts_at)
    # One query for the places' names in the reader's language, not one per event: events at
    # the same place share one place object.
    places = {event.place_id: event.place for event in events if event.place}
    prefetch_related_objects(list(places.values()), reader_translation(code))
    for event in events:
        if event.starts_at is None:
            continue
        if event.place_id:
            event.place = places[event.place_id]
        cal.add_component(_component(event, code, url_of(event), cancelled.get(event.pk, [])))
    now = timezone.now()
    cal.add_missing_timezones(
        first_date=(now - dt.timedelta(days=400)).date(),
        last_date=(now + dt.timedelta(days=800)).date(),
    )
    return cal.to_ical()
