"""Dates come from the rule in the region's local time, across daylight-saving changes."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from apps.events import recurrence
from apps.events.models import Event

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def weekly(region, starts_at, rule="FREQ=WEEKLY;COUNT=6", duration=90):
    return Event(region=region, starts_at=starts_at, rrule=rule, duration_minutes=duration)


@pytest.mark.parametrize(
    ("first", "change"),
    [
        (dt.datetime(2026, 3, 16, 18, 0, tzinfo=BERLIN), dt.date(2026, 3, 29)),  # to summer time
        (dt.datetime(2026, 10, 12, 18, 0, tzinfo=BERLIN), dt.date(2026, 10, 25)),  # to winter time
    ],
)
def test_a_weekly_course_keeps_its_local_time_across_the_clock_change(region, first, change):
    event = weekly(region, first)

    dates = recurrence.dates_between(
        event, first - dt.timedelta(days=1), first + dt.timedelta(days=60)
    )

    assert len(dates) == 6
    assert [date.starts_at.astimezone(BERLIN).time() for date in dates] == [dt.time(18, 0)] * 6
    assert all(date.starts_at.astimezone(BERLIN).weekday() == 0 for date in dates)
    before = [d for d in dates if d.starts_at.date() < change]
    after = [d for d in dates if d.starts_at.date() > change]
    # The same wall-clock time is a different UTC hour on either side of the change.
    assert before and after
    assert {d.starts_at.astimezone(dt.UTC).hour for d in before} != {
        d.starts_at.astimezone(dt.UTC).hour for d in after
    }
    assert all(d.ends_at - d.starts_at == dt.timedelta(minutes=90) for d in dates)


def test_a_time_skipped_by_the_clock_change_moves_forward(region):
    event = weekly(region, dt.datetime(2026, 3, 22, 2, 30, tzinfo=BERLIN), "FREQ=WEEKLY;COUNT=2")

    dates = recurrence.dates_between(
        event, dt.datetime(2026, 3, 1, tzinfo=dt.UTC), dt.datetime(2026, 4, 1, tzinfo=dt.UTC)
    )

    assert [d.starts_at.astimezone(BERLIN).hour for d in dates] == [2, 3]


def test_the_last_end_is_known_for_counted_rules_and_open_for_endless_ones(region):
    first = dt.datetime(2026, 3, 16, 18, 0, tzinfo=BERLIN)
    assert recurrence.last_end(weekly(region, first)) == dt.datetime(
        2026, 4, 20, 19, 30, tzinfo=BERLIN
    )
    assert recurrence.last_end(weekly(region, first, "FREQ=WEEKLY")) is None
    assert recurrence.last_end(weekly(region, first, "")) == first + dt.timedelta(minutes=90)


def test_a_date_is_found_by_its_exact_start(region):
    first = dt.datetime(2026, 3, 16, 18, 0, tzinfo=BERLIN)
    event = weekly(region, first)

    assert recurrence.date_at(event, dt.datetime(2026, 3, 30, 18, 0, tzinfo=BERLIN)) is not None
    assert recurrence.date_at(event, dt.datetime(2026, 3, 30, 17, 0, tzinfo=BERLIN)) is None


@pytest.mark.parametrize("rule", ["FREQ=SECONDLY", "FREQ=WEEKLY;BYDAY=XX", "nonsense", "FREQ="])
def test_unusable_rules_are_refused_with_a_reason(rule):
    with pytest.raises(ValidationError):
        recurrence.validate_rule(rule)


def test_simple_choices_make_a_rule():
    assert recurrence.simple_rule(
        "FREQ=WEEKLY;INTERVAL=2", until=dt.date(2026, 6, 30), count=None
    ) == ("FREQ=WEEKLY;INTERVAL=2;UNTIL=20260630T235959")
    assert recurrence.simple_rule("FREQ=DAILY", until=None, count=5) == "FREQ=DAILY;COUNT=5"
    assert recurrence.simple_rule("", until=None, count=5) == ""
