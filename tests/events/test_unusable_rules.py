"""A repeat rule can never take the events pages down: bad rules are refused on save, and a bad
rule already stored is left out of every list and shown to its owner (security finding, High)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.core.models import Region
from apps.events import recurrence
from apps.events.models import Event

from .conftest import BERLIN, next_week_at
from .test_workspace import form_data

#: Rules that made dateutil raise while listing, or never give a date (seconds per request).
UNUSABLE = [
    "FREQ=YEARLY;BYEASTER=100000",
    "FREQ=YEARLY;BYEASTER=1000",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31",
    "FREQ=YEARLY;BYWEEKNO=60",
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=4",
    "FREQ=WEEKLY;BYHOUR=1,2,3",
    "FREQ=MONTHLY;BYDAY=60MO",
    "FREQ=WEEKLY;COUNT=5000",
    "FREQ=WEEKLY;UNTIL=20990101",
    "FREQ=WEEKLY;COUNT=3;UNTIL=20270101",
    "FREQ=DAILY;INTERVAL=100000000",
]


@pytest.mark.parametrize("rule", UNUSABLE)
def test_the_editor_refuses_a_rule_that_cannot_be_listed(client, people, ngo, rule):
    client.force_login(people["ngo_admin"])

    response = client.post(
        reverse("ngo:event_create", kwargs={"org": ngo.slug}),
        form_data(rrule=rule, repeat="", publish="1"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["rrule"]
    assert not Event.objects.exists()


def test_a_rule_without_dates_is_refused_in_the_editors_language():
    with translation.override("de"), pytest.raises(ValidationError) as refused:
        recurrence.check_schedule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", dt.datetime(2026, 12, 7))

    assert refused.value.messages == [
        "Diese Wiederholungsregel ergibt in den 2 Jahren nach dem ersten Termin keinen Termin."
    ]


def test_ordinary_rules_are_still_accepted(client, people, ngo):
    client.force_login(people["ngo_admin"])
    for number, rule in enumerate(
        ["FREQ=WEEKLY;BYDAY=MO,WE;COUNT=24", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=YEARLY"]
    ):
        client.post(
            reverse("ngo:event_create", kwargs={"org": ngo.slug}),
            form_data(rrule=rule, repeat="", title=f"Kurs {number}", publish="1"),
        )
    assert Event.objects.count() == 3
    assert not Event.objects.exclude(schedule_problem="").exists()


@pytest.fixture
def stored_bad_rule(make_event):
    """An event whose rule was stored before rules were checked (or by a path that skipped it)."""
    good = make_event(title="Gute Veranstaltung")
    bad = make_event(title="Kaputte Regel")
    Event.objects.filter(pk=bad.pk).update(rrule="FREQ=YEARLY;BYEASTER=100000", last_ends_at=None)
    return good, bad


def test_a_stored_bad_rule_never_fails_a_public_page(client, stored_bad_rule, ngo):
    _good, bad = stored_bad_rule
    pages = [
        reverse("migrant:events"),
        reverse("migrant:events") + "?view=month",
        reverse("migrant:event_feed"),
        "/api/v1/events/",
        f"/api/v1/events/{bad.slug}/",
        reverse("migrant:event", kwargs={"slug": bad.slug}),
        reverse("migrant:organisations"),
        reverse("migrant:place", kwargs={"slug": "nowhere"}),
    ]

    for url in pages:
        assert client.get(url).status_code in (200, 404), url

    listed = client.get(reverse("migrant:events")).content.decode()
    assert "Gute Veranstaltung" in listed
    assert "Kaputte Regel" not in listed


def test_a_stored_bad_rule_is_set_aside_and_its_owner_told(client, stored_bad_rule, people, ngo):
    _good, bad = stored_bad_rule
    client.get(reverse("migrant:events"))

    bad.refresh_from_db()
    assert bad.schedule_problem
    client.force_login(people["ngo_admin"])
    page = client.get(reverse("ngo:events", kwargs={"org": ngo.slug}))
    assert "its dates cannot be worked out from the repeat rule" in page.content.decode()


def test_fixing_the_rule_brings_the_event_back(client, stored_bad_rule, people, ngo):
    _good, bad = stored_bad_rule
    client.get(reverse("migrant:events"))
    client.force_login(people["ngo_admin"])
    edit = client.get(reverse("ngo:event_edit", kwargs={"org": ngo.slug, "pk": bad.pk}))

    client.post(
        reverse("ngo:event_edit", kwargs={"org": ngo.slug, "pk": bad.pk}),
        {
            **form_data(title="Kaputte Regel", rrule="FREQ=WEEKLY;COUNT=3", repeat=""),
            "base_revision": edit.context["form"]["base_revision"].value(),
            "publish": "1",
        },
    )

    bad.refresh_from_db()
    assert bad.schedule_problem == ""
    assert "Kaputte Regel" in client.get(reverse("migrant:events")).content.decode()


def test_out_of_range_bounds_do_not_overflow(region):
    event = Event(region=region, starts_at=next_week_at(), rrule="FREQ=WEEKLY", duration_minutes=60)
    far = dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.UTC)
    early = dt.datetime(1, 1, 2, tzinfo=dt.UTC)

    assert recurrence.dates_between(event, early, early + dt.timedelta(days=10)) == []
    assert recurrence.dates_between(event, far - dt.timedelta(days=10), far) == []


# Rule text made of the parts RFC 5545 has, with values in and out of their ranges.
_part = st.sampled_from(
    ["INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO",
     "BYSETPOS", "BYEASTER", "WKST", "BYHOUR"]
)  # fmt: skip
_value = st.one_of(
    st.sampled_from(["MO", "1MO", "-1FR", "SU,SA", "5TH", "0", "60MO"]),
    st.integers(-400, 400).map(str),
    st.dates(dt.date(1990, 1, 1), dt.date(2060, 1, 1)).map(lambda d: f"{d:%Y%m%d}"),
)
_rule = st.builds(
    lambda freq, parts: ";".join([f"FREQ={freq}", *(f"{n}={v}" for n, v in parts)]),
    st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY"]),
    st.lists(st.tuples(_part, _value), max_size=4),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule=_rule)
def test_any_rule_is_refused_with_a_reason_or_expands_without_error(rule):
    """Whatever the text, saving says yes or gives a reason; a rule that is accepted lists its
    dates (and its last date) without an error."""
    first = (timezone.now() + dt.timedelta(days=3)).astimezone(BERLIN).replace(tzinfo=None)
    try:
        recurrence.check_schedule(rule, first)
    except ValidationError as error:
        assert error.messages
        return
    region = Region(time_zone="Europe/Berlin")
    event = Event(region=region, starts_at=first.replace(tzinfo=BERLIN), rrule=rule)
    start = event.starts_at
    dates = recurrence.dates_between(event, start, start + dt.timedelta(days=2 * 366))
    assert dates, "an accepted rule gives a date within two years"
    assert all(later.starts_at > earlier.starts_at for earlier, later in itertools.pairwise(dates))
    recurrence.last_end(event)
