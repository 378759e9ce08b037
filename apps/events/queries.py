"""Reads of events: what migrants see, expanded into dates, and what organisations manage.

Past events leave every listing by themselves: lists ask for events whose last date ends in the
future (``last_ends_at``), never for a flag someone must remember to set.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from apps.core.queries import about_topic, for_situation
from apps.editorial.models import ItemStatus
from apps.events import recurrence
from apps.events.models import Event, Occurrence, RegistrationStatus
from apps.translation.reader import LanguageVersion, language_version, with_reader_translation
from apps.translation.reading import untranslated

logger = logging.getLogger(__name__)

# --- the window of dates a reader sees: one definition for the events page and the API ----------

#: Without a last day, a list shows this many days after its first one.
DEFAULT_DAYS = 90
#: A list spans at most this many days after its first one (the API refuses a longer period;
#: the page shows this much of it).
MAX_DAYS = 366
#: Nobody looks further ahead than this: a list, an API answer or a calendar month begins
#: within this many days of today (a calendar month further away shows this month instead).
HORIZON_DAYS = 800
#: The longest period dates are ever worked out over: a window's first day and MAX_DAYS more.
MAX_RANGE = dt.timedelta(days=MAX_DAYS + 1)


@dataclass(frozen=True)
class Filters:
    """What a migrant narrowed the list to. Empty values do not filter."""

    topic: str = ""
    user_type: str = ""
    language: str = ""
    organisation: str = ""
    free: bool = False
    childcare: bool = False
    accessible: bool = False
    kind: str = ""

    @classmethod
    def from_values(cls, values) -> Filters:
        """From the page's filter form or the API's query, which use the same names."""
        return cls(
            topic=values.get("topic", ""),
            user_type=values.get("situation", ""),
            language=values.get("language", ""),
            kind=values.get("kind", ""),
            free=bool(values.get("free", False)),
            childcare=bool(values.get("childcare", False)),
            accessible=bool(values.get("accessible", False)),
            organisation=values.get("organisation", ""),
        )


@dataclass
class Listing:
    """One date of one event, as a list shows it."""

    event: Event
    version: LanguageVersion
    date: recurrence.Date
    cancelled: bool = False
    taken: int = 0

    @property
    def places_left(self) -> int | None:
        capacity = self.event.capacity
        return None if capacity is None else max(capacity - self.taken, 0)


@dataclass(frozen=True)
class Window:
    """The period whose dates a reader is shown: aware moments, ``start`` never before now."""

    start: dt.datetime
    end: dt.datetime


def within_horizon(day: dt.date, today: dt.date) -> bool:
    return abs((day - today).days) < HORIZON_DAYS


def too_long(first: dt.date, last: dt.date) -> bool:
    """Whether a reader asks for more than one window can show (the API refuses it)."""
    return (last - first).days > MAX_DAYS


def window(
    zone,
    *,
    first: dt.date | None = None,
    last: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Window:
    """The dates from day ``first`` to day ``last`` (both included) in the region's time zone,
    as the events page and the API show them.

    ``first`` defaults to today, and a day before today is today: readers see what is still to
    come (a date going on now included). ``last`` defaults to ``DEFAULT_DAYS`` after ``first``
    and is cut at ``MAX_DAYS`` after it; a window beginning beyond the horizon is empty."""
    now = now or timezone.now()
    today = now.astimezone(zone).date()
    first = max(first or today, today)
    last = last or first + dt.timedelta(days=DEFAULT_DAYS)
    last = min(last, first + dt.timedelta(days=MAX_DAYS))
    start = max(_midnight(first, zone), now)
    end = _midnight(last + dt.timedelta(days=1), zone)
    if not within_horizon(first, today):
        end = start
    return Window(start, max(end, start))


def month_window(first: dt.date, zone, *, now: dt.datetime | None = None) -> Window:
    """The calendar month beginning on day ``first``, from now on."""
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return window(zone, first=first, last=following - dt.timedelta(days=1), now=now)


def _midnight(day: dt.date, zone) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), zone)


@dataclass
class Month:
    first: dt.date
    weeks: list[list[tuple[dt.date, list[Listing]]]] = field(default_factory=list)

    @property
    def previous(self) -> dt.date:
        return (self.first - dt.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> dt.date:
        return (self.first + dt.timedelta(days=32)).replace(day=1)


def current_events(region, *, now: dt.datetime | None = None) -> QuerySet[Event]:
    """Published events with a date still to come (or going on), whose dates can be worked out."""
    now = now or timezone.now()
    return Event.objects.filter(
        region=region, status=ItemStatus.PUBLISHED, schedule_problem=""
    ).filter(Q(last_ends_at__isnull=True) | Q(last_ends_at__gt=now))


def _set_aside(event: Event, error: recurrence.RuleError) -> None:
    """Keep an event whose stored rule cannot be worked out out of every list from now on, and
    tell its owner why (their workspace shows ``schedule_problem``)."""
    logger.warning("Event %s left out of lists: its repeat rule fails (%s)", event.pk, error)
    event.schedule_problem = str(error)[:300] or "?"
    Event.objects.filter(pk=event.pk).update(schedule_problem=event.schedule_problem)


def dates_of(event: Event, start: dt.datetime, end: dt.datetime) -> list[recurrence.Date]:
    """The event's dates between ``start`` and ``end``; none, and set aside, if its rule fails."""
    try:
        return recurrence.dates_between(event, start, end)
    except recurrence.RuleError as error:
        _set_aside(event, error)
        return []


