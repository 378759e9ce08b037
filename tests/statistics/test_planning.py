"""Planning figures: registrations per month from the portal's own data, suppressed, no people."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zoneinfo

import pytest
from django.urls import reverse

from apps.events import services as event_services
from apps.events.models import Event, Occurrence, Registration
from apps.statistics import planning

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.fixture
def course(region, authority):
    region.time_zone = "Europe/Berlin"
    region.save()
    return Event.objects.create(
        region=region, organisation=authority, slug="deutschkurs", kind="course", status="published"
    )


def registrations(occurrence: Occurrence, status: str, count: int) -> None:
    Registration.objects.bulk_create(
        Registration(
            occurrence=occurrence,
            name=f"P{n}",
            email=f"p{n}@example.org",
            language="ar",
            status=status,
        )
        for n in range(count)
    )


def test_counts_per_month_with_small_ones_hidden(region, course):
    march = course.occurrences.create(starts_at=dt.datetime(2026, 3, 2, 18, tzinfo=BERLIN))
    april = course.occurrences.create(starts_at=dt.datetime(2026, 4, 6, 18, tzinfo=BERLIN))
    registrations(march, "confirmed", 12)
    registrations(march, "waiting", 7)
    registrations(april, "confirmed", 9)
    registrations(april, "waiting", 2)  # small: could point to two people

    table = planning.planning_table(region, first=dt.date(2026, 3, 1), months=2)

    shown = [[(f.value, f.hidden) for f in row.figures] for row in table.rows]
    assert shown == [
        [(12, ""), (7, ""), (0, "")],
        [(9, ""), (None, "small"), (0, "")],
    ]
    # The waiting-list total would give away April's two (total minus March's seven): hidden.
    assert [(f.value, f.hidden) for f in table.totals] == [(21, ""), (None, "protects"), (0, "")]


def test_a_date_late_in_the_evening_counts_in_its_local_month(region, course):
    # 31 January 23:30 in Berlin is 22:30 UTC the same day; 1 February 00:30 is 23:30 UTC on
    # 31 January: it must count in February.
    february = course.occurrences.create(starts_at=dt.datetime(2026, 2, 1, 0, 30, tzinfo=BERLIN))
    registrations(february, "confirmed", 6)

    table = planning.planning_table(region, first=dt.date(2026, 1, 1), months=2)

    assert [row.figures[0].value for row in table.rows] == [0, 6]


def test_counts_survive_the_deletion_of_personal_data(region, course):
    old = course.occurrences.create(starts_at=dt.datetime(2026, 3, 2, 18, tzinfo=BERLIN))
    registrations(old, "confirmed", 8)
    registrations(old, "waiting", 5)

    event_services.erase_registrations_before(dt.datetime(2026, 6, 1, tzinfo=BERLIN))

    assert not Registration.objects.exists()
    table = planning.planning_table(region, first=dt.date(2026, 3, 1), months=1)
    assert [f.value for f in table.rows[0].figures] == [8, 5, 0]


def test_authorities_see_the_table_and_download_the_same_figures(client, people, region, course):
    march = course.occurrences.create(starts_at=dt.datetime(2026, 3, 2, 18, tzinfo=BERLIN))
    registrations(march, "confirmed", 12)
    registrations(march, "waiting", 3)
    client.force_login(people["statistics_manager"])
    url = reverse("authority:planning")

    page = client.get(url, {"start": "2026-03", "months": "1", "kind": "course"})
    download = client.get(url, {"start": "2026-03", "months": "1", "format": "csv"})

    html = page.content.decode()
    assert '<td class="number">12</td>' in html and '<td class="number">&lt;5</td>' in html
    assert "p1@example.org" not in html and "P1" not in html
    rows = list(csv.reader(io.StringIO(download.content.decode().lstrip("\ufeff"))))
    assert rows == [
        ["month", "confirmed", "waiting", "cancelled"],
        ["2026-03", "12", "<5", "0"],
        ["total", "12", "<5", "0"],
    ]


def test_filters_by_kind_and_topic(region, course, authority, taxonomy):
    evening = Event.objects.create(
        region=region, organisation=authority, slug="abend", kind="event", status="published"
    )
    evening.topics.add(taxonomy["housing"])
    for event in (course, evening):
        date = event.occurrences.create(starts_at=dt.datetime(2026, 3, 2, 18, tzinfo=BERLIN))
        registrations(date, "confirmed", 6)

    def confirmed(**filters) -> int:
        table = planning.planning_table(region, first=dt.date(2026, 3, 1), months=1, **filters)
        return table.rows[0].figures[0].value

    assert confirmed() == 12
    assert confirmed(kind="course") == 6
    assert confirmed(topic="housing") == 6
