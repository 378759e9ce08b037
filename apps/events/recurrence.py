"""Dates of an event, expanded from its RFC 5545 rule in the region's local time.

The rule is applied to the *local* wall-clock time of the first date, and each date is then
placed in the region's time zone: a course at 18:00 stays at 18:00 across daylight-saving changes.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass

from dateutil.rrule import rrule as RRule
from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

#: However a rule is written, no event is expanded beyond this many dates.
MAX_DATES = 1000
#: Rules allowed: no sub-daily repetition (courses meet at most daily).
ALLOWED_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
#: The parts of an RFC 5545 rule a course or event needs. Sub-daily parts (BYHOUR, BYMINUTE,
#: BYSECOND) and dateutil's own BYEASTER are refused: they add nothing a course needs and are
#: where expansion breaks.
ALLOWED_PARTS = {
    "FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST",
    "BYDAY", "BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS",
}  # fmt: skip
#: Numeric parts: (smallest, largest absolute value, whether a sign is allowed), from RFC 5545.
_NUMBERS = {
    "INTERVAL": (1, 366, False),
    "COUNT": (1, MAX_DATES, False),
    "BYMONTH": (1, 12, False),
    "BYMONTHDAY": (1, 31, True),
    "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True),
    "BYSETPOS": (1, 366, True),
}
_WEEKDAY = re.compile(r"^[+-]?(?:[1-9]|[1-4][0-9]|5[0-3])?(MO|TU|WE|TH|FR|SA|SU)$")
_UNTIL = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$")
#: A saved rule must give its first date within this time of the event's start...
FIRST_DATE_WITHIN = dt.timedelta(days=2 * 366)
#: ... and, when it has an end date, end within this time of the start.
MAX_SPAN = dt.timedelta(days=10 * 366)
#: No list looks further than this from today, whatever a query string asks for: walking a rule
#: from its first date to a window centuries away would cost seconds.
FURTHEST = dt.timedelta(days=10 * 366)
#: The Gregorian calendar repeats itself exactly every 400 years (146,097 days, 20,871 weeks).
_CYCLE_YEARS = 400


class RuleError(ValueError):
    """A stored rule whose dates cannot be worked out (it fails, or takes too long)."""


@dataclass(frozen=True)
class Date:
    """One date of an event: when it starts and ends (aware, in the region's time zone)."""

    starts_at: dt.datetime
    ends_at: dt.datetime


def zone_of(event) -> zoneinfo.ZoneInfo:
    return event.region.zone


def _invalid(message: str, **params) -> ValidationError:
    return ValidationError(message, code="rrule", params=params or None)


def _parts(text: str) -> dict[str, str]:
    """The rule's NAME=VALUE parts, each checked against RFC 5545's ranges."""
    parts: dict[str, str] = {}
    for part in text.split(";"):
        if not part:
            continue
        name, _sep, value = part.partition("=")
        if name not in ALLOWED_PARTS:
            raise _invalid(_("The repeat rule cannot use %(part)s."), part=name[:20] or "?")
        if name in parts:
            raise _invalid(_("The repeat rule names %(part)s twice."), part=name)
        parts[name] = value
    for name, (low, high, signed) in _NUMBERS.items():
        for value in parts[name].split(",") if name in parts else ():
            number = value.removeprefix("-").removeprefix("+") if signed else value
            if not number.isdigit() or not low <= int(number) <= high:
                raise _invalid(
                    _("%(part)s must be a whole number from %(low)s to %(high)s."),
                    part=name, low=low, high=high,
                )  # fmt: skip
    for value in parts["BYDAY"].split(",") if "BYDAY" in parts else ():
        if not _WEEKDAY.match(value):
            raise _invalid(_("%(value)s is not a day of the week such as MO or 1MO."), value=value)
    if "UNTIL" in parts and not _UNTIL.match(parts["UNTIL"]):
        raise _invalid(_("Write the end of the repeat rule as UNTIL=YYYYMMDD."))
    if "UNTIL" in parts and "COUNT" in parts:
        raise _invalid(_("Give either a number of dates or an end date, not both."))
    return parts


def parse_rule(text: str, *, dtstart: dt.datetime | None = None) -> RRule:
    """A validated rule. ``dtstart`` is a naive local time; raises ValidationError if unusable."""
    text = (text or "").strip().upper().removeprefix("RRULE:")
    if "\n" in text or "RRULE:" in text:
        raise _invalid(_("Give one repeat rule only."))
    parts = _parts(text)
    if parts.get("FREQ") not in ALLOWED_FREQUENCIES:
        raise _invalid(_("The repeat rule needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY."))
    try:
        rule = rrulestr(text, dtstart=dtstart or dt.datetime(2000, 1, 1), ignoretz=True)
    except (ValueError, TypeError, OverflowError) as error:
        raise _invalid(_("The repeat rule is not valid: %(error)s"), error=error) from error
    if not isinstance(rule, RRule):
        raise _invalid(_("Give one repeat rule only."))
    return rule


def validate_rule(text: str) -> None:
    if text:
        parse_rule(text)


def _plus_years(moment: dt.datetime, years: int) -> dt.datetime:
    # Exact for whole 400-year cycles: 29 February exists in both years.
    return moment.replace(year=moment.year + years)


def _local_dates(text: str, dtstart: dt.datetime, after: dt.datetime, before: dt.datetime):
    """The rule's naive local dates from ``after`` to ``before`` (both included).

    dateutil stops looking for a next date only at the end of its calendar (the year 9999), so a
    rule that no longer produces dates would be walked for thousands of years. The rule is
    therefore worked out moved forward by whole 400-year cycles, which changes nothing about its
    dates (the calendar repeats exactly), so that the end of the calendar comes at most one cycle
    after ``before``.
    """
    latest = max(before, dtstart)
    shift = max(0, (dt.MAXYEAR - 2 - latest.year) // _CYCLE_YEARS * _CYCLE_YEARS)
    try:
        parts = _parts(text.strip().upper().removeprefix("RRULE:"))
        if "UNTIL" in parts:
            until = parts["UNTIL"]
            parts["UNTIL"] = f"{int(until[:4]) + shift:04d}{until[4:]}"
        shifted = ";".join(f"{name}={value}" for name, value in parts.items())
        rule = parse_rule(shifted, dtstart=_plus_years(dtstart, shift))
        for index, naive in enumerate(rule.xafter(_plus_years(after, shift), inc=True)):
            naive = _plus_years(naive, -shift)
            if naive > before or index >= MAX_DATES:
                break
            yield naive
    except ValidationError as error:
        raise RuleError(" ".join(error.messages)) from error
    except (ArithmeticError, LookupError, ValueError, TypeError) as error:
        raise RuleError(f"dateutil: {error!r}") from error


def _local_start(event) -> dt.datetime:
    return event.starts_at.astimezone(zone_of(event)).replace(tzinfo=None)


def _place(naive: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """A local wall-clock time in ``zone``. A time skipped by the clock change (02:30 on the
    last Sunday of March) comes out moved forward by the gap, as calendars do (PEP 495)."""
    return naive.replace(tzinfo=zone).astimezone(dt.UTC).astimezone(zone)


def check_schedule(text: str, first: dt.datetime) -> None:
    """Refuse, with a reason, a rule a saved event may not have: it must give a first date soon
    after ``first`` (naive local time), end within ``MAX_SPAN`` and be quick to work out."""
    if not text:
        return
    parts = _parts(text.strip().upper().removeprefix("RRULE:"))
    parse_rule(text, dtstart=first)
    if "UNTIL" in parts:
        year, month, day = (int(parts["UNTIL"][i:j]) for i, j in ((0, 4), (4, 6), (6, 8)))
        try:
            until = dt.datetime(year, month, day)
        except ValueError as error:
            raise _invalid(_("Write the end of the repeat rule as UNTIL=YYYYMMDD.")) from error
        if until > first + MAX_SPAN:
            years = MAX_SPAN.days // 366
            raise _invalid(
                ngettext(
                    "A repeating event may run for %(years)s year at most.",
                    "A repeating event may run for %(years)s years at most.",
                    years,
                ),
                years=years,
            )
    # Bounded work: the walk stops at the first date, which must come within FIRST_DATE_WITHIN,
    # or at most one 400-year cycle later (see _local_dates), whatever the rule says.
    try:
        found = next(_local_dates(text, first, first, first + FIRST_DATE_WITHIN), None)
    except RuleError as error:
        raise _invalid(
            _("The dates of this repeat rule cannot be worked out: %(error)s"), error=error
        ) from error
    if found is None:
        years = FIRST_DATE_WITHIN.days // 366
        raise _invalid(
            ngettext(
                "This repeat rule gives no date in the %(years)s year after the first date.",
                "This repeat rule gives no date in the %(years)s years after the first date.",
                years,
            ),
            years=years,
        )


def dates_between(event, start: dt.datetime, end: dt.datetime) -> list[Date]:
    """Dates of ``event`` that have not ended by ``start`` and begin before ``end``.

    Raises ``RuleError`` when a stored rule cannot be worked out; lists skip such an event.
    """
    if event.starts_at is None:
        return []
    # Far-fetched bounds (year 1 or 9999 from a query string) would overflow or walk for long.
    now = timezone.now()
    start, end = (min(max(moment, now - FURTHEST), now + FURTHEST) for moment in (start, end))
    zone, duration = zone_of(event), event.duration
    if not event.rrule:
        first = event.starts_at.astimezone(zone)
        return [Date(first, first + duration)] if first + duration > start and first < end else []
    # Bounds in local naive time, with a day of slack either side for offsets and durations.
    local_from = (start - duration).astimezone(zone).replace(tzinfo=None) - dt.timedelta(days=1)
    local_to = end.astimezone(zone).replace(tzinfo=None) + dt.timedelta(days=1)
    found = []
    for naive in _local_dates(event.rrule, _local_start(event), local_from, local_to):
        begins = _place(naive, zone)
        if begins + duration > start and begins < end:
            found.append(Date(begins, begins + duration))
    return found


def date_at(event, starts_at: dt.datetime) -> Date | None:
    """The date of ``event`` starting exactly at ``starts_at``, if there is one."""
    try:
        dates = dates_between(event, starts_at, starts_at + dt.timedelta(seconds=1))
    except RuleError:
        return None
    for date in dates:
        if date.starts_at == starts_at:
            return date
    return None


def last_end(event) -> dt.datetime | None:
    """When the event's last date ends; None when the rule repeats without end.

    Raises ``RuleError`` when the rule cannot be worked out.
    """
    if not event.rrule:
        return event.starts_at + event.duration
    start = _local_start(event)
    rule = event.rrule.upper()
    if "COUNT=" not in rule and "UNTIL=" not in rule:
        return None
    last = None
    for naive in _local_dates(event.rrule, start, start, start + MAX_SPAN):
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
