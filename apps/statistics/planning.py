"""Planning figures from the portal's own data: how many people took a place in courses and
events, waited for one, or cancelled, per month — counted, never listed.

Counts come from the registrations (and, once their personal data is erased, from the counts
kept on each date). Every figure goes through the same suppression as published statistics.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from apps.core.queries import about_topic
from apps.events.models import Occurrence, Registration, RegistrationStatus
from apps.statistics.queries import plain
from apps.statistics.services import Figure, figure

STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING, RegistrationStatus.CANCELLED)


@dataclass(frozen=True)
class PlanningRow:
    month: dt.date
    figures: list[Figure]  # one per status, in STATUSES order


@dataclass(frozen=True)
class PlanningTable:
    rows: list[PlanningRow]
    totals: list[Figure]  # per status, over all months


def months_from(first: dt.date, count: int) -> list[dt.date]:
    months, year, month = [], first.year, first.month
    for _ in range(count):
        months.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def planning_table(
    region, *, first: dt.date, months: int, kind: str = "", topic: str = ""
) -> PlanningTable:
    """Registrations per month of the date and status, for a region's courses and events."""
    zone = region.zone
    wanted = months_from(first, months)
    start = dt.datetime.combine(wanted[0], dt.time(), zone)
    end_month = months_from(wanted[-1], 2)[1]
    end = dt.datetime.combine(end_month, dt.time(), zone)

    dates = Q(event__region=region, starts_at__gte=start, starts_at__lt=end)
    if kind:
        dates &= Q(event__kind=kind)
    if topic:
        dates &= about_topic(topic, prefix="event__")
    occurrences = Occurrence.objects.filter(dates).distinct()

    counts: dict[tuple[dt.date, str], int] = {}
    live = (
        Registration.objects.filter(occurrence__in=occurrences)
        .annotate(month=TruncMonth("occurrence__starts_at", tzinfo=zone))
        .values("month", "status")
        .annotate(number=Count("pk"))
        .order_by()
    )
    for row in live:
        key = (_as_date(row["month"]), row["status"])
        counts[key] = counts.get(key, 0) + row["number"]
    erased = (
        Occurrence.objects.filter(pk__in=occurrences.values("pk"))
        .annotate(month=TruncMonth("starts_at", tzinfo=zone))
        .values("month")
        .annotate(
            confirmed=Sum("erased_confirmed"),
            waiting=Sum("erased_waiting"),
            cancelled=Sum("erased_cancelled"),
        )
        .order_by()
    )
    for row in erased:
        for status in STATUSES:
            key = (_as_date(row["month"]), status)
            counts[key] = counts.get(key, 0) + (row[status] or 0)

    rows = [
        PlanningRow(month, [figure([counts.get((month, status), 0)]) for status in STATUSES])
        for month in wanted
    ]
    # A total includes hidden months only as "×": it must not let them be worked out.
    totals = [figure([counts.get((month, status), 0) for month in wanted]) for status in STATUSES]
    return PlanningTable(rows=rows, totals=totals)


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def csv_rows(table: PlanningTable) -> list[list[str]]:
    """The table as published: the same suppressed figures, machine-readable."""
    header = ["month", *(str(status) for status in STATUSES)]
    rows = [[f"{row.month:%Y-%m}", *(plain(value) for value in row.figures)] for row in table.rows]
    return [header, *rows, ["total", *(plain(value) for value in table.totals)]]