def events_for_reader(region, code: str, filters: Filters = Filters()) -> QuerySet[Event]:
    events = current_events(region)
    if filters.topic:
        events = events.filter(about_topic(filters.topic))
    if filters.user_type:
        events = events.filter(for_situation(filters.user_type))
    if filters.organisation:
        events = events.filter(organisation__slug=filters.organisation)
    if filters.free:
        events = events.filter(Q(cost__isnull=True) | Q(cost=0))
    if filters.childcare:
        events = events.filter(childcare=True)
    if filters.accessible:
        events = events.filter(wheelchair_accessible=True)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    return with_reader_translation(
        events.distinct().select_related("region", "place", "place__region", "organisation"),
        code,
    )


def _cancelled_and_taken(events: list[Event], start, end) -> tuple[set, dict]:
    """Which dates are cancelled and how many seats each has taken (one query)."""
    rows = (
        Occurrence.objects.filter(event__in=events, starts_at__gte=start - MAX_RANGE)
        .filter(starts_at__lt=end)
        .annotate(
            taken=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            )
        )
        .values_list("event_id", "starts_at", "cancelled_at", "taken")
    )
    cancelled, taken = set(), {}
    for event_id, starts_at, cancelled_at, count in rows:
        if cancelled_at:
            cancelled.add((event_id, starts_at))
        taken[(event_id, starts_at)] = count
    return cancelled, taken


def speaks(event: Event, language: str) -> bool:
    """Whether the event is given in ``language`` (any language when none is asked for)."""
    return not language or language in (event.languages_of_instruction or [])


def listings(
    events, code: str, *, start: dt.datetime, end: dt.datetime, language: str = ""
) -> list[Listing]:
    """Every date of ``events`` between ``start`` and ``end``, in time order."""
    end = min(end, start + MAX_RANGE)
    events = [event for event in events if speaks(event, language)]
    cancelled, taken = _cancelled_and_taken(events, start, end)
    found = []
    for event in events:
        version = language_version(event, code)
        for date in dates_of(event, start, end):
            key = (event.pk, date.starts_at)
            found.append(Listing(event, version, date, key in cancelled, taken.get(key, 0)))
    found.sort(key=lambda listing: (listing.date.starts_at, listing.version.texts["title"]))
    return found


