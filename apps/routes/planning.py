"""Planning figures from routes, without personal data: per procedure, how many people have it
on their route and how many of them have not started it yet — and, for one procedure, the same
per month the route was started and per district the person gave. Counted only over the people
who ticked the separate consent, and suppressed like every published statistic: a total is a
sum of the cells shown, so a hidden cell can never be worked out from it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from apps.core.models import UserType
from apps.migrant_accounts.models import ProcedureProgress
from apps.procedures.models import Procedure
from apps.routes import queries, rules
from apps.routes.changes import Changes
from apps.routes.models import RoutePlan
from apps.routes.queries import published_procedures
from apps.statistics.services import Figure, figure
from apps.translation.reader import LanguageVersion, language_version

ON_ROUTE, NOT_STARTED = "on_route", "not_started"


@dataclass(frozen=True)
class RouteCountRow:
    version: LanguageVersion
    on_route: Figure
    not_started: Figure


@dataclass(frozen=True)
class CountedRoute:
    """One consenting person's route, as planning needs it — nobody's name or address."""

    account_id: int
    answers: rules.Answers
    changes: Changes
    month: dt.date  # the month the route was started, in the region's time zone


@dataclass(frozen=True)
class BreakdownRow:
    month: dt.date
    figures: list[Figure]  # one per column
    total: Figure


@dataclass(frozen=True)
class RouteBreakdown:
    """For one procedure: people per month their route was started (rows) and district they
    gave (columns; "" for people who did not say, or the only column if the region lists no
    districts)."""

    version: LanguageVersion
    count: str  # ON_ROUTE or NOT_STARTED
    columns: list[str]
    rows: list[BreakdownRow]
    totals: list[Figure]  # per column, over all months
    total: Figure


def counted_routes(region) -> list[CountedRoute]:
    situations = list(UserType.objects.filter(region=region).values_list("slug", flat=True))
    zone = region.zone
    return [
        CountedRoute(
            plan.account_id,
            rules.Answers.from_values(plan.answers or {}, situations, region.districts),
            Changes.from_plan(plan),
            plan.created_at.astimezone(zone).date().replace(day=1),
        )
        for plan in RoutePlan.objects.filter(account__region=region, counted_for_planning=True)
    ]


def _started(routes: list[CountedRoute]) -> set[tuple[int, int]]:
    """(account, procedure) pairs where the person ticked at least one step."""
    return {
        (account_id, procedure_id)
        for account_id, procedure_id, ticks in ProcedureProgress.objects.filter(
            account_id__in=[route.account_id for route in routes]
        ).values_list("account_id", "procedure_id", "ticks")
        if any(tick.startswith("step:") for tick in ticks)
    }


def _counted(procedure: Procedure, routes, started, count: str) -> list[CountedRoute]:
    on_route = [r for r in routes if queries.on_route(procedure, r.answers, r.changes)]
    if count == NOT_STARTED:
        return [r for r in on_route if (r.account_id, procedure.pk) not in started]
    return on_route


class RoutePlanning:
    """The route figures of one region, read once for a reader of ``code``."""

    def __init__(self, region, code: str):
        self.region, self.code = region, code
        self.procedures = [
            (procedure, language_version(procedure, code))
            for procedure in published_procedures(region, code)
        ]
        self.procedures.sort(key=lambda pair: pair[1].texts["title"].casefold())
        self.routes = counted_routes(region)
        self.started = _started(self.routes)

    def counts(self) -> list[RouteCountRow]:
        """Per procedure: on how many routes, and on how many not started yet."""
        return [
            RouteCountRow(
                version,
                figure([len(_counted(procedure, self.routes, self.started, ON_ROUTE))]),
                figure([len(_counted(procedure, self.routes, self.started, NOT_STARTED))]),
            )
            for procedure, version in self.procedures
        ]

    def breakdown(
        self, procedure: Procedure, *, months: list[dt.date], count: str = NOT_STARTED
    ) -> RouteBreakdown:
        """``procedure`` (one of ``self.procedures``) per month in ``months`` and district."""
        wanted = set(months)
        routes = [route for route in self.routes if route.month in wanted]
        columns = [*self.region.districts, ""]
        cells = {(month, column): 0 for month in months for column in columns}
        for route in _counted(procedure, routes, self.started, count):
            cells[route.month, route.answers.district] += 1
        rows = [
            BreakdownRow(
                month,
                [figure([cells[month, column]]) for column in columns],
                figure([cells[month, column] for column in columns]),
            )
            for month in months
        ]
        return RouteBreakdown(
            version=language_version(procedure, self.code),
            count=count,
            columns=columns,
            rows=rows,
            totals=[figure([cells[month, column] for month in months]) for column in columns],
            total=figure(cells.values()),
        )
