"""Dates of an event, expanded from its RFC 5545 rule in the region's local time.

The rule is applied to the *local* wall-clock time of the first date, and each date is then
placed in the region's time zone: a course at 18:00 stays at 18:00 across daylight-saving changes.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from dateutil.rrule import rrule as RRule
from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: However a rule is written, no event is expanded beyond this many dates.
MAX_DATES = 1000
#: Rules allowed: no sub-daily repetition (courses meet at most daily).
ALLOWED_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}


@dataclass(frozen=True)
class Date:
    """One date of an event: when it starts and ends (aware, in the region's time zone)."""

    starts_at: dt.datetime
    ends_at: dt.datetime


def zone_of(event) -> zoneinfo.ZoneInfo:
    return event.region.zone


def parse_rule(text: str, *, dtstart: dt.datetime | None = None) -> RRule:
    """A validated rule. ``dtstart`` is a naive local time; raises ValidationError if unusable."""
    text = (text or "").strip().removeprefix("RRULE:")
    parts = dict(part.partition("=")[::2] for part in text.upper().split(";") if part)
    if parts.get("FREQ") not in ALLOWED_FREQUENCIES:
        raise ValidationError(
            _("The repeat rule needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY."), code="rrule"
        )
    try:
        rule = rrulestr(text, dtstart=dtstart or dt.datetime(2000, 1, 1), ignoretz=True)
    except (ValueError, TypeError) as error:
        raise ValidationError(
            _("The repeat rule is not valid: %(error)s"), code="rrule", params={"error": error}
        ) from error
    if not isinstance(rule, RRule):
        raise ValidationError(_("Give one repeat rule only."), code="rrule")
    return rule


def validate_rule(text: str) -> None:
    if text:
        parse_rule(text)


def _local_start(event) -> dt.datetime:
    return event.starts_at.astimezone(zone_of(event)).replace(tzinfo=None)


def _place(naive: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """A local wall-clock time in ``zone``. A time skipped by the clock change (02:30 on the
    last Sunday of March) comes out moved forward by the gap, as calendars do (PEP 495)."""
    return naive.replace(tzinfo=zone).astimezone(dt.UTC).astimezone(zone)


def dates_between(event, start: dt.datetime, end: dt.datetime) -> list[Date]:
    """Dates of ``event`` that have not ended by ``start`` and begin before ``end``."""
    if event.starts_at is None:
        return []
    zone, duration = zone_of(event), event.duration
    if not event.rrule:
        first = event.starts_at.astimezone(zone)
        return [Date(first, first + duration)] if first + duration > start and first < end else []
    rule = parse_rule(event.rrule, dtstart=_local_start(event))
    # Bounds in local naive time, with a day of slack either side for offsets and durations.
    local_from = (start - duration).astimezone(zone).replace(tzinfo=None) - dt.timedelta(days=1)
    local_to = end.astimezone(zone).replace(tzinfo=None) + dt.timedelta(days=1)
    found = []
    for naive in rule.xafter(local_from, count=MAX_DATES, inc=True):
        if naive > local_to:
            break
        begins = _place(naive, zone)
        if begins + duration > start and begins < end:
            found.append(Date(begins, begins + duration))
    return found


def date_at(event, starts_at: dt.datetime) -> Date | None:
    """The date of ``event`` starting exactly at ``starts_at``, if there is one."""
    for date in dates_between(event, starts_at, starts_at + dt.timedelta(seconds=1)):
        if date.starts_at == starts_at:
            return date
    return None


def last_end(event) -> dt.datetime | None:
    """When the event's last date ends; None when the rule repeats without end."""
    if not event.rrule:
        return event.starts_at + event.duration
    rule = parse_rule(event.rrule, dtstart=_local_start(event))
    if not (rule._count or rule._until):
        return None
    last = None
    for index, naive in enumerate(rule):
        if index >= MAX_DATES:
            break
        last = naive
    if last is None:
        return event.starts_at + event.duration
    return _place(last, zone_of(event)) + event.duration


def simple_rule(frequency: str, *, until: dt.date | None, count: int | None) -> str:
    """The rule the editor's "repeat" choices describe (``"WEEKLY;INTERVAL=2"`` style)."""
    if not frequency:
        return ""
    parts = [frequency]
    if until:
        parts.append(f"UNTIL={until:%Y%m%d}T235959")
    elif count:
        parts.append(f"COUNT={count}")
    return ";".join(parts)