def dates_for_reader(region, code: str, filters: Filters, period: Window) -> list[Listing]:
    """The dates a reader is shown for ``filters`` in ``period``: the events page's list and
    calendar; the API gives the same dates, grouped by event."""
    return listings(
        events_for_reader(region, code, filters),
        code,
        start=period.start,
        end=period.end,
        language=filters.language,
    )


@dataclass
class Card:
    """One event on a list, however often it takes place: its next date and the later ones."""

    first: Listing
    later: list[Listing] = field(default_factory=list)

    @property
    def event(self) -> Event:
        return self.first.event

    @property
    def version(self) -> LanguageVersion:
        return self.first.version


def cards(listed: list[Listing]) -> list[Card]:
    """The dates of a list (in time order) as one card per event, in the order of each
    event's next date: a weekly course is one card, not twelve (the calendar keeps a line per
    date)."""
    by_event: dict[int, Card] = {}
    for listing in listed:
        card = by_event.get(listing.event.pk)
        if card is None:
            by_event[listing.event.pk] = Card(listing)
        else:
            card.later.append(listing)
    return list(by_event.values())


def events_about(region, code: str, topic: str) -> list[Event]:
    """The topic page's courses and events: the events page's for ``?topic=`` (the API's
    too), without their translations (the page reads those of all its sections in one query,
    see core.topics)."""
    return untranslated(events_for_reader(region, code, Filters(topic=topic)))


def cards_of(region, code: str, events: list[Event]) -> list[Card]:
    """The dates of ``events`` the events page's list shows, one card per event."""
    period = window(region.zone)
    return cards(listings(events, code, start=period.start, end=period.end))


def organisations_with_events_about(region, topic: str) -> QuerySet:
    """Ids of the organisations that run a current event on ``topic`` (a query, asked as a
    subquery of the topic page's organisations)."""
    return (
        current_events(region)
        .filter(about_topic(topic))
        .values_list("organisation", flat=True)
        .distinct()
    )


def month(listed: list[Listing], first: dt.date, zone) -> Month:
    """A month grid (weeks from Monday) with each day's dates."""
    by_day: dict[dt.date, list[Listing]] = defaultdict(list)
    for listing in listed:
        by_day[listing.date.starts_at.astimezone(zone).date()].append(listing)
    grid = Month(first=first)
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        grid.weeks.append([(day, by_day.get(day, [])) for day in week])
    return grid


def event_for_reader(region, code: str, slug: str) -> Event | None:
    """A published event by its slug, even when it is over (its page says so)."""
    return (
        with_reader_translation(
            Event.objects.filter(region=region, status=ItemStatus.PUBLISHED).select_related(
                "region", "place", "place__region", "organisation"
            ),
            code,
        )
        .prefetch_related("topics")
        .filter(slug=slug)
        .first()
    )


def upcoming_listings(event: Event, code: str, *, limit: int = 12) -> list[Listing]:
    """The next dates of one event, for its page: the coming year's, at most ``limit``."""
    now = timezone.now()
    return listings([event], code, start=now, end=now + dt.timedelta(days=MAX_DAYS))[:limit]


# --- for the organisation managing its events ---------------------------------------------------


def events_of(organisations) -> QuerySet[Event]:
    return (
        Event.objects.filter(organisation__in=organisations)
        .select_related("region", "organisation", "place")
        .order_by("-updated_at")
    )


def dates_with_registrations(event: Event, *, limit: int = 20) -> list[Listing]:
    """The coming dates with their seat counts, for the organisation's overview."""
    start = timezone.now() - dt.timedelta(days=1)
    return listings(
        [event],
        event.region.source_language,
        start=start,
        end=start + dt.timedelta(days=MAX_DAYS),
    )[:limit]


def registrations_of(event: Event, starts_at: dt.datetime):
    occurrence = Occurrence.objects.filter(event=event, starts_at=starts_at).first()
    if occurrence is None:
        return None, []
    return occurrence, list(occurrence.registrations.order_by("status", "created_at", "pk"))
